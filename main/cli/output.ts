/** Where the command line writes; a parameter so tests capture it. */
export interface Output {
  out(line: string): void;
  err(line: string): void;
  /** A status line redrawn in place (undefined clears it); only where one can be drawn. */
  status?(text: string | undefined): void;
}

// Carriage return, then erase the line: the status is redrawn over itself.
const REDRAW = '\r\u001b[2K';

export const consoleOutput: Output = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  // On a terminal only: in a log or a pipe, a line per report would bury the summary.
  ...(process.stderr.isTTY ? { status: (text: string | undefined) => process.stderr.write(text === undefined ? REDRAW : `${REDRAW}${text.slice(0, (process.stderr.columns || 80) - 1)}`) } : {}),
};

/** Exit codes of the command line. */
export const EXIT = { done: 0, verifyFailed: 1, usage: 2, inputError: 3 } as const;

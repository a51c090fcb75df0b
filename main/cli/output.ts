/** Where the command line writes; a parameter so tests capture it. */
export interface Output {
  out(line: string): void;
  err(line: string): void;
}

export const consoleOutput: Output = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
};

/** Exit codes of the command line. */
export const EXIT = { done: 0, verifyFailed: 1, usage: 2, inputError: 3 } as const;

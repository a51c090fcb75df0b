/** The value with a leading apostrophe when a spreadsheet would otherwise read it as a formula. */
export function neutraliseFormula(value: string): string {
  return startsFormula(value) ? `'${value}` : value;
}

// A spreadsheet evaluates a cell that starts with = + - @, a tab or a carriage return (OWASP "CSV injection");
// inputs are hostile. Compared as character codes: findings.csv has ten million fields.
const EQUALS = 61;
const PLUS = 43;
const MINUS = 45;
const AT = 64;
const TAB = 9;
const CR = 13;

/** Whether a spreadsheet would read the value as a formula: `neutraliseFormula` then adds an apostrophe. */
export function startsFormula(value: string): boolean {
  const first = value.charCodeAt(0);
  return first === EQUALS || first === PLUS || first === MINUS || first === AT || first === TAB || first === CR;
}

const QUOTE = 34;
const COMMA = 44;
const LF = 10;

/** Whether a field must be quoted: it holds a comma, quote or line break. */
function needsQuotes(value: string): boolean {
  // A loop over character codes rather than a regular expression: findings.csv has ten million fields.
  for (let at = 0; at < value.length; at += 1) {
    const code = value.charCodeAt(at);
    if (code === QUOTE || code === COMMA || code === CR || code === LF) return true;
  }
  return false;
}

/** One RFC 4180 field: quoted when it holds a comma, quote or line break. */
export function csvField(value: string): string {
  const safe = neutraliseFormula(value);
  return needsQuotes(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** One CSV line terminated by `\n`. */
export function csvLine(values: readonly string[]): string {
  return `${values.map(csvField).join(',')}\n`;
}

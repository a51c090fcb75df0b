// A spreadsheet evaluates a cell that starts with one of these (OWASP "CSV injection"); inputs are hostile.
const FORMULA_TRIGGERS = new Set(['=', '+', '-', '@', '\t', '\r']);

/** The value with a leading apostrophe when a spreadsheet would otherwise read it as a formula. */
export function neutraliseFormula(value: string): string {
  return value.length > 0 && FORMULA_TRIGGERS.has(value[0] ?? '') ? `'${value}` : value;
}

const QUOTE = 34;
const COMMA = 44;
const CR = 13;
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

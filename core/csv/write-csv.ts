// A spreadsheet evaluates a cell that starts with one of these (OWASP "CSV injection"); inputs are hostile.
const FORMULA_TRIGGERS = new Set(['=', '+', '-', '@', '\t', '\r']);

/** The value with a leading apostrophe when a spreadsheet would otherwise read it as a formula. */
export function neutraliseFormula(value: string): string {
  return value.length > 0 && FORMULA_TRIGGERS.has(value[0] ?? '') ? `'${value}` : value;
}

/** One RFC 4180 field: quoted when it holds a comma, quote or line break. */
export function csvField(value: string): string {
  const safe = neutraliseFormula(value);
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** One CSV line terminated by `\n`. */
export function csvLine(values: readonly string[]): string {
  return `${values.map(csvField).join(',')}\n`;
}

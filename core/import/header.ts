// Header names are compared loosely: exports differ in case, spacing and punctuation of the same column.
const canonical = (name: string): string => name.normalize('NFKC').toLowerCase().replace(/[\s_\-.]/g, '');

/** A header name as loose matching compares it: case, spaces, `_`, `-` and `.` ignored. */
export const canonicalColumnName = canonical;

/** Index of the first column whose name matches one of the candidates (loosely), or -1. */
export function findColumn(header: readonly string[], candidates: readonly string[]): number {
  const wanted = candidates.map(canonical);
  for (const candidate of wanted) {
    const index = header.findIndex((name) => canonical(name) === candidate);
    if (index >= 0) return index;
  }
  return -1;
}

/** The first header name that occurs twice (compared loosely), if any. */
export function findDuplicateColumn(header: readonly string[]): string | undefined {
  const seen = new Set<string>();
  for (const name of header) {
    const key = canonical(name);
    if (key === '') continue;
    if (seen.has(key)) return name;
    seen.add(key);
  }
  return undefined;
}

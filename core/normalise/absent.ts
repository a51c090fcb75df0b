// Markers that exports use for "no value"; they must never become correlation keys.
const ABSENT_MARKERS = new Set(['', 'n/a', 'na', 'null', 'none', '-', 'no_information', 'not_supported', '<not supported>']);

// No marker is longer than this, so a longer value without surrounding spaces is returned as it is.
const LONGEST_MARKER = 15;

const isSpace = (code: number): boolean => code <= 32 || code === 160 || code === 0xfeff;

/** The trimmed value, or undefined when the cell is empty or an absent marker such as `N/A`. */
export function presentValue(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  // Called for every cell of a million-row file: skip trim and lower-casing in the common case.
  if (raw.length > LONGEST_MARKER && !isSpace(raw.charCodeAt(0)) && !isSpace(raw.charCodeAt(raw.length - 1))) return raw;
  const trimmed = raw.trim();
  return ABSENT_MARKERS.has(trimmed.toLowerCase()) ? undefined : trimmed;
}

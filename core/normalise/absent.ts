// Markers that exports use for "no value"; they must never become correlation keys.
const ABSENT_MARKERS = new Set(['', 'n/a', 'na', 'null', 'none', '-', 'no_information', 'not_supported', '<not supported>']);

// No marker is longer than this, so a longer value without surrounding spaces is returned as it is.
const LONGEST_MARKER = 15;

const isSpace = (code: number): boolean => code <= 32 || code === 160 || code === 0xfeff;

// The first characters of the markers, both cases: a short value starting with another character is no marker.
const MARKER_FIRST_CODES = new Set(
  [...ABSENT_MARKERS].filter((marker) => marker !== '').flatMap((marker) => [marker.toLowerCase().charCodeAt(0), marker.toUpperCase().charCodeAt(0)]),
);

/**
 * Whether a value of at most LONGEST_MARKER characters is present as it is: it starts with no marker's first
 * character, and both ends are printable ASCII, which `trim` never removes (other characters take the slow path).
 */
function isPlainShortValue(raw: string): boolean {
  if (raw.length === 0) return false;
  const first = raw.charCodeAt(0);
  const last = raw.charCodeAt(raw.length - 1);
  return first > 32 && first < 127 && last > 32 && last < 127 && !MARKER_FIRST_CODES.has(first);
}

/** The trimmed value, or undefined when the cell is empty or an absent marker such as `N/A`. */
export function presentValue(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  // Called for every cell of a million-row file: skip trim and lower-casing in the common case.
  if (raw.length > LONGEST_MARKER && !isSpace(raw.charCodeAt(0)) && !isSpace(raw.charCodeAt(raw.length - 1))) return raw;
  // Most cells are short (first names, `Member`, `True`): trimming and lower-casing each one allocated a string per cell.
  if (raw.length <= LONGEST_MARKER && isPlainShortValue(raw)) return raw;
  const trimmed = raw.trim();
  return ABSENT_MARKERS.has(trimmed.toLowerCase()) ? undefined : trimmed;
}

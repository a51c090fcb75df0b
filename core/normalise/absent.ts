// Markers that exports use for "no value"; they must never become correlation keys.
const ABSENT_MARKERS = new Set(['', 'n/a', 'na', 'null', 'none', '-', 'no_information', 'not_supported', '<not supported>']);

/** The trimmed value, or undefined when the cell is empty or an absent marker such as `N/A`. */
export function presentValue(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  const trimmed = raw.trim();
  return ABSENT_MARKERS.has(trimmed.toLowerCase()) ? undefined : trimmed;
}

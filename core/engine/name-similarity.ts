import { presentValue } from '../normalise/absent';

const PLAIN_NAME = /^[A-Za-z0-9]+(?: [A-Za-z0-9]+)*$/;

/** A person's name as compared by rule 5: no accents, no punctuation, lower case, single spaces. */
export function normaliseName(raw: string | undefined): string | undefined {
  const present = presentValue(raw);
  if (present === undefined) return undefined;
  // Most names are plain ASCII words: skip Unicode normalisation, a large share of a million-row run.
  if (PLAIN_NAME.test(present)) return present.toLowerCase();
  const folded = present
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
  return folded.length > 0 ? folded : undefined;
}

/** The name forms of a person: the display name, and given name + family name. */
export function nameForms(displayName: string | undefined, given: string | undefined, family: string | undefined): string[] {
  const display = normaliseName(displayName);
  // Called for every identity and account: no set, no list of parts, and most display names are given + family
  // already (checked on the text, without building it), so only the one form is normalised.
  const full = given === undefined || family === undefined ? undefined : isGivenThenFamily(displayName, given, family) ? display : normaliseName(`${given} ${family}`);
  if (display === undefined) return full === undefined ? [] : [full];
  return full === undefined || full === display ? [display] : [display, full];
}

/** Whether the text is exactly `given family`, with one space between. */
function isGivenThenFamily(text: string | undefined, given: string, family: string): boolean {
  return (
    text !== undefined &&
    text.length === given.length + 1 + family.length &&
    text.charCodeAt(given.length) === SPACE &&
    text.startsWith(given) &&
    text.endsWith(family)
  );
}

const SPACE = 32;

// Match flags, reused by every call: rule 5 compares millions of name pairs, and two fresh arrays per pair
// were most of its cost.
let aMatched = new Uint8Array(64);
let bMatched = new Uint8Array(64);

/** Jaro-Winkler similarity of two strings, 0 to 1 (prefix scale 0.1, prefix up to 4). */
export function jaroWinkler(a: string, b: string): number {
  if (a === b) return 1;
  if (a.length === 0 || b.length === 0) return 0;
  const window = Math.max(0, Math.floor(Math.max(a.length, b.length) / 2) - 1);
  if (aMatched.length < a.length) aMatched = new Uint8Array(a.length * 2);
  if (bMatched.length < b.length) bMatched = new Uint8Array(b.length * 2);
  aMatched.fill(0, 0, a.length);
  bMatched.fill(0, 0, b.length);
  let matches = 0;
  for (let i = 0; i < a.length; i += 1) {
    const start = Math.max(0, i - window);
    const end = Math.min(i + window + 1, b.length);
    for (let j = start; j < end; j += 1) {
      if (bMatched[j] || a[i] !== b[j]) continue;
      aMatched[i] = 1;
      bMatched[j] = 1;
      matches += 1;
      break;
    }
  }
  if (matches === 0) return 0;
  let transpositions = 0;
  let k = 0;
  for (let i = 0; i < a.length; i += 1) {
    if (!aMatched[i]) continue;
    while (!bMatched[k]) k += 1;
    if (a[i] !== b[k]) transpositions += 1;
    k += 1;
  }
  const jaro = (matches / a.length + matches / b.length + (matches - transpositions / 2) / matches) / 3;
  let prefix = 0;
  while (prefix < 4 && prefix < a.length && prefix < b.length && a[prefix] === b[prefix]) prefix += 1;
  return jaro + prefix * 0.1 * (1 - jaro);
}

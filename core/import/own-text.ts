// V8 copies a substring shorter than this; a longer one is a view that keeps the whole text it was cut from.
const VIEW_MIN_LENGTH = 13;

/**
 * The value as a string of its own. A cell the CSV parser cut from a 1 MB chunk of the file is a view into that
 * chunk, and one such cell kept by a record keeps the whole chunk: a million records keep the whole file, every
 * unused column included (280 MB for the bench's Entra users). `Array#join` writes the characters into a new
 * string; short values are copies already.
 */
export function ownText<T extends string | undefined>(value: T): T {
  if (value === undefined || value.length < VIEW_MIN_LENGTH) return value;
  return [value.charAt(0), value.slice(1)].join('') as T;
}

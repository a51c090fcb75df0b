/**
 * The text as one flat string. A template literal or `+` builds a tree of concatenations, one heap object per
 * piece, which V8 keeps as it is until the text is read whole; a million rows' reasons kept as trees cost a few
 * hundred bytes each and give the garbage collector millions of objects to trace. `Array#join` writes the
 * characters once into a new string; the tree becomes garbage.
 */
export function flatText(text: string): string {
  return text.length < 2 ? text : [text.charAt(0), text.slice(1)].join('');
}

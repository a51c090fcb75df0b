// Characters XML 1.0 does not allow at all (C0 controls other than tab, line feed and carriage return; U+FFFE/U+FFFF).
// A carriage return is allowed but a parser turns it into a line feed, so it is written as a character reference.
// oxlint-disable-next-line no-control-regex -- matching control characters is this module's job
const SPECIAL = /[&<>"\u0000-\u0008\u000b\u000c\u000d\u000e-\u001f\ufffe\uffff]/;
// oxlint-disable-next-line no-control-regex -- as above
const SPECIAL_ALL = /[&<>"\u0000-\u0008\u000b\u000c\u000d\u000e-\u001f\ufffe\uffff]/g;
const REPLACEMENT: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', '\r': '&#13;' };

/**
 * Text made safe for XML content or a double-quoted attribute: markup characters escaped, characters XML 1.0
 * forbids removed (an input value can hold any byte; the file must still open).
 */
export function xmlText(value: string): string {
  if (!SPECIAL.test(value)) return value;
  return value.replace(SPECIAL_ALL, (character) => REPLACEMENT[character] ?? '');
}

/**
 * Whether escaped text starts or ends with white space, which an XML parser drops unless the element says
 * `xml:space="preserve"`.
 */
export function keepsEdgeSpace(escaped: string): boolean {
  return escaped.charCodeAt(0) <= 32 || escaped.charCodeAt(escaped.length - 1) <= 32;
}

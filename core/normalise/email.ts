import { presentValue } from './absent';

// `jane_contoso.com#EXT#@tenant.onmicrosoft.com`: the guest's own address is encoded before `#EXT#`,
// with its last `_` standing for the `@`.
const GUEST_MARKER = '#ext#@';
// Pure ASCII needs no Unicode normalisation; skipping it keeps a million addresses fast.
const ASCII = /^[\x20-\x7e]*$/;

/** Trimmed, NFKC-normalised, lower-cased text, or undefined for absent values. */
export function foldCase(raw: string | undefined): string | undefined {
  const present = presentValue(raw);
  if (present === undefined) return undefined;
  return (ASCII.test(present) ? present : present.normalize('NFKC')).toLowerCase();
}

/**
 * The comparable form of an email address or UPN: trimmed, NFKC, lower-cased, guest UPNs resolved to the
 * guest's own address and (unless turned off) sub-addressing (`jane+tag@`) removed. Undefined when absent.
 */
export function normaliseEmail(raw: string | undefined, stripSubaddressing = true): string | undefined {
  let value = foldCase(raw);
  if (value === undefined) return undefined;
  const guest = value.indexOf(GUEST_MARKER);
  if (guest > 0) {
    const encoded = value.slice(0, guest);
    const underscore = encoded.lastIndexOf('_');
    if (underscore > 0) value = `${encoded.slice(0, underscore)}@${encoded.slice(underscore + 1)}`;
  }
  if (!stripSubaddressing) return value;
  const at = value.lastIndexOf('@');
  if (at <= 0) return value;
  const plus = value.indexOf('+');
  return plus > 0 && plus < at ? value.slice(0, plus) + value.slice(at) : value;
}

/** The part after the last `@`, or undefined when there is none. */
export function domainOf(address: string): string | undefined {
  const at = address.lastIndexOf('@');
  return at >= 0 && at < address.length - 1 ? address.slice(at + 1) : undefined;
}

import { presentValue } from './absent';

// `jane_contoso.com#EXT#@tenant.onmicrosoft.com`: the guest's own address is encoded before `#EXT#`,
// with its last `_` standing for the `@`.
const GUEST_UPN = /^(.+)#ext#@/;

/**
 * The comparable form of an email address or UPN: trimmed, NFKC, lower-cased, guest UPNs resolved to the
 * guest's own address and sub-addressing (`jane+tag@`) removed. Undefined for absent values.
 */
export function normaliseEmail(raw: string | undefined): string | undefined {
  const present = presentValue(raw);
  if (present === undefined) return undefined;
  let value = present.normalize('NFKC').toLowerCase();
  const guest = GUEST_UPN.exec(value);
  if (guest?.[1] !== undefined) {
    const encoded = guest[1];
    const at = encoded.lastIndexOf('_');
    if (at > 0) value = `${encoded.slice(0, at)}@${encoded.slice(at + 1)}`;
  }
  const at = value.lastIndexOf('@');
  if (at <= 0) return value;
  const local = value.slice(0, at);
  const plus = local.indexOf('+');
  return plus > 0 ? `${local.slice(0, plus)}${value.slice(at)}` : value;
}

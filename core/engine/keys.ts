import type { Identity } from '../model/identity';
import type { ReconciliationSettings } from '../model/settings';
import { presentValue } from '../normalise/absent';
import { domainOf, foldCase, normaliseEmail } from '../normalise/email';

/** Turns raw values into the keys the correlation rules compare, under one run's settings. */
export interface KeyMaker {
  /** Rule 3 key of an identity address (UPN, mail, other address). */
  identityAddress(raw: string | undefined): string | undefined;
  /** Rule 3 key of a target email or login: suffixes stripped, a bare login given the default domain. */
  accountAddress(raw: string | undefined): string | undefined;
  /** Rule 4 key: the rule 3 key with its domain replaced by the canonical domain of its alias group. */
  aliasKey(address: string | undefined): string | undefined;
  employeeId(raw: string | undefined): string | undefined;
  objectId(raw: string | undefined): string | undefined;
  /** The domain a login without one is given. */
  readonly defaultDomain: string | undefined;
}

/** The most common domain among the identities' UPNs (ties broken alphabetically), for bare logins. */
export function mostCommonUpnDomain(identities: readonly Identity[]): string | undefined {
  const counts = new Map<string, number>();
  for (const identity of identities) {
    const domain = domainOf(normaliseEmail(identity.upn) ?? '');
    if (domain !== undefined) counts.set(domain, (counts.get(domain) ?? 0) + 1);
  }
  let best: string | undefined;
  let bestCount = 0;
  for (const [domain, count] of counts) {
    if (count > bestCount || (count === bestCount && best !== undefined && domain < best)) {
      best = domain;
      bestCount = count;
    }
  }
  return best;
}

/** The key maker for a run; the default domain is the settings' or the identities' most common. */
export function buildKeyMaker(settings: ReconciliationSettings, identities: readonly Identity[]): KeyMaker {
  return keyMaker(settings, foldCase(settings.defaultDomain) ?? mostCommonUpnDomain(identities));
}

/** The key maker of a run whose default domain is known (`ReconciliationResult.defaultDomain`). */
export function keyMaker(settings: ReconciliationSettings, defaultDomain: string | undefined): KeyMaker {
  const { stripSubaddressing } = settings;
  const suffixes = settings.loginSuffixes.map((suffix) => suffix.toLowerCase()).filter((suffix) => suffix.length > 0);
  const canonicalDomain = new Map<string, string>();
  for (const group of settings.domainAliases) {
    const domains = group.map((domain) => domain.trim().toLowerCase()).filter(Boolean);
    const canonical = domains.toSorted()[0];
    if (canonical === undefined) continue;
    for (const domain of domains) canonicalDomain.set(domain, canonical);
  }

  const stripSuffix = (value: string): string => {
    for (const suffix of suffixes) if (value.endsWith(suffix)) return value.slice(0, -suffix.length);
    return value;
  };

  return {
    defaultDomain,
    identityAddress: (raw) => normaliseEmail(raw, stripSubaddressing),
    accountAddress(raw) {
      const address = normaliseEmail(raw, stripSubaddressing);
      if (address === undefined) return undefined;
      const stripped = stripSuffix(address);
      if (stripped.includes('@')) return stripped;
      return defaultDomain === undefined ? undefined : `${stripped}@${defaultDomain}`;
    },
    aliasKey(address) {
      if (address === undefined) return undefined;
      const at = address.lastIndexOf('@');
      if (at <= 0) return undefined;
      const domain = address.slice(at + 1);
      return `${address.slice(0, at)}@${canonicalDomain.get(domain) ?? domain}`;
    },
    employeeId(raw) {
      const value = foldCase(raw);
      if (value === undefined) return undefined;
      const trimmed = value.replace(/^0+(?=.)/, '');
      return trimmed;
    },
    objectId: (raw) => presentValue(raw)?.toLowerCase(),
  };
}

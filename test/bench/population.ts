/**
 * The benchmark population, one CSV row at a time. Every row is a pure function of (seed, row number), so
 * a million rows are never held in memory and the account side can recompute the identity it refers to.
 */
import { COMMON_SURNAMES, DEPARTMENTS, FIRST_NAMES, GUEST_DOMAINS, JOB_TITLES, OFFICES, SERVICE_NAMES, SURNAME_SYLLABLES, TAGS } from './names';
import { chance, integer, mix32, pick, rowRandom, type Random } from './random';

/** The instant the audit judges dates against; login dates are generated relative to it. */
export const AS_OF = '2026-11-22';
const AS_OF_MS = Date.parse(`${AS_OF}T00:00:00Z`);
const DAY_MS = 86_400_000;
const TENANT_DOMAIN = 'contoso.com';
const TENANT_INITIAL_DOMAIN = 'contoso.onmicrosoft.com';

const STREAM = { person: 1, identity: 2, account: 3 } as const;

export const ENTRA_HEADER =
  'userPrincipalName,displayName,surname,mail,givenName,id,userType,jobTitle,department,accountEnabled,usageLocation,streetAddress,state,country,officeLocation,city,postalCode,telephoneNumber,mobilePhone,alternateEmailAddress,ageGroup,consentProvidedForMinor,legalAgeGroupClassification,companyName,creationType,directorySynced,invitationState,identityIssuer,createdDateTime';
export const ACCOUNTS_HEADER = 'id,username,email,name,active,last_login,created';

/** The parts of an identity that its accounts are derived from. */
export interface Person {
  readonly givenName: string;
  readonly surname: string;
  readonly displayName: string;
  /** Unique across the population: the row number is part of it. */
  readonly local: string;
  readonly upn: string;
  readonly mail: string;
  readonly guest: boolean;
}

export function personAt(seed: number, row: number): Person {
  const random = rowRandom(seed, STREAM.person, row);
  const givenName = pick(random, FIRST_NAMES);
  const surname = chance(random, 0.6) ? pick(random, COMMON_SURNAMES) : syllableSurname(random);
  const local = `${givenName}.${surname}${row}`.toLowerCase();
  const displayName = `${givenName} ${surname}`;
  if (chance(random, 0.005)) {
    // B2B guests: Entra rewrites the invitee's address into a #EXT# UPN in the tenant's initial domain.
    const domain = pick(random, GUEST_DOMAINS);
    return { givenName, surname, displayName, local, upn: `${local}_${domain}#EXT#@${TENANT_INITIAL_DOMAIN}`, mail: `${local}@${domain}`, guest: true };
  }
  const upn = `${local}@${TENANT_DOMAIN}`;
  const mail = chance(random, 0.01) ? '' : chance(random, 0.15) ? `${givenName}.${surname}${row}@${TENANT_DOMAIN}` : upn;
  return { givenName, surname, displayName, local, upn, mail, guest: false };
}

/** One row of the Entra "Download users" CSV. */
export function identityRow(seed: number, row: number): string {
  const person = personAt(seed, row);
  const random = rowRandom(seed, STREAM.identity, row);
  const office = !person.guest && chance(random, 0.7) ? pick(random, OFFICES) : undefined;
  return csvLine([
    person.upn,
    person.displayName,
    person.surname,
    person.mail,
    person.givenName,
    guid(random, seed, row),
    person.guest ? 'Guest' : 'Member',
    person.guest ? '' : pick(random, JOB_TITLES),
    person.guest ? '' : pick(random, DEPARTMENTS),
    chance(random, 0.08) ? 'False' : 'True',
    office?.usageLocation ?? '',
    office?.streetAddress ?? '',
    office?.state ?? '',
    office?.country ?? '',
    office?.officeLocation ?? '',
    office?.city ?? '',
    office?.postalCode ?? '',
    phone(random),
    phone(random),
    '',
    '',
    '',
    '',
    person.guest ? '' : 'Contoso',
    person.guest ? 'Invitation' : '',
    !person.guest && chance(random, 0.7) ? 'True' : '',
    person.guest ? (chance(random, 0.9) ? 'Accepted' : 'PendingAcceptance') : '',
    person.guest ? 'ExternalAzureAD' : TENANT_INITIAL_DOMAIN,
    entraDateTime(dateBetween(random, Date.UTC(2015, 0, 1), AS_OF_MS - 30 * DAY_MS)),
  ]);
}

/**
 * Which account comes from what. Accounts are numbered by kind (matched, then duplicates, then orphans);
 * `covered[k]` is the identity of the k-th matched account and `order[position]` the account written at
 * that position, so the file is not aligned with the identities.
 */
export interface AccountPlan {
  readonly matched: number;
  readonly duplicates: number;
  readonly orphans: number;
  readonly covered: Uint32Array;
  readonly order: Uint32Array;
}

export interface AccountRow {
  readonly line: string;
  /** Whether lower(trim(email)) equals the identity's lower-cased UPN: what DuckDB's plain join should count. */
  readonly joinsOnUpn: boolean;
  readonly loginOnly: boolean;
}

export function accountRow(seed: number, plan: AccountPlan, position: number): AccountRow {
  const slot = plan.order[position]!;
  const random = rowRandom(seed, STREAM.account, slot);
  const id = String(1_000_001 + position);
  const lifecycle = activity(random);
  if (slot < plan.matched) {
    const person = personAt(seed, plan.covered[slot]!);
    if (!person.guest && chance(random, 0.03)) {
      // Exported with the login only; the audit has to supply the tenant's domain itself.
      return { line: csvLine([id, person.local, '', person.displayName, ...lifecycle]), joinsOnUpn: false, loginOnly: true };
    }
    const email = messyAddress(random, person.mail || person.upn);
    return account(id, username(random, person, slot), email, person.displayName, lifecycle, person);
  }
  if (slot < plan.matched + plan.duplicates) {
    // A second account for someone who already has one: an admin twin or a re-created login.
    const person = personAt(seed, plan.covered[integer(random, plan.matched)]!);
    const address = person.mail || person.upn;
    const email = chance(random, 0.6) ? withTag(address, chance(random, 0.5) ? 'admin' : '2') : messyAddress(random, address);
    return account(id, `${person.local}-${chance(random, 0.5) ? 'admin' : 'old'}`, email, person.displayName, lifecycle, person);
  }
  const number = slot - plan.matched - plan.duplicates;
  if (chance(random, 0.1)) {
    const name = `svc-${pick(random, SERVICE_NAMES)}-${number}`;
    return account(id, name, chance(random, 0.5) ? `${name}@${TENANT_DOMAIN}` : '', name, lifecycle, undefined);
  }
  // Leavers and outsiders: the ".x" keeps their addresses apart from every identity's.
  const givenName = pick(random, FIRST_NAMES);
  const surname = chance(random, 0.6) ? pick(random, COMMON_SURNAMES) : syllableSurname(random);
  const local = `${givenName}.${surname}.x${number}`.toLowerCase();
  const domain = chance(random, 0.75) ? TENANT_DOMAIN : pick(random, ['contoso-legacy.com', 'contractor.example', 'gmail.com']);
  return account(id, local, messyAddress(random, `${local}@${domain}`), `${givenName} ${surname}`, lifecycle, undefined);
}

function account(id: string, login: string, email: string, name: string, lifecycle: readonly string[], person: Person | undefined): AccountRow {
  const joinsOnUpn = person !== undefined && email.trim().toLowerCase() === person.upn.toLowerCase();
  return { line: csvLine([id, login, email, name, ...lifecycle]), joinsOnUpn, loginOnly: false };
}

function username(random: Random, person: Person, slot: number): string {
  const roll = random();
  if (roll < 0.5) return person.local;
  if (roll < 0.85) return `${person.givenName[0]}${person.surname}${slot}`.toLowerCase();
  return `u${slot}`;
}

/** An address the way application dumps hold them: odd capitals, stray spaces, sub-addressing. */
function messyAddress(random: Random, address: string): string {
  let text = address;
  const roll = random();
  if (roll < 0.3) text = text.replaceAll(/(^|[.@])([a-z])/g, (_, separator: string, letter: string) => separator + letter.toUpperCase());
  else if (roll < 0.38) text = text.toUpperCase();
  else if (roll < 0.45) text = text.replace(/^[^@]+/, (local) => local.toUpperCase());
  if (chance(random, 0.03)) text = withTag(text, pick(random, TAGS));
  if (chance(random, 0.04)) text = pick(random, [` ${text}`, `${text} `, `  ${text} `]);
  return text;
}

function withTag(address: string, tag: string): string {
  const at = address.lastIndexOf('@');
  return `${address.slice(0, at)}+${tag}${address.slice(at)}`;
}

/** active, last_login, created. */
function activity(random: Random): string[] {
  const active = chance(random, 0.92) ? 'true' : 'false';
  // Most accounts are in use; a quarter spread over two years give the audit a realistic share of stale ones.
  const daysAgo = chance(random, 0.75) ? random() * 60 : random() * 720;
  const lastLogin = chance(random, 0.06) ? undefined : AS_OF_MS - Math.floor(daysAgo * 86_400) * 1000;
  const created = dateBetween(random, Date.UTC(2016, 0, 1), lastLogin ?? AS_OF_MS - DAY_MS);
  return [active, lastLogin === undefined ? '' : isoInstant(lastLogin), isoInstant(created)];
}

function syllableSurname(random: Random): string {
  const parts = 2 + integer(random, 2);
  let name = '';
  for (let part = 0; part < parts; part += 1) name += pick(random, SURNAME_SYLLABLES);
  return name[0]!.toUpperCase() + name.slice(1);
}

/** GUID-shaped (version 4 layout); the first group is a bijection of the row, so ids never collide. */
function guid(random: Random, seed: number, row: number): string {
  const [a, b, c] = [hexWord(random), hexWord(random), hexWord(random)];
  const first = mix32((row ^ seed) >>> 0).toString(16).padStart(8, '0');
  return `${first}-${a.slice(0, 4)}-4${a.slice(5)}-${'89ab'[integer(random, 4)]}${b.slice(0, 3)}-${b.slice(3, 8)}${c.slice(0, 7)}`;
}

function hexWord(random: Random): string {
  return Math.floor(random() * 4_294_967_296).toString(16).padStart(8, '0');
}

function phone(random: Random): string {
  return chance(random, 0.35) ? `+1 425 555 ${String(integer(random, 10_000)).padStart(4, '0')}` : '';
}

function dateBetween(random: Random, fromMs: number, toMs: number): number {
  return fromMs + Math.floor(random() * Math.max(0, toMs - fromMs) / 1000) * 1000;
}

/** Entra's export format: `8/19/2021 1:25:31 PM` (UTC). */
function entraDateTime(ms: number): string {
  const date = new Date(ms);
  const hours = date.getUTCHours();
  const time = `${hours % 12 || 12}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())} ${hours < 12 ? 'AM' : 'PM'}`;
  return `${date.getUTCMonth() + 1}/${date.getUTCDate()}/${date.getUTCFullYear()} ${time}`;
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}

function isoInstant(ms: number): string {
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}

function csvLine(cells: readonly string[]): string {
  return cells.map((cell) => (/[",\r\n]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell)).join(',');
}

import { describe, expect, it } from 'vitest';
import { correlationExplainer } from '@core/engine/correlate';
import { keyMaker } from '@core/engine/keys';
import { reconcile, type ReconciliationResult } from '@core/engine/reconcile';
import type { Account } from '@core/model/account';
import type { Identity } from '@core/model/identity';
import type { ManualLink } from '@core/model/manual-link';
import { anAccount, anIdentity, anInput, someSettings } from '../../../support/builders';

const rowOf = (result: ReconciliationResult, accountId: string) => [...result.rows].find((row) => row.account?.accountId === accountId);

function correlate(identities: Identity[], account: Account, overrides: Parameters<typeof anInput>[0] = {}) {
  const row = rowOf(reconcile(anInput({ identities, accounts: [account], ...overrides })), account.accountId);
  return {
    situation: row?.situation,
    rule: row?.correlation?.rule,
    confidence: row?.correlation?.confidence,
    proposal: row?.correlation?.proposal,
    identities: row?.identities.map((identity) => identity.id),
  };
}

const ada = anIdentity({ id: 'ID-ADA', upn: 'ada@contoso.com', mail: 'ada.lovelace@contoso.com', employeeId: '00123', displayName: 'Ada Lovelace', givenName: 'Ada', surname: 'Lovelace' });
const grace = anIdentity({ id: 'ID-GRACE', upn: 'grace@contoso.com', employeeId: '456', displayName: 'Grace Hopper' });
const guest = anIdentity({ id: 'ID-GUEST', upn: 'jane_fabrikam.com#EXT#@contoso.onmicrosoft.com', userType: 'Guest', displayName: 'Jane Guest' });
const everyone = [ada, grace, guest];

describe('correlation rules, in order', () => {
  it.each([
    ['rule 1: object id column equals the identity id (any case)', anAccount({ accountId: 'a', objectId: 'id-ada', email: 'grace@contoso.com' }), 'object_id', 1, ['ID-ADA']],
    ['rule 2: employee id, leading zeros ignored', anAccount({ accountId: 'a', employeeId: '123', email: 'grace@contoso.com' }), 'employee_id', 0.99, ['ID-ADA']],
    ['rule 2: employee id with more leading zeros on the account', anAccount({ accountId: 'a', employeeId: '000456' }), 'employee_id', 0.99, ['ID-GRACE']],
    ['rule 3: email equals UPN', anAccount({ accountId: 'a', email: ' ADA@Contoso.com ' }), 'email', 0.95, ['ID-ADA']],
    ['rule 3: email equals mail', anAccount({ accountId: 'a', email: 'ada.lovelace@contoso.com' }), 'email', 0.95, ['ID-ADA']],
    ['rule 3: sub-addressing stripped', anAccount({ accountId: 'a', email: 'grace+jira@contoso.com' }), 'email', 0.95, ['ID-GRACE']],
    ['rule 3: a guest #EXT# UPN read as the guest address', anAccount({ accountId: 'a', email: 'jane@fabrikam.com' }), 'email', 0.95, ['ID-GUEST']],
    ['rule 3: a login without domain takes the most common UPN domain', anAccount({ accountId: 'a', login: 'grace' }), 'email', 0.95, ['ID-GRACE']],
  ] as const)('%s', (_name, account, rule, confidence, identities) => {
    expect(correlate(everyone, account)).toMatchObject({ situation: 'MATCHED', rule, confidence, identities });
  });

  it('takes a login that gives the email\'s key as the email: one candidate each, explained by the email', () => {
    const account = anAccount({ accountId: 'a', email: 'Ada.Lovelace@contoso.com', login: 'ada.lovelace' });
    expect(correlate(everyone, account)).toMatchObject({ situation: 'MATCHED', rule: 'email', identities: ['ID-ADA'] });
    const result = reconcile(anInput({ identities: everyone, accounts: [account] }));
    expect(result.rows.at(0)?.correlation?.reason).toBe('account email matches identity mail');
    // Two identities with that address: each is a candidate once, though both account fields found them.
    const twin = anIdentity({ id: 'ID-TWIN', upn: 'twin@contoso.com', mail: 'ada.lovelace@contoso.com' });
    expect(correlate([...everyone, twin], account)).toMatchObject({ situation: 'AMBIGUOUS', rule: 'email', identities: ['ID-ADA', 'ID-TWIN'] });
  });

  it('lets the first rule with a candidate decide, even when a later rule would find another', () => {
    const account = anAccount({ accountId: 'a', employeeId: '456', email: 'ada@contoso.com' });
    expect(correlate(everyone, account)).toMatchObject({ rule: 'employee_id', identities: ['ID-GRACE'] });
  });

  it('uses the default domain from the settings for bare logins', () => {
    const settings = someSettings({ defaultDomain: 'fabrikam.com' });
    const other = anIdentity({ id: 'ID-X', upn: 'grace@fabrikam.com' });
    expect(correlate([grace, other], anAccount({ accountId: 'a', login: 'grace' }), { settings })).toMatchObject({ identities: ['ID-X'] });
  });

  it('strips configured login suffixes (Salesforce sandboxes)', () => {
    const settings = someSettings({ loginSuffixes: ['.uat'] });
    expect(correlate(everyone, anAccount({ accountId: 'a', login: 'ada@contoso.com.uat' }), { settings })).toMatchObject({ rule: 'email', identities: ['ID-ADA'] });
  });

  it('keeps sub-addresses when told to', () => {
    const settings = someSettings({ stripSubaddressing: false });
    expect(correlate(everyone, anAccount({ accountId: 'a', email: 'grace+jira@contoso.com', displayName: 'Nobody' }), { settings })).toMatchObject({ situation: 'ORPHAN' });
  });

  it('rule 4: same local part under the domain alias map', () => {
    const settings = someSettings({ domainAliases: [['contoso.com', 'contoso.onmicrosoft.com']] });
    const account = anAccount({ accountId: 'a', email: 'grace@contoso.onmicrosoft.com' });
    expect(correlate(everyone, account, { settings })).toMatchObject({ situation: 'MATCHED', rule: 'alias', confidence: 0.9, identities: ['ID-GRACE'] });
    expect(correlate(everyone, account)).toMatchObject({ situation: 'ORPHAN' });
  });

  it('rule 5: one similar name is a proposal at similarity × 0.8', () => {
    const result = correlate(everyone, anAccount({ accountId: 'a', email: 'a.lovelace@old-domain.com', displayName: 'Ada Lovelance' }));
    expect(result).toMatchObject({ situation: 'MATCHED', rule: 'name', proposal: true, identities: ['ID-ADA'] });
    expect(result.confidence).toBeGreaterThanOrEqual(0.92 * 0.8);
    expect(result.confidence).toBeLessThan(0.8);
  });

  it('rule 5: two identities with the same name propose nothing', () => {
    const twin = anIdentity({ id: 'ID-ADA2', upn: 'ada2@contoso.com', displayName: 'Ada Lovelace' });
    expect(correlate([ada, twin], anAccount({ accountId: 'a', displayName: 'Ada Lovelace' }))).toMatchObject({ situation: 'ORPHAN', identities: [] });
  });

  it('rule 5: a dissimilar name is an orphan', () => {
    expect(correlate(everyone, anAccount({ accountId: 'a', displayName: 'Alan Turing' }))).toMatchObject({ situation: 'ORPHAN' });
  });

  it('never uses an absent marker as a key', () => {
    const noMail = anIdentity({ id: 'ID-N', upn: 'n@contoso.com', mail: 'N/A', employeeId: 'N/A' });
    expect(correlate([noMail], anAccount({ accountId: 'a', email: 'N/A', employeeId: 'n/a' }))).toMatchObject({ situation: 'ORPHAN' });
  });
});

describe('a key match explains itself', () => {
  const aliases = someSettings({ domainAliases: [['contoso.com', 'contoso.onmicrosoft.com']] });
  // Rule 4 only finds what rule 3 misses: an identity known by the other domain of the alias group.
  const alan = anIdentity({ id: 'ID-ALAN', upn: 'alan@contoso.onmicrosoft.com', displayName: 'Alan Turing' });
  it.each([
    ['rule 1', anAccount({ accountId: 'a', objectId: ' ID-Ada ' }), someSettings(), 'account object id column matches identity id (id-ada)'],
    ['rule 2, leading zeros gone', anAccount({ accountId: 'a', employeeId: '000456' }), someSettings(), 'account employee id matches identity employeeId (456)'],
    ['rule 3, the UPN', anAccount({ accountId: 'a', email: ' ADA@Contoso.com ' }), someSettings(), 'account email matches identity userPrincipalName (ada@contoso.com)'],
    ['rule 3, the mail', anAccount({ accountId: 'a', email: 'Ada.Lovelace@contoso.com' }), someSettings(), 'account email matches identity mail (ada.lovelace@contoso.com)'],
    ['rule 3, a bare login given the default domain', anAccount({ accountId: 'a', login: 'Grace' }), someSettings(), 'account login matches identity userPrincipalName (grace@contoso.com)'],
    ['rule 3, a sub-address and a sandbox suffix stripped', anAccount({ accountId: 'a', login: 'grace+x@contoso.com.uat' }), someSettings({ loginSuffixes: ['.uat'] }), 'account login matches identity userPrincipalName (grace@contoso.com)'],
    ['rule 4, the key under the canonical domain', anAccount({ accountId: 'a', email: 'Alan@Contoso.com' }), aliases, 'account email matches identity userPrincipalName (alan@contoso.com)'],
  ] as const)('%s', (_name, account, settings, explained) => {
    const result = reconcile(anInput({ identities: [...everyone, alan], accounts: [account], settings }));
    const correlation = result.rows.at(0)?.correlation;
    expect(correlation?.keyField).toBeDefined();
    // The row keeps the fields only; the explainer makes the key again as the rule made it.
    expect(correlation?.reason).toBe(explained.slice(0, explained.indexOf(' (')));
    const explain = correlationExplainer(keyMaker(result.settings, result.defaultDomain));
    expect(explain(correlation!, result.rows.at(0)?.account)).toBe(explained);
  });

  it('shares one correlation between matches through the same two fields', () => {
    const accounts = [anAccount({ accountId: 'a', email: 'ada@contoso.com' }), anAccount({ accountId: 'b', email: 'grace@contoso.com' }), anAccount({ accountId: 'c', login: 'grace@contoso.com' })];
    const [a, b, c] = reconcile(anInput({ identities: everyone, accounts })).rows;
    expect(a?.correlation).toBe(b?.correlation);
    expect(c?.correlation).not.toBe(a?.correlation);
  });

  it('shows any other correlation by its own reason', () => {
    const result = reconcile(anInput({ identities: everyone, accounts: [anAccount({ accountId: 'a', displayName: 'Ada Lovelance' })] }));
    const correlation = result.rows.at(0)!.correlation!;
    expect(correlation.rule).toBe('name');
    expect(correlationExplainer(keyMaker(result.settings, result.defaultDomain))(correlation, result.rows.at(0)!.account)).toBe(correlation.reason);
  });
});

describe('situations', () => {
  it('AMBIGUOUS lists every candidate of the deciding rule, in id order', () => {
    const b = anIdentity({ id: 'B', upn: 'shared@contoso.com' });
    const a = anIdentity({ id: 'A', upn: 'other@contoso.com', mail: 'shared@contoso.com' });
    expect(correlate([b, a], anAccount({ accountId: 'x', email: 'shared@contoso.com' }))).toMatchObject({ situation: 'AMBIGUOUS', rule: 'email', identities: ['A', 'B'] });
  });

  it('ORPHAN when nothing correlates', () => {
    expect(correlate(everyone, anAccount({ accountId: 'x', email: 'mallory@evil.example' }))).toMatchObject({ situation: 'ORPHAN', rule: undefined, identities: [] });
  });
});

const link = (action: 'link' | 'unlink', identityId: string, at: string): ManualLink => ({ accountId: 'x', identityId, action, justification: 'checked with HR', by: 'auditor', at });

// Identities named `given` + a surname of their own, or the reverse: a crowd sharing one name token.
const crowd = (count: number, name: (n: number) => Pick<Identity, 'givenName' | 'surname'>): Identity[] =>
  Array.from({ length: count }, (_, n) => {
    const { givenName, surname } = name(n);
    return anIdentity({ id: `ID-CROWD-${givenName}-${surname}`, upn: `crowd${n}.${givenName}.${surname}@contoso.com`, displayName: `${givenName} ${surname}`, givenName, surname });
  });
const johns = (count: number): Identity[] => crowd(count, (n) => ({ givenName: 'John', surname: `Crowd${n}` }));
const smiths = (count: number): Identity[] => crowd(count, (n) => ({ givenName: `Crowd${n}`, surname: 'Smith' }));
const named = (id: string, displayName: string): Identity => anIdentity({ id, upn: `${id.toLowerCase()}@contoso.com`, displayName });
const unlinked = (...ids: string[]): ManualLink[] => ids.map((id) => link('unlink', id, '2026-11-01T10:00:00Z'));

describe('rule 5, the name rule', () => {
  // 100 identities share the token "john"; the misspelt "lovelase" is known to none.
  it('compares the identities sharing the rarest token, up to 100 of them', () => {
    const identities = [...johns(99), named('ID-JL', 'John Lovelace')];
    expect(correlate(identities, anAccount({ accountId: 'a', displayName: 'John Lovelase' }))).toMatchObject({ situation: 'MATCHED', rule: 'name', identities: ['ID-JL'] });
  });

  it('compares none when the rarest token is shared by more than 100', () => {
    const identities = [...johns(100), named('ID-JL', 'John Lovelace')];
    expect(correlate(identities, anAccount({ accountId: 'a', displayName: 'John Lovelase' }))).toMatchObject({ situation: 'ORPHAN' });
  });

  it('finds an identity whose every token is too common by its exact name', () => {
    const identities = [...johns(101), ...smiths(101), named('ID-JS', 'John Smith')];
    expect(correlate(identities, anAccount({ accountId: 'a', displayName: 'John Smith' }))).toMatchObject({ situation: 'MATCHED', rule: 'name', confidence: 0.8, identities: ['ID-JS'] });
  });

  it('leaves out the identities a reviewer unlinked, however many share the exact name', () => {
    // Loaded in the reverse of their id order: rule 5 still meets them in id order.
    const identities = [...johns(101), ...smiths(101), named('ID-JS3', 'John Smith'), named('ID-JS2', 'John Smith'), named('ID-JS1', 'John Smith')];
    const account = anAccount({ accountId: 'x', displayName: 'John Smith' });
    expect(correlate(identities, account, { links: unlinked('ID-JS1', 'ID-JS2') })).toMatchObject({ situation: 'MATCHED', rule: 'name', identities: ['ID-JS3'] });
    expect(correlate(identities, account, { links: unlinked('ID-JS1') })).toMatchObject({ situation: 'ORPHAN' });
  });

  it('leaves out every copy of an unlinked id an export lists twice, and still sees the two others', () => {
    const identities = [...johns(101), ...smiths(101), named('ID-JS1', 'John Smith'), named('ID-JS1', 'John Smith'), named('ID-JS2', 'John Smith'), named('ID-JS3', 'John Smith')];
    expect(correlate(identities, anAccount({ accountId: 'x', displayName: 'John Smith' }), { links: unlinked('ID-JS1') })).toMatchObject({ situation: 'ORPHAN' });
  });

  it('decides each account sharing a name form, with its own unlinks', () => {
    const accounts = ['x', 'y', 'z'].map((accountId) => anAccount({ accountId, displayName: 'Ada Lovelance' }));
    const result = reconcile(anInput({ identities: everyone, accounts, links: unlinked('ID-ADA') }));
    expect(['x', 'y', 'z'].map((accountId) => rowOf(result, accountId)?.situation)).toEqual(['ORPHAN', 'MATCHED', 'MATCHED']);
    expect(rowOf(result, 'z')?.correlation?.reason).toBe(rowOf(result, 'y')?.correlation?.reason);
  });
});

describe('progress', () => {
  it('reports the identities rule 5 indexes, between the accounts settled before it and after it', () => {
    // 100,000 identities and 100,001 accounts: 100,000 settled by email, one left for the name rule.
    const identities = Array.from({ length: 100_000 }, (_, n) => anIdentity({ id: `ID-${n}`, upn: `user${n}@contoso.com`, displayName: `User Number${n}` }));
    const accounts = [...identities.map((identity, n) => anAccount({ accountId: `a${n}`, email: identity.upn })), anAccount({ accountId: 'z', displayName: 'User Number7' })];
    const reports: string[] = [];
    const result = reconcile(anInput({ identities, accounts }), (phase, done, total) => (phase === 'match' || phase === 'names') && reports.push(`${phase} ${done}/${total}`));
    expect(reports).toEqual(['match 50000/100001', 'match 100000/100001', 'names 50000/100000', 'names 100000/100000', 'match 100001/100001']);
    expect(rowOf(result, 'z')).toMatchObject({ situation: 'MATCHED', correlation: { rule: 'name' }, identities: [{ id: 'ID-7' }] });
  });

  it('reports from the start: the sorts, then each key index as the first account with its key needs it', () => {
    // 100,000 identities and 100,001 accounts: 100,000 settled by email, the last (by id) by employee id alone.
    const identities = Array.from({ length: 100_000 }, (_, n) => anIdentity({ id: `ID-${n}`, upn: `user${n}@contoso.com`, employeeId: `${n}` }));
    const accounts = [...identities.map((identity, n) => anAccount({ accountId: `a${n}`, email: identity.upn })), anAccount({ accountId: 'z', employeeId: '7' })];
    const reports: string[] = [];
    const result = reconcile(anInput({ identities, accounts }), (phase, done, total) => reports.push(`${phase} ${done}/${total}`));
    expect(reports).toEqual([
      'sort 0/200001',
      'sort 100000/200001',
      'sort 200001/200001',
      'keys 50000/100000',
      'keys 100000/100000',
      'match 50000/100001',
      'match 100000/100001',
      'keys 50000/100000',
      'keys 100000/100000',
      'match 100001/100001',
      'classify 50000/100001',
      'classify 100000/100001',
      'classify 100001/100001',
    ]);
    expect(rowOf(result, 'z')).toMatchObject({ situation: 'MATCHED', correlation: { rule: 'employee_id' }, identities: [{ id: 'ID-7' }] });
  });
});

describe('manual links', () => {
  it('a link overrides every rule, with the justification in the reason', () => {
    const result = reconcile(anInput({ identities: everyone, accounts: [anAccount({ accountId: 'x', email: 'ada@contoso.com' })], links: [link('link', 'ID-GRACE', '2026-11-01T10:00:00Z')] }));
    expect(result.rows.at(0)).toMatchObject({ situation: 'MATCHED', identities: [{ id: 'ID-GRACE' }], correlation: { rule: 'manual', confidence: 1 } });
    expect(result.rows.at(0)?.correlation?.reason).toContain('checked with HR');
  });

  it('an unlink removes a wrong match, and the rules go on without it', () => {
    const result = reconcile(anInput({ identities: everyone, accounts: [anAccount({ accountId: 'x', email: 'ada@contoso.com' })], links: [link('unlink', 'ID-ADA', '2026-11-01T10:00:00Z')] }));
    expect(result.rows.at(0)).toMatchObject({ situation: 'ORPHAN' });
  });

  it('applies links in the order they were made', () => {
    const links = [link('unlink', 'ID-GRACE', '2026-11-02T10:00:00Z'), link('link', 'ID-GRACE', '2026-11-01T10:00:00Z')];
    const result = reconcile(anInput({ identities: everyone, accounts: [anAccount({ accountId: 'x', email: 'nobody@x.com' })], links }));
    expect(result.rows.at(0)).toMatchObject({ situation: 'ORPHAN' });
  });
});

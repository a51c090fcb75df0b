import { describe, expect, it } from 'vitest';
import { countSituations } from '@core/model/reconciliation';
import { correlateByEmail } from '@core/reconcile/correlate-by-email';
import { FINDINGS_CSV_HEADER, writeFindingsCsv } from '@core/reconcile/findings-csv';
import { anAccount, anIdentity } from '../../support/builders';

const ada = anIdentity({ id: 'id-ada', upn: 'ada@contoso.com', mail: 'ada.lovelace@contoso.com' });
const grace = anIdentity({ id: 'id-grace', upn: 'grace@contoso.com' });
const guest = anIdentity({ id: 'id-guest', upn: 'jane_fabrikam.com#EXT#@contoso.onmicrosoft.com' });

describe('correlateByEmail', () => {
  it('matches on UPN or mail after normalisation', () => {
    const rows = correlateByEmail(
      [ada, grace, guest],
      [
        anAccount({ accountId: '1', email: 'ADA.Lovelace@contoso.com' }),
        anAccount({ accountId: '2', login: 'grace+x@contoso.com' }),
        anAccount({ accountId: '3', email: 'jane@fabrikam.com' }),
      ],
    );
    expect(rows.map((row) => [row.situation, row.identities[0]?.id, row.rule, row.confidence])).toEqual([
      ['MATCHED', 'id-ada', 'email', 0.95],
      ['MATCHED', 'id-grace', 'email', 0.95],
      ['MATCHED', 'id-guest', 'email', 0.95],
    ]);
  });

  it('calls an account without a correlating identity an orphan', () => {
    const [row] = correlateByEmail([ada], [anAccount({ accountId: '9', email: 'mallory@contoso.com' })]);
    expect(row).toMatchObject({ situation: 'ORPHAN', identities: [], rule: undefined, severity: 'high' });
  });

  it('never correlates on an absent value', () => {
    const noMail = anIdentity({ id: 'id-x', upn: 'x@contoso.com', mail: 'N/A' });
    const [row] = correlateByEmail([noMail], [anAccount({ accountId: '1', email: 'N/A' })]);
    expect(row?.situation).toBe('ORPHAN');
  });

  it('calls an account with two candidate identities ambiguous, candidates in id order', () => {
    const twinB = anIdentity({ id: 'b', upn: 'shared@contoso.com' });
    const twinA = anIdentity({ id: 'a', upn: 'other@contoso.com', mail: 'shared@contoso.com' });
    const [row] = correlateByEmail([twinB, twinA], [anAccount({ accountId: '1', email: 'shared@contoso.com' })]);
    expect(row?.situation).toBe('AMBIGUOUS');
    expect(row?.identities.map((identity) => identity.id)).toEqual(['a', 'b']);
    expect(countSituations(row ? [row] : [])).toEqual({ MATCHED: 0, AMBIGUOUS: 1, ORPHAN: 0, MISSING: 0 });
  });
});

describe('writeFindingsCsv', () => {
  const accounts = [
    anAccount({ accountId: '20', email: 'mallory@contoso.com' }),
    anAccount({ accountId: '10', login: 'ada', email: 'ada@contoso.com' }),
    anAccount({ accountId: '3', email: '=HYPERLINK("http://evil")' }),
  ];

  it('writes the header of the design and sorts by situation then account id', () => {
    const csv = writeFindingsCsv(correlateByEmail([ada], accounts));
    expect(csv.split('\n')).toEqual([
      FINDINGS_CSV_HEADER.join(','),
      'MATCHED,10,ada,ada@contoso.com,id-ada,ada@contoso.com,email,0.95,,',
      `ORPHAN,20,,mallory@contoso.com,,,,,,high`,
      `ORPHAN,3,,"'=HYPERLINK(""http://evil"")",,,,,,high`,
      '',
    ]);
  });

  it('gives the same bytes whatever the order of the inputs', () => {
    const forward = writeFindingsCsv(correlateByEmail([ada, grace], accounts));
    const reversed = writeFindingsCsv(correlateByEmail([grace, ada], accounts.toReversed()));
    expect(reversed).toBe(forward);
  });
});

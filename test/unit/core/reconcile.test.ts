import { describe, expect, it } from 'vitest';
import { reconcile } from '@core/engine/reconcile';
import { FINDINGS_CSV_HEADER, writeFindingsCsv } from '@core/reconcile/findings-csv';
import { anAccount, anIdentity, anInput } from '../../support/builders';

const ada = anIdentity({ id: 'id-ada', upn: 'ada@contoso.com' });
const b = anIdentity({ id: 'b', upn: 'shared@contoso.com' });
const a = anIdentity({ id: 'a', upn: 'other@contoso.com', mail: 'shared@contoso.com' });

describe('writeFindingsCsv', () => {
  it('writes the header of the design, sorted by situation then account id, formulas neutralised', () => {
    const accounts = [
      anAccount({ accountId: '20', email: 'mallory@contoso.com' }),
      anAccount({ accountId: '10', login: 'ada', email: 'ada@contoso.com' }),
      anAccount({ accountId: '3', email: '=HYPERLINK("http://evil")' }),
      anAccount({ accountId: '4', email: 'shared@contoso.com', roles: ['admin'] }),
    ];
    const csv = writeFindingsCsv(reconcile(anInput({ identities: [ada, a, b], accounts })).rows);
    expect(csv.split('\n')).toEqual([
      FINDINGS_CSV_HEADER.join(','),
      'AMBIGUOUS,4,,shared@contoso.com,a;b,other@contoso.com;shared@contoso.com,email,0.95,PRIVILEGED,high',
      'MATCHED,10,ada,ada@contoso.com,id-ada,ada@contoso.com,email,0.95,,',
      'ORPHAN,20,,mallory@contoso.com,,,,,,high',
      `ORPHAN,3,,"'=HYPERLINK(""http://evil"")",,,,,,high`,
      '',
    ]);
  });
});

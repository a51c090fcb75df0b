import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '@core/model/settings';
import { changedSettings, formOf, readSettingsForm } from '@core/review/settings-form';

const defaults = formOf(DEFAULT_SETTINGS, undefined);

describe('the settings form', () => {
  it('reads back the defaults it shows', () => {
    expect(readSettingsForm(defaults)).toEqual({ ok: true, value: { settings: DEFAULT_SETTINGS, scope: undefined } });
  });

  it('reads lists one per line, alias groups by commas, drift pairs by "=", and a scoping filter', () => {
    const read = readSettingsForm({
      ...defaults,
      staleDays: '45',
      defaultDomain: ' contoso.com ',
      domainAliases: 'contoso.com, contoso.onmicrosoft.com\n\nfabrikam.com,fabrikam.net',
      serviceAccounts: 'svc-backup\n 1006 \n',
      driftAttributes: 'Department = department\ntitle=jobTitle',
      scope: [{ title: 'R&D only', clauses: [{ attribute: 'department', operator: 'EQUALS', value: 'R&D' }] }],
    });
    expect(read).toMatchObject({
      ok: true,
      value: {
        settings: {
          staleDays: 45,
          defaultDomain: 'contoso.com',
          domainAliases: [
            ['contoso.com', 'contoso.onmicrosoft.com'],
            ['fabrikam.com', 'fabrikam.net'],
          ],
          serviceAccounts: ['svc-backup', '1006'],
          driftAttributes: [
            { account: 'Department', identity: 'department' },
            { account: 'title', identity: 'jobTitle' },
          ],
        },
        scope: { filters: [{ title: 'R&D only', clauses: [{ attribute: 'department', operator: 'EQUALS', value: 'R&D' }] }] },
      },
    });
  });

  it.each([
    [{ staleDays: '0x10' }, 'stale after: a positive whole number of days'],
    [{ staleDays: '0' }, 'staleDays must be a positive whole number'],
    [{ privilegedPatterns: 'admin\n(unclosed' }, 'privilegedPatterns: "(unclosed" is not a valid regular expression'],
    [{ driftAttributes: 'Department' }, 'drift attributes: "Department" is not "target column = Entra attribute"'],
    [{ dueDays: { ...defaults.dueDays, high: 'soon' } }, 'due days (high): a whole number of days'],
    [{ scope: [{ title: '', clauses: [{ attribute: 'department', operator: 'EQUALS' as const, value: '' }] }] }, 'scoping filter: filter 1, clause 1: EQUALS needs a value'],
    [{ scope: [{ title: '', clauses: [] }] }, 'scoping filter: filter 1: has no clauses'],
  ])('names what is wrong with %o', (change, error) => {
    expect(readSettingsForm({ ...defaults, ...change })).toEqual({ ok: false, error });
  });

  it('names the settings a change touches, the scope included', () => {
    const after = { ...DEFAULT_SETTINGS, staleDays: 30, serviceAccounts: ['svc'] };
    const scope = { filters: [{ title: undefined, clauses: [{ attribute: 'department', operator: 'EQUALS' as const, value: 'R&D' }] }] };
    expect(changedSettings(DEFAULT_SETTINGS, undefined, after, scope)).toEqual(['scope', 'serviceAccounts', 'staleDays']);
    expect(changedSettings(DEFAULT_SETTINGS, undefined, DEFAULT_SETTINGS, undefined)).toEqual([]);
  });
});

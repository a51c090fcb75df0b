import { useId } from 'react';
import { mappedColumns } from '@core/import/target-mapping';
import type { TargetProfile } from '@core/import/profiles/target-profile';
import { ACCOUNT_FIELDS, type AccountField, type ColumnMapping } from '@core/import/target-generic';

const FIELD_LABELS: Readonly<Record<AccountField, string>> = {
  accountId: 'Account id',
  login: 'Login',
  email: 'Email',
  displayName: 'Display name',
  givenName: 'Given name',
  familyName: 'Family name',
  employeeId: 'Employee id',
  objectId: 'Entra object id',
  enabled: 'Enabled / status',
  lastLogin: 'Last login',
  created: 'Created',
  roles: 'Roles / groups',
};

const PREVIEW_ROWS = 5;

interface Props {
  readonly header: readonly string[];
  readonly sample: readonly (readonly string[])[];
  readonly profile: TargetProfile;
  readonly mapping: ColumnMapping;
  readonly onChange: (mapping: ColumnMapping) => void;
}

/**
 * Each engine field with the column it is read from: the profile's choice, changeable. A preview of the
 * first rows shows the values the engine will see, as plain text.
 */
export function ColumnMappingEditor({ header, sample, profile, mapping, onChange }: Props) {
  const id = useId();
  const columns = mappedColumns(header, profile, mapping);
  const choose = (field: AccountField, column: string): void => {
    const next: Record<string, string> = { ...mapping };
    if (column === '') delete next[field];
    else next[field] = column;
    onChange(next);
  };
  return (
    <table className="column-mapping" aria-label="Column mapping">
      <thead>
        <tr>
          <th scope="col">Field</th>
          <th scope="col">Column</th>
          <th scope="col">First values</th>
        </tr>
      </thead>
      <tbody>
        {ACCOUNT_FIELDS.map((field) => {
          const chosen = columns[field] ?? [];
          const positions = chosen.map((name) => header.indexOf(name)).filter((position) => position >= 0);
          const selectId = `${id}-${field}`;
          return (
            <tr key={field} data-field={field}>
              <th scope="row">
                <label htmlFor={selectId}>{FIELD_LABELS[field]}</label>
              </th>
              <td>
                <select id={selectId} value={mapping[field] ?? ''} onChange={(event) => choose(field, event.target.value)}>
                  <option value="">{chosen.length > 0 ? `${chosen.join(' + ')} (${profile.label})` : '— not in this file —'}</option>
                  {header.map((name) => (
                    <option key={name} value={name}>
                      {name}
                    </option>
                  ))}
                </select>
              </td>
              <td className="preview">
                {sample
                  .slice(0, PREVIEW_ROWS)
                  .map((row) => positions.map((position) => row[position] ?? '').filter(Boolean).join(' · '))
                  .filter(Boolean)
                  .join(' | ')}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

import { SCOPE_OPERATORS, type ScopeOperator } from '@core/engine/scope';
import type { ClauseForm, GroupForm } from '@core/review/settings-form';

const NEW_CLAUSE: ClauseForm = { attribute: 'department', operator: 'EQUALS', value: '' };

/** Entra's scoping filter: clauses in a filter must all hold (AND); an identity is in scope when any filter holds (OR). */
export function ScopeEditor({ groups, onChange }: { readonly groups: readonly GroupForm[]; readonly onChange: (groups: readonly GroupForm[]) => void }) {
  const setGroup = (index: number, group: GroupForm | undefined) => onChange(group === undefined ? groups.filter((_, at) => at !== index) : groups.map((old, at) => (at === index ? group : old)));
  return (
    <fieldset className="scope-editor">
      <legend>Scoping filter</legend>
      {groups.length === 0 && <p className="hint">No scoping filter: every identity is in scope.</p>}
      {groups.map((group, groupIndex) => (
        // oxlint-disable-next-line react/no-array-index-key -- filters have no identity but their place
        <fieldset key={groupIndex} className="scope-group">
          <legend>
            {groupIndex > 0 && <strong>OR </strong>}filter {groupIndex + 1}
          </legend>
          <label>
            Title <input value={group.title} onChange={(event) => setGroup(groupIndex, { ...group, title: event.target.value })} />
          </label>
          {group.clauses.map((clause, clauseIndex) => {
            const setClause = (next: ClauseForm | undefined) =>
              setGroup(groupIndex, { ...group, clauses: next === undefined ? group.clauses.filter((_, at) => at !== clauseIndex) : group.clauses.map((old, at) => (at === clauseIndex ? next : old)) });
            const where = `filter ${groupIndex + 1}, clause ${clauseIndex + 1}`;
            return (
              // oxlint-disable-next-line react/no-array-index-key -- clauses have no identity but their place
              <div key={clauseIndex} className="scope-clause">
                <span className="muted">{clauseIndex > 0 ? 'AND' : 'WHERE'}</span>
                <input aria-label={`Attribute (${where})`} value={clause.attribute} onChange={(event) => setClause({ ...clause, attribute: event.target.value })} />
                <select aria-label={`Operator (${where})`} value={clause.operator} onChange={(event) => setClause({ ...clause, operator: event.target.value as ScopeOperator })}>
                  {SCOPE_OPERATORS.map((operator) => (
                    <option key={operator} value={operator}>
                      {operator}
                    </option>
                  ))}
                </select>
                <input aria-label={`Value (${where})`} value={clause.value} onChange={(event) => setClause({ ...clause, value: event.target.value })} />
                <button type="button" aria-label={`Remove ${where}`} onClick={() => setClause(undefined)}>
                  Remove
                </button>
              </div>
            );
          })}
          <div className="actions">
            <button type="button" onClick={() => setGroup(groupIndex, { ...group, clauses: [...group.clauses, NEW_CLAUSE] })}>
              Add a clause
            </button>
            <button type="button" onClick={() => setGroup(groupIndex, undefined)}>
              Remove filter {groupIndex + 1}
            </button>
          </div>
        </fieldset>
      ))}
      <button type="button" onClick={() => onChange([...groups, { title: '', clauses: [NEW_CLAUSE] }])}>
        Add a filter
      </button>
    </fieldset>
  );
}

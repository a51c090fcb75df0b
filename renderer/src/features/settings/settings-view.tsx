import { useId, useRef, useState, type ReactNode } from 'react';
import { describeIssue } from '@core/model/import-issue';
import { FINDING_CODES, SEVERITIES } from '@core/model/reconciliation';
import { DEFAULT_SETTINGS } from '@core/model/settings';
import type { Reviewer } from '@core/review/audit-trail';
import type { Review } from '@core/review/review';
import { changedSettings, formOf, readSettingsForm, type SettingsForm } from '@core/review/settings-form';
import { startRun, type RunHandle } from '../../engine/start-run';
import type { WorkerMessage } from '../../engine/worker-messages';
import type { RunRecord, SettingsRecord, Workspace } from '../../workspace/workspace';
import { ScopeEditor } from './scope-editor';

interface Props {
  readonly workspace: Workspace;
  readonly review: Review;
  readonly run: RunRecord | undefined;
  readonly stored: SettingsRecord | undefined;
  readonly reviewer: Reviewer | undefined;
}

type Preview = WorkerMessage & { type: 'previewed' };

/**
 * The review's engine settings and scoping filter. A change is previewed first (the engine runs with it in a worker
 * and the findings are compared with the latest run's), then applied: saved with an audit entry, and run.
 */
export function SettingsView({ workspace, review, run, stored, reviewer }: Props) {
  const id = useId();
  const [form, setForm] = useState<SettingsForm>(() => formOf(stored?.settings ?? DEFAULT_SETTINGS, stored?.scope));
  const [problem, setProblem] = useState<string | undefined>();
  const [preview, setPreview] = useState<{ readonly form: SettingsForm; readonly result: Preview } | undefined>();
  const [working, setWorking] = useState<string | undefined>();
  const handle = useRef<RunHandle | undefined>(undefined);
  const parsed = readSettingsForm(form);
  const previewIsCurrent = preview !== undefined && JSON.stringify(preview.form) === JSON.stringify(form);
  const asOf = run?.asOf ?? `${review.asOf}T00:00:00.000Z`;
  const set = <K extends keyof SettingsForm>(key: K, value: SettingsForm[K]) => setForm((current) => ({ ...current, [key]: value }));

  async function tryIt(): Promise<void> {
    if (!parsed.ok) return setProblem(parsed.error);
    setProblem(undefined);
    setWorking('Running the engine with these settings…');
    handle.current = startRun({ database: workspace.name, asOf, staleDays: undefined, preview: parsed.value }, () => undefined);
    const outcome = await handle.current.done;
    setWorking(undefined);
    if (outcome.type === 'previewed') setPreview({ form, result: outcome });
    else if (outcome.type === 'failed') setProblem(describeIssue(outcome.error));
    return undefined;
  }

  async function apply(): Promise<void> {
    if (!parsed.ok || !reviewer) return;
    const before = stored?.settings ?? DEFAULT_SETTINGS;
    const changed = changedSettings(before, stored?.scope, parsed.value.settings, parsed.value.scope);
    await workspace.saveSettings(parsed.value.settings, parsed.value.scope, changed, reviewer, new Date().toISOString());
    setWorking('Saved. Running the reconciliation with the new settings…');
    handle.current = startRun({ database: workspace.name, asOf, staleDays: undefined }, () => undefined);
    const outcome = await handle.current.done;
    setWorking(undefined);
    setPreview(undefined);
    if (outcome.type === 'failed') setProblem(describeIssue(outcome.error));
  }

  const field = (key: keyof SettingsForm, label: string, hint: string, control: ReactNode) => (
    <>
      <label htmlFor={`${id}-${key}`}>{label}</label>
      <div>
        {control}
        <span className="hint" id={`${id}-${key}-hint`}>
          {hint}
        </span>
      </div>
    </>
  );
  const text = (key: 'staleDays' | 'defaultDomain' | 'applicationOwner') => (
    <input id={`${id}-${key}`} value={form[key]} aria-describedby={`${id}-${key}-hint`} onChange={(event) => set(key, event.target.value)} />
  );
  const list = (key: 'domainAliases' | 'loginSuffixes' | 'privilegedPatterns' | 'serviceAccountPatterns' | 'serviceAccounts' | 'driftAttributes') => (
    <textarea id={`${id}-${key}`} rows={3} value={form[key]} aria-describedby={`${id}-${key}-hint`} onChange={(event) => set(key, event.target.value)} />
  );

  return (
    <section className="settings" aria-label="Settings">
      <h2>Settings of this review</h2>
      <p className="hint">
        {stored ? `Saved ${stored.savedAt.slice(0, 16).replace('T', ' ')} UTC.` : 'The defaults.'} Changes take effect on the next run; preview them first.
      </p>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void tryIt();
        }}
        aria-label="Engine settings"
      >
        <div className="form-grid settings-grid">
          {field('staleDays', 'Stale after (days)', 'no login for this many days raises STALE_ACCOUNT', text('staleDays'))}
          {field('defaultDomain', 'Default domain', 'given to logins without a domain; empty: the most common UPN domain', text('defaultDomain'))}
          {field(
            'stripSubaddressing',
            'Sub-addressing',
            'ignore +tags in addresses (ada+app@ is ada@)',
            <input id={`${id}-stripSubaddressing`} type="checkbox" checked={form.stripSubaddressing} aria-describedby={`${id}-stripSubaddressing-hint`} onChange={(event) => set('stripSubaddressing', event.target.checked)} />,
          )}
          {field('domainAliases', 'Domain aliases', 'one group per line, domains separated by commas', list('domainAliases'))}
          {field('loginSuffixes', 'Login suffixes', 'one per line, stripped from logins and emails (e.g. .uat)', list('loginSuffixes'))}
          {field('privilegedPatterns', 'Privileged roles', 'regular expressions, one per line, matched against roles', list('privilegedPatterns'))}
          {field('serviceAccountPatterns', 'Service account patterns', 'regular expressions, one per line, matched against login, email, name', list('serviceAccountPatterns'))}
          {field('serviceAccounts', 'Service accounts', 'account ids or logins declared service accounts, one per line', list('serviceAccounts'))}
          {field('driftAttributes', 'Drift attributes', 'one per line: target column = Entra attribute', list('driftAttributes'))}
          {field('applicationOwner', 'Application owner', 'who owns remediation unless assigned', text('applicationOwner'))}
          <span>Due days</span>
          <div className="due-days">
            {SEVERITIES.toReversed().map((severity) => (
              <label key={severity}>
                {severity}
                <input inputMode="numeric" value={form.dueDays[severity]} onChange={(event) => set('dueDays', { ...form.dueDays, [severity]: event.target.value })} />
              </label>
            ))}
          </div>
        </div>
        <ScopeEditor groups={form.scope} onChange={(scope) => set('scope', scope)} />
        {(problem ?? (parsed.ok ? undefined : parsed.error)) && (
          <p className="error" role="alert">
            {problem ?? (parsed.ok ? undefined : parsed.error)}
          </p>
        )}
        <div className="actions">
          <button type="submit" disabled={working !== undefined || !parsed.ok}>
            Preview the effect
          </button>
          <button type="button" className="primary" disabled={working !== undefined || !previewIsCurrent || !reviewer} onClick={() => void apply()}>
            Apply and run
          </button>
          {working && (
            <>
              <output className="hint">{working}</output>
              <button type="button" onClick={() => { handle.current?.cancel(); setWorking(undefined); }}>
                Cancel
              </button>
            </>
          )}
          {!reviewer && <span className="hint">Say who is reviewing to apply settings: the change is recorded.</span>}
        </div>
      </form>
      {preview && <PreviewResult preview={preview.result} current={previewIsCurrent} />}
    </section>
  );
}

function PreviewResult({ preview, current }: { readonly preview: Preview; readonly current: boolean }) {
  const { comparison, before, after } = preview;
  const codes = FINDING_CODES.filter((code) => (before?.findings[code] ?? 0) !== after.findings[code]);
  return (
    <section className="settings-preview" aria-label="Effect of the settings">
      <h3>Effect{current ? '' : ' (of an earlier draft: preview again)'}</h3>
      <output data-testid="settings-effect">
        {comparison.new + comparison.resolved === 0
          ? 'No finding would change.'
          : `${comparison.new} findings would be raised, ${comparison.resolved} would no longer be, ${comparison.persisting} stay.`}
      </output>
      {codes.length > 0 && (
        <table className="compare">
          <thead>
            <tr>
              <th scope="col">Finding</th>
              <th scope="col">Now</th>
              <th scope="col">With these settings</th>
            </tr>
          </thead>
          <tbody>
            {codes.map((code) => (
              <tr key={code}>
                <th scope="row">{code}</th>
                <td>{before?.findings[code] ?? 0}</td>
                <td>{after.findings[code]}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

import { parseSettings } from '../engine/settings-file';
import { parseScopingFilter, type ScopeOperator, type ScopingFilter } from '../engine/scope';
import { fail, ok, type Result } from '../model/result';
import { SEVERITIES, type Severity } from '../model/reconciliation';
import type { ReconciliationSettings } from '../model/settings';

/** A review's engine settings without the as-of (the review and each run carry that). */
export type ReviewSettings = Omit<ReconciliationSettings, 'asOf'>;

export interface ClauseForm {
  readonly attribute: string;
  readonly operator: ScopeOperator;
  readonly value: string;
}

export interface GroupForm {
  readonly title: string;
  readonly clauses: readonly ClauseForm[];
}

/** The settings as a reviewer edits them: text, one item per line where a setting is a list. */
export interface SettingsForm {
  readonly staleDays: string;
  readonly defaultDomain: string;
  readonly stripSubaddressing: boolean;
  /** One group per line, domains separated by commas. */
  readonly domainAliases: string;
  readonly loginSuffixes: string;
  readonly privilegedPatterns: string;
  readonly serviceAccountPatterns: string;
  readonly serviceAccounts: string;
  /** One pair per line: `target column = Entra attribute`. */
  readonly driftAttributes: string;
  readonly dueDays: Readonly<Record<Severity, string>>;
  readonly applicationOwner: string;
  /** Entra's scoping filter: clauses AND'ed inside a group, groups OR'ed; none means every identity is in scope. */
  readonly scope: readonly GroupForm[];
}

const lines = (text: string): string[] =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.length > 0);

export function formOf(settings: ReviewSettings, scope: ScopingFilter | undefined): SettingsForm {
  return {
    staleDays: String(settings.staleDays),
    defaultDomain: settings.defaultDomain ?? '',
    stripSubaddressing: settings.stripSubaddressing,
    domainAliases: settings.domainAliases.map((group) => group.join(', ')).join('\n'),
    loginSuffixes: settings.loginSuffixes.join('\n'),
    privilegedPatterns: settings.privilegedPatterns.join('\n'),
    serviceAccountPatterns: settings.serviceAccountPatterns.join('\n'),
    serviceAccounts: settings.serviceAccounts.join('\n'),
    driftAttributes: settings.driftAttributes.map((pair) => `${pair.account} = ${pair.identity}`).join('\n'),
    dueDays: Object.fromEntries(SEVERITIES.map((severity) => [severity, String(settings.dueDays[severity])])) as Record<Severity, string>,
    applicationOwner: settings.applicationOwner,
    scope: (scope?.filters ?? []).map((group) => ({ title: group.title ?? '', clauses: group.clauses.map((clause) => ({ attribute: clause.attribute, operator: clause.operator, value: clause.value ?? '' })) })),
  };
}

/**
 * The settings and scope a form describes, checked by the same parsers as a settings or scope file, so the app
 * and the command line accept exactly the same things; the error names the setting.
 */
export function readSettingsForm(form: SettingsForm): Result<{ settings: ReviewSettings; scope: ScopingFilter | undefined }, string> {
  const staleDays = Number(form.staleDays);
  if (!/^\d+$/.test(form.staleDays.trim())) return fail('stale after: a positive whole number of days');
  const drift: { account: string; identity: string }[] = [];
  for (const line of lines(form.driftAttributes)) {
    const [account, identity, extra] = line.split('=').map((part) => part.trim());
    if (!account || !identity || extra !== undefined) return fail(`drift attributes: "${line}" is not "target column = Entra attribute"`);
    drift.push({ account, identity });
  }
  const dueDays: Record<string, number> = {};
  for (const severity of SEVERITIES) {
    const text = form.dueDays[severity].trim();
    if (!/^\d+$/.test(text)) return fail(`due days (${severity}): a whole number of days`);
    dueDays[severity] = Number(text);
  }
  const json: Record<string, unknown> = {
    staleDays,
    stripSubaddressing: form.stripSubaddressing,
    domainAliases: lines(form.domainAliases).map((line) => line.split(',').map((domain) => domain.trim()).filter(Boolean)),
    loginSuffixes: lines(form.loginSuffixes),
    privilegedPatterns: lines(form.privilegedPatterns),
    serviceAccountPatterns: lines(form.serviceAccountPatterns),
    serviceAccounts: lines(form.serviceAccounts),
    driftAttributes: drift,
    dueDays,
    applicationOwner: form.applicationOwner.trim() || 'Application owner',
  };
  if (form.defaultDomain.trim() !== '') json['defaultDomain'] = form.defaultDomain.trim();
  const parsed = parseSettings(json, '1970-01-01T00:00:00.000Z');
  if (!parsed.ok) return parsed;
  const { asOf: _asOf, ...settings } = parsed.value;
  if (form.scope.length === 0) return ok({ settings, scope: undefined });
  const scope = parseScopingFilter({
    filters: form.scope.map((group) => ({
      ...(group.title.trim() ? { title: group.title.trim() } : {}),
      clauses: group.clauses.map((clause) => ({ attribute: clause.attribute.trim(), operator: clause.operator, ...(clause.value.trim() === '' ? {} : { value: clause.value }) })),
    })),
  });
  return scope.ok ? ok({ settings, scope: scope.value }) : fail(`scoping filter: ${scope.error}`);
}

/** The names of the settings that differ, for the audit trail and the preview. */
export function changedSettings(before: ReviewSettings, beforeScope: ScopingFilter | undefined, after: ReviewSettings, afterScope: ScopingFilter | undefined): string[] {
  const names = (Object.keys(after) as (keyof ReviewSettings)[]).filter((name) => JSON.stringify(before[name]) !== JSON.stringify(after[name]));
  if (JSON.stringify(beforeScope ?? null) !== JSON.stringify(afterScope ?? null)) names.push('scope' as keyof ReviewSettings);
  return names.toSorted();
}

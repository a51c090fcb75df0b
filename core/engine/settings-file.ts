import { fail, ok, type Result } from '../model/result';
import { compilesAsRegExp } from './regex';
import { DEFAULT_SETTINGS, type ReconciliationSettings } from '../model/settings';
import { SEVERITIES, type Severity } from '../model/reconciliation';

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isStringArray = (value: unknown): value is string[] => Array.isArray(value) && value.every((item) => typeof item === 'string');

/** An ISO date or instant as a canonical UTC instant, or undefined when it is not one. */
export function readAsOf(value: string): string | undefined {
  const text = value.trim();
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(text);
  if (!dateOnly && !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(text)) return undefined;
  const ms = Date.parse(dateOnly ? `${text}T00:00:00Z` : text);
  if (Number.isNaN(ms)) return undefined;
  const canonical = new Date(ms).toISOString();
  // Date.parse rolls 2026-02-31 over into March; a real date reads back the same.
  return dateOnly && canonical.slice(0, 10) !== text ? undefined : canonical;
}

function checkPatterns(name: string, patterns: readonly string[]): string | undefined {
  for (const pattern of patterns) {
    if (!compilesAsRegExp(pattern, 'i')) return `${name}: ${JSON.stringify(pattern)} is not a valid regular expression`;
  }
  return undefined;
}

/**
 * Settings from a JSON object over the defaults; unknown keys and wrong types are errors, so a typo never
 * silently changes a result. `asOf` is required by the time the settings are used.
 */
export function parseSettings(json: unknown, asOf: string): Result<ReconciliationSettings, string> {
  if (!isRecord(json)) return fail('settings must be a JSON object');
  const settings: Record<string, unknown> = { ...DEFAULT_SETTINGS, asOf };
  for (const [key, value] of Object.entries(json)) {
    if (key === 'asOf') {
      if (typeof value !== 'string' || readAsOf(value) === undefined) return fail('asOf must be an ISO 8601 date or instant');
      settings['asOf'] = readAsOf(value);
    } else if (key === 'staleDays') {
      if (!Number.isInteger(value) || (value as number) < 1) return fail('staleDays must be a positive whole number');
      settings[key] = value;
    } else if (key === 'stripSubaddressing') {
      if (typeof value !== 'boolean') return fail('stripSubaddressing must be true or false');
      settings[key] = value;
    } else if (key === 'defaultDomain' || key === 'applicationOwner') {
      if (typeof value !== 'string' || value.trim() === '') return fail(`${key} must be a non-empty string`);
      settings[key] = value.trim();
    } else if (key === 'loginSuffixes' || key === 'serviceAccounts' || key === 'privilegedPatterns' || key === 'serviceAccountPatterns') {
      if (!isStringArray(value)) return fail(`${key} must be an array of strings`);
      const invalid = key.endsWith('Patterns') ? checkPatterns(key, value) : undefined;
      if (invalid) return fail(invalid);
      settings[key] = value;
    } else if (key === 'domainAliases') {
      if (!Array.isArray(value) || !value.every(isStringArray)) return fail('domainAliases must be an array of arrays of domains');
      settings[key] = value;
    } else if (key === 'driftAttributes') {
      const valid = Array.isArray(value) && value.every((pair) => isRecord(pair) && typeof pair['account'] === 'string' && typeof pair['identity'] === 'string');
      if (!valid) return fail('driftAttributes must be an array of { "account": column, "identity": attribute }');
      settings[key] = (value as { account: string; identity: string }[]).map(({ account, identity }) => ({ account, identity }));
    } else if (key === 'dueDays') {
      if (!isRecord(value) || !Object.entries(value).every(([severity, days]) => SEVERITIES.includes(severity as Severity) && Number.isInteger(days) && (days as number) >= 0)) {
        return fail('dueDays must map low, medium, high, critical to whole numbers of days');
      }
      settings[key] = { ...DEFAULT_SETTINGS.dueDays, ...value };
    } else {
      return fail(`unknown setting "${key}"`);
    }
  }
  return ok(settings as unknown as ReconciliationSettings);
}

import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { reconcile, ENGINE_VERSION, type ReconciliationResult } from '@core/engine/reconcile';
import { parseScopingFilter, type ScopingFilter } from '@core/engine/scope';
import { parseSettings } from '@core/engine/settings-file';
import type { ColumnMapping } from '@core/import/target-generic';
import { describeIssue, type ImportIssue } from '@core/model/import-issue';
import { FINDING_CODES, SEVERITIES, SITUATIONS } from '@core/model/reconciliation';
import type { ReconciliationSettings } from '@core/model/settings';
import type { DateOrder } from '@core/import/values';
import { writeFindingsCsv } from '@core/reconcile/findings-csv';
import { ImportFailure } from '../files/import-failure';
import { loadEntra, loadTarget } from './load-sources';
import { EXIT, type Output } from './output';

export interface AuditOptions {
  readonly entra: readonly string[];
  readonly target: string;
  readonly out: string;
  readonly mapping: ColumnMapping;
  readonly profileId: string | undefined;
  readonly dateOrder: DateOrder | undefined;
  readonly asOf: string | undefined;
  readonly staleDays: number | undefined;
  readonly settingsFile: string | undefined;
  readonly scopeFile: string | undefined;
}

/** `recondesk audit`: reconciles Entra identities with one target dump and writes findings.csv. */
export async function audit(options: AuditOptions, output: Output): Promise<number> {
  try {
    const asOf = options.asOf ?? (await newestModification([...options.entra, options.target]));
    const settings = await loadSettings(options, asOf);
    const scope = options.scopeFile === undefined ? undefined : await loadScope(options.scopeFile);
    const keepIdentity = [...(scope?.filters.flatMap((filter) => filter.clauses.map((clause) => clause.attribute)) ?? []), ...settings.driftAttributes.map((pair) => pair.identity)];
    const keepAccount = settings.driftAttributes.map((pair) => pair.account);

    const entra = await loadEntra(options.entra, keepIdentity);
    const target = await loadTarget(options.target, { profileId: options.profileId, mapping: options.mapping, keepColumns: keepAccount, dateOrder: options.dateOrder });
    const sources = [...entra.files, target.file].map(
      (file) => `  ${file.fileName}: ${file.taken}; ${file.rows.toLocaleString('en-US')} records; sha256 ${file.sha256}`,
    );

    const result = reconcile({
      identities: entra.identities,
      accounts: target.accounts,
      assignments: entra.assignments,
      provisioningEvents: entra.provisioningEvents,
      hasSignInData: entra.hasSignInData,
      scope,
      links: [],
      settings,
    });
    await mkdir(options.out, { recursive: true });
    const findingsPath = join(options.out, 'findings.csv');
    await writeFile(findingsPath, writeFindingsCsv(result.rows), 'utf8');
    printSummary(output, result, sources, options.asOf === undefined ? 'the newest input file' : '--as-of');
    output.out(`Wrote ${findingsPath}`);
    return EXIT.done;
  } catch (error) {
    if (error instanceof ImportFailure) return inputError(output, error.issue);
    throw error;
  }
}

async function newestModification(paths: readonly string[]): Promise<string> {
  let newest = 0;
  for (const path of paths) {
    const info = await stat(path).catch(() => {
      throw new ImportFailure({ code: 'FILE_UNREADABLE', file: basename(path), message: 'cannot read the file: it does not exist or is not readable' });
    });
    newest = Math.max(newest, info.mtimeMs);
  }
  return new Date(Math.floor(newest / 1000) * 1000).toISOString();
}

async function readJson(path: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new ImportFailure({ code: 'FILE_UNREADABLE', file: basename(path), message: `cannot read the file: ${error instanceof Error ? error.message : String(error)}` });
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ImportFailure({ code: 'PARSE_ERROR', file: basename(path), message: `not valid JSON: ${error instanceof Error ? error.message : String(error)}` });
  }
}

async function loadSettings(options: AuditOptions, asOf: string): Promise<ReconciliationSettings> {
  const json = options.settingsFile === undefined ? {} : await readJson(options.settingsFile);
  const parsed = parseSettings(json, asOf);
  if (!parsed.ok) throw new ImportFailure({ code: 'PARSE_ERROR', file: basename(options.settingsFile ?? 'settings'), message: parsed.error });
  // Command-line flags win over the settings file.
  return {
    ...parsed.value,
    ...(options.asOf === undefined ? {} : { asOf: options.asOf }),
    ...(options.staleDays === undefined ? {} : { staleDays: options.staleDays }),
  };
}

async function loadScope(path: string): Promise<ScopingFilter> {
  const parsed = parseScopingFilter(await readJson(path));
  if (!parsed.ok) throw new ImportFailure({ code: 'PARSE_ERROR', file: basename(path), message: parsed.error });
  return parsed.value;
}

function printSummary(output: Output, result: ReconciliationResult, sources: readonly string[], asOfSource: string): void {
  const { counts } = result;
  output.out(`Recondesk audit, engine ${ENGINE_VERSION}, as-of ${result.asOf} (from ${asOfSource}), stale after ${result.settings.staleDays} days`);
  output.out('Inputs');
  for (const line of sources) output.out(line);
  output.out(`Situations ${list(SITUATIONS.map((situation) => [situation, counts.situations[situation]]))}`);
  output.out(`Findings   ${list(FINDING_CODES.filter((code) => counts.findings[code] > 0).map((code) => [code, counts.findings[code]]))}`);
  output.out(`Severity   ${list(SEVERITIES.toReversed().map((severity) => [severity, counts.severities[severity]]))}`);
}

function inputError(output: Output, issue: ImportIssue): number {
  output.err(`recondesk: ${describeIssue(issue)}`);
  return EXIT.inputError;
}

function list(entries: readonly (readonly [string, number])[]): string {
  return entries.map(([name, count]) => `${name} ${count}`).join(' · ') || 'none';
}

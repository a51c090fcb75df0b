import { basename } from 'node:path';
import { detectSource, type DetectedCandidate } from '@core/import/detect-source';
import { assignmentFromRow, detectAssignmentsLayout, isDeletedAssignment } from '@core/import/entra-assignments';
import { detectProvisioningLayout, joinProvisioningCompanions, provisioningCompanionRole, provisioningEventFromRow } from '@core/import/entra-provisioning';
import { applySignIns, detectSignInLayout, signInFromRow, type SignInRecord } from '@core/import/entra-signins';
import { detectEntraUsersLayout, hasSignInColumns, identityFromRow, identityValuePools } from '@core/import/entra-users';
import { findTargetProfile } from '@core/import/profiles/target-profiles';
import { describeTargetDateOrder, targetDateOrder } from '@core/import/target-dates';
import type { DateOrder } from '@core/import/values';
import { describeFormat } from '@core/import/source-format';
import { SOURCE_KIND_LABELS } from '@core/import/source-kind';
import { accountFromRow, detectTargetLayout, type ColumnMapping } from '@core/import/target-generic';
import type { Account } from '@core/model/account';
import type { Assignment } from '@core/model/assignment';
import type { Identity } from '@core/model/identity';
import type { ImportIssue } from '@core/model/import-issue';
import type { ProvisioningEvent } from '@core/model/provisioning-event';
import type { Result } from '@core/model/result';
import { ImportFailure } from '../files/import-failure';
import { readSource, type CsvRows, type SourceEnd, type SourceHead } from '../files/read-source';

/** One input as the summary reports it: what it was taken for, how it was read, and its hash. */
export interface LoadedFile {
  readonly path: string;
  readonly fileName: string;
  readonly size: number;
  readonly taken: string;
  readonly rows: number;
  readonly sha256: string;
}

export interface EntraPopulation {
  readonly identities: Identity[];
  readonly hasSignInData: boolean;
  readonly assignments: Assignment[] | undefined;
  readonly provisioningEvents: ProvisioningEvent[] | undefined;
  readonly files: LoadedFile[];
}

/**
 * Told after each batch of a file's rows how many it has read so far, and how many of its bytes (a million rows
 * take seconds); `path` tells apart two files of the same name.
 */
export type ReadProgress = (fileName: string, rows: number, bytesRead: number, path: string) => void;

// Below this, detection is a guess; the command line refuses rather than reconcile the wrong thing.
const SURE_ENOUGH = 0.3;

/**
 * Reads every `--entra` file, each detected as users, sign-ins, assignments or provisioning logs (or a
 * companion of the provisioning CSV trio), streaming and mapping batch by batch so raw rows never pile up.
 */
export async function loadEntra(paths: readonly string[], keepColumns: readonly string[], onRead?: ReadProgress): Promise<EntraPopulation> {
  let identities: Identity[] = [];
  let hasSignInData = false;
  const signIns: SignInRecord[] = [];
  let assignments: Assignment[] | undefined;
  let events: ProvisioningEvent[] | undefined;
  const companions: { role: 'steps' | 'modified-properties'; header: readonly string[]; rows: string[][] }[] = [];
  const files: LoadedFile[] = [];

  for (const path of paths) {
    const file = await openSource(path, onRead);
    const role = provisioningCompanionRole(file.head.header);
    if (role !== undefined) {
      const rows: string[][] = [];
      const end = await file.each((row) => rows.push(row));
      companions.push({ role, header: file.head.header, rows });
      files.push(loaded(file, `Entra ID provisioning logs (${role} file)`, rows.length, end));
      continue;
    }
    const candidate = bestEntra(file.fileName, file.head.header);
    const { header } = file.head;
    const taken = `${candidate.label} (${percent(candidate.confidence)}), ${describeFormat(file.head.format)}`;
    switch (candidate.kind) {
      case 'entra-users': {
        const layout = mustHave(file.fileName, detectEntraUsersLayout(header, keepColumns));
        const found: Identity[] = [];
        const pools = identityValuePools();
        const end = await file.each((row) => {
          const identity = identityFromRow(layout, header, row, pools);
          if (identity) found.push(identity);
        });
        identities = identities.length === 0 ? found : identities.concat(found);
        hasSignInData ||= hasSignInColumns(layout);
        files.push(loaded(file, taken, found.length, end));
        break;
      }
      case 'entra-signins': {
        const layout = mustHave(file.fileName, detectSignInLayout(header));
        let count = 0;
        const end = await file.each((row) => {
          const record = signInFromRow(layout, row);
          if (record) signIns.push(record);
          count += record ? 1 : 0;
        });
        files.push(loaded(file, taken, count, end));
        break;
      }
      case 'entra-assignments': {
        const layout = mustHave(file.fileName, detectAssignmentsLayout(header));
        const found: Assignment[] = [];
        const end = await file.each((row) => {
          const assignment = isDeletedAssignment(layout, row) ? undefined : assignmentFromRow(layout, row);
          if (assignment) found.push(assignment);
        });
        assignments = [...(assignments ?? []), ...found];
        files.push(loaded(file, taken, found.length, end));
        break;
      }
      default: {
        const layout = mustHave(file.fileName, detectProvisioningLayout(header));
        const found: ProvisioningEvent[] = [];
        const end = await file.each((row, line) => {
          const event = provisioningEventFromRow(layout, row, line);
          if (event) found.push(event);
        });
        events = [...(events ?? []), ...found];
        files.push(loaded(file, taken, found.length, end));
      }
    }
  }
  if (signIns.length > 0) {
    identities = applySignIns(identities, signIns).identities;
    hasSignInData = true;
  }
  if (events !== undefined && companions.length > 0) {
    const companion = (role: 'steps' | 'modified-properties') => companions.find((candidate) => candidate.role === role);
    events = joinProvisioningCompanions(events, companion('steps'), companion('modified-properties'));
  }
  return { identities, hasSignInData, assignments, provisioningEvents: events, files };
}

export interface TargetOptions {
  readonly profileId: string | undefined;
  readonly mapping: ColumnMapping;
  readonly dateOrder: DateOrder | undefined;
  readonly keepColumns: readonly string[];
}

/** Reads the target dump with the named profile, or the one detection finds, and the user's mapping over it. */
export async function loadTarget(path: string, options: TargetOptions, onRead?: ReadProgress): Promise<{ accounts: Account[]; file: LoadedFile }> {
  const file = await openSource(path, onRead);
  const { header } = file.head;
  const detected = detectSource(header);
  const candidate =
    options.profileId === undefined ? [detected.best, ...detected.alternatives].find((option) => option.kind === 'target') : undefined;
  const profileId = options.profileId ?? candidate?.profileId ?? 'generic';
  const profile = findTargetProfile(profileId);
  if (!profile) throw new ImportFailure({ code: 'BAD_REQUEST', file: file.fileName, message: `unknown target profile "${profileId}"` });
  // Decided from the first rows, as the app's import preview does, so both read the file alike.
  const dates = targetDateOrder(header, file.head.sample, profile, options.mapping, options.dateOrder);
  const layout = mustHave(file.fileName, detectTargetLayout(header, options.keepColumns, options.mapping, profile, dates.used));
  const accounts: Account[] = [];
  const end = await file.each((row, line) => {
    const account = accountFromRow(layout, header, row, line);
    if (account) accounts.push(account);
  });
  const how = options.profileId === undefined ? `detected, ${percent(candidate?.confidence ?? 0)}` : '--target-profile';
  const datesRead = dates.source === 'no-numeric-dates' ? '' : `, ${describeTargetDateOrder(dates)}`;
  return { accounts, file: loaded(file, `${SOURCE_KIND_LABELS.target}: ${profile.label} (${how}), ${describeFormat(file.head.format)}${datesRead}`, accounts.length, end) };
}

interface OpenSource {
  readonly path: string;
  readonly fileName: string;
  readonly head: SourceHead;
  /** Calls `visit` for every data row with its line, and returns the totals. */
  each(visit: (row: string[], line: number) => void): Promise<SourceEnd>;
}

async function openSource(path: string, onRead: ReadProgress | undefined): Promise<OpenSource> {
  const fileName = basename(path);
  const reader = readSource(path, { fileName, batchRows: 1000 });
  const first = await reader.next();
  if (first.done || !('header' in first.value)) throw new ImportFailure({ code: 'EMPTY_FILE', file: fileName, message: 'the file is empty: no header row' });
  const head = first.value;
  return {
    path,
    fileName,
    head,
    async each(visit) {
      let rows = 0;
      for (;;) {
        const step = await reader.next();
        if (step.done) return step.value;
        const batch = step.value as CsvRows;
        batch.rows.forEach((row, index) => visit(row, batch.lines[index] ?? 0));
        rows += batch.rows.length;
        onRead?.(fileName, rows, batch.bytesRead, path);
      }
    },
  };
}

function bestEntra(fileName: string, header: readonly string[]): DetectedCandidate & { kind: Exclude<DetectedCandidate['kind'], 'target'> } {
  const detected = detectSource(header);
  const entra = [detected.best, ...detected.alternatives].find((candidate) => candidate.kind !== 'target');
  if (!entra || entra.confidence < SURE_ENOUGH) {
    throw new ImportFailure({
      code: 'UNKNOWN_FORMAT',
      file: fileName,
      line: 1,
      message: `not an Entra export Recondesk knows (users, sign-in activity, app assignments or provisioning logs); it looks most like ${detected.best.label}`,
    });
  }
  return entra as DetectedCandidate & { kind: Exclude<DetectedCandidate['kind'], 'target'> };
}

function mustHave<T>(fileName: string, result: Result<T, ImportIssue>): T {
  if (!result.ok) throw new ImportFailure({ ...result.error, file: fileName });
  return result.value;
}

const loaded = (file: OpenSource, taken: string, rows: number, end: SourceEnd): LoadedFile => ({
  path: file.path,
  fileName: file.fileName,
  size: end.bytesRead,
  taken,
  rows,
  sha256: end.sha256,
});
const percent = (confidence: number): string => `${Math.round(confidence * 100)}%`;

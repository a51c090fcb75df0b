/**
 * The app's request for an evidence pack, and its validator. Main re-performs the run from the inputs it kept
 * and writes the pack; the renderer supplies what only the review knows (who, decisions, checklist edits, the
 * audit trail) and the counts of its own last run, which main's re-performance must reproduce.
 */
import type { ReconciliationCounts } from '../engine/reconcile';
import { parseScopingFilter, type ScopingFilter } from '../engine/scope';
import { parseSettings, readAsOf } from '../engine/settings-file';
import type { ReviewRecord, TargetReadingRecord } from '../evidence/manifest';
import { ACCOUNT_FIELDS, type ColumnMapping } from '../import/target-generic';
import type { ManualLink } from '../model/manual-link';
import { ok } from '../model/result';
import type { ReconciliationSettings } from '../model/settings';
import type { AuditAction, AuditEntry, Reviewer } from '../review/audit-trail';
import { CHECKLIST_STATUSES, type ChecklistEdit } from '../review/checklist';
import { DECISION_KINDS, type Decision } from '../review/decisions';
import { asObjectWithKeys, badRequest, isOneOf, isPlainFileName, isSha256Hex, isToken } from './validate';
import type { ApiResult } from './contract';

export interface ExportInput {
  readonly role: 'entra' | 'target';
  readonly sha256: string;
  readonly fileName: string;
  /** Rows the app imported from it, compared in the pack with the records main reads again. */
  readonly rows: number;
}

export type ExportSigning = { readonly kind: 'unsigned' } | { readonly kind: 'identity'; readonly id: string; readonly passphrase?: string };

export interface ExportPackRequest {
  /** Chosen by the renderer, so it can follow the progress events and cancel. */
  readonly exportId: string;
  /** A folder from chooseExportDestination. */
  readonly destination: string;
  readonly review: ReviewRecord;
  readonly inputs: readonly ExportInput[];
  readonly reading: TargetReadingRecord;
  readonly settings: ReconciliationSettings;
  readonly scope: ScopingFilter | null;
  readonly links: readonly ManualLink[];
  readonly decisions: readonly Decision[];
  readonly checklistEdits: readonly ChecklistEdit[];
  readonly trail: readonly AuditEntry[];
  /** The counts of the app's run being exported: the pack is refused when re-performance gives others. */
  readonly expectedCounts: ReconciliationCounts;
  readonly includeInputs: boolean;
  readonly signing: ExportSigning;
}

/** What an export produced, for the screen. */
export interface ExportedPack {
  readonly folder: string;
  readonly zip: string;
  readonly runId: string;
  readonly files: number;
  readonly rows: number;
  readonly signer: { readonly subject: string; readonly fingerprint: string } | null;
}

const MAX_TEXT = 10_000;
const AUDIT_ACTIONS: readonly AuditAction[] = ['import', 'run', 'decision', 'reviewer', 'correlation', 'sample', 'settings', 'carried', 'checklist', 'export'];

/** Why a field is not valid; a class, so no valid value (text included) is ever mistaken for it. */
class Problem {
  constructor(readonly message: string) {}
}
type Check<T> = (value: unknown, where: string) => T | Problem;

const text: Check<string> = (value, where) => (typeof value === 'string' && value.length <= MAX_TEXT ? value : new Problem(`${where} must be text`));
const instant: Check<string> = (value, where) => (typeof value === 'string' && readAsOf(value) !== undefined ? value : new Problem(`${where} must be an ISO 8601 date or instant`));
const sha256: Check<string> = (value, where) => (isSha256Hex(value) ? value : new Problem(`${where} must be a SHA-256 in hex`));
const fileName: Check<string> = (value, where) => (isPlainFileName(value) ? value : new Problem(`${where} must be a file name`));
const count: Check<number> = (value, where) => (Number.isInteger(value) && (value as number) >= 0 ? (value as number) : new Problem(`${where} must be a whole number`));
const oneOf =
  <T extends string>(allowed: readonly T[]): Check<T> =>
  (value, where) =>
    isOneOf(value, allowed) ? value : new Problem(`${where} must be one of ${allowed.join(', ')}`);

function record(value: unknown, keys: readonly string[] | undefined, where: string): Record<string, unknown> | Problem {
  const object = asObjectWithKeys(value, keys ?? Object.keys((value ?? {}) as object));
  return object.ok ? object.value : new Problem(`${where}: ${object.error.message}`);
}

/** An object whose fields each pass their own check; `optional` ones may be absent. */
function fields<T>(value: unknown, where: string, checks: { readonly [K in keyof T]-?: Check<T[K]> }, optional: readonly (keyof T)[] = []): T | Problem {
  const object = record(value, Object.keys(checks), where);
  if (object instanceof Problem) return object;
  const out: Record<string, unknown> = {};
  for (const [key, check] of Object.entries(checks) as [string, Check<unknown>][]) {
    if (object[key] === undefined && optional.includes(key as keyof T)) continue;
    const checked = check(object[key], `${where}.${key}`);
    if (checked instanceof Problem) return checked;
    out[key] = checked;
  }
  return out as T;
}

function list<T>(value: unknown, where: string, item: Check<T>, max: number): T[] | Problem {
  if (!Array.isArray(value) || value.length > max) return new Problem(`${where} must be a list of at most ${max}`);
  const out: T[] = [];
  for (const [index, element] of value.entries()) {
    const checked = item(element, `${where}[${index}]`);
    if (checked instanceof Problem) return checked;
    out.push(checked);
  }
  return out;
}

/** An object of any keys whose values all pass one check. */
function mapOf<T>(value: unknown, where: string, item: Check<T>): Record<string, T> | Problem {
  const object = record(value, undefined, where);
  if (object instanceof Problem) return object;
  for (const [key, element] of Object.entries(object)) {
    const checked = item(element, `${where}.${key}`);
    if (checked instanceof Problem) return checked;
  }
  return object as Record<string, T>;
}

const texts: Check<string[]> = (value, where) => list(value, where, text, 100);
const reviewer: Check<Reviewer> = (value, where) => fields<Reviewer>(value, where, { name: text, role: text });
const input: Check<ExportInput> = (value, where) => fields<ExportInput>(value, where, { role: oneOf(['entra', 'target'] as const), sha256, fileName, rows: count });
const link: Check<ManualLink> = (value, where) =>
  fields<ManualLink>(value, where, { accountId: text, identityId: text, action: oneOf(['link', 'unlink'] as const), justification: text, by: text, at: instant });
const decision: Check<Decision> = (value, where) =>
  fields<Decision>(value, where, { rowKey: text, kind: oneOf(DECISION_KINDS), justification: text, approver: text, expires: text, answers: texts, by: reviewer, at: instant }, ['approver', 'expires']);
const edit: Check<ChecklistEdit> = (value, where) =>
  fields<ChecklistEdit>(value, where, { key: text, status: oneOf(CHECKLIST_STATUSES), owner: text, dueDate: text, note: text, ticket: text, evidence: text, by: reviewer, at: instant });
const entry: Check<AuditEntry> = (value, where) =>
  fields<AuditEntry>(value, where, { seq: count, at: instant, who: reviewer, action: oneOf(AUDIT_ACTIONS), details: (v, w) => mapOf(v, w, text), previousHash: sha256, hash: sha256 });
const review: Check<ReviewRecord> = (value, where) => fields<ReviewRecord>(value, where, { name: text, application: text, period: text, owner: text, reviewer });
const columnName: Check<string> = (value, where) => (typeof value === 'string' && value.length > 0 && value.length <= 256 ? value : new Problem(`${where} must be a column name`));
const reading: Check<TargetReadingRecord> = (value, where) => {
  const object = record(value, ['profileId', 'mapping', 'dateOrder'], where);
  if (object instanceof Problem) return object;
  const { profileId, dateOrder } = object;
  if (profileId !== undefined && !isToken(profileId)) return new Problem(`${where}.profileId must be a profile id`);
  if (dateOrder !== undefined && !isOneOf(dateOrder, ['MDY', 'DMY'] as const)) return new Problem(`${where}.dateOrder must be MDY or DMY`);
  const columns = record(object['mapping'] ?? {}, ACCOUNT_FIELDS, `${where}.mapping`);
  if (columns instanceof Problem) return columns;
  const checked = mapOf(columns, `${where}.mapping`, columnName);
  if (checked instanceof Problem) return checked;
  return { profileId, mapping: checked as ColumnMapping, dateOrder } as TargetReadingRecord;
};
const signing: Check<ExportSigning> = (value, where) => {
  const object = record(value, ['kind', 'id', 'passphrase'], where);
  if (object instanceof Problem) return object;
  if (object['kind'] === 'unsigned' && object['id'] === undefined) return { kind: 'unsigned' };
  if (object['kind'] !== 'identity' || !isToken(object['id'])) return new Problem(`${where} must be unsigned or a signing identity's id`);
  const passphrase = object['passphrase'];
  if (passphrase !== undefined && (typeof passphrase !== 'string' || passphrase.length > 1000)) return new Problem(`${where}.passphrase must be text`);
  return { kind: 'identity', id: object['id'], ...(passphrase === undefined ? {} : { passphrase }) };
};

// A review can decide a million rows in bulk; the trail and edits grow with it.
const MAX_RECORDS = 2_000_000;

/** The only way an export request reaches main's handler. */
export function validateExportRequest(value: unknown): ApiResult<ExportPackRequest> {
  const keys = ['exportId', 'destination', 'review', 'inputs', 'reading', 'settings', 'scope', 'links', 'decisions', 'checklistEdits', 'trail', 'expectedCounts', 'includeInputs', 'signing'];
  const object = asObjectWithKeys(value, keys);
  if (!object.ok) return object;
  const request = object.value;
  if (!isToken(request['exportId'])) return badRequest('exportId must be a token');
  if (!isToken(request['destination'])) return badRequest('destination must be a folder token from chooseExportDestination');
  if (typeof request['includeInputs'] !== 'boolean') return badRequest('includeInputs must be true or false');
  // An unset setting crosses IPC as an absent key; undefined here means the same.
  const given = request['settings'];
  const present = typeof given === 'object' && given !== null ? Object.fromEntries(Object.entries(given).filter(([, setting]) => setting !== undefined)) : given;
  const settings = parseSettings(present, '');
  if (!settings.ok) return badRequest(`settings: ${settings.error}`);
  if (readAsOf(settings.value.asOf) === undefined) return badRequest('settings.asOf must be an ISO 8601 instant');
  const scope = request['scope'] === null ? ok(null) : parseScopingFilter(request['scope']);
  if (!scope.ok) return badRequest(`scope: ${scope.error}`);
  const expected = record(request['expectedCounts'], ['situations', 'findings', 'severities'], 'expectedCounts');
  if (expected instanceof Problem) return badRequest(expected.message);
  const checked = {
    review: review(request['review'], 'review'),
    inputs: list(request['inputs'], 'inputs', input, 100),
    reading: reading(request['reading'], 'reading'),
    links: list(request['links'], 'links', link, MAX_RECORDS),
    decisions: list(request['decisions'], 'decisions', decision, MAX_RECORDS),
    checklistEdits: list(request['checklistEdits'], 'checklistEdits', edit, MAX_RECORDS),
    trail: list(request['trail'], 'trail', entry, MAX_RECORDS),
    signing: signing(request['signing'], 'signing'),
    situations: mapOf(expected['situations'], 'expectedCounts.situations', count),
    findings: mapOf(expected['findings'], 'expectedCounts.findings', count),
    severities: mapOf(expected['severities'], 'expectedCounts.severities', count),
  };
  const problem = Object.values(checked).find((item): item is Problem => item instanceof Problem);
  if (problem !== undefined) return badRequest(problem.message);
  const valid = checked as { [K in keyof typeof checked]: Exclude<(typeof checked)[K], Problem> };
  if (!valid.inputs.some((item) => item.role === 'target') || valid.inputs.filter((item) => item.role === 'target').length > 1) return badRequest('inputs must hold exactly one target dump');
  if (!valid.inputs.some((item) => item.role === 'entra')) return badRequest('inputs must hold the Entra users export');
  return ok({
    exportId: request['exportId'],
    destination: request['destination'],
    review: valid.review,
    inputs: valid.inputs,
    reading: valid.reading,
    settings: settings.value,
    scope: scope.value,
    links: valid.links,
    decisions: valid.decisions,
    checklistEdits: valid.checklistEdits,
    trail: valid.trail,
    expectedCounts: { situations: valid.situations, findings: valid.findings, severities: valid.severities } as unknown as ReconciliationCounts,
    includeInputs: request['includeInputs'],
    signing: valid.signing,
  });
}

import type { ImportIssue } from '../model/import-issue';
import type { ProvisioningEvent, ProvisioningStatus } from '../model/provisioning-event';
import { fail, ok, type Result } from '../model/result';
import { presentValue } from '../normalise/absent';
import { cell, instantCell } from './cells';
import { parseObject } from './entra-users';
import { findColumn } from './header';

/**
 * Where each event field sits in a provisioning log: flattened Graph/portal JSON (current or deprecated
 * names), Log Analytics `AADProvisioningLogs`, the community flattening, or the portal CSV's main file.
 */
export interface ProvisioningLayout {
  readonly id: number;
  readonly activity: number;
  /** Candidate columns in order, the first non-empty cell wins: a JSON download mixes current and deprecated names row by row. */
  readonly action: readonly number[];
  readonly status: readonly number[];
  readonly errorCode: readonly number[];
  readonly errorReason: readonly number[];
  readonly sourceId: number;
  readonly sourceName: number;
  readonly targetId: number;
  readonly changeId: number;
  /** Log Analytics keeps nested objects as JSON text: SourceIdentity, TargetIdentity, ProvisioningStatusInfo. */
  readonly sourceIdentityJson: number;
  readonly targetIdentityJson: number;
  readonly statusInfoJson: number;
  /** provisioningSteps / modifiedProperties as JSON arrays (flattened JSON, Log Analytics). */
  readonly steps: number;
  readonly modifiedProperties: number;
}

const CHANGE_ID = ['changeId', 'Change ID'];
const ACTIVITY = ['activityDateTime', 'TimeGenerated', 'Date', 'Activity date time', 'Date (UTC)', 'Timestamp'];
const STATUS = [
  'provisioningStatusInfo.status',
  'statusInfo.status',
  'provisioningStatusInfoStatus',
  'ResultType',
  'Status',
  'provisioningStatus',
];

/** Finds the event columns; the activity time and status are required, and a source identity column. */
export function detectProvisioningLayout(header: readonly string[]): Result<ProvisioningLayout, ImportIssue> {
  const find = (...names: string[]): number => findColumn(header, names);
  const all = (...names: string[]): number[] => [...new Set(names.map((name) => findColumn(header, [name])).filter((index) => index >= 0))];
  const layout: ProvisioningLayout = {
    id: find('id', 'Id', 'Activity ID'),
    activity: find(...ACTIVITY),
    action: all('provisioningAction', 'action', 'properties.action'),
    status: all(...STATUS),
    errorCode: all(
      'provisioningStatusInfo.errorInformation.errorCode',
      'statusInfo.errorInformation.errorCode',
      'provisioningStatusInfoErrorCode',
      'ResultSignature',
      'Error Code',
      'errorCode',
    ),
    errorReason: all(
      'provisioningStatusInfo.errorInformation.reason',
      'statusInfo.errorInformation.reason',
      'provisioningStatusInfoReason',
      'ResultDescription',
      'Error Reason',
      'errorReason',
      'Reason',
    ),
    sourceId: find('sourceIdentity.id', 'SourceIdentity_Id', 'Source ID', 'Source identity ID', 'Source object ID'),
    sourceName: find('sourceIdentity.displayName', 'SourceIdentity_DisplayName', 'Identity', 'Source identity name', 'reportableIdentifier'),
    targetId: find('targetIdentity.id', 'TargetIdentity_Id', 'Target ID', 'Target identity ID', 'Target object ID'),
    changeId: find(...CHANGE_ID),
    sourceIdentityJson: find('SourceIdentity', 'Source identity'),
    targetIdentityJson: find('TargetIdentity', 'Target identity'),
    statusInfoJson: find('ProvisioningStatusInfo', 'statusInfo'),
    steps: find('provisioningSteps', 'ProvisioningSteps'),
    modifiedProperties: find('modifiedProperties', 'ModifiedProperties'),
  };
  const missing = [
    layout.activity < 0 ? 'activityDateTime (or TimeGenerated, Date)' : undefined,
    layout.status.length === 0 ? 'provisioningStatusInfo.status (or statusInfo.status, ResultType, Status)' : undefined,
    layout.sourceId < 0 && layout.sourceIdentityJson < 0 && layout.sourceName < 0 ? 'sourceIdentity.id (or SourceIdentity, Source ID, Identity)' : undefined,
  ].filter((name) => name !== undefined);
  if (missing.length > 0) {
    return fail({ code: 'MISSING_COLUMN', line: 1, message: `this is not an Entra provisioning log: the header has no ${missing.join(', no ')} column` });
  }
  return ok(layout);
}

const STATUSES: Readonly<Record<string, ProvisioningStatus>> = {
  success: 'success',
  succeeded: 'success',
  failure: 'failure',
  failed: 'failure',
  skipped: 'skipped',
  warning: 'warning',
};

/** A provisioning status in any case (`Success`, `failure`, `SKIPPED`); anything unknown is `other`. */
export const provisioningStatusOf = (text: string | undefined): ProvisioningStatus => (text === undefined ? 'other' : (STATUSES[text.toLowerCase()] ?? 'other'));

const ACTIONS: Readonly<Record<string, string>> = {
  create: 'create',
  update: 'update',
  delete: 'delete',
  stageddelete: 'stagedDelete',
  'staged delete': 'stagedDelete',
  disable: 'disable',
  other: 'other',
};

const actionOf = (text: string | undefined): string => (text === undefined ? 'other' : (ACTIONS[text.toLowerCase()] ?? text));

/**
 * The event of one row, or undefined when its activity time is missing or unreadable. `line` names the event
 * when the log has neither an id nor a change id.
 */
export function provisioningEventFromRow(layout: ProvisioningLayout, row: readonly string[], line = 0): ProvisioningEvent | undefined {
  const activityAt = instantCell(row, layout.activity);
  if (activityAt === undefined) return undefined;
  const sourceId = cell(row, layout.sourceId);
  const sourceName = cell(row, layout.sourceName);
  const targetId = cell(row, layout.targetId);
  // The JSON columns (Log Analytics) are parsed only when the flat ones do not answer.
  const source = sourceId === undefined || sourceName === undefined ? jsonCell(row, layout.sourceIdentityJson) : undefined;
  const target = targetId === undefined ? jsonCell(row, layout.targetIdentityJson) : undefined;
  const status = provisioningStatusOf(firstCell(row, layout.status));
  const changeId = cell(row, layout.changeId);
  let errorCode = firstCell(row, layout.errorCode);
  let errorReason = firstCell(row, layout.errorReason);
  if (errorCode === undefined && (status === 'failure' || status === 'skipped' || status === 'warning')) {
    // Only failed rows pay for parsing the nested JSON the error may sit in.
    const info = errorInformation(jsonCell(row, layout.statusInfoJson)) ?? failedStepError(cell(row, layout.steps));
    errorCode = info?.code;
    errorReason ??= info?.reason;
  }
  const modified = modifiedPropertyNames(cell(row, layout.modifiedProperties));
  return {
    id: cell(row, layout.id) ?? changeId ?? `line-${line}`,
    activityAt,
    sourceIdentityId: sourceId ?? textOf(source?.['id']),
    sourceIdentityName: sourceName ?? textOf(source?.['displayName']) ?? plainText(row, layout.sourceIdentityJson),
    targetIdentityId: targetId ?? textOf(target?.['id']),
    action: actionOf(firstCell(row, layout.action)),
    status,
    errorCode,
    errorReason,
    changeId,
    ...(modified.length === 0 ? {} : { modifiedProperties: modified }),
  };
}

function firstCell(row: readonly string[], columns: readonly number[]): string | undefined {
  for (const index of columns) {
    const value = cell(row, index);
    if (value !== undefined) return value;
  }
  return undefined;
}

const textOf = (value: unknown): string | undefined => (typeof value === 'string' ? presentValue(value) : undefined);

function jsonCell(row: readonly string[], index: number): Readonly<Record<string, unknown>> | undefined {
  const value = cell(row, index);
  return value?.startsWith('{') === true ? parseObject(value) : undefined;
}

// A portal column named "Source identity" may hold the name itself rather than JSON.
function plainText(row: readonly string[], index: number): string | undefined {
  const value = cell(row, index);
  return value?.startsWith('{') === true ? undefined : value;
}

interface ErrorFound {
  readonly code: string | undefined;
  readonly reason: string | undefined;
}

function errorInformation(statusInfo: Readonly<Record<string, unknown>> | undefined): ErrorFound | undefined {
  const info = statusInfo?.['errorInformation'] ?? statusInfo?.['errorInfo'];
  if (typeof info !== 'object' || info === null) return undefined;
  const fields = info as Record<string, unknown>;
  const code = textOf(fields['errorCode']);
  return code === undefined ? undefined : { code, reason: textOf(fields['reason']) };
}

// Step descriptions spell the code inline: "… Error code: SystemForCrossDomainIdentityManagementBadResponse".
const CODE_IN_TEXT = /error\s*code\s*[:=]\s*"?([A-Za-z][\w.]*)/i;

/** The error code and reason a failed provisioning step carries: its details, else its description text. */
function stepError(status: string | undefined, details: Readonly<Record<string, unknown>> | undefined, description: string | undefined): ErrorFound | undefined {
  if (provisioningStatusOf(status) !== 'failure') return undefined;
  const code =
    textOf(details?.['ErrorCode']) ?? textOf(details?.['errorCode']) ?? (description === undefined ? undefined : CODE_IN_TEXT.exec(description)?.[1]);
  const reason = description ?? textOf(details?.['ErrorMessage']) ?? textOf(details?.['reason']);
  return code === undefined && reason === undefined ? undefined : { code, reason };
}

function failedStepError(stepsText: string | undefined): ErrorFound | undefined {
  const steps = jsonArray(stepsText);
  for (const step of steps) {
    const details = step['details'];
    const found = stepError(
      textOf(step['status']),
      typeof details === 'object' && details !== null ? (details as Record<string, unknown>) : undefined,
      textOf(step['description']),
    );
    if (found) return found;
  }
  return undefined;
}

function modifiedPropertyNames(text: string | undefined): string[] {
  return jsonArray(text).flatMap((property) => {
    const name = textOf(property['displayName']) ?? textOf(property['name']);
    return name === undefined ? [] : [name];
  });
}

function jsonArray(text: string | undefined): readonly Readonly<Record<string, unknown>>[] {
  if (text === undefined || text === '[]' || !text.startsWith('[')) return [];
  try {
    const value: unknown = JSON.parse(text);
    return Array.isArray(value) ? value.filter((item): item is Record<string, unknown> => typeof item === 'object' && item !== null) : [];
  } catch {
    return [];
  }
}

/** Column names that together identify a provisioning log, in any of its forms. */
export const ENTRA_PROVISIONING_SIGNATURE: readonly string[] = [
  'changeId',
  'cycleId',
  'jobId',
  'provisioningAction',
  'Action',
  'sourceIdentity.id',
  'SourceIdentity',
  'targetIdentity.id',
  'TargetIdentity',
  'Source System',
  'Target System',
  'sourceSystem.displayName',
  'targetSystem.displayName',
  'provisioningStatusInfo.status',
  'statusInfo.status',
  'provisioningStatusInfoStatus',
  'ProvisioningStatusInfo',
  'ProvisioningSteps',
  'reportableIdentifier',
];

/** How much a header looks like a provisioning log (main file or a companion), 0 to 1. */
export function scoreEntraProvisioning(header: readonly string[]): number {
  if (provisioningCompanionRole(header) !== undefined) return 0.7;
  const present = ENTRA_PROVISIONING_SIGNATURE.filter((name) => findColumn(header, [name]) >= 0).length;
  const required = (findColumn(header, ACTIVITY) >= 0 ? 1 : 0) + (findColumn(header, STATUS) >= 0 ? 1 : 0);
  return Math.min(1, 0.15 * required + 0.7 * Math.min(1, present / 5));
}

/** Which companion of the portal's CSV trio a header is: the provisioning steps, the modified properties, or neither. */
export function provisioningCompanionRole(header: readonly string[]): 'steps' | 'modified-properties' | undefined {
  if (findColumn(header, CHANGE_ID) < 0) return undefined;
  if (findColumn(header, OLD_VALUE) >= 0 || findColumn(header, NEW_VALUE) >= 0) return 'modified-properties';
  if (findColumn(header, ['provisioningStepType', 'Step type', 'Step name', 'Step', 'Provisioning step type']) >= 0) return 'steps';
  // Headers unconfirmed: a name, status and description/details beside the change id, and no activity time.
  const stepShaped = findColumn(header, ['Name']) >= 0 && findColumn(header, ['Status']) >= 0 && findColumn(header, ['Description', 'Details']) >= 0;
  return stepShaped && findColumn(header, ACTIVITY) < 0 ? 'steps' : undefined;
}

const OLD_VALUE = ['oldValue', 'Old value'];
const NEW_VALUE = ['newValue', 'New value'];

/** One of the portal's companion files: its header and rows. */
export interface ProvisioningCompanion {
  readonly header: readonly string[];
  readonly rows: Iterable<readonly string[]>;
}

/**
 * Attaches what the companion files add to events by change id (one event to many rows): the error code and
 * reason of a failed step to an event that lacks them, and the names of modified attributes. Pure; events
 * without a change id, or a companion without a change id column, are left as they are.
 */
export function joinProvisioningCompanions(
  events: readonly ProvisioningEvent[],
  steps: ProvisioningCompanion | undefined,
  modifiedProperties?: ProvisioningCompanion,
): ProvisioningEvent[] {
  const errors = steps === undefined ? new Map<string, ErrorFound>() : stepErrorsByChange(steps);
  const modified = modifiedProperties === undefined ? new Map<string, string[]>() : propertiesByChange(modifiedProperties);
  return events.map((event) => {
    if (event.changeId === undefined) return event;
    const key = event.changeId.toLowerCase();
    const error = event.errorCode === undefined ? errors.get(key) : undefined;
    const names = event.modifiedProperties === undefined ? modified.get(key) : undefined;
    if (error === undefined && names === undefined) return event;
    return {
      ...event,
      ...(error === undefined ? {} : { errorCode: error.code, errorReason: event.errorReason ?? error.reason }),
      ...(names === undefined ? {} : { modifiedProperties: names }),
    };
  });
}

function stepErrorsByChange(steps: ProvisioningCompanion): Map<string, ErrorFound> {
  const { header } = steps;
  const changeId = findColumn(header, CHANGE_ID);
  const status = findColumn(header, ['status', 'Status', 'Result']);
  const description = findColumn(header, ['description', 'Description', 'Error Reason', 'Error message', 'Message']);
  const details = findColumn(header, ['details', 'Details']);
  const code = findColumn(header, ['Error Code', 'errorCode', 'ErrorCode']);
  const found = new Map<string, ErrorFound>();
  if (changeId < 0) return found;
  for (const row of steps.rows) {
    const key = cell(row, changeId)?.toLowerCase();
    if (key === undefined) continue;
    const error = stepError(cell(row, status), jsonCell(row, details), cell(row, description));
    if (error === undefined) continue;
    const previous = found.get(key);
    const withCode = { code: cell(row, code) ?? error.code, reason: error.reason };
    // The first failed step with a code wins: later steps usually repeat the failure without one.
    if (previous === undefined || (previous.code === undefined && withCode.code !== undefined)) found.set(key, withCode);
  }
  return found;
}

function propertiesByChange(properties: ProvisioningCompanion): Map<string, string[]> {
  const { header } = properties;
  const changeId = findColumn(header, CHANGE_ID);
  const name = findColumn(header, ['displayName', 'Display name', 'Attribute name', 'Attribute', 'Name', 'Property']);
  const found = new Map<string, string[]>();
  if (changeId < 0 || name < 0) return found;
  for (const row of properties.rows) {
    const key = cell(row, changeId)?.toLowerCase();
    const value = cell(row, name);
    if (key === undefined || value === undefined) continue;
    const names = found.get(key);
    if (names === undefined) found.set(key, [value]);
    else if (!names.includes(value)) names.push(value);
  }
  return found;
}

import type { Assignment } from '../model/assignment';
import type { ImportIssue } from '../model/import-issue';
import { fail, ok, type Result } from '../model/result';
import { cell, instantCell } from './cells';
import { findColumn } from './header';

/**
 * Which export the assignments come from: Graph appRoleAssignment (`Get-MgServicePrincipalAppRoleAssignedTo`,
 * CSV or JSON), a group's member list, or the portal's "Users and groups" download.
 */
export type AssignmentsForm = 'app-role-assignments' | 'group-members' | 'portal';

/** Where each assignment field sits; -1 when the column is absent. */
export interface AssignmentsLayout {
  readonly form: AssignmentsForm;
  readonly principalId: number;
  /** The UPN when the file has one (it joins to identities), else the display name. */
  readonly principalName: number;
  readonly principalType: number;
  /** `@odata.type` of Graph member objects (`#microsoft.graph.user`), standing in for principalType. */
  readonly odataType: number;
  readonly appRoleId: number;
  readonly appRoleName: number;
  readonly group: number;
  readonly created: number;
  readonly deleted: number;
  readonly resourceId: number;
  readonly resourceName: number;
}

const APP_ROLE_COLUMNS = ['appRoleId', 'resourceId', 'principalType', 'principalDisplayName', 'resourceDisplayName'];
const PORTAL_COLUMNS = ['Object type', 'Role assigned', 'Assigned on', 'Assigned date'];
const GROUP_COLUMNS = ['groupId', 'Group ID', 'groupDisplayName', 'Group name', 'GroupName', 'Group'];

/** Finds the assignment columns and the form; a principal id or name column is required. */
export function detectAssignmentsLayout(header: readonly string[]): Result<AssignmentsLayout, ImportIssue> {
  const find = (...names: string[]): number => findColumn(header, names);
  const has = (names: readonly string[]): boolean => names.some((name) => findColumn(header, [name]) >= 0);
  const form: AssignmentsForm = has(APP_ROLE_COLUMNS) || find('principalId') >= 0 ? 'app-role-assignments' : has(PORTAL_COLUMNS) ? 'portal' : 'group-members';
  // In a Graph appRoleAssignment `id` is the assignment's own id; elsewhere it is the member's object id.
  const principalId = find('principalId', 'Principal ID', 'Object ID', 'objectId', 'UserId', 'User ID', 'memberId', 'Member ID');
  const layout: AssignmentsLayout = {
    form,
    principalId: principalId >= 0 || form === 'app-role-assignments' ? principalId : find('id'),
    principalName: find('userPrincipalName', 'User principal name', 'UPN', 'principalDisplayName', 'Principal display name', 'displayName', 'Display name', 'Name'),
    principalType: find('principalType', 'Principal type', 'Object type', 'Type', 'objectType'),
    odataType: find('@odata.type'),
    appRoleId: find('appRoleId', 'App role ID', 'Role ID'),
    appRoleName: find('Role assigned', 'Role', 'App role', 'appRoleDisplayName', 'Role name'),
    group: find(...GROUP_COLUMNS),
    created: find('createdDateTime', 'creationTimestamp', 'Assigned on', 'Assigned date', 'Created date time'),
    deleted: find('deletedDateTime', 'Deleted date time'),
    resourceId: find('resourceId', 'Resource ID'),
    resourceName: find('resourceDisplayName', 'Resource display name', 'Application', 'App name'),
  };
  if (layout.principalId < 0 && layout.principalName < 0) {
    return fail({
      code: 'MISSING_COLUMN',
      line: 1,
      message: 'this is not an Entra assignments export: the header has no principalId, Object ID, UserId, id or userPrincipalName column',
    });
  }
  return ok(layout);
}

const PRINCIPAL_TYPES: Readonly<Record<string, Assignment['principalType']>> = {
  user: 'User',
  group: 'Group',
  serviceprincipal: 'ServicePrincipal',
  'service principal': 'ServicePrincipal',
  application: 'ServicePrincipal',
  '#microsoft.graph.user': 'User',
  '#microsoft.graph.group': 'Group',
  '#microsoft.graph.serviceprincipal': 'ServicePrincipal',
};

/** Whether a row is a deleted assignment, which assignmentFromRow skips on purpose. */
export const isDeletedAssignment = (layout: AssignmentsLayout, row: readonly string[]): boolean => cell(row, layout.deleted) !== undefined;

/**
 * The assignment of one row, or undefined when the row is deleted, names no principal, or its principal type
 * is not a user, group or service principal (a device listed among a group's members).
 */
export function assignmentFromRow(layout: AssignmentsLayout, row: readonly string[]): Assignment | undefined {
  if (isDeletedAssignment(layout, row)) return undefined;
  const principalId = cell(row, layout.principalId);
  const principalName = cell(row, layout.principalName);
  if (principalId === undefined && principalName === undefined) return undefined;
  const typeText = cell(row, layout.principalType) ?? cell(row, layout.odataType);
  // Without a type column every row is a user: a member list, or a user-only export.
  const principalType = typeText === undefined ? 'User' : PRINCIPAL_TYPES[typeText.toLowerCase()];
  if (principalType === undefined) return undefined;
  const appRoleName = cell(row, layout.appRoleName);
  const createdAt = instantCell(row, layout.created);
  const resourceId = cell(row, layout.resourceId);
  const resourceName = cell(row, layout.resourceName);
  return {
    principalType,
    principalId,
    principalName,
    appRoleId: cell(row, layout.appRoleId),
    viaGroup: layout.form === 'group-members' ? cell(row, layout.group) : undefined,
    ...(appRoleName === undefined ? {} : { appRoleName }),
    ...(createdAt === undefined ? {} : { createdAt }),
    ...(resourceId === undefined ? {} : { resourceId }),
    ...(resourceName === undefined ? {} : { resourceName }),
  };
}

/** How much a header looks like an assignments export, 0 to 1. */
export function scoreEntraAssignments(header: readonly string[]): number {
  const count = (names: readonly string[]): number => names.filter((name) => findColumn(header, [name]) >= 0).length;
  const appRole = count([...APP_ROLE_COLUMNS, 'principalId']);
  if (appRole >= 2) return Math.min(1, 0.6 + 0.1 * appRole);
  const portal = count(PORTAL_COLUMNS);
  if (portal >= 2) return Math.min(1, 0.55 + 0.15 * portal);
  // A member list is a few key columns; with a group column it is plainly a member list, without one a users file wins.
  const keys = count(['id', 'UserId', 'userPrincipalName', 'displayName', 'memberId']);
  if (keys < 2) return 0.05 * (appRole + portal + keys);
  const hasGroup = count(GROUP_COLUMNS) > 0;
  const hasUserId = count(['UserId', 'memberId']) > 0;
  const extra = header.length - keys - (hasGroup ? 1 : 0);
  if (extra > 2) return 0.1;
  return hasGroup ? 0.8 : hasUserId ? 0.7 : 0.4;
}

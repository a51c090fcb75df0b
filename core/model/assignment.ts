/** Who Entra assigns to the application (enterprise app "Users and groups", app role assignments). */
export interface Assignment {
  readonly principalType: 'User' | 'Group' | 'ServicePrincipal';
  /** Object id of the user, group or service principal. */
  readonly principalId: string | undefined;
  /** UPN or display name, when the export has no id. */
  readonly principalName: string | undefined;
  readonly appRoleId: string | undefined;
  /** For a user listed as a member of an assigned group: the group's id or name. */
  readonly viaGroup: string | undefined;
  /** The role's name where the export shows names, not ids (the portal's "Role assigned"). */
  readonly appRoleName?: string;
  /** When the assignment was made (createdDateTime, formerly creationTimestamp), epoch ms UTC. */
  readonly createdAt?: number;
  /** The service principal the role is on: a file may hold assignments to several applications. */
  readonly resourceId?: string;
  readonly resourceName?: string;
}

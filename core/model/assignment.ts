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
}

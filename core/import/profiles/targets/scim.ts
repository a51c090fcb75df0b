import type { TargetProfile } from '../target-profile';

/**
 * A dump named by SCIM attribute paths (formats.md 3.8b). `externalId` is read as the object id although
 * Entra's default mapping sends mailNickname there: the engine uses the object id only for an exact match
 * with an Entra object id, which a nickname never is, so it can only match when it really is one.
 */
export const scim: TargetProfile = {
  id: 'scim',
  label: 'SCIM users',
  signatures: [
    [
      'id', 'externalId', 'userName', 'active', 'displayName', 'name.givenName', 'name.familyName', 'emails[type eq "work"].value',
      'title', 'groups', 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber', 'meta.created', 'meta.lastModified',
    ],
  ],
  columns: {
    accountId: ['id'],
    login: ['userName'],
    email: ['emails[type eq "work"].value', 'emails[primary eq true].value', 'emails.value', 'emails'],
    displayName: ['displayName'],
    givenName: ['name.givenName'],
    familyName: ['name.familyName'],
    objectId: ['externalId'],
    enabled: ['active'],
    employeeId: ['urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber'],
    created: ['meta.created'],
    roles: ['groups', 'roles'],
  },
};

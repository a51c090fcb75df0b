import type { TargetProfile } from '../target-profile';

/**
 * A dump named by SCIM attribute paths. `externalId` is read as the object id: Entra's default mapping puts
 * mailNickname there, which never equals an object id, so it can only match when it really is one.
 */
export const scim: TargetProfile = {
  id: 'scim',
  label: 'SCIM users',
  signature: ['id', 'externalId', 'userName', 'active', 'displayName', 'name.givenName', 'name.familyName', 'emails[type eq "work"].value', 'meta.created'],
  columns: {
    accountId: ['id'],
    login: ['userName'],
    email: ['emails[type eq "work"].value', 'emails[primary eq true].value', 'emails'],
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

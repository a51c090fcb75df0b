/** Entra provisioning error codes (provisioning logs documentation) and what to do about each. */
const GUIDANCE: Readonly<Record<string, string>> = {
  Conflict: 'Conflicting values in the target, or a misconfigured matching attribute: match or take over the existing account.',
  EntryConflict: 'Conflicting values in the target, or a misconfigured matching attribute: match or take over the existing account.',
  TooManyRequests: 'The target throttled the request; Entra retries. Check the next cycle succeeded.',
  InternalServerError: 'The target failed unexpectedly; Entra retries in 40 minutes. Check the next cycle succeeded.',
  InsufficientRights: 'The provisioning credentials lack rights in the target: fix the connector account.',
  MethodNotAllowed: 'The provisioning credentials lack rights in the target: fix the connector account.',
  NotPermitted: 'The provisioning credentials lack rights in the target: fix the connector account.',
  Unauthorized: 'The provisioning credentials lack rights in the target: fix the connector account.',
  UnprocessableEntity: 'The target rejected the request: check the attribute mappings.',
  NotImplemented: 'The target does not support the request: check the connector configuration.',
  WebExceptionProtocolError: 'An HTTP protocol error; Entra retries in 40 minutes. Check the next cycle succeeded.',
  InvalidAnchor: 'The account Entra created or matched no longer exists in the target: re-provision or remove the assignment.',
  MandatoryFieldsMissing: 'Required values are missing on the Entra user: complete the source attributes.',
  MissingValues: 'Required values are missing on the Entra user: complete the source attributes.',
  SchemaAttributeNotFound: 'A mapped attribute does not exist in the target: fix the attribute mappings.',
  InternalError: 'An Entra service error; retried in 40 minutes. Check the next cycle succeeded.',
  InvalidDomain: 'An attribute holds a domain the target does not accept: correct the attribute.',
  Timeout: 'The target answered too slowly; Entra retries. Check the next cycle succeeded.',
  LicenseLimitExceeded: 'No licences left in the target: the user was not provisioned. Free or buy licences.',
  DuplicateTargetEntries: 'More than one target account matches the matching attribute: resolve the duplicates.',
  DuplicateSourceEntries: 'More than one Entra user matches the matching attribute: resolve the duplicate identities.',
  ImportSkipped: 'The Entra user lacks the matching attribute: populate it.',
  EntrySynchronizationSkipped: 'Out of scope or already in sync.',
  SchemaPropertyCanOnlyAcceptValue: 'A multi-valued source attribute maps to a single-valued target attribute: fix the mapping.',
};

const KNOWN_CODES = Object.keys(GUIDANCE).toSorted((a, b) => b.length - a.length);

/**
 * What to do about a provisioning error code. Application-specific codes carry the app's name as a prefix
 * (`ContosoEntryConflict`), so they are matched by suffix.
 */
export function provisioningErrorGuidance(code: string): string {
  const known = GUIDANCE[code] ?? KNOWN_CODES.map((name) => (code.endsWith(name) ? GUIDANCE[name] : undefined)).find(Boolean);
  return known ?? 'Look the error code up in the Entra provisioning logs documentation and fix its cause.';
}

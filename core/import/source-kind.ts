/** What an imported file is to the reconciliation. */
export type SourceKind = 'entra-users' | 'entra-signins' | 'entra-assignments' | 'entra-provisioning' | 'target';
export const SOURCE_KINDS: readonly SourceKind[] = ['entra-users', 'entra-signins', 'entra-assignments', 'entra-provisioning', 'target'];

export const SOURCE_KIND_LABELS: Record<SourceKind, string> = {
  'entra-users': 'Entra ID users',
  'entra-signins': 'Entra ID sign-in activity',
  'entra-assignments': 'Entra ID app assignments',
  'entra-provisioning': 'Entra ID provisioning logs',
  target: 'Target application accounts',
};

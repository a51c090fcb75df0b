/** What an imported file is to the reconciliation. */
export type SourceKind = 'entra-users' | 'target';
export const SOURCE_KINDS: readonly SourceKind[] = ['entra-users', 'target'];

export const SOURCE_KIND_LABELS: Record<SourceKind, string> = {
  'entra-users': 'Entra ID users',
  target: 'Target application accounts',
};

import type { Finding, Remediation, RemediationAction, Severity, Situation } from '../model/reconciliation';
import type { ReconciliationSettings } from '../model/settings';
import { addDays, isoDate } from './instants';
import { provisioningErrorGuidance } from './provisioning-errors';

interface Proposal {
  readonly action: RemediationAction;
  readonly guidance: string;
}

const FINDING_PROPOSALS: Readonly<Record<Finding['code'], Proposal>> = {
  TERMINATED_ACTIVE: { action: 'disable-account', guidance: 'Disable or remove the account: its owner has left or is disabled in Entra.' },
  STALE_ACCOUNT: { action: 'disable-account', guidance: 'Disable the unused account, or record why it must stay.' },
  DORMANT_IDENTITY: { action: 'review-identity-activity', guidance: 'The person has not signed in to Entra: confirm they still need access, else remove it.' },
  UNASSIGNED: { action: 'assign-in-entra-or-remove-access', guidance: 'Assign the user to the application in Entra, or remove the access.' },
  OUT_OF_SCOPE: { action: 'review-scope-or-remove-access', guidance: 'The user falls outside the provisioning scope: fix the scoping filter, or remove the access.' },
  DUPLICATE_ACCOUNT: { action: 'remove-account', guidance: 'Keep one account per person: remove or merge the others.' },
  ATTRIBUTE_DRIFT: { action: 'correct-attribute', guidance: 'Correct the differing attributes in the application (or in Entra, if Entra is wrong).' },
  GUEST_ACCESS: { action: 'review-guest-access', guidance: 'Confirm the guest still needs access and has a sponsor.' },
  PROVISIONING_ERROR: { action: 'fix-provisioning-error', guidance: '' },
  SERVICE_ACCOUNT: { action: 'assign-owner', guidance: 'Name an owner for the non-human account and record its purpose; do not simply delete it.' },
  PRIVILEGED: { action: 'remove-role', guidance: 'Confirm the privileged role is still needed, else remove the role.' },
};

const SITUATION_PROPOSALS: Readonly<Partial<Record<Situation, Proposal>>> = {
  ORPHAN: { action: 'remove-account', guidance: 'No Entra identity owns this account: remove it, or link it to its owner with a justification.' },
  AMBIGUOUS: { action: 'link-correlation', guidance: 'Several identities match: link the account to the right one.' },
  MISSING: { action: 'provision-or-remove-assignment', guidance: 'Assigned in Entra but no account exists: provision it, or remove the assignment.' },
};

/** Remediations for a row: one per situation needing action and per finding, owned and due by severity. */
export function proposeRemediations(
  situation: Situation,
  findings: readonly Finding[],
  rowSeverity: Severity | undefined,
  isNameProposal: boolean,
  settings: ReconciliationSettings,
  asOfMs: number,
): Remediation[] {
  const severity = rowSeverity ?? 'low';
  const due = isoDate(addDays(asOfMs, settings.dueDays[severity]));
  const make = (cause: Remediation['cause'], proposal: Proposal): Remediation => ({
    action: proposal.action,
    cause,
    severity,
    owner: settings.applicationOwner,
    dueDate: due,
    guidance: proposal.guidance,
  });
  const remediations: Remediation[] = [];
  const forSituation = SITUATION_PROPOSALS[situation];
  const isServiceOrphan = situation === 'ORPHAN' && findings.some((finding) => finding.code === 'SERVICE_ACCOUNT');
  if (forSituation && !isServiceOrphan && (situation !== 'ORPHAN' || rowSeverity !== undefined)) remediations.push(make(situation, forSituation));
  if (isNameProposal) {
    remediations.push(make('MATCHED', { action: 'confirm-correlation', guidance: 'The link rests on a similar name only: confirm or reject it.' }));
  }
  for (const finding of findings) {
    const proposal = FINDING_PROPOSALS[finding.code];
    const guidance = finding.code === 'PROVISIONING_ERROR' ? provisioningErrorGuidance(finding.values['errorCode'] ?? '') : proposal.guidance;
    remediations.push(make(finding.code, { action: proposal.action, guidance }));
  }
  return remediations;
}

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

export type RemediationMaker = (situation: Situation, findings: readonly Finding[], rowSeverity: Severity | undefined, isNameProposal: boolean) => readonly Remediation[];

const NO_REMEDIATIONS: readonly Remediation[] = Object.freeze([]);

const CONFIRM_NAME_MATCH: Proposal = { action: 'confirm-correlation', guidance: 'The link rests on a similar name only: confirm or reject it.' };

/**
 * Remediations for the rows of one run: one per situation needing action and per finding, owned and due by
 * severity. Rows with the same causes, severity and guidance share one frozen list: a million rows hold a few
 * hundred lists, not a million. The list is looked up by a key made from the causes before anything is built.
 */
export function remediationMaker(settings: ReconciliationSettings, asOfMs: number): RemediationMaker {
  const dueDates = new Map<Severity, string>();
  const shared = new Map<string, readonly Remediation[]>();
  const dueDate = (severity: Severity): string => {
    let date = dueDates.get(severity);
    if (date === undefined) {
      date = isoDate(addDays(asOfMs, settings.dueDays[severity]));
      dueDates.set(severity, date);
    }
    return date;
  };
  return (situation, findings, rowSeverity, isNameProposal) => {
    const forSituation = situationProposal(situation, findings, rowSeverity);
    // Most rows need nothing: they share one empty list without building a key.
    if (forSituation === undefined && !isNameProposal && findings.length === 0) return NO_REMEDIATIONS;
    const severity = rowSeverity ?? 'low';
    const key = remediationKey(severity, forSituation === undefined ? undefined : situation, isNameProposal, findings);
    let remediations = shared.get(key);
    if (remediations === undefined) {
      const due = dueDate(severity);
      const proposals = causedProposals(situation, forSituation, isNameProposal, findings);
      remediations = Object.freeze(
        proposals.map(([cause, proposal]): Remediation => Object.freeze({ action: proposal.action, cause, severity, owner: settings.applicationOwner, dueDate: due, guidance: proposal.guidance })),
      );
      shared.set(key, remediations);
    }
    return remediations;
  };
}

/** The situation's own proposal, when it needs one: an orphan only when it has a severity and is no service account. */
function situationProposal(situation: Situation, findings: readonly Finding[], rowSeverity: Severity | undefined): Proposal | undefined {
  const forSituation = SITUATION_PROPOSALS[situation];
  if (forSituation === undefined || situation !== 'ORPHAN') return forSituation;
  const isServiceOrphan = findings.some((finding) => finding.code === 'SERVICE_ACCOUNT');
  return isServiceOrphan || rowSeverity === undefined ? undefined : forSituation;
}

/**
 * What decides a row's list: its severity and causes, in order. A finding's guidance follows from its code, but
 * for a provisioning error, whose guidance follows from the error code.
 */
function remediationKey(severity: Severity, situation: Situation | undefined, isNameProposal: boolean, findings: readonly Finding[]): string {
  let key = situation === undefined ? severity : `${severity}\n${situation}`;
  if (isNameProposal) key += '\nname';
  for (const finding of findings) {
    key += `\n${finding.code}`;
    if (finding.code === 'PROVISIONING_ERROR') key += `\t${finding.values['errorCode'] ?? ''}`;
  }
  return key;
}

/** The proposals of a row with their causes, in order: situation, name match, then each finding. */
function causedProposals(situation: Situation, forSituation: Proposal | undefined, isNameProposal: boolean, findings: readonly Finding[]): [Remediation['cause'], Proposal][] {
  const proposals: [Remediation['cause'], Proposal][] = [];
  if (forSituation) proposals.push([situation, forSituation]);
  if (isNameProposal) proposals.push(['MATCHED', CONFIRM_NAME_MATCH]);
  for (const finding of findings) {
    const proposal = FINDING_PROPOSALS[finding.code];
    const guidance = finding.code === 'PROVISIONING_ERROR' ? provisioningErrorGuidance(finding.values['errorCode'] ?? '') : proposal.guidance;
    proposals.push([finding.code, { action: proposal.action, guidance }]);
  }
  return proposals;
}

/** Remediations for one row (see `remediationMaker`, which a run uses to share them between rows). */
export function proposeRemediations(
  situation: Situation,
  findings: readonly Finding[],
  rowSeverity: Severity | undefined,
  isNameProposal: boolean,
  settings: ReconciliationSettings,
  asOfMs: number,
): Remediation[] {
  return [...remediationMaker(settings, asOfMs)(situation, findings, rowSeverity, isNameProposal)];
}

import { addDays, isoDate } from '../engine/instants';
import type { ReconciliationRow, RowList, RemediationAction, Severity } from '../model/reconciliation';
import type { ReconciliationSettings } from '../model/settings';
import type { Reviewer } from './audit-trail';
import { isExpired, rowKey, type Decision } from './decisions';

export type ChecklistAction = RemediationAction | 'record-exception';

/** Every action in the order groups are shown: removing access first, then fixes, then reviews, exceptions last. */
export const CHECKLIST_ACTIONS: readonly ChecklistAction[] = [
  'disable-account',
  'remove-account',
  'assign-in-entra-or-remove-access',
  'review-scope-or-remove-access',
  'provision-or-remove-assignment',
  'remove-role',
  'correct-attribute',
  'fix-provisioning-error',
  'link-correlation',
  'confirm-correlation',
  'assign-owner',
  'review-guest-access',
  'review-identity-activity',
  'record-exception',
];

export const ACTION_LABELS: Readonly<Record<ChecklistAction, string>> = {
  'disable-account': 'Disable the account',
  'remove-account': 'Remove the account',
  'assign-in-entra-or-remove-access': 'Assign in Entra or remove access',
  'review-scope-or-remove-access': 'Fix the scope or remove access',
  'provision-or-remove-assignment': 'Provision or remove the assignment',
  'remove-role': 'Remove the role',
  'correct-attribute': 'Correct the attribute',
  'fix-provisioning-error': 'Fix the provisioning error',
  'link-correlation': 'Link the correlation',
  'confirm-correlation': 'Confirm the correlation',
  'assign-owner': 'Name an owner',
  'review-guest-access': 'Review the guest access',
  'review-identity-activity': 'Review the identity’s activity',
  'record-exception': 'Record the accepted exception',
};

/** What a revoke asks for: taking the access away. */
const REVOKE_ACTIONS: ReadonlySet<ChecklistAction> = new Set([
  'disable-account',
  'remove-account',
  'assign-in-entra-or-remove-access',
  'review-scope-or-remove-access',
  'provision-or-remove-assignment',
]);
/** What a fix asks for: the access stays, something about it is corrected. */
const FIX_ACTIONS: ReadonlySet<ChecklistAction> = new Set(['remove-role', 'correct-attribute', 'fix-provisioning-error', 'link-correlation', 'confirm-correlation']);

export const CHECKLIST_STATUSES = ['open', 'in-progress', 'done', 'verified'] as const;
export type ChecklistStatus = (typeof CHECKLIST_STATUSES)[number];
export const STATUS_LABELS: Readonly<Record<ChecklistStatus, string>> = { open: 'Open', 'in-progress': 'In progress', done: 'Done', verified: 'Verified' };

/** Whether an item may move from one status to another: forward one or more steps, verified only once done, back to open from anywhere. */
export function canMoveTo(from: ChecklistStatus, to: ChecklistStatus): boolean {
  if (from === to) return false;
  if (to === 'open') return true;
  if (to === 'verified') return from === 'done';
  return CHECKLIST_STATUSES.indexOf(to) > CHECKLIST_STATUSES.indexOf(from);
}

/** The fields a user may edit on an item. */
export interface ChecklistFields {
  readonly status: ChecklistStatus;
  readonly owner: string;
  /** YYYY-MM-DD. */
  readonly dueDate: string;
  readonly note: string;
  readonly ticket: string;
  readonly evidence: string;
}
export const CHECKLIST_FIELDS: readonly (keyof ChecklistFields)[] = ['status', 'owner', 'dueDate', 'note', 'ticket', 'evidence'];

/** The user's edits of one item, stored by its key and laid over the derived item on every run. */
export interface ChecklistEdit extends ChecklistFields {
  readonly key: string;
  readonly by: Reviewer;
  readonly at: string;
}

/** One thing to do for one row: derived from the row's findings and decision, with the user's edits laid over. */
export interface ChecklistItem extends ChecklistFields {
  /** rowKey + action: the same item across runs, so its edits survive a re-run. */
  readonly key: string;
  readonly rowKey: string;
  readonly action: ChecklistAction;
  /** The finding codes or situation the action answers, in the engine's order. */
  readonly causes: readonly string[];
  readonly severity: Severity;
  readonly account: string;
  readonly identity: string;
  readonly guidance: string;
  readonly decision: Decision['kind'] | undefined;
}

export const checklistKey = (row: string, action: ChecklistAction): string => `${row}|${action}`;

const SEVERITY_RANK: Readonly<Record<Severity, number>> = { critical: 0, high: 1, medium: 2, low: 3 };

/** What a decision asks for: the row's proposals of its kind, else all of them, else one default action. */
function actionsFor(row: ReconciliationRow, decision: Decision | undefined): Proposal[] {
  // A row has a handful of remediations at most: a scan is cheaper than a Map per row.
  const all: { action: ChecklistAction; causes: string[]; guidance: string }[] = [];
  for (const remediation of row.remediations) {
    const known = all.find((proposal) => proposal.action === remediation.action);
    if (known) known.causes.push(remediation.cause);
    else all.push({ action: remediation.action, causes: [remediation.cause], guidance: remediation.guidance });
  }
  if (decision === undefined) return all;
  const wanted = decision.kind === 'revoke' ? REVOKE_ACTIONS : FIX_ACTIONS;
  const chosen = all.filter((proposal) => wanted.has(proposal.action));
  if (chosen.length > 0) return chosen;
  const causes = decision.answers.length > 0 ? [...decision.answers] : [row.situation];
  if (decision.kind === 'fix') return all.length > 0 ? all : [{ action: 'correct-attribute', causes, guidance: 'Correct what the decision names.' }];
  // A revoke with nothing proposed to take away: the account goes, or an identity without one loses its assignment.
  const action = row.account ? 'disable-account' : 'provision-or-remove-assignment';
  return [{ action, causes, guidance: 'Remove the access, as decided.' }];
}

/**
 * The checklist of a run: one item per row and action. Undecided rows (and rows whose exception expired by `asOf`)
 * get the engine's proposals; revoke gets the removal actions, fix the corrections, keep nothing, an exception one
 * item to record it (done once decided). The user's edits are laid over by key. Sorted by action order, owner, due
 * date, severity and key.
 */
export function buildChecklist(
  rows: RowList,
  decisions: ReadonlyMap<string, Decision>,
  edits: ReadonlyMap<string, ChecklistEdit>,
  run: ChecklistRun,
): ChecklistItem[] {
  return applyEdits(deriveChecklist(rows, decisions, run), edits);
}

export interface ChecklistRun {
  readonly asOf: string;
  readonly settings: Pick<ReconciliationSettings, 'dueDays' | 'applicationOwner'>;
}

/** The items as the run and the decisions make them, before any edit: the costly part, redone only when those change. */
export function deriveChecklist(rows: RowList, decisions: ReadonlyMap<string, Decision>, run: ChecklistRun): ChecklistItem[] {
  const asOfMs = Date.parse(run.asOf);
  const items: ChecklistItem[] = [];
  for (const row of rows) {
    const key = rowKey(row);
    const stored = decisions.get(key);
    const decision = stored && !isExpired(stored, run.asOf) ? stored : undefined;
    if (decision?.kind === 'keep') continue;
    if (decision === undefined && row.findings.length === 0 && row.remediations.length === 0) continue;
    const severity = row.severity ?? row.remediations[0]?.severity ?? 'low';
    const about: About = {
      rowKey: key,
      severity,
      account: row.account ? (row.account.login ?? row.account.email ?? row.account.accountId) : '',
      identity: row.identities.length === 1 ? row.identities[0]!.upn : row.identities.map((identity) => identity.upn).join('; '),
      decision: decision?.kind,
      owner: row.remediations[0]?.owner ?? run.settings.applicationOwner,
      dueDate: row.remediations[0]?.dueDate ?? isoDate(addDays(asOfMs, run.settings.dueDays[severity])),
    };
    if (decision?.kind === 'exception') {
      const guidance = `Accepted until ${decision.expires ?? '?'} by ${decision.approver ?? '?'}: ${decision.justification}`;
      items.push(makeItem(about, { action: 'record-exception', causes: [...decision.answers], guidance }, 'done'));
    } else {
      for (const proposal of actionsFor(row, decision)) items.push(makeItem(about, proposal, 'open'));
    }
  }
  return items.toSorted(compareItems);
}

type About = Pick<ChecklistItem, 'rowKey' | 'severity' | 'account' | 'identity' | 'decision' | 'owner' | 'dueDate'>;
type Proposal = Pick<ChecklistItem, 'action' | 'causes' | 'guidance'>;

// One literal, no spreads: at 100,000 items V8's object spread costs twenty times as much.
function makeItem(about: About, proposal: Proposal, status: ChecklistStatus): ChecklistItem {
  return {
    key: checklistKey(about.rowKey, proposal.action),
    rowKey: about.rowKey,
    action: proposal.action,
    causes: proposal.causes,
    severity: about.severity,
    account: about.account,
    identity: about.identity,
    guidance: proposal.guidance,
    decision: about.decision,
    status,
    owner: about.owner,
    dueDate: about.dueDate,
    note: '',
    ticket: '',
    evidence: '',
  };
}

/**
 * Lays the stored edits over derived items by key (an edit whose item is gone is ignored). Only an edited owner or
 * due date moves an item, and then the list is sorted again: it comes sorted, so that is close to one pass.
 */
export function applyEdits(items: readonly ChecklistItem[], edits: ReadonlyMap<string, ChecklistEdit>): ChecklistItem[] {
  let moved = false;
  const edited = items.map((item) => {
    const edit = edits.get(item.key);
    if (!edit) return item;
    if (edit.owner !== item.owner || edit.dueDate !== item.dueDate) moved = true;
    return { ...item, status: edit.status, owner: edit.owner, dueDate: edit.dueDate, note: edit.note, ticket: edit.ticket, evidence: edit.evidence };
  });
  return moved ? edited.toSorted(compareItems) : edited;
}

const actionRank = (action: ChecklistAction): number => CHECKLIST_ACTIONS.indexOf(action);

function compareItems(a: ChecklistItem, b: ChecklistItem): number {
  return (
    actionRank(a.action) - actionRank(b.action) ||
    compareText(a.owner, b.owner) ||
    compareText(a.dueDate, b.dueDate) ||
    SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
    compareText(a.key, b.key)
  );
}

// Code-unit order, so the result does not depend on the machine's locale.
const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Not done and due before today (YYYY-MM-DD). */
export const isOverdue = (item: Pick<ChecklistItem, 'status' | 'dueDate'>, today: string): boolean => item.status !== 'done' && item.status !== 'verified' && item.dueDate < today;

export const isFinished = (item: Pick<ChecklistItem, 'status'>): boolean => item.status === 'done' || item.status === 'verified';

export interface Progress {
  readonly finished: number;
  readonly total: number;
  readonly overdue: number;
}

export interface ChecklistGroup extends Progress {
  readonly key: string;
  readonly action: ChecklistAction;
  readonly owner: string;
  readonly items: readonly ChecklistItem[];
}

/** Groups sorted items by action and owner (keeping their order), with each group's progress. */
export function groupChecklist(items: readonly ChecklistItem[], today: string): ChecklistGroup[] {
  const groups = new Map<string, { action: ChecklistAction; owner: string; items: ChecklistItem[] }>();
  for (const item of items) {
    const key = `${item.action}|${item.owner}`;
    const group = groups.get(key);
    if (group) group.items.push(item);
    else groups.set(key, { action: item.action, owner: item.owner, items: [item] });
  }
  return [...groups.entries()]
    .map(([key, group]) => ({ key, ...group, ...progressOf(group.items, today) }))
    .toSorted((a, b) => actionRank(a.action) - actionRank(b.action) || compareText(a.owner, b.owner));
}

/** Done or verified items out of all, and how many are overdue. */
export function progressOf(items: readonly ChecklistItem[], today: string): Progress {
  let finished = 0;
  let overdue = 0;
  for (const item of items) {
    if (isFinished(item)) finished += 1;
    else if (item.dueDate < today) overdue += 1;
  }
  return { finished, total: items.length, overdue };
}

export interface ChecklistFilter {
  readonly statuses: ReadonlySet<ChecklistStatus>;
  readonly overdueOnly: boolean;
  /** A group key, or undefined for every group. */
  readonly group: string | undefined;
}
export const NO_CHECKLIST_FILTER: ChecklistFilter = { statuses: new Set(CHECKLIST_STATUSES), overdueOnly: false, group: undefined };

export function filterChecklist(items: readonly ChecklistItem[], filter: ChecklistFilter, today: string): ChecklistItem[] {
  return items.filter(
    (item) => filter.statuses.has(item.status) && (!filter.overdueOnly || isOverdue(item, today)) && (filter.group === undefined || `${item.action}|${item.owner}` === filter.group),
  );
}

/** The fields that differ between an item and an edit of it, as `old → new` for the audit trail. */
export function changedFields(item: ChecklistFields, next: ChecklistFields): Record<string, string> {
  const changes: Record<string, string> = {};
  for (const field of CHECKLIST_FIELDS) {
    if (item[field] !== next[field]) changes[field] = `${item[field] || '(empty)'} → ${next[field] || '(empty)'}`;
  }
  return changes;
}

/** What is wrong with an edit, in words for the form; undefined when it can be saved. */
export function checklistEditProblem(item: ChecklistFields, next: ChecklistFields): string | undefined {
  if (item.status !== next.status && !canMoveTo(item.status, next.status)) return `an item cannot go from ${STATUS_LABELS[item.status]} to ${STATUS_LABELS[next.status]}`;
  if (!next.owner.trim()) return 'an item needs an owner';
  if (!/^\d{4}-\d{2}-\d{2}$/.test(next.dueDate)) return 'the due date must be a date (YYYY-MM-DD)';
  return undefined;
}

import { scoreEntraAssignments } from './entra-assignments';
import { scoreEntraProvisioning } from './entra-provisioning';
import { scoreEntraSignIns } from './entra-signins';
import { scoreEntraUsers } from './entra-users';
import { scoreTargetProfiles } from './profiles/target-profiles';
import { SOURCE_KIND_LABELS, type SourceKind } from './source-kind';

/** One reading of a header: a kind of source (and for targets, a profile) with how sure detection is. */
export interface DetectedCandidate {
  readonly kind: SourceKind;
  readonly profileId: string | undefined;
  readonly label: string;
  /** 0 to 1. */
  readonly confidence: number;
}

/** What a file looks like: the best candidate first, then the others worth offering, best first. */
export interface SourceDetection {
  readonly best: DetectedCandidate;
  readonly alternatives: readonly DetectedCandidate[];
}

// Below this nothing recognised the header; the generic target mapping is offered, and the user decides.
const RECOGNISED = 0.3;
const SHOWN = 0.05;

/**
 * Detects the kind of source (and target profile) from the header names alone, never from positions.
 * Deterministic: ties are broken by kind, then profile id.
 */
export function detectSource(header: readonly string[]): SourceDetection {
  const entra: DetectedCandidate[] = [
    entraCandidate('entra-users', scoreEntraUsers(header)),
    entraCandidate('entra-signins', scoreEntraSignIns(header)),
    entraCandidate('entra-assignments', scoreEntraAssignments(header)),
    entraCandidate('entra-provisioning', scoreEntraProvisioning(header)),
  ];
  const targets: DetectedCandidate[] = scoreTargetProfiles(header).map((score) => ({
    kind: 'target',
    profileId: score.profile.id,
    label: `${SOURCE_KIND_LABELS.target}: ${score.profile.label}`,
    confidence: score.confidence,
  }));
  const ranked = [...entra, ...targets].toSorted(
    (a, b) => b.confidence - a.confidence || compare(a.kind, b.kind) || compare(a.profileId ?? '', b.profileId ?? ''),
  );
  const best = ranked[0]!.confidence >= RECOGNISED ? ranked[0]! : (targets.find((candidate) => candidate.profileId === 'generic') ?? ranked[0]!);
  return { best, alternatives: ranked.filter((candidate) => candidate !== best && candidate.confidence >= SHOWN) };
}

function entraCandidate(kind: Exclude<SourceKind, 'target'>, confidence: number): DetectedCandidate {
  return { kind, profileId: undefined, label: SOURCE_KIND_LABELS[kind], confidence: Math.round(confidence * 100) / 100 };
}

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

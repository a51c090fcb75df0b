import { buildKeyMaker, type KeyMaker } from '@core/engine/keys';
import type { Identity } from '@core/model/identity';
import type { ReconciliationSettings } from '@core/model/settings';
import { readPopulation } from '../../engine/run-reconciliation';
import type { Workspace } from '../../workspace/workspace';

export interface IdentityPool {
  readonly identities: readonly Identity[];
  readonly keys: KeyMaker;
}

/** The current identities of the review, keyed the way the run compared them, for a correlation case. */
export async function loadIdentityPool(workspace: Workspace, settings: ReconciliationSettings): Promise<IdentityPool | string> {
  const sources = {
    users: await workspace.currentSources('entra-users'),
    signIns: await workspace.currentSources('entra-signins'),
    assignments: [],
    provisioning: [],
    target: [],
  };
  const population = await readPopulation(workspace, sources);
  if (!population.ok) return population.error.message;
  const { identities } = population.value;
  return { identities, keys: buildKeyMaker(settings, identities) };
}

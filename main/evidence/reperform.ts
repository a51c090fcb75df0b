import { describeIssue } from '@core/model/import-issue';
import { findingsCsvPieces } from '@core/reconcile/findings-csv';
import { performAudit } from '../cli/audit';
import { ImportFailure } from '../files/import-failure';
import { inputBytesProgress } from './read-progress';
import type { Reperform } from './verify-pack';

/** Reconciles a pack's inputs again as its manifest says they were read, with its settings, scope and fixes. */
export const reperformFromManifest: Reperform = async (manifest, inputPaths, onProgress) => {
  const roles = manifest.inputs.map((input) => input.role);
  try {
    const onRead = onProgress === undefined ? undefined : await inputBytesProgress(inputPaths, 'parse', onProgress);
    const outcome = await performAudit({
      entra: inputPaths.filter((_, index) => roles[index] === 'entra'),
      target: inputPaths[roles.indexOf('target')]!,
      reading: manifest.target,
      settings: manifest.settings,
      scope: manifest.scope ?? undefined,
      // Packs from before fixes were recorded have no links.
      links: manifest.links ?? [],
    }, undefined, onProgress, onRead);
    const { rows } = outcome.result;
    // Iterable again: a verification that finds a difference reads the text a second time to say where.
    return { [Symbol.iterator]: () => findingsCsvPieces(rows) };
  } catch (error) {
    if (error instanceof ImportFailure) throw new Error(describeIssue(error.issue), { cause: error });
    throw error;
  }
};

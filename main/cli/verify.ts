import { reperformFromManifest } from '../evidence/reperform';
import { verifyEvidence } from '../evidence/verify-pack-zip';
import { EXIT, type Output } from './output';
import { statusLine } from './status-line';

// What the status line says while a verification hashes the pack's files, then reads its inputs again.
const PART_LABELS = { read: 'Checking each file of the pack against the manifest', parse: 'Reading the pack\'s inputs again to re-perform the run' } as const;

/**
 * `recondesk verify PATH` (a pack folder or its .zip): prints each check; exit 0 only when the pack holds, else 1
 * naming what failed. On a terminal a status line shows how far it is (a 300,000-row pack's zip took 12 s here).
 */
export async function verify(path: string, output: Output): Promise<number> {
  const status = statusLine(output);
  const verification = await verifyEvidence(path, reperformFromManifest, (phase, done, total) => {
    if (phase === 'read' || phase === 'parse') status.part(PART_LABELS[phase], done, total);
    else status.progress(phase, done, total);
  }).finally(() => status.clear());
  for (const check of verification.checks) output.out(`${check.ok ? 'ok  ' : 'FAIL'} ${check.check}: ${check.detail}`);
  if (verification.ok) {
    output.out(`The pack holds: run ${verification.manifest?.runId.slice(0, 16)}, exported ${verification.manifest?.exportedAt}.`);
    return EXIT.done;
  }
  const failed = verification.checks.find((check) => !check.ok)!;
  output.err(`recondesk: verification failed at ${failed.check}: ${failed.detail}`);
  return EXIT.verifyFailed;
}

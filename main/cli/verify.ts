import { reperformFromManifest } from '../evidence/reperform';
import { verifyEvidence } from '../evidence/verify-pack-zip';
import { EXIT, type Output } from './output';

/** `recondesk verify PATH` (a pack folder or its .zip): prints each check; exit 0 only when the pack holds, else 1 naming what failed. */
export async function verify(path: string, output: Output): Promise<number> {
  const verification = await verifyEvidence(path, reperformFromManifest);
  for (const check of verification.checks) output.out(`${check.ok ? 'ok  ' : 'FAIL'} ${check.check}: ${check.detail}`);
  if (verification.ok) {
    output.out(`The pack holds: run ${verification.manifest?.runId.slice(0, 16)}, exported ${verification.manifest?.exportedAt}.`);
    return EXIT.done;
  }
  const failed = verification.checks.find((check) => !check.ok)!;
  output.err(`recondesk: verification failed at ${failed.check}: ${failed.detail}`);
  return EXIT.verifyFailed;
}

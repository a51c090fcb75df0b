import { ImportFailure } from '../files/import-failure';
import { verifyEvidence } from '../evidence/verify-pack-zip';
import { describeIssue } from '@core/model/import-issue';
import { performAudit } from './audit';
import { EXIT, type Output } from './output';

/** `recondesk verify PATH` (a pack folder or its .zip): prints each check; exit 0 only when the pack holds, else 1 naming what failed. */
export async function verify(path: string, output: Output): Promise<number> {
  const verification = await verifyEvidence(path, async (manifest, inputPaths) => {
    const roles = manifest.inputs.map((input) => input.role);
    try {
      const outcome = await performAudit({
        entra: inputPaths.filter((_, index) => roles[index] === 'entra'),
        target: inputPaths[roles.indexOf('target')]!,
        reading: manifest.target,
        settings: manifest.settings,
        scope: manifest.scope ?? undefined,
      });
      return outcome.findingsCsv;
    } catch (error) {
      if (error instanceof ImportFailure) throw new Error(describeIssue(error.issue), { cause: error });
      throw error;
    }
  });
  for (const check of verification.checks) output.out(`${check.ok ? 'ok  ' : 'FAIL'} ${check.check}: ${check.detail}`);
  if (verification.ok) {
    output.out(`The pack holds: run ${verification.manifest?.runId.slice(0, 16)}, exported ${verification.manifest?.exportedAt}.`);
    return EXIT.done;
  }
  const failed = verification.checks.find((check) => !check.ok)!;
  output.err(`recondesk: verification failed at ${failed.check}: ${failed.detail}`);
  return EXIT.verifyFailed;
}

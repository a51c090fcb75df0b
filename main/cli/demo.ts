import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createSelfSignedSigner } from '../evidence/signer';
import { audit } from './audit';
import type { Output } from './output';

/** The bundled sample: Entra users and assignments of a small tenant, and its Salesforce users. */
export const DEMO_FOLDER = resolve(import.meta.dirname, '../../build/demo');

/**
 * `recondesk demo`: a signed evidence pack from the bundled sample, signed by a throwaway identity made on the
 * fly (its private key is never written), so a newcomer sees what Recondesk produces and how it is verified.
 */
export async function demo(out: string | undefined, output: Output): Promise<number> {
  const folder = out ?? join(await mkdtemp(join(tmpdir(), 'recondesk-demo-')), 'evidence-pack');
  const signer = createSelfSignedSigner({ name: 'Recondesk demo signer', email: 'demo@recondesk.invalid', organisation: 'Recondesk demo' }, new Date());
  output.out('Recondesk demo: the bundled sample (a small Contoso tenant and its Salesforce users), signed by a throwaway identity.');
  return audit(
    {
      entra: [join(DEMO_FOLDER, 'entra-users.json'), join(DEMO_FOLDER, 'assignments.csv')],
      target: join(DEMO_FOLDER, 'salesforce-users.csv'),
      out: folder,
      mapping: {},
      profileId: undefined,
      dateOrder: undefined,
      asOf: '2026-11-22T00:00:00.000Z',
      staleDays: undefined,
      settingsFile: undefined,
      scopeFile: undefined,
      signing: { kind: 'signer', signer },
      includeInputs: true,
      exportedAt: undefined,
    },
    output,
  );
}

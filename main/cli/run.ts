import { parseArgs } from 'node:util';
import { audit } from './audit';
import { EXIT, type Output } from './output';

export const USAGE = `Recondesk: offline access reconciliation of Entra ID identities against an application's accounts.

Usage:
  npm run --silent recondesk -- <command> [options]

Commands:
  audit     Reconcile an Entra users export with a target application's user dump
            --entra FILE    Entra "Download users" CSV (id or objectId, userPrincipalName)
            --target FILE   the application's user dump as CSV, with an email column
            --out DIR       folder to write findings.csv into (created if missing)
  help      Show this text

Exit codes: 0 done, 2 usage error, 3 input error.

Example:
  npm run --silent recondesk -- audit --entra users.csv --target app-users.csv --out review-2026-q4
`;

/** Runs the command line with its arguments (without `node` and the script); returns the exit code. */
export async function run(argv: readonly string[], output: Output): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined) return usageError(output, 'no command given');
  if (command === 'help' || command === '--help' || command === '-h') {
    output.out(USAGE);
    return EXIT.done;
  }
  if (command !== 'audit') return usageError(output, `unknown command "${command}"`);

  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: [...rest],
      options: { entra: { type: 'string' }, target: { type: 'string' }, out: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    return usageError(output, error instanceof Error ? error.message : String(error));
  }
  if (values['help']) {
    output.out(USAGE);
    return EXIT.done;
  }
  const { entra, target, out } = values;
  if (typeof entra !== 'string') return usageError(output, 'audit needs --entra FILE');
  if (typeof target !== 'string') return usageError(output, 'audit needs --target FILE');
  if (typeof out !== 'string') return usageError(output, 'audit needs --out DIR');
  return audit({ entra, target, out }, output);
}

function usageError(output: Output, message: string): number {
  output.err(`recondesk: ${message}\nRun "npm run --silent recondesk -- --help" for usage.`);
  return EXIT.usage;
}

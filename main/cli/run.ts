import { parseArgs } from 'node:util';
import { readAsOf } from '@core/engine/settings-file';
import { TARGET_PROFILES } from '@core/import/profiles/target-profiles';
import { ACCOUNT_FIELDS, type AccountField, type ColumnMapping } from '@core/import/target-generic';
import { audit } from './audit';
import { EXIT, type Output } from './output';

const PROFILE_IDS = TARGET_PROFILES.map((profile) => profile.id);

export const USAGE = `Recondesk: offline access reconciliation of Entra ID identities against an application's accounts.

Usage:
  npm run --silent recondesk -- <command> [options]

Commands:
  audit     Reconcile Entra ID identities with one application's accounts; writes DIR/findings.csv
            --entra FILE           an Entra export, repeatable: users (Download users CSV, Graph /users JSON,
                                   Get-MgUser | Export-Csv), sign-in activity, app assignments, provisioning
                                   logs (JSON, or the CSV download's files); each is detected and reported
            --target FILE          the application's user dump (CSV or JSON; its format is detected)
            --target-profile NAME  read the dump as: ${PROFILE_IDS.join(', ')}
            --map FIELD=COLUMN     take FIELD from COLUMN; repeatable. Fields: ${ACCOUNT_FIELDS.join(', ')}
            --date-order MDY|DMY   how the dump's numeric dates read (03/04/2024); default: what its first rows
                                   prove, else the format's convention, else MDY
            --as-of YYYY-MM-DD     the instant dates are judged against (default: the newest input file's time)
            --stale-days N         days without a login before an account is stale (default 90)
            --settings FILE.json   engine settings (aliases, default domain, patterns, service accounts, ...)
            --scope FILE.json      the application's scoping filter (Recondesk or Microsoft Graph form)
            --out DIR              folder to write into (created if missing)
  help      Show this text

Exit codes: 0 done, 2 usage error, 3 input error.

Example:
  npm run --silent recondesk -- audit --entra users.csv --target app-users.csv --as-of 2026-11-22 --out review-2026-q4
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

  let values;
  try {
    ({ values } = parseArgs({
      args: [...rest],
      options: {
        entra: { type: 'string', multiple: true },
        target: { type: 'string' },
        'target-profile': { type: 'string' },
        map: { type: 'string', multiple: true },
        'date-order': { type: 'string' },
        'as-of': { type: 'string' },
        'stale-days': { type: 'string' },
        settings: { type: 'string' },
        scope: { type: 'string' },
        out: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    return usageError(output, error instanceof Error ? error.message : String(error));
  }
  if (values.help) {
    output.out(USAGE);
    return EXIT.done;
  }
  const { entra, target, out } = values;
  if (entra === undefined || entra.length === 0) return usageError(output, 'audit needs --entra FILE');
  if (target === undefined) return usageError(output, 'audit needs --target FILE');
  if (out === undefined) return usageError(output, 'audit needs --out DIR');
  const profile = values['target-profile'];
  if (profile !== undefined && !PROFILE_IDS.includes(profile)) {
    return usageError(output, `unknown --target-profile "${profile}" (known: ${PROFILE_IDS.join(', ')})`);
  }
  const asOfText = values['as-of'];
  const asOf = asOfText === undefined ? undefined : readAsOf(asOfText);
  if (asOfText !== undefined && asOf === undefined) return usageError(output, `--as-of "${asOfText}" is not a date (YYYY-MM-DD) or ISO 8601 instant`);
  const staleText = values['stale-days'];
  if (staleText !== undefined && !/^[1-9]\d{0,4}$/.test(staleText)) return usageError(output, `--stale-days "${staleText}" is not a positive whole number`);
  const mapping = readMapping(values.map ?? []);
  if (typeof mapping === 'string') return usageError(output, mapping);
  const dateOrder = values['date-order'];
  if (dateOrder !== undefined && dateOrder !== 'MDY' && dateOrder !== 'DMY') return usageError(output, `--date-order "${dateOrder}" must be MDY or DMY`);

  return audit(
    {
      entra,
      target,
      out,
      mapping,
      profileId: profile,
      dateOrder,
      asOf,
      staleDays: staleText === undefined ? undefined : Number(staleText),
      settingsFile: values.settings,
      scopeFile: values.scope,
    },
    output,
  );
}

function readMapping(pairs: readonly string[]): ColumnMapping | string {
  const mapping: Partial<Record<AccountField, string>> = {};
  for (const pair of pairs) {
    const equals = pair.indexOf('=');
    const field = pair.slice(0, equals).trim();
    const column = pair.slice(equals + 1).trim();
    if (equals <= 0 || column === '') return `--map "${pair}" is not FIELD=COLUMN`;
    if (!(ACCOUNT_FIELDS as readonly string[]).includes(field)) return `--map: unknown field "${field}" (fields: ${ACCOUNT_FIELDS.join(', ')})`;
    mapping[field as AccountField] = column;
  }
  return mapping;
}

function usageError(output: Output, message: string): number {
  output.err(`recondesk: ${message}\nRun "npm run --silent recondesk -- --help" for usage.`);
  return EXIT.usage;
}

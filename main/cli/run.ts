import { parseArgs } from 'node:util';
import { readAsOf } from '@core/engine/settings-file';
import { TARGET_PROFILES } from '@core/import/profiles/target-profiles';
import { ACCOUNT_FIELDS, type AccountField, type ColumnMapping } from '@core/import/target-generic';
import { audit, type SigningChoice } from './audit';
import { demo } from './demo';
import { sample } from './sample';
import { SAMPLE_POPULATIONS, type SamplePopulation } from '@core/review/sampling';
import { verify } from './verify';
import { EXIT, type Output } from './output';

const PROFILE_IDS = TARGET_PROFILES.map((profile) => profile.id);

export const USAGE = `Recondesk: offline access reconciliation of Entra ID identities against an application's accounts.

Usage:
  npm run --silent recondesk -- <command> [options]

Commands:
  audit     Reconcile Entra ID identities with one application's accounts; writes a signed evidence pack
            into DIR (evidence.xlsx, findings.csv, inputs/, manifest.json, SHA256SUMS, manifest.json.p7s,
            signer.pem, VERIFY.txt), and the same files as DIR.zip beside it. On a terminal, a status line
            shows its progress; Ctrl-C stops it (exit 130) and leaves no pack, as the pack is moved into place
            only once whole
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
            --out DIR              an empty or new folder for the pack
            --sign-pfx FILE        sign with an organisation's PKCS#12 (.pfx/.p12, RSA key) ...
            --sign-pass-env VAR    ... whose passphrase is in the environment variable VAR
            --sign-key KEY.pem     or sign with a PEM private key ...
            --sign-cert CERT.pem   ... and its PEM certificate
            --unsigned             or say explicitly that the pack is not signed
            --no-inputs            leave the input files out of the pack (their hashes stay)
            --exported-at ISO      the export time recorded (default now); fix it to reproduce a pack byte for byte
            --timings              print each stage's time and memory (loading, reconciling, writing) on stderr
  verify    Verify a pack: its signature, every file's hash, then re-perform the reconciliation from
            inputs/ and compare with findings.csv byte for byte
            PATH                   the pack folder, or its .zip
  sample    Draw again the seeded sample the app drew, from a pack's findings.csv; prints the rows as CSV
            --findings FILE        the pack's findings.csv
            --population NAME      accounts (rows with an account) or findings (rows with a finding)
            --size N --seed TEXT   as recorded with the sample (audit trail, Sampling screen)
  demo      Build a signed pack from the bundled sample with a throwaway signing identity [--out DIR]
  help      Show this text

Exit codes: 0 done (verify: the pack holds), 1 verify: the pack does not hold, 2 usage error, 3 input error,
130 stopped by Ctrl-C.

Example:
  npm run --silent recondesk -- audit --entra users.csv --target app-users.csv --as-of 2026-11-22 \
      --sign-key me.key.pem --sign-cert me.cert.pem --out review-2026-q4
  npm run --silent recondesk -- verify review-2026-q4
`;

/** Runs the command line with its arguments (without `node` and the script); returns the exit code. */
export async function run(argv: readonly string[], output: Output): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined) return usageError(output, 'no command given');
  if (command === 'help' || command === '--help' || command === '-h') {
    output.out(USAGE);
    return EXIT.done;
  }
  if (command === 'verify') return verifyCommand(rest, output);
  if (command === 'demo') return demoCommand(rest, output);
  if (command === 'sample') return sampleCommand(rest, output);
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
        'sign-pfx': { type: 'string' },
        'sign-pass-env': { type: 'string' },
        'sign-key': { type: 'string' },
        'sign-cert': { type: 'string' },
        unsigned: { type: 'boolean' },
        'no-inputs': { type: 'boolean' },
        'exported-at': { type: 'string' },
        timings: { type: 'boolean' },
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
  const signing = readSigning(values);
  if (typeof signing === 'string') return usageError(output, signing);
  const exportedAtText = values['exported-at'];
  const exportedAt = exportedAtText === undefined ? undefined : readAsOf(exportedAtText);
  if (exportedAtText !== undefined && exportedAt === undefined) return usageError(output, `--exported-at "${exportedAtText}" is not an ISO 8601 instant`);
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
      signing,
      includeInputs: values['no-inputs'] !== true,
      exportedAt,
      timings: values.timings === true,
    },
    output,
  );
}

interface SigningFlags {
  readonly 'sign-pfx'?: string | undefined;
  readonly 'sign-pass-env'?: string | undefined;
  readonly 'sign-key'?: string | undefined;
  readonly 'sign-cert'?: string | undefined;
  readonly unsigned?: boolean | undefined;
}

/** Exactly one way of signing, or `--unsigned` said out loud. */
function readSigning(flags: SigningFlags): SigningChoice | string {
  const pfx = flags['sign-pfx'];
  const passphrase = flags['sign-pass-env'];
  const key = flags['sign-key'];
  const certificate = flags['sign-cert'];
  const ways = [pfx !== undefined, key !== undefined || certificate !== undefined, flags.unsigned === true].filter(Boolean).length;
  if (ways === 0) return 'say how to sign the pack: --sign-pfx FILE --sign-pass-env VAR, or --sign-key KEY.pem --sign-cert CERT.pem, or --unsigned';
  if (ways > 1) return 'choose one of --sign-pfx, --sign-key/--sign-cert and --unsigned';
  if (pfx !== undefined) return passphrase === undefined ? '--sign-pfx needs --sign-pass-env VAR, the environment variable holding its passphrase' : { kind: 'pfx', path: pfx, passphraseVariable: passphrase };
  if (key !== undefined || certificate !== undefined) {
    return key === undefined || certificate === undefined ? '--sign-key and --sign-cert go together' : { kind: 'pem', keyPath: key, certificatePath: certificate };
  }
  return { kind: 'unsigned' };
}

async function sampleCommand(args: readonly string[], output: Output): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...args],
      options: { findings: { type: 'string' }, population: { type: 'string' }, size: { type: 'string' }, seed: { type: 'string' } },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    return usageError(output, error instanceof Error ? error.message : String(error));
  }
  const { findings, population, size, seed } = values;
  if (findings === undefined || population === undefined || size === undefined || seed === undefined) return usageError(output, 'sample needs --findings FILE --population NAME --size N --seed TEXT');
  if (!(SAMPLE_POPULATIONS as readonly string[]).includes(population)) return usageError(output, `--population "${population}" must be one of ${SAMPLE_POPULATIONS.join(', ')}`);
  if (!/^[1-9]\d*$/.test(size)) return usageError(output, `--size "${size}" is not a positive whole number`);
  return sample({ findingsPath: findings, population: population as SamplePopulation, size: Number(size), seed }, output);
}

async function demoCommand(args: readonly string[], output: Output): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({ args: [...args], options: { out: { type: 'string' } }, strict: true, allowPositionals: false }));
  } catch (error) {
    return usageError(output, error instanceof Error ? error.message : String(error));
  }
  return demo(values.out, output);
}

async function verifyCommand(args: readonly string[], output: Output): Promise<number> {
  let positionals: string[];
  try {
    ({ positionals } = parseArgs({ args: [...args], options: {}, strict: true, allowPositionals: true }));
  } catch (error) {
    return usageError(output, error instanceof Error ? error.message : String(error));
  }
  if (positionals.length !== 1) return usageError(output, 'verify needs exactly one PATH: the pack folder or its .zip');
  return verify(positionals[0]!, output);
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

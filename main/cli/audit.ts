import { mkdir, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { mapAccounts, mapIdentities } from '@core/import/map-rows';
import { describeIssue, type ImportIssue } from '@core/model/import-issue';
import { countSituations, SITUATIONS } from '@core/model/reconciliation';
import { correlateByEmail } from '@core/reconcile/correlate-by-email';
import { writeFindingsCsv } from '@core/reconcile/findings-csv';
import { ImportFailure } from '../files/import-failure';
import { readCsvFile } from '../files/read-csv-all';
import { EXIT, type Output } from './output';

export interface AuditOptions {
  readonly entra: string;
  readonly target: string;
  readonly out: string;
}

/** `recondesk audit`: reconciles one Entra users export with one target dump and writes findings.csv. */
export async function audit(options: AuditOptions, output: Output): Promise<number> {
  try {
    const entraFile = await readCsvFile(options.entra, basename(options.entra));
    const targetFile = await readCsvFile(options.target, basename(options.target));
    const identities = mapIdentities(entraFile.header, entraFile.batches);
    if (!identities.ok) return inputError(output, { ...identities.error, file: basename(options.entra) });
    const accounts = mapAccounts(targetFile.header, targetFile.batches);
    if (!accounts.ok) return inputError(output, { ...accounts.error, file: basename(options.target) });

    const rows = correlateByEmail(identities.value, accounts.value);
    await mkdir(options.out, { recursive: true });
    const findingsPath = join(options.out, 'findings.csv');
    await writeFile(findingsPath, writeFindingsCsv(rows), 'utf8');

    const counts = countSituations(rows);
    output.out(`Identities: ${identities.value.length} (${basename(options.entra)}, sha256 ${entraFile.end.sha256})`);
    output.out(`Accounts:   ${accounts.value.length} (${basename(options.target)}, sha256 ${targetFile.end.sha256})`);
    for (const situation of SITUATIONS) output.out(`  ${situation.padEnd(10)} ${counts[situation]}`);
    output.out(`Wrote ${findingsPath}`);
    return EXIT.done;
  } catch (error) {
    if (error instanceof ImportFailure) return inputError(output, error.issue);
    throw error;
  }
}

function inputError(output: Output, issue: ImportIssue): number {
  output.err(`recondesk: ${describeIssue(issue)}`);
  return EXIT.inputError;
}

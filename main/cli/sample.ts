import { readFile } from 'node:fs/promises';
import Papa from 'papaparse';
import { drawSample, populationOf, type SamplePopulation } from '@core/review/sampling';
import { EXIT, type Output } from './output';

export interface SampleRequest {
  readonly findingsPath: string;
  readonly population: SamplePopulation;
  readonly size: number;
  readonly seed: string;
}

/**
 * `recondesk sample`: draws from a pack's findings.csv the sample the app drew from the same run (its rows are in
 * the same canonical order), and prints the drawn rows as CSV with the file's header.
 */
export async function sample(request: SampleRequest, output: Output): Promise<number> {
  let text: string;
  try {
    text = await readFile(request.findingsPath, 'utf8');
  } catch (error) {
    output.err(`recondesk: cannot read ${request.findingsPath}: ${error instanceof Error ? error.message : String(error)}`);
    return EXIT.inputError;
  }
  const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { skipEmptyLines: true });
  const [header, ...rows] = parsed.data;
  const accountColumn = header?.indexOf('account_id') ?? -1;
  const findingsColumn = header?.indexOf('findings') ?? -1;
  if (!header || accountColumn < 0 || findingsColumn < 0) {
    output.err(`recondesk: ${request.findingsPath} line 1: not a Recondesk findings.csv (no account_id and findings columns)`);
    return EXIT.inputError;
  }
  const members = populationOf(
    rows.map((row) => ({ hasAccount: (row[accountColumn] ?? '') !== '', findingCount: (row[findingsColumn] ?? '') === '' ? 0 : 1 })),
    request.population,
  );
  if (request.size > members.length) {
    output.err(`recondesk: the population (${request.population}) has only ${members.length} rows; asked for ${request.size}`);
    return EXIT.inputError;
  }
  const picked = drawSample(members.length, request.size, request.seed).map((index) => rows[members[index]!]!);
  output.out(Papa.unparse([header, ...picked], { newline: '\n' }));
  output.err(`drew ${picked.length} of ${members.length} (${request.population}) with seed "${request.seed}"`);
  return EXIT.done;
}

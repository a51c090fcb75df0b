/** Writes the benchmark's two CSV files, streaming batches so no file-sized string is ever built. */
import { createWriteStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { ACCOUNTS_HEADER, accountRow, ENTRA_HEADER, identityRow, type AccountPlan } from './population';
import { mulberry32, permutation } from './random';

const BATCH_ROWS = 10_000;

export interface GeneratedFile {
  readonly path: string;
  readonly rows: number;
  readonly bytes: number;
}

export interface Population {
  readonly identities: GeneratedFile;
  readonly accounts: GeneratedFile;
  readonly plan: Pick<AccountPlan, 'matched' | 'duplicates' | 'orphans'>;
  readonly loginOnly: number;
  /** Rows a plain join on lower(trim(email)) = lower(userPrincipalName) must return. */
  readonly expectedJoinRows: number;
}

/** `rows` identities and `rows` accounts: ~85% matched, ~5% duplicates, ~10% orphans. */
export async function generatePopulation(folder: string, rows: number, seed: number): Promise<Population> {
  const identitiesPath = join(folder, 'entra-users.csv');
  const accountsPath = join(folder, 'app-accounts.csv');
  await writeCsv(identitiesPath, ENTRA_HEADER, rows, (row) => identityRow(seed, row));

  const matched = Math.round(rows * 0.85);
  const duplicates = Math.round(rows * 0.05);
  const plan: AccountPlan = {
    matched,
    duplicates,
    orphans: rows - matched - duplicates,
    covered: permutation(mulberry32(seed ^ 0x00c0_5e7d), rows),
    order: permutation(mulberry32(seed ^ 0x0005_ca7e), rows),
  };
  let expectedJoinRows = 0;
  let loginOnly = 0;
  await writeCsv(accountsPath, ACCOUNTS_HEADER, rows, (position) => {
    const account = accountRow(seed, plan, position);
    if (account.joinsOnUpn) expectedJoinRows += 1;
    if (account.loginOnly) loginOnly += 1;
    return account.line;
  });

  return {
    identities: { path: identitiesPath, rows, bytes: (await stat(identitiesPath)).size },
    accounts: { path: accountsPath, rows, bytes: (await stat(accountsPath)).size },
    plan: { matched: plan.matched, duplicates: plan.duplicates, orphans: plan.orphans },
    loginOnly,
    expectedJoinRows,
  };
}

async function writeCsv(path: string, header: string, rows: number, line: (row: number) => string): Promise<void> {
  function* batches(): Generator<string> {
    yield `${header}\n`;
    for (let start = 0; start < rows; start += BATCH_ROWS) {
      const lines: string[] = [];
      for (let row = start; row < Math.min(rows, start + BATCH_ROWS); row += 1) lines.push(line(row));
      yield `${lines.join('\n')}\n`;
    }
  }
  // Readable.from pulls the next batch only when the file stream drains: back-pressure for free.
  await pipeline(Readable.from(batches()), createWriteStream(path));
}

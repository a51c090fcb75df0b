/** The yardstick: DuckDB joining the two CSV files straight from disk on the normalised address. */
import { DuckDBInstance } from '@duckdb/node-api';
import { performance } from 'node:perf_hooks';

export interface JoinTiming {
  readonly medianMs: number;
  readonly runsMs: readonly number[];
  readonly rows: number;
}

/** Each run re-reads both files, as the audit does; the median keeps one slow run from deciding the ratio. */
export async function timeDuckdbJoin(accountsPath: string, identitiesPath: string, runs: number): Promise<JoinTiming> {
  const sql = `SELECT count(*) AS n FROM ${csv(accountsPath)} a JOIN ${csv(identitiesPath)} i ON lower(trim(a.email)) = lower(trim(i.userPrincipalName))`;
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    const runsMs: number[] = [];
    let rows = 0;
    for (let run = 0; run < runs; run += 1) {
      const started = performance.now();
      const reader = await connection.runAndReadAll(sql);
      runsMs.push(performance.now() - started);
      rows = Number(reader.getRows()[0]?.[0] ?? 0);
    }
    const sorted = runsMs.toSorted((a, b) => a - b);
    return { medianMs: sorted[Math.floor(sorted.length / 2)]!, runsMs, rows };
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

/** all_varchar: no type sniffing, so DuckDB does the same kind of work as a CSV-to-strings import. */
function csv(path: string): string {
  return `read_csv(${sqlString(path)}, header = true, all_varchar = true)`;
}

function sqlString(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

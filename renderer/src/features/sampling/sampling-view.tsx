import { useLiveQuery } from 'dexie-react-hooks';
import { useId, useState } from 'react';
import type { ReconciliationRow } from '@core/model/reconciliation';
import type { Reviewer } from '@core/review/audit-trail';
import { rowKey } from '@core/review/decisions';
import { drawSample, populationOf, SAMPLE_POPULATION_LABELS, SAMPLE_POPULATIONS, sampleProblem, type SamplePopulation } from '@core/review/sampling';
import type { RunRecord, SampleRecord, Workspace } from '../../workspace/workspace';

interface Drawn {
  readonly record: SampleRecord;
  readonly rows: readonly ReconciliationRow[];
}

/** Draws a seeded random sample of the run's accounts or findings for testing, records it, and lists earlier ones. */
export function SamplingView({ workspace, run, reviewer }: { readonly workspace: Workspace; readonly run: RunRecord; readonly reviewer: Reviewer | undefined }) {
  const id = useId();
  const [population, setPopulation] = useState<SamplePopulation>('findings');
  const [size, setSize] = useState('25');
  const [seed, setSeed] = useState('');
  const [problem, setProblem] = useState<string | undefined>();
  const [drawn, setDrawn] = useState<Drawn | undefined>();
  const [busy, setBusy] = useState(false);
  const earlier = useLiveQuery(async () => (await workspace.samples.where({ runId: run.id }).sortBy('id')).toReversed(), [workspace, run.id]);

  async function draw(): Promise<void> {
    if (!reviewer) return;
    setBusy(true);
    try {
      const rows = await workspace.rowsOf(run.id);
      const members = populationOf(rows.map((row) => ({ hasAccount: row.account !== undefined, findingCount: row.findings.length })), population);
      const found = sampleProblem(size, seed, members.length);
      setProblem(found);
      if (found !== undefined) return;
      const picked = drawSample(members.length, Number(size), seed.trim()).map((index) => rows[members[index]!]!);
      const record: SampleRecord = { at: new Date().toISOString(), by: reviewer, runId: run.id, population, populationSize: members.length, size: picked.length, seed: seed.trim(), rowKeys: picked.map(rowKey) };
      await workspace.recordSample(record);
      setDrawn({ record, rows: picked });
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="sampling" aria-label="Sampling">
      <h2>Sampling</h2>
      <p className="hint">
        A seeded random sample for testing. The population is the run&apos;s rows in the order findings.csv lists them; the same population, size and seed
        draw the same sample, here or with <code>recondesk sample</code>.
      </p>
      <form
        className="form-grid sample-form"
        aria-label="Draw a sample"
        onSubmit={(event) => {
          event.preventDefault();
          void draw();
        }}
      >
        <label htmlFor={`${id}-population`}>Population</label>
        <select id={`${id}-population`} value={population} onChange={(event) => setPopulation(event.target.value as SamplePopulation)}>
          {SAMPLE_POPULATIONS.map((option) => (
            <option key={option} value={option}>
              {SAMPLE_POPULATION_LABELS[option]}
            </option>
          ))}
        </select>
        <label htmlFor={`${id}-size`}>Size</label>
        <input id={`${id}-size`} inputMode="numeric" value={size} onChange={(event) => setSize(event.target.value)} />
        <label htmlFor={`${id}-seed`}>Seed</label>
        <span className="seed">
          <input id={`${id}-seed`} value={seed} placeholder="any text, e.g. 2026-Q4 testing" onChange={(event) => setSeed(event.target.value)} />
          <button type="button" onClick={() => setSeed(randomSeed())}>
            Random seed
          </button>
        </span>
        <span />
        <span>
          <button type="submit" className="primary" disabled={!reviewer || busy}>
            Draw the sample
          </button>
          {!reviewer && <span className="hint"> Say who is reviewing to draw a sample: it is recorded.</span>}
        </span>
      </form>
      {problem && (
        <p className="error" role="alert">
          {problem}
        </p>
      )}
      {drawn && <SampleTable drawn={drawn} />}
      {earlier && earlier.length > 0 && (
        <>
          <h3>Samples drawn from this run</h3>
          <ul className="earlier-samples" data-testid="earlier-samples">
            {earlier.map((sample) => (
              <li key={sample.id}>
                {sample.at.slice(0, 16).replace('T', ' ')} UTC · {sample.by.name}: {sample.size} of {sample.populationSize.toLocaleString('en-US')} {sample.population}, seed “{sample.seed}”
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

function SampleTable({ drawn }: { readonly drawn: Drawn }) {
  const { record, rows } = drawn;
  return (
    <>
      <output className="sample-summary" data-testid="sample-summary">
        Drew {record.size} of {record.populationSize.toLocaleString('en-US')} ({record.population}) with seed “{record.seed}”.
      </output>
      <table className="compare sample-rows">
        <thead>
          <tr>
            <th scope="col">Account id</th>
            <th scope="col">Login</th>
            <th scope="col">Identity</th>
            <th scope="col">Situation</th>
            <th scope="col">Findings</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={rowKey(row)}>
              <td>{row.account?.accountId ?? '—'}</td>
              <td>{row.account?.login ?? '—'}</td>
              <td>{row.identities[0]?.upn ?? '—'}</td>
              <td>{row.situation}</td>
              <td>{row.findings.map((finding) => finding.code).join(', ') || '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

/** A fresh seed from the platform's random source; recorded with the sample, so it need not be remembered. */
function randomSeed(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(6)), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

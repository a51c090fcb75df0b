import { useId, useState } from 'react';
import type { EvidenceVerification } from '@core/api/contract';
import { describeIssue } from '@core/model/import-issue';
import { getApi } from '../../api';

/**
 * Verify an evidence pack, a folder or its .zip, with the same checks as `recondesk verify`: the CMS signature,
 * every file's hash against the manifest, and the findings re-performed from the pack's inputs byte for byte.
 */
export function VerifyPanel() {
  const id = useId();
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ readonly name: string; readonly verification?: EvidenceVerification; readonly error?: string } | undefined>();

  async function verify(kind: 'folder' | 'zip'): Promise<void> {
    const chosen = await getApi().chooseEvidence({ kind });
    if (!chosen.ok) return setResult({ name: '', error: describeIssue(chosen.error) });
    if (chosen.value === null) return undefined;
    const { name, token } = chosen.value;
    setBusy(true);
    setResult(undefined);
    try {
      const verified = await getApi().verifyEvidence({ token });
      return setResult(verified.ok ? { name, verification: verified.value } : { name, error: describeIssue(verified.error) });
    } finally {
      setBusy(false);
    }
  }

  const verification = result?.verification;
  const failed = verification?.checks.find((check) => !check.ok);
  return (
    <section className="verify" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Verify an evidence pack</h2>
      <p className="hint">Checks the signature, every file&apos;s SHA-256, then reconciles the pack&apos;s inputs again and compares the findings byte for byte.</p>
      <div className="verify-actions">
        <button type="button" disabled={busy} onClick={() => void verify('zip')}>
          Verify a pack .zip…
        </button>
        <button type="button" disabled={busy} onClick={() => void verify('folder')}>
          Verify a pack folder…
        </button>
        {busy && <output>Verifying: re-performing the reconciliation from the pack&apos;s inputs…</output>}
      </div>
      {result?.error && (
        <p className="error" role="alert">
          {result.error}
        </p>
      )}
      {verification && (
        <div className="verify-result" data-testid="verify-result">
          <output className={verification.ok ? 'verdict ok' : 'verdict broken'} data-testid="verify-verdict">
            {verification.ok
              ? `${result.name} holds: run ${verification.runId?.slice(0, 16)}, exported ${verification.exportedAt}${verification.review ? `, review ${verification.review.name} (${verification.review.application}, ${verification.review.period})` : ''}.`
              : `${result.name} does NOT hold: ${failed?.check}: ${failed?.detail}`}
          </output>
          <ul className="verify-checks">
            {verification.checks.map((check) => (
              <li key={check.check} className={check.ok ? 'ok' : 'broken'}>
                <strong>{check.ok ? 'ok' : 'FAILED'}</strong> {check.check}: {check.detail}
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}

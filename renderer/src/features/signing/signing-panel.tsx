import { useEffect, useId, useState } from 'react';
import type { ChosenFile, SigningIdentities, SigningIdentitySummary } from '@core/api/contract';
import { describeIssue } from '@core/model/import-issue';
import { getApi } from '../../api';

/**
 * The signing identities evidence packs are signed with: created here (a key pair and self-signed certificate) or
 * imported from an organisation's PKCS#12. Main keeps the keys; the window sees subjects and fingerprints only.
 */
export function SigningPanel() {
  const id = useId();
  const [state, setState] = useState<SigningIdentities | undefined>();
  const [message, setMessage] = useState<{ readonly text: string; readonly error: boolean } | undefined>();
  const [form, setForm] = useState({ name: '', email: '', organisation: '', passphrase: '' });
  const [pkcs12, setPkcs12] = useState<{ readonly file: ChosenFile; readonly passphrase: string; readonly keepWith: string } | undefined>();
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let live = true;
    void getApi()
      .listSigningIdentities({})
      .then((listed) => live && (listed.ok ? setState(listed.value) : setMessage({ text: describeIssue(listed.error), error: true })));
    return () => {
      live = false;
    };
  }, []);
  const add = (identity: SigningIdentitySummary) => setState((current) => current && { ...current, identities: [...current.identities, identity] });

  async function create(): Promise<void> {
    setBusy(true);
    const created = await getApi().createSigningIdentity({ name: form.name, email: form.email, organisation: form.organisation, ...(form.passphrase === '' ? {} : { passphrase: form.passphrase }) });
    setBusy(false);
    if (!created.ok) return setMessage({ text: describeIssue(created.error), error: true });
    setForm({ name: '', email: '', organisation: '', passphrase: '' });
    setMessage({ text: `Created ${created.value.subject}. Certificate SHA-256 fingerprint: ${created.value.fingerprint}`, error: false });
    return add(created.value);
  }

  async function chooseFile(): Promise<void> {
    const chosen = await getApi().chooseSigningFile({});
    if (!chosen.ok) return setMessage({ text: describeIssue(chosen.error), error: true });
    if (chosen.value) setPkcs12({ file: chosen.value, passphrase: '', keepWith: '' });
    return undefined;
  }

  async function importIt(): Promise<void> {
    if (!pkcs12) return;
    setBusy(true);
    const imported = await getApi().importSigningIdentity({ token: pkcs12.file.token, passphrase: pkcs12.passphrase, ...(pkcs12.keepWith === '' ? {} : { keepWith: pkcs12.keepWith }) });
    setBusy(false);
    if (!imported.ok) return setMessage({ text: describeIssue(imported.error), error: true });
    setPkcs12(undefined);
    setMessage({ text: `Imported ${imported.value.subject}. Certificate SHA-256 fingerprint: ${imported.value.fingerprint}`, error: false });
    return add(imported.value);
  }

  const passphraseHint = state?.secretStore ? 'optional: without one the system\'s secret store protects the key' : 'required: this system has no secret store; asked again when signing';
  return (
    <section className="signing" aria-label="Signing identities">
      <h2>Signing identities</h2>
      <p className="hint">Evidence packs are signed with one of these. Compliance records the certificate fingerprint and compares it next quarter.</p>
      {state && state.identities.length === 0 && <p className="hint">None yet.</p>}
      {state && state.identities.length > 0 && (
        <table className="compare signing-list">
          <thead>
            <tr>
              <th scope="col">Signer</th>
              <th scope="col">Certificate SHA-256 fingerprint</th>
              <th scope="col">Key kept by</th>
              <th scope="col">Since</th>
            </tr>
          </thead>
          <tbody>
            {state.identities.map((identity) => (
              <tr key={identity.id}>
                <td>
                  {identity.subject} <span className="muted">({identity.origin})</span>
                </td>
                <td>
                  <code>{identity.fingerprint}</code>
                </td>
                <td>{identity.protectedBy === 'os' ? 'the system\'s secret store' : 'a passphrase'}</td>
                <td>{identity.createdAt.slice(0, 10)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <form
        className="form-grid signing-form"
        aria-label="New signing identity"
        onSubmit={(event) => {
          event.preventDefault();
          void create();
        }}
      >
        {(['name', 'email', 'organisation'] as const).map((field) => (
          <FieldRow key={field} id={`${id}-${field}`} label={field[0]!.toUpperCase() + field.slice(1)} value={form[field]} onChange={(value) => setForm({ ...form, [field]: value })} />
        ))}
        <FieldRow id={`${id}-passphrase`} label="Passphrase" type="password" hint={passphraseHint} value={form.passphrase} onChange={(value) => setForm({ ...form, passphrase: value })} />
        <span />
        <span>
          <button type="submit" disabled={busy}>
            Create a signing identity
          </button>{' '}
          <button type="button" disabled={busy} onClick={() => void chooseFile()}>
            Import a PKCS#12 (.pfx, .p12)…
          </button>
        </span>
      </form>
      {pkcs12 && (
        <form
          className="form-grid signing-form"
          aria-label="Import a signing identity"
          onSubmit={(event) => {
            event.preventDefault();
            void importIt();
          }}
        >
          <span>File</span>
          <span>{pkcs12.file.name}</span>
          <FieldRow id={`${id}-p12-passphrase`} label="Its passphrase" type="password" value={pkcs12.passphrase} onChange={(value) => setPkcs12({ ...pkcs12, passphrase: value })} />
          <FieldRow id={`${id}-keep`} label="Keep it with" type="password" hint={passphraseHint} value={pkcs12.keepWith} onChange={(value) => setPkcs12({ ...pkcs12, keepWith: value })} />
          <span />
          <span>
            <button type="submit" disabled={busy}>
              Import
            </button>{' '}
            <button type="button" onClick={() => setPkcs12(undefined)}>
              Cancel
            </button>
          </span>
        </form>
      )}
      {message && (message.error ? <p className="error" role="alert">{message.text}</p> : <output className="signing-result">{message.text}</output>)}
    </section>
  );
}

function FieldRow({ id, label, value, onChange, type = 'text', hint }: { readonly id: string; readonly label: string; readonly value: string; readonly onChange: (value: string) => void; readonly type?: string; readonly hint?: string }) {
  return (
    <>
      <label htmlFor={id}>{label}</label>
      <span>
        <input id={id} type={type} value={value} autoComplete="off" onChange={(event) => onChange(event.target.value)} {...(hint ? { 'aria-describedby': `${id}-hint` } : {})} />
        {hint && (
          <span className="hint" id={`${id}-hint`}>
            {' '}
            {hint}
          </span>
        )}
      </span>
    </>
  );
}

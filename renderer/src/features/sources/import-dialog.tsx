import { useEffect, useId, useRef, useState } from 'react';
import type { ChosenFile, ReadOverrides, SourceInspection } from '@core/api/contract';
import { findTargetProfile, TARGET_PROFILES } from '@core/import/profiles/target-profiles';
import { SOURCE_DELIMITERS, SOURCE_ENCODINGS, type SourceDelimiter, type SourceEncoding } from '@core/import/source-format';
import { SOURCE_KIND_LABELS, SOURCE_KINDS, type SourceKind } from '@core/import/source-kind';
import { describeTargetDateOrder, targetDateOrder } from '@core/import/target-dates';
import type { ColumnMapping } from '@core/import/target-generic';
import type { DateOrder } from '@core/import/values';
import { describeIssue } from '@core/model/import-issue';
import { getApi } from '../../api';
import type { FileToImport } from '../../workspace/import-source';
import { useCatalogue } from '../../workspace/catalogue-context';
import { ColumnMappingEditor } from './column-mapping';
import { FormatSummary } from './format-summary';

interface Props {
  readonly kind: SourceKind;
  readonly files: readonly ChosenFile[];
  /** The review's application: a target dump is imported for it unless the user names another. */
  readonly application: string | undefined;
  readonly onImport: (files: readonly FileToImport[]) => void;
  readonly onClose: () => void;
}

const DELIMITER_LABELS: Readonly<Record<SourceDelimiter, string>> = { ',': 'comma', ';': 'semicolon', '\t': 'tab', '|': 'pipe' };

/** `2026-11-20T14:05` in local time, for a datetime-local input. */
const toLocalInput = (iso: string): string => {
  const date = new Date(iso);
  return new Date(date.getTime() - date.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
};

/**
 * What the chosen files look like before anything is stored: format, detected kind and profile with its
 * confidence, warnings, and for a target the column mapping with a preview. Every guess can be overridden.
 */
export function ImportDialog({ kind: cardKind, files, application: reviewApplication, onImport, onClose }: Props) {
  const catalogue = useCatalogue();
  const id = useId();
  const dialogRef = useRef<HTMLDialogElement>(null);
  // Modal: the rest of the window waits while the user decides, and Escape cancels.
  useEffect(() => {
    const dialog = dialogRef.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);
  const [overrides, setOverrides] = useState<ReadOverrides>({});
  const [inspections, setInspections] = useState<readonly SourceInspection[] | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [kind, setKind] = useState<SourceKind>(cardKind);
  const [profileId, setProfileId] = useState<string | undefined>();
  const [mapping, setMapping] = useState<ColumnMapping>({});
  const [application, setApplication] = useState(reviewApplication ?? '');
  const [extractedAt, setExtractedAt] = useState<string | undefined>();
  const [chosenDateOrder, setChosenDateOrder] = useState<DateOrder | undefined>();

  useEffect(() => {
    let live = true;
    void (async () => {
      const api = getApi();
      const results: SourceInspection[] = [];
      for (const file of files) {
        const inspected = await api.inspectSource({ token: file.token, ...overrides });
        if (!inspected.ok) {
          if (live) setError(describeIssue(inspected.error));
          return;
        }
        results.push(inspected.value);
      }
      if (!live) return;
      setError(undefined);
      setInspections(results);
    })();
    return () => {
      live = false;
    };
  }, [files, overrides]);

  // Until the user changes them, detection's target profile and the file's own timestamp are the choices.
  const first = inspections?.[0];
  const detectedProfileId = first ? [first.detection.best, ...first.detection.alternatives].find((candidate) => candidate.kind === 'target')?.profileId : undefined;
  const extractedAtShown = extractedAt ?? (first ? toLocalInput(first.modifiedAt) : '');

  const profile = findTargetProfile(profileId ?? detectedProfileId ?? 'generic') ?? findTargetProfile('generic')!;
  const applicationName = application.trim() || profile.label;
  // Read from the preview rows, the same first rows the command line reads it from.
  const dates = kind === 'target' && first ? targetDateOrder(first.header, first.sample, profile, mapping, chosenDateOrder) : undefined;

  // A mapping saved for this application is offered again.
  useEffect(() => {
    if (kind !== 'target') return;
    let live = true;
    void (async () => {
      const saved = await catalogue.mappings.get(applicationName);
      if (live && saved && saved.profileId === profile.id) setMapping(saved.mapping);
    })();
    return () => {
      live = false;
    };
  }, [catalogue, kind, applicationName, profile.id]);

  const best = first?.detection.best;
  const disagrees = best !== undefined && best.kind !== kind && best.confidence >= 0.5;

  function submit(): void {
    if (!inspections) return;
    const extracted = extractedAtShown ? new Date(extractedAtShown).toISOString() : undefined;
    onImport(
      files.map((file) => ({
        token: file.token,
        choice: {
          kind,
          ...overrides,
          ...(kind === 'target' ? { profileId: profile.id, mapping, application: applicationName } : {}),
          ...(dates?.used === undefined ? {} : { dateOrder: dates.used }),
          ...(extracted === undefined ? {} : { extractedAt: extracted }),
        },
      })),
    );
  }

  return (
    <dialog ref={dialogRef} className="import-dialog" aria-labelledby={`${id}-title`} onCancel={onClose}>
      <h3 id={`${id}-title`}>
        Import {files.length === 1 ? files[0]!.name : `${files.length} files`}
      </h3>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {inspections?.map((inspection) => (
        <div key={inspection.fileName} className="inspection">
          <strong>{inspection.fileName}</strong> <FormatSummary format={inspection.format} />
          <p className="detected" data-testid="detected-kind">
            Looks like {inspection.detection.best.label} (confidence {Math.round(inspection.detection.best.confidence * 100)}%)
          </p>
          {inspection.warnings.length > 0 && (
            <ul className="warnings" aria-label="Warnings">
              {inspection.warnings.map((warning, index) => (
                <li key={index}>{describeIssue({ code: 'PARSE_ERROR', ...warning })}</li>
              ))}
            </ul>
          )}
        </div>
      ))}
      {disagrees && (
        <output className="notice">
          This file looks like {best.label}, not {SOURCE_KIND_LABELS[kind]}.{' '}
          <button
            type="button"
            onClick={() => {
              setKind(best.kind);
              if (best.profileId !== undefined) setProfileId(best.profileId);
            }}
          >
            Import it as {best.label}
          </button>
        </output>
      )}
      <div className="form-grid">
        <label htmlFor={`${id}-kind`}>Import as</label>
        <select id={`${id}-kind`} value={kind} onChange={(event) => setKind(event.target.value as SourceKind)}>
          {SOURCE_KINDS.map((option) => (
            <option key={option} value={option}>
              {SOURCE_KIND_LABELS[option]}
            </option>
          ))}
        </select>
        {kind === 'target' && (
          <>
            <label htmlFor={`${id}-profile`}>Format</label>
            <select id={`${id}-profile`} value={profile.id} onChange={(event) => setProfileId(event.target.value)}>
              {TARGET_PROFILES.map((option) => (
                <option key={option.id} value={option.id}>
                  {option.label}
                </option>
              ))}
            </select>
            <label htmlFor={`${id}-application`}>Application</label>
            <input id={`${id}-application`} value={application} placeholder={profile.label} onChange={(event) => setApplication(event.target.value)} />
            <label htmlFor={`${id}-dates`}>Dates</label>
            <div className="field-with-note">
              <select id={`${id}-dates`} value={chosenDateOrder ?? ''} onChange={(event) => setChosenDateOrder(event.target.value === '' ? undefined : (event.target.value as DateOrder))}>
                <option value="">As detected</option>
                <option value="MDY">Month first (03/25/2024)</option>
                <option value="DMY">Day first (25/03/2024)</option>
              </select>
              {dates && (
                <output className={dates.source === 'assumed' ? 'note attention' : 'note'} data-testid="date-order" htmlFor={`${id}-dates`}>
                  {describeTargetDateOrder(dates)}
                </output>
              )}
            </div>
          </>
        )}
        <label htmlFor={`${id}-extracted`}>Extracted at</label>
        <input id={`${id}-extracted`} type="datetime-local" value={extractedAtShown} onChange={(event) => setExtractedAt(event.target.value)} />
        <label htmlFor={`${id}-encoding`}>Encoding</label>
        <select
          id={`${id}-encoding`}
          value={overrides.encoding ?? ''}
          onChange={(event) => setOverrides((current) => withOverride(current, 'encoding', event.target.value as SourceEncoding | ''))}
        >
          <option value="">Detected{first ? ` (${first.format.encoding})` : ''}</option>
          {SOURCE_ENCODINGS.map((encoding) => (
            <option key={encoding} value={encoding}>
              {encoding}
            </option>
          ))}
        </select>
        <label htmlFor={`${id}-delimiter`}>Separator</label>
        <select
          id={`${id}-delimiter`}
          value={overrides.delimiter ?? ''}
          onChange={(event) => setOverrides((current) => withOverride(current, 'delimiter', event.target.value as SourceDelimiter | ''))}
        >
          <option value="">Detected</option>
          {SOURCE_DELIMITERS.map((delimiter) => (
            <option key={delimiter} value={delimiter}>
              {DELIMITER_LABELS[delimiter]}
            </option>
          ))}
        </select>
      </div>
      {kind === 'target' && first && (
        <ColumnMappingEditor header={first.header} sample={first.sample} profile={profile} mapping={mapping} onChange={setMapping} />
      )}
      <div className="actions">
        <button type="button" className="primary" disabled={!inspections} onClick={submit}>
          Import
        </button>
        <button type="button" onClick={onClose}>
          Cancel
        </button>
      </div>
    </dialog>
  );
}

/** The overrides with one of them set, or removed when the user goes back to "Detected". */
function withOverride<K extends keyof ReadOverrides>(current: ReadOverrides, key: K, value: NonNullable<ReadOverrides[K]> | ''): ReadOverrides {
  const next: Record<string, string> = { ...current };
  if (value === '') delete next[key];
  else next[key] = value;
  return next as ReadOverrides;
}

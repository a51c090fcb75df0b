/**
 * The IPC contract: every request the renderer may make of main and every event it hears. Main registers
 * a handler per method from `API_METHODS`, the preload exposes exactly this as `window.api`, and the
 * browser test bridge reaches the same handlers. Payloads are plain JSON so every transport behaves alike.
 */
import type { ReconcilePhase } from '../engine/reconcile';
import type { SourceDetection } from '../import/detect-source';
import { SOURCE_DELIMITERS, SOURCE_ENCODINGS, type SourceDelimiter, type SourceEncoding, type SourceFormat } from '../import/source-format';
import type { SourceKind } from '../import/source-kind';
import { SOURCE_KINDS } from '../import/source-kind';
import { ACCOUNT_FIELDS, type ColumnMapping } from '../import/target-generic';
import type { ImportIssue, ImportWarning } from '../model/import-issue';
import { ok, type Result } from '../model/result';
import { asObjectWithKeys, badRequest, isOneOf, isPlainFileName, isSha256Hex, isToken } from './validate';
import { validateExportRequest, type ExportedPack, type ExportPackRequest } from './export-request';

export type ApiError = ImportIssue;
export type ApiResult<T> = Result<T, ApiError>;

export interface ChooseFilesRequest {
  readonly kind: SourceKind;
}
/** A file the user picked in main's dialog; the renderer only ever holds its token, never a path. */
export interface ChosenFile {
  readonly token: string;
  readonly name: string;
  readonly size: number;
  /** The file's own timestamp, the default extraction time. */
  readonly modifiedAt: string;
}

/** How to read a file when detection guessed wrong. */
export interface ReadOverrides {
  readonly encoding?: SourceEncoding;
  readonly delimiter?: SourceDelimiter;
}

export interface InspectSourceRequest extends ReadOverrides {
  readonly token: string;
}
/** What a chosen file looks like, before anything is imported: shown to the user, who may override it. */
export interface SourceInspection {
  readonly fileName: string;
  readonly size: number;
  readonly modifiedAt: string;
  readonly format: SourceFormat;
  readonly header: readonly string[];
  /** The first data rows, for the preview and the column mapping. */
  readonly sample: readonly (readonly string[])[];
  readonly detection: SourceDetection;
  readonly warnings: readonly ImportWarning[];
}

export interface StartImportRequest extends ReadOverrides {
  readonly token: string;
  readonly kind: SourceKind;
  /** The target profile to read the header with; detection's when absent. */
  readonly profileId?: string;
  /** The user's column choices for a target, overriding the profile. */
  readonly mapping?: ColumnMapping;
}
export interface ImportStarted {
  readonly importId: string;
  readonly kind: SourceKind;
  readonly fileName: string;
  readonly size: number;
  readonly header: readonly string[];
  readonly format: SourceFormat;
  readonly warnings: readonly ImportWarning[];
}

export interface ImportRef {
  readonly importId: string;
}
/** The next rows of an import, in file order; `sha256` arrives with the last batch. */
export interface ImportBatch {
  readonly rows: readonly (readonly string[])[];
  /** 1-based line where each row starts in the file. */
  readonly lines: readonly number[];
  readonly done: boolean;
  readonly rowsRead: number;
  readonly bytesRead: number;
  readonly bytesTotal: number;
  readonly sha256: string | undefined;
  /** Every warning of the import, with the last batch. */
  readonly warnings: readonly ImportWarning[];
}

/** A file chosen for a backup, to write or to restore from; null when the user cancelled the dialog. */
export interface BackupFile {
  readonly token: string;
  readonly name: string;
}
export interface BackupChunk {
  readonly token: string;
  /** Whole lines of the backup, newline-terminated. */
  readonly chunk: string;
}
export interface BackupFinish {
  readonly token: string;
  /** Remove what was written instead of completing it. */
  readonly abort: boolean;
}
export interface BackupWritten {
  readonly name: string;
  readonly bytes: number;
  readonly sha256: string;
}
export interface BackupRef {
  readonly token: string;
}
/** The next lines of a backup being restored. */
export interface BackupLines {
  readonly lines: readonly string[];
  /** 1-based number of the first line, for error messages. */
  readonly firstLine: number;
  readonly done: boolean;
  readonly bytesRead: number;
  readonly bytesTotal: number;
}

/** A file of the bundled sample review, chosen already, with what it is. */
export interface SampleSource extends ChosenFile {
  readonly kind: SourceKind;
  readonly profileId?: string;
}

/** What the app shows of a signing identity kept by main; never the key. */
export interface SigningIdentitySummary {
  readonly id: string;
  readonly subject: string;
  /** SHA-256 of the certificate, as `openssl x509 -fingerprint -sha256` prints it: what compliance records. */
  readonly fingerprint: string;
  readonly origin: 'created' | 'imported';
  /** How the private key is kept: sealed by the OS secret store, or encrypted with the user's passphrase. */
  readonly protectedBy: 'os' | 'passphrase';
  readonly createdAt: string;
}
export interface SigningIdentities {
  readonly identities: readonly SigningIdentitySummary[];
  /** Whether the OS offers a secret store; without one a key needs a passphrase. */
  readonly secretStore: boolean;
}
export interface CreateSigningIdentityRequest {
  readonly name: string;
  readonly email: string;
  readonly organisation: string;
  /** Required when there is no secret store; with one, it is used instead of it. */
  readonly passphrase?: string;
}
export interface ImportSigningIdentityRequest {
  /** A file from chooseSigningFile. */
  readonly token: string;
  readonly passphrase: string;
  /** A passphrase to keep the key with, when there is no secret store. */
  readonly keepWith?: string;
}

/** A folder or file chosen in main's dialog for an evidence pack; the renderer holds only its token. */
export interface ChosenPath {
  readonly token: string;
  readonly name: string;
}
/** One check of a pack's verification, in the order they ran. */
export interface EvidenceCheck {
  readonly check: string;
  readonly ok: boolean;
  readonly detail: string;
}
export interface EvidenceVerification {
  readonly ok: boolean;
  readonly checks: readonly EvidenceCheck[];
  /** From the manifest, once the signature proved it. */
  readonly runId?: string;
  readonly exportedAt?: string;
  readonly review?: { readonly name: string; readonly application: string; readonly period: string } | null;
}

export interface AppInfo {
  readonly name: string;
  readonly version: string;
}

/** Every request, one request object each, so each has one validator. */
export interface Api {
  appInfo(request: Record<string, never>): Promise<ApiResult<AppInfo>>;
  chooseFiles(request: ChooseFilesRequest): Promise<ApiResult<readonly ChosenFile[]>>;
  inspectSource(request: InspectSourceRequest): Promise<ApiResult<SourceInspection>>;
  startImport(request: StartImportRequest): Promise<ApiResult<ImportStarted>>;
  nextBatch(request: ImportRef): Promise<ApiResult<ImportBatch>>;
  cancelImport(request: ImportRef): Promise<ApiResult<null>>;
  chooseBackupDestination(request: { readonly suggestedName: string }): Promise<ApiResult<BackupFile | null>>;
  appendBackup(request: BackupChunk): Promise<ApiResult<{ readonly bytes: number }>>;
  finishBackup(request: BackupFinish): Promise<ApiResult<BackupWritten>>;
  chooseBackupToRestore(request: Record<string, never>): Promise<ApiResult<(BackupFile & { readonly size: number }) | null>>;
  readBackup(request: BackupRef): Promise<ApiResult<BackupLines>>;
  sampleSources(request: Record<string, never>): Promise<ApiResult<readonly SampleSource[]>>;
  listSigningIdentities(request: Record<string, never>): Promise<ApiResult<SigningIdentities>>;
  createSigningIdentity(request: CreateSigningIdentityRequest): Promise<ApiResult<SigningIdentitySummary>>;
  chooseSigningFile(request: Record<string, never>): Promise<ApiResult<ChosenFile | null>>;
  importSigningIdentity(request: ImportSigningIdentityRequest): Promise<ApiResult<SigningIdentitySummary>>;
  chooseExportDestination(request: { readonly suggestedName: string }): Promise<ApiResult<ChosenPath | null>>;
  exportPack(request: ExportPackRequest): Promise<ApiResult<ExportedPack>>;
  cancelExport(request: { readonly exportId: string }): Promise<ApiResult<null>>;
  chooseEvidence(request: { readonly kind: 'folder' | 'zip' }): Promise<ApiResult<ChosenPath | null>>;
  /** Verifies a chosen pack; progress events carry `verifyId`, which `cancelVerify` stops. */
  verifyEvidence(request: { readonly token: string; readonly verifyId: string }): Promise<ApiResult<EvidenceVerification>>;
  cancelVerify(request: { readonly verifyId: string }): Promise<ApiResult<null>>;
  /** Which of a run's inputs this machine holds no copy of (a workspace restored elsewhere), by file name. */
  missingInputs(request: { readonly inputs: readonly KeptInputRef[] }): Promise<ApiResult<readonly string[]>>;
  /** Takes a file the user located as the copy of an input, if its bytes are the ones imported. */
  keepInput(request: KeptInputRef & { readonly token: string }): Promise<ApiResult<null>>;
}
/** An imported file by its hash and name, as the input store keeps it. */
export interface KeptInputRef {
  readonly sha256: string;
  readonly fileName: string;
}
export type ApiMethod = keyof Api;
export type ApiRequest<M extends ApiMethod> = Parameters<Api[M]>[0];

/** Phases of long work, in the order they happen; the engine's are `ReconcilePhase`. */
export type ProgressPhase = 'read' | 'parse' | 'store' | ReconcilePhase | 'write';

export interface ProgressEvent {
  readonly taskId: string;
  readonly phase: ProgressPhase;
  readonly done: number;
  readonly total: number;
}

/** Every event main sends to the renderer. */
export interface ApiEvents {
  progress: ProgressEvent;
}
export type ApiEventName = keyof ApiEvents;

/** `window.api` as the renderer sees it: the requests plus a subscription to events. */
export interface RendererApi extends Api {
  on<E extends ApiEventName>(event: E, listener: (payload: ApiEvents[E]) => void): () => void;
}

export const API_EVENTS: readonly ApiEventName[] = ['progress'];

/** Validators for every request: the only way an argument from the renderer reaches a handler. */
export const requestValidators: { [M in ApiMethod]: (value: unknown) => ApiResult<ApiRequest<M>> } = {
  appInfo(value) {
    const object = asObjectWithKeys(value, []);
    return object.ok ? ok({}) : object;
  },
  chooseFiles(value) {
    const object = asObjectWithKeys(value, ['kind']);
    if (!object.ok) return object;
    const { kind } = object.value;
    return isOneOf(kind, SOURCE_KINDS) ? ok({ kind }) : badRequest('kind must be one of ' + SOURCE_KINDS.join(', '));
  },
  inspectSource(value) {
    const object = asObjectWithKeys(value, ['token', 'encoding', 'delimiter']);
    if (!object.ok) return object;
    const { token } = object.value;
    if (!isToken(token)) return badRequest('token must be a file token from chooseFiles');
    const overrides = validateOverrides(object.value);
    return overrides.ok ? ok({ token, ...overrides.value }) : overrides;
  },
  startImport(value) {
    const object = asObjectWithKeys(value, ['token', 'kind', 'profileId', 'mapping', 'encoding', 'delimiter']);
    if (!object.ok) return object;
    const { token, kind, profileId, mapping } = object.value;
    if (!isToken(token)) return badRequest('token must be a file token from chooseFiles');
    if (!isOneOf(kind, SOURCE_KINDS)) return badRequest('kind must be one of ' + SOURCE_KINDS.join(', '));
    if (profileId !== undefined && !isToken(profileId)) return badRequest('profileId must be a profile id');
    const columns = mapping === undefined ? ok(undefined) : validateMapping(mapping);
    if (!columns.ok) return columns;
    const overrides = validateOverrides(object.value);
    if (!overrides.ok) return overrides;
    return ok({
      token,
      kind,
      ...(profileId === undefined ? {} : { profileId }),
      ...(columns.value === undefined ? {} : { mapping: columns.value }),
      ...overrides.value,
    });
  },
  nextBatch: validateImportRef,
  cancelImport: validateImportRef,
  chooseBackupDestination: validateSuggestedName,
  appendBackup(value) {
    const object = asObjectWithKeys(value, ['token', 'chunk']);
    if (!object.ok) return object;
    const { token, chunk } = object.value;
    if (!isToken(token)) return badRequest('token must be a backup token from chooseBackupDestination');
    return typeof chunk === 'string' && chunk.length <= MAX_BACKUP_CHUNK ? ok({ token, chunk }) : badRequest(`chunk must be text of at most ${MAX_BACKUP_CHUNK} characters`);
  },
  finishBackup(value) {
    const object = asObjectWithKeys(value, ['token', 'abort']);
    if (!object.ok) return object;
    const { token, abort } = object.value;
    if (!isToken(token)) return badRequest('token must be a backup token from chooseBackupDestination');
    return typeof abort === 'boolean' ? ok({ token, abort }) : badRequest('abort must be true or false');
  },
  chooseBackupToRestore(value) {
    const object = asObjectWithKeys(value, []);
    return object.ok ? ok({}) : object;
  },
  readBackup(value) {
    const object = asObjectWithKeys(value, ['token']);
    if (!object.ok) return object;
    const { token } = object.value;
    return isToken(token) ? ok({ token }) : badRequest('token must be a backup token from chooseBackupToRestore');
  },
  sampleSources: validateNoArguments,
  listSigningIdentities: validateNoArguments,
  createSigningIdentity(value) {
    const object = asObjectWithKeys(value, ['name', 'email', 'organisation', 'passphrase']);
    if (!object.ok) return object;
    const { name, email, organisation, passphrase } = object.value;
    for (const [field, text] of [['name', name], ['email', email], ['organisation', organisation]] as const) {
      if (typeof text !== 'string' || text.trim() === '' || text.length > 200) return badRequest(`${field} must be text of 1 to 200 characters`);
    }
    if (!/^[^@\s]+@[^@\s]+$/.test(email as string)) return badRequest('email must be an email address');
    if (passphrase !== undefined && (typeof passphrase !== 'string' || passphrase.length > 1000)) return badRequest('passphrase must be text');
    return ok({ name: name as string, email: email as string, organisation: organisation as string, ...(passphrase === undefined ? {} : { passphrase }) });
  },
  chooseSigningFile: validateNoArguments,
  importSigningIdentity(value) {
    const object = asObjectWithKeys(value, ['token', 'passphrase', 'keepWith']);
    if (!object.ok) return object;
    const { token, passphrase, keepWith } = object.value;
    if (!isToken(token)) return badRequest('token must be a file token from chooseSigningFile');
    if (typeof passphrase !== 'string' || passphrase.length > 1000) return badRequest('passphrase must be text');
    if (keepWith !== undefined && (typeof keepWith !== 'string' || keepWith.length > 1000)) return badRequest('keepWith must be text');
    return ok({ token, passphrase, ...(keepWith === undefined ? {} : { keepWith }) });
  },
  chooseExportDestination: validateSuggestedName,
  exportPack: validateExportRequest,
  cancelExport(value) {
    const object = asObjectWithKeys(value, ['exportId']);
    if (!object.ok) return object;
    const { exportId } = object.value;
    return isToken(exportId) ? ok({ exportId }) : badRequest('exportId must be a token');
  },
  chooseEvidence(value) {
    const object = asObjectWithKeys(value, ['kind']);
    if (!object.ok) return object;
    const { kind } = object.value;
    return kind === 'folder' || kind === 'zip' ? ok({ kind }) : badRequest('kind must be folder or zip');
  },
  verifyEvidence(value) {
    const object = asObjectWithKeys(value, ['token', 'verifyId']);
    if (!object.ok) return object;
    const { token, verifyId } = object.value;
    if (!isToken(token)) return badRequest('token must be a pack token from chooseEvidence');
    return isToken(verifyId) ? ok({ token, verifyId }) : badRequest('verifyId must be a token');
  },
  cancelVerify(value) {
    const object = asObjectWithKeys(value, ['verifyId']);
    if (!object.ok) return object;
    const { verifyId } = object.value;
    return isToken(verifyId) ? ok({ verifyId }) : badRequest('verifyId must be a token');
  },
  missingInputs(value) {
    const object = asObjectWithKeys(value, ['inputs']);
    if (!object.ok) return object;
    const { inputs } = object.value;
    if (!Array.isArray(inputs) || inputs.length > 100) return badRequest('inputs must be a list of at most 100');
    const refs: KeptInputRef[] = [];
    for (const input of inputs) {
      const ref = validateInputRef(input, ['sha256', 'fileName']);
      if (!ref.ok) return ref;
      refs.push(ref.value);
    }
    return ok({ inputs: refs });
  },
  keepInput(value) {
    const ref = validateInputRef(value, ['sha256', 'fileName', 'token']);
    if (!ref.ok) return ref;
    const { token } = value as { token: unknown };
    return isToken(token) ? ok({ ...ref.value, token }) : badRequest('token must be a file token from chooseFiles');
  },
};

function validateInputRef(value: unknown, keys: readonly string[]): ApiResult<KeptInputRef> {
  const object = asObjectWithKeys(value, keys);
  if (!object.ok) return object;
  const { sha256, fileName } = object.value;
  if (!isSha256Hex(sha256)) return badRequest('sha256 must be a SHA-256 in hex');
  if (!isPlainFileName(fileName)) return badRequest('fileName must be a file name');
  return ok({ sha256, fileName });
}

function validateSuggestedName(value: unknown): ApiResult<{ readonly suggestedName: string }> {
  const object = asObjectWithKeys(value, ['suggestedName']);
  if (!object.ok) return object;
  const { suggestedName } = object.value;
  // A bare file name: the dialog decides the folder; nothing from the page becomes a path.
  return typeof suggestedName === 'string' && /^[\w .()-]{1,120}$/.test(suggestedName) ? ok({ suggestedName }) : badRequest('suggestedName must be a plain file name');
}

function validateNoArguments(value: unknown): ApiResult<Record<string, never>> {
  const object = asObjectWithKeys(value, []);
  return object.ok ? ok({}) : object;
}

/** The most text one appendBackup carries: the renderer sends a backup in pieces, never whole. */
export const MAX_BACKUP_CHUNK = 32 * 1024 * 1024;

function validateOverrides(object: Record<string, unknown>): ApiResult<ReadOverrides> {
  const { encoding, delimiter } = object;
  if (encoding !== undefined && !isOneOf(encoding, SOURCE_ENCODINGS)) return badRequest('encoding must be one of ' + SOURCE_ENCODINGS.join(', '));
  if (delimiter !== undefined && !isOneOf(delimiter, SOURCE_DELIMITERS)) return badRequest('delimiter must be one of , ; tab |');
  return ok({ ...(encoding === undefined ? {} : { encoding }), ...(delimiter === undefined ? {} : { delimiter }) });
}

const MAX_COLUMN_NAME = 256;

function validateMapping(value: unknown): ApiResult<ColumnMapping> {
  const object = asObjectWithKeys(value, ACCOUNT_FIELDS);
  if (!object.ok) return badRequest(`mapping: ${object.error.message}`);
  for (const [field, column] of Object.entries(object.value)) {
    if (typeof column !== 'string' || column.length === 0 || column.length > MAX_COLUMN_NAME) {
      return badRequest(`mapping.${field} must be a column name of 1 to ${MAX_COLUMN_NAME} characters`);
    }
  }
  return ok(object.value as ColumnMapping);
}

function validateImportRef(value: unknown): ApiResult<ImportRef> {
  const object = asObjectWithKeys(value, ['importId']);
  if (!object.ok) return object;
  const { importId } = object.value;
  return isToken(importId) ? ok({ importId }) : badRequest('importId must be an id from startImport');
}

export const API_METHODS = Object.keys(requestValidators) as ApiMethod[];

/** The IPC channel of a request or event; one prefix keeps them apart from anything else on the bus. */
export const requestChannel = (method: ApiMethod): string => `recondesk:${method}`;
export const eventChannel = (event: ApiEventName): string => `recondesk:event:${event}`;

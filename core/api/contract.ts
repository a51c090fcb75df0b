/**
 * The IPC contract: every request the renderer may make of main and every event it hears. Main registers
 * a handler per method from `API_METHODS`, the preload exposes exactly this as `window.api`, and the
 * browser test bridge reaches the same handlers. Payloads are plain JSON so every transport behaves alike.
 */
import type { SourceKind } from '../import/source-kind';
import { SOURCE_KINDS } from '../import/source-kind';
import type { ImportIssue } from '../model/import-issue';
import { ok, type Result } from '../model/result';
import { asObjectWithKeys, badRequest, isOneOf, isToken } from './validate';

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
}

export interface StartImportRequest {
  readonly token: string;
  readonly kind: SourceKind;
}
export interface ImportStarted {
  readonly importId: string;
  readonly kind: SourceKind;
  readonly fileName: string;
  readonly size: number;
  readonly header: readonly string[];
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
}

export interface AppInfo {
  readonly name: string;
  readonly version: string;
}

/** Every request, one request object each, so each has one validator. */
export interface Api {
  appInfo(request: Record<string, never>): Promise<ApiResult<AppInfo>>;
  chooseFiles(request: ChooseFilesRequest): Promise<ApiResult<readonly ChosenFile[]>>;
  startImport(request: StartImportRequest): Promise<ApiResult<ImportStarted>>;
  nextBatch(request: ImportRef): Promise<ApiResult<ImportBatch>>;
  cancelImport(request: ImportRef): Promise<ApiResult<null>>;
}
export type ApiMethod = keyof Api;
export type ApiRequest<M extends ApiMethod> = Parameters<Api[M]>[0];

/** Phases of long work, in the order they happen. */
export type ProgressPhase = 'read' | 'parse' | 'store' | 'match' | 'classify' | 'write';

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
  startImport(value) {
    const object = asObjectWithKeys(value, ['token', 'kind']);
    if (!object.ok) return object;
    const { token, kind } = object.value;
    if (!isToken(token)) return badRequest('token must be a file token from chooseFiles');
    return isOneOf(kind, SOURCE_KINDS) ? ok({ token, kind }) : badRequest('kind must be one of ' + SOURCE_KINDS.join(', '));
  },
  nextBatch: validateImportRef,
  cancelImport: validateImportRef,
};

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

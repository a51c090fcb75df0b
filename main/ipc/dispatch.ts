import { API_METHODS, requestValidators, type Api, type ApiMethod, type ApiResult } from '@core/api/contract';

const isApiMethod = (name: unknown): name is ApiMethod => typeof name === 'string' && (API_METHODS as readonly string[]).includes(name);

/**
 * Validates a request that crossed from the renderer and calls its handler. Every transport goes through
 * here: Electron's ipcMain registration, the browser test bridge and unit tests.
 */
export async function dispatch(handlers: Api, method: unknown, rawRequest: unknown): Promise<ApiResult<unknown>> {
  if (!isApiMethod(method)) return { ok: false, error: { code: 'BAD_REQUEST', message: `unknown request ${String(method)}` } };
  const validated = requestValidators[method](rawRequest);
  if (!validated.ok) return validated;
  // The validator for `method` produced this request, so the pairing is sound even though TS cannot see it.
  const handler = handlers[method] as (request: unknown) => Promise<ApiResult<unknown>>;
  return handler.call(handlers, validated.value);
}

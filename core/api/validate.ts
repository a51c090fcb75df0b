import type { ImportIssue } from '../model/import-issue';
import { fail, ok, type Result } from '../model/result';

/** A request that failed validation: the renderer sent something the contract does not allow. */
export const badRequest = (message: string): { ok: false; error: ImportIssue } => fail({ code: 'BAD_REQUEST', message });

/** The value as a plain object with exactly the given keys, or a reason why not. */
export function asObjectWithKeys(value: unknown, keys: readonly string[]): Result<Record<string, unknown>, ImportIssue> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return badRequest('expected an object');
  const record = value as Record<string, unknown>;
  const extra = Object.keys(record).filter((key) => !keys.includes(key));
  if (extra.length > 0) return badRequest(`unexpected field ${extra[0]}`);
  return ok(record);
}

/** A short identifier-like string (tokens, ids): letters, digits, `-` and `_`, 1 to 64 characters. */
export function isToken(value: unknown): value is string {
  return typeof value === 'string' && /^[A-Za-z0-9_-]{1,64}$/.test(value);
}

export function isOneOf<T extends string>(value: unknown, allowed: readonly T[]): value is T {
  return typeof value === 'string' && (allowed as readonly string[]).includes(value);
}

/** A SHA-256 as lower-case hex, as every hash in the app and its packs is written. */
export function isSha256Hex(value: unknown): value is string {
  return typeof value === 'string' && /^[0-9a-f]{64}$/.test(value);
}

/** A bare file name: no folder part, so nothing the page sends ever becomes a path. */
export function isPlainFileName(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0 && value.length <= 255 && !/[\\/]/.test(value) && value !== '.' && value !== '..';
}

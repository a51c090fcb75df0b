import { randomUUID } from 'node:crypto';
import { basename } from 'node:path';

export interface ChosenFileEntry {
  readonly path: string;
  readonly name: string;
  readonly size: number;
  readonly modifiedAt: string;
}

/**
 * Files the user picked in main's own dialog, by opaque token. The renderer can only ever import a file
 * the user chose: it never sends a path, so a compromised page cannot read arbitrary files.
 */
export class ChosenFiles {
  readonly #entries = new Map<string, ChosenFileEntry>();

  add(path: string, size: number, modifiedAt: string): string {
    const token = randomUUID();
    this.#entries.set(token, { path, name: basename(path), size, modifiedAt });
    return token;
  }

  get(token: string): ChosenFileEntry | undefined {
    return this.#entries.get(token);
  }
}

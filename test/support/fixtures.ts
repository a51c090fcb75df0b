import { resolve } from 'node:path';

/** Path of a checked-in fixture, e.g. `fixture('entra/users-download.csv')`. */
export const fixture = (relative: string): string => resolve(import.meta.dirname, '../fixtures', relative);

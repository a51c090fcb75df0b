const DAY_MS = 86_400_000;

/** `YYYY-MM-DD` of an epoch-ms instant, in UTC. */
export const isoDate = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

/** Whole days from `earlier` to `later`. */
export const daysBetween = (earlier: number, later: number): number => Math.floor((later - earlier) / DAY_MS);

/** The instant `days` days after `ms`. */
export const addDays = (ms: number, days: number): number => ms + days * DAY_MS;

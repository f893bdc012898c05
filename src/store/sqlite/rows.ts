// Conversions between store values and SQLite columns: times are unix milliseconds, structures are JSON text.

export const toMs = (date: Date): number => date.getTime();

export const toDate = (ms: number): Date => new Date(ms);

export const toDateOrNull = (ms: number | null): Date | null => (ms === null ? null : new Date(ms));

export const toJson = (value: unknown): string => JSON.stringify(value);

export const toJsonOrNull = (value: unknown): string | null => (value === undefined ? null : JSON.stringify(value));

export const parseJson = <T>(text: string): T => JSON.parse(text) as T;

/** The job states that are not finished: the only ones leasing, ordering and purge-protection care about. */
export const UNFINISHED = `('pending', 'leased')`;

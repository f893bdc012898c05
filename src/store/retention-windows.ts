// How long both stores keep what they keep for a while: messageIds for de-duplication, per-minute delivery counts.

/** A messageId seen again within this window is a duplicate. */
export const DEDUP_WINDOW_MS = 24 * 60 * 60 * 1000;

/** How long the per-minute counts are kept (the purge deletes older ones): longer than any overview asks for. */
export const STATS_RETENTION_MS = 32 * 24 * 3_600_000;

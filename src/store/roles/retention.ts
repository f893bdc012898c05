// The retention role: what the pipeline's periodic purge asks the store to forget.

export interface RetentionSettings {
  /** Attempts of delivered jobs are kept this long; default 7 days. */
  deliveredMs: number;
  /** Attempts of rejected jobs are kept this long; default 30 days. */
  failedMs: number;
}

export interface RetentionStore {
  /** Deletes attempts past retention, finished jobs and events no job needs, and messageIds older than 24 h. */
  purge(now: Date, retention: RetentionSettings): Promise<void>;
}

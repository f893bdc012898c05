// Whole write keys seen in this browser session (a source just created or its key rotated): in memory only, never stored.
import { useSyncExternalStore } from 'react';

const revealed = new Map<string, string>();
const listeners = new Set<() => void>();

export function rememberWriteKey(sourceId: string, writeKey: string): void {
  revealed.set(sourceId, writeKey);
  for (const listener of listeners) listener();
}

export function forgetWriteKey(sourceId: string): void {
  if (revealed.delete(sourceId)) for (const listener of listeners) listener();
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The whole key of a source if this session created or rotated it; else undefined (ferry shows it only once). */
export function useRevealedWriteKey(sourceId: string): string | undefined {
  return useSyncExternalStore(subscribe, () => revealed.get(sourceId));
}

/** "****" and the last 4 characters, however the API answered (an already masked key stays as it is). */
export const maskWriteKey = (writeKey: string) => (writeKey.startsWith('****') ? writeKey : `****${writeKey.slice(-4)}`);

/**
 * Cache calls given up on while still running (they passed their time bound):
 * their sockets and timers would keep node, and so the step, alive until they
 * end by themselves, so the entry point exits explicitly when there are any.
 * No imports: the entry point asks without loading the cache client.
 */
const abandoned: Promise<unknown>[] = [];

export function markAbandoned(work: Promise<unknown>): void {
  abandoned.push(work.catch(() => undefined));
}

export function cacheWorkAbandoned(): boolean {
  return abandoned.length > 0;
}

/** Resolves when every abandoned call has ended (tests wait on it before removing their folders). */
export async function abandonedSettled(): Promise<void> {
  await Promise.allSettled(abandoned);
}

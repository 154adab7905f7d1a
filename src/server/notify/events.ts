/**
 * In-process signal that a user's inbox changed, for the live stream. It
 * carries no content: the browser asks the API for what is new. Other
 * processes' changes reach a stream through its periodic check.
 */
export class InboxEvents {
  private readonly listeners = new Map<string, Set<() => void>>();

  /** Calls `listener` whenever the user's inbox changes; returns the unsubscribe function. */
  subscribe(userId: string, listener: () => void): () => void {
    let set = this.listeners.get(userId);
    if (!set) {
      set = new Set();
      this.listeners.set(userId, set);
    }
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.listeners.delete(userId);
    };
  }

  /** Signals every listener of these users. */
  publish(userIds: Iterable<string>): void {
    for (const id of new Set(userIds)) {
      for (const listener of this.listeners.get(id) ?? []) listener();
    }
  }

  /** How many streams are open (for tests and health). */
  get size(): number {
    let n = 0;
    for (const set of this.listeners.values()) n += set.size;
    return n;
  }
}

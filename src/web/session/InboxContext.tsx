import { createContext, type ReactNode, useContext, useEffect, useRef, useState } from 'react';
import { api } from '../api/client.ts';

export interface InboxValue {
  /** Unread notifications; null until known. */
  unread: number | null;
  /** Goes up each time the server says the inbox changed (or the stream came back): pages refetch. */
  changes: number;
  /** Sets the count from an answer that carries it (mark read, list). */
  setUnread: (unread: number) => void;
}

const InboxContext = createContext<InboxValue>({ unread: null, changes: 0, setUnread: () => {} });

/** Longest wait before opening the stream again after the server refused it. */
const MAX_RETRY_MS = 60_000;

/**
 * One live connection to the inbox for the whole signed-in app: the server sends
 * `event: inbox` with the unread count whenever it changes. EventSource
 * reconnects by itself after a network cut; when the server refuses the stream
 * (it closes for good), we open a new one later. Each (re)connection refetches
 * the count, and pages listening to `changes` refetch what they show.
 * Unmounting (signing out) closes the stream.
 */
export function InboxProvider({ children }: { children: ReactNode }) {
  const [unread, setUnread] = useState<number | null>(null);
  const [changes, setChanges] = useState(0);

  useEffect(() => {
    let source: EventSource | null = null;
    let retry: ReturnType<typeof setTimeout> | null = null;
    let delay = 2_000;
    let stopped = false;
    let everOpened = false;
    // The server greets each connection with the count: that first event is no change.
    let greeted = false;

    const recount = () => {
      api<{ unread: number }>('GET', '/notifications?limit=1')
        .then((r) => {
          if (!stopped) setUnread(r.unread);
        })
        .catch(() => undefined);
    };

    const connect = () => {
      if (stopped || typeof EventSource === 'undefined') return;
      source = new EventSource('/api/v1/notifications/stream');
      source.addEventListener('open', () => {
        delay = 2_000;
        greeted = false;
        // After a cut, something may have happened that we did not hear about.
        if (everOpened) {
          setChanges((n) => n + 1);
          recount();
        }
        everOpened = true;
      });
      source.addEventListener('inbox', (event) => {
        try {
          const data = JSON.parse((event as MessageEvent<string>).data) as { unread?: unknown };
          if (typeof data.unread === 'number') setUnread(data.unread);
        } catch {
          // A malformed event: the next one will do.
        }
        if (greeted) setChanges((n) => n + 1);
        greeted = true;
      });
      source.addEventListener('error', () => {
        if (source?.readyState !== EventSource.CLOSED) return; // reconnecting by itself
        source = null;
        // Refused (signed out, server restarting): the count call tells the session if it is gone.
        recount();
        retry = setTimeout(connect, delay);
        delay = Math.min(delay * 2, MAX_RETRY_MS);
      });
    };

    recount();
    connect();
    return () => {
      stopped = true;
      if (retry) clearTimeout(retry);
      source?.close();
    };
  }, []);

  return (
    <InboxContext.Provider value={{ unread, changes, setUnread }}>{children}</InboxContext.Provider>
  );
}

/** The live inbox: unread count and a change counter to refetch on. */
export function useInbox(): InboxValue {
  return useContext(InboxContext);
}

/** Calls `onChange` each time the inbox changes after the first render (not on mount). */
export function useOnInboxChange(onChange: () => void): void {
  const { changes } = useInbox();
  const first = useRef(changes);
  const callback = useRef(onChange);
  callback.current = onChange;
  useEffect(() => {
    if (changes !== first.current) callback.current();
  }, [changes]);
}

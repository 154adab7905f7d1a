import {
  createContext,
  type ReactNode,
  useCallback,
  useContext,
  useEffect,
  useRef,
  useState,
} from 'react';
import { ApiError, api, NETWORK_ERROR, setCsrfToken, setSessionHandlers } from '../api/client.ts';
import type { Me, SessionState } from '../api/types.ts';
import { applyLanguage, initialLanguage, pickLanguage } from '../i18n.ts';
import { navigate } from '../lib/router.tsx';

/** Where the visitor stands: still asking, offline, signed out, half-way (MFA), or in. */
export type SessionStatus = 'loading' | 'offline' | 'anonymous' | 'mfa' | 'ready';

export interface SessionValue {
  status: SessionStatus;
  user: Me | null;
  /** Asks the server again who is signed in. */
  refresh: () => Promise<void>;
  /** Takes the answer of a sign-in step (new CSRF token), then reloads the user. */
  accept: (state: SessionState) => Promise<void>;
  signOut: () => Promise<void>;
  /** Switches the interface language and, when signed in, saves it to the profile. */
  setLanguage: (language: string) => Promise<void>;
  can: (permission: string) => boolean;
  /** Offline, after the device store opened: the profile it kept, so the app can run. */
  adoptOfflineUser: (user: Me) => void;
}

const SessionContext = createContext<SessionValue | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [status, setStatus] = useState<SessionStatus>('loading');
  const [user, setUser] = useState<Me | null>(null);
  const statusRef = useRef(status);
  statusRef.current = status;

  const adoptOfflineUser = useCallback((offline: Me) => {
    if (statusRef.current !== 'offline') return;
    setUser(offline);
  }, []);

  const take = useCallback(async (state: SessionState) => {
    setCsrfToken(state.csrfToken);
    if (state.user) {
      await applyLanguage(pickLanguage([state.user.language, initialLanguage()]));
    }
    setUser(state.user);
    setStatus(state.user ? 'ready' : state.mfaPending ? 'mfa' : 'anonymous');
  }, []);

  const refresh = useCallback(async () => {
    try {
      await take(await api<SessionState>('GET', '/auth/session'));
    } catch (e) {
      if (e instanceof ApiError && e.code === NETWORK_ERROR) setStatus('offline');
      else setStatus('anonymous');
    }
  }, [take]);

  const accept = useCallback(
    async (state: SessionState) => {
      setCsrfToken(state.csrfToken);
      await refresh();
    },
    [refresh],
  );

  const signOut = useCallback(async () => {
    try {
      await api('POST', '/auth/logout');
    } catch {
      // Signed out locally either way; the server session expires on its own.
    }
    setCsrfToken(null);
    setUser(null);
    setStatus('anonymous');
    // The next person on a shared phone starts from the start page, not from our last page.
    navigate('/', { replace: true });
  }, []);

  const setLanguage = useCallback(
    async (language: string) => {
      // Saved at once, while the language's strings load: a page left right away keeps it.
      const saved = user ? api<Me>('PATCH', '/me', { language }) : null;
      await applyLanguage(language);
      if (saved) setUser(await saved);
    },
    [user],
  );

  useEffect(() => {
    setSessionHandlers({
      onUnauthenticated: () => {
        setCsrfToken(null);
        setUser(null);
        setStatus('anonymous');
      },
      onRestricted: () => void refresh(),
    });
    void refresh();
    const online = () => {
      if (statusRef.current === 'offline') void refresh();
    };
    window.addEventListener('online', online);
    return () => window.removeEventListener('online', online);
  }, [refresh]);

  const can = useCallback(
    (permission: string) => user?.permissions.includes(permission) ?? false,
    [user],
  );

  return (
    <SessionContext.Provider
      value={{ status, user, refresh, accept, signOut, setLanguage, can, adoptOfflineUser }}
    >
      {children}
    </SessionContext.Provider>
  );
}

/** The session, from any component under SessionProvider. */
export function useSession(): SessionValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}

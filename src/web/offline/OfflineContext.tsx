import {
  createContext,
  type ReactNode,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
} from 'react';
import type { NoteRecord } from '../../core/index.ts';
import { requestHeaders } from '../api/client.ts';
import type { Me } from '../api/types.ts';
import { useSession } from '../session/SessionContext.tsx';
import { useOnline } from '../shell/OfflineBadge.tsx';
import {
  accountFor,
  deviceLabel,
  forgetAccount,
  type LocalAccount,
  lastAccount,
  rememberSignInPassword,
  takeSignInPassword,
} from './deviceIndex.ts';
import { type CaseRecord, type LocalCase, localCases } from './localCases.ts';
import { type OfflineReference, refreshReference, setOfflineReference } from './reference.ts';
import { type OfflineStore, openStore, type QueuedFile, wipeStore } from './store.ts';
import {
  AGENCY_SCOPE,
  emptyReport,
  LOCAL_ENTITY,
  type Mutation,
  REJECTED_ENTITY,
  type RejectedMutation,
  registerDevice,
  SyncClient,
  type SyncReport,
  type SyncScope,
  type SyncStop,
} from './syncClient.ts';
import { fetchTransport } from './syncTransport.ts';
import {
  changePassword,
  createVault,
  disablePin,
  enablePin,
  unlockVault,
  unlockWithPin,
  type Vault,
  VaultError,
} from './vault.ts';

/** Where the device's encrypted store stands. */
export type OfflinePhase = 'none' | 'locked' | 'open' | 'password_mismatch';

export interface SyncStatus {
  running: boolean;
  lastSyncedAt: number | null;
  pending: number;
  rejected: number;
  stopped: SyncStop | null;
  code: string | null;
  estimate: { records: number; warnAbove: number } | null;
  /** Files queued on the device, not yet whole on the server. */
  files: number;
  /** The file being sent now, and how much of it the server holds. */
  sending: { id: string; fileName: string; received: number; size: number } | null;
}

export interface OfflineData {
  cases: LocalCase[];
  rejected: RejectedMutation[];
  reference: OfflineReference | null;
  /** Files waiting to be sent (or refused, with the reason). */
  files: QueuedFile[];
}

export interface OfflineValue {
  phase: OfflinePhase;
  account: LocalAccount | null;
  status: SyncStatus;
  /** Changes whenever local data changes: a key for re-reading it. */
  revision: number;
  /** Opens the store with the password, with no network (after a reload offline). */
  unlock: (password: string) => Promise<void>;
  /** After a password change elsewhere: opens with the old one and re-wraps with the new. */
  unlockWithPrevious: (previous: string, current?: string) => Promise<void>;
  enqueue: (mutation: Omit<Mutation, 'mutationId'>) => Promise<string>;
  syncNow: () => void;
  read: () => Promise<OfflineData>;
  discardRejected: (mutationId: string) => Promise<void>;
  /** Queues a file for a case: kept encrypted on the device, sent in chunks when online. */
  queueFile: (
    caseId: string,
    file: File,
    options: { contentType: string; sensitive: boolean },
  ) => Promise<void>;
  /** Forgets a queued file (not sent yet, or refused). */
  discardFile: (fileId: string) => Promise<void>;
  /** What the device pulls: the agency's records or only mine, optionally below one area. */
  scope: SyncScope;
  /** Changes the scope: the device drops what it holds and pulls the new scope (the outbox stays). */
  setScope: (scope: SyncScope) => Promise<void>;
  retryRejected: (mutationId: string) => Promise<void>;
  /** Deletes everything this device holds for the user. */
  wipe: () => Promise<void>;
  /** Forgets the key (sign-out keeping the data): the password opens it again. */
  lock: () => void;
  /** Locked after a while without use: the PIN (if set) or the password opens it again. */
  idleLocked: boolean;
  hasPin: boolean;
  unlockIdle: (secret: { pin: string } | { password: string }) => Promise<void>;
  /** After the password changed online: re-wraps the store's key with the new one. */
  passwordChanged: (password: string) => Promise<void>;
  /** Sets (or with null removes) the short PIN that re-opens an idle lock; memory only. */
  setPin: (pin: string | null) => Promise<void>;
}

const OfflineContext = createContext<OfflineValue | null>(null);

const SYNC_EVERY_MS = 60_000;
/** The store locks itself after this long without a touch or a key press. */
export const IDLE_LOCK_MS = 10 * 60_000;
const RETRY_AFTER_ERROR_MS = 15_000;
const IDLE: SyncStatus = {
  running: false,
  lastSyncedAt: null,
  pending: 0,
  rejected: 0,
  stopped: null,
  code: null,
  estimate: null,
  files: 0,
  sending: null,
};

interface Opened {
  account: LocalAccount;
  store: OfflineStore;
  vault: Vault;
  client: SyncClient;
}

function browserTransport() {
  return fetchTransport({ headers: () => requestHeaders('POST') });
}

/** The device's encrypted store, its outbox and the background sync, for the signed-in user. */
export function OfflineProvider({ children }: { children: ReactNode }) {
  const session = useSession();
  const online = useOnline();
  const [phase, setPhase] = useState<OfflinePhase>('none');
  const [account, setAccount] = useState<LocalAccount | null>(() => lastAccount());
  const [status, setStatus] = useState<SyncStatus>(IDLE);
  const [revision, setRevision] = useState(0);
  const [idleLocked, setIdleLocked] = useState(false);
  const [hasPin, setHasPin] = useState(false);
  const opened = useRef<Opened | null>(null);
  const [scope, setScopeState] = useState<SyncScope>(AGENCY_SCOPE);
  const pendingHeader = useRef<{ store: OfflineStore; account: LocalAccount } | null>(null);
  const bump = useCallback(() => setRevision((n) => n + 1), []);

  const counts = useCallback(async () => {
    const o = opened.current;
    if (!o) return;
    const pending = await o.store.countOutbox();
    const rejected = (await o.store.listRecords(o.vault, REJECTED_ENTITY)).length;
    const files = (await o.store.listFiles(o.vault)).filter((f) => !f.problem).length;
    setStatus((s) => ({ ...s, pending, rejected, files }));
  }, []);

  const loadReference = useCallback(async (o: Opened) => {
    const saved = await o.store.getRecord(o.vault, LOCAL_ENTITY, 'reference');
    if (saved) setOfflineReference(saved.value as OfflineReference);
  }, []);

  const attach = useCallback(
    async (account: LocalAccount, store: OfflineStore, vault: Vault) => {
      const client = new SyncClient({
        transport: browserTransport(),
        store,
        vault,
        deviceId: account.deviceId,
        onFileProgress: (file, received) =>
          setStatus((s) => ({
            ...s,
            sending:
              received >= file.sizeBytes
                ? null
                : { id: file.id, fileName: file.fileName, received, size: file.sizeBytes },
          })),
      });
      const chosen = await client.readScope();
      opened.current = { account, store, vault, client };
      setScopeState(chosen);
      setHasPin(vault.hasPin);
      setAccount(account);
      setPhase('open');
      await loadReference(opened.current);
      await counts();
      bump();
    },
    [bump, counts, loadReference],
  );

  /** Opens (or creates) the store of a user who just signed in online with `password`. */
  const openAfterSignIn = useCallback(
    async (user: Me, password: string) => {
      const account = accountFor(user.id, user.username);
      const store = await openStore(account.storeName);
      const header = await store.readHeader();
      let vault: Vault;
      if (header) {
        try {
          vault = await unlockVault(header, password);
        } catch (e) {
          if (!(e instanceof VaultError) || e.code !== 'wrong_password') throw e;
          // The password changed since this device last saw it: the old one opens the store.
          pendingHeader.current = { store, account };
          rememberCurrent.current = password;
          setAccount(account);
          setPhase('password_mismatch');
          return;
        }
      } else {
        const made = await createVault(password, user.id);
        await store.writeHeader(made.header);
        vault = made.vault;
      }
      // The password changed while the key was being derived (a forced first change): re-wrap.
      const newer = takeSignInPassword();
      const current = await store.readHeader();
      if (newer && newer !== password && current)
        await store.writeHeader(await changePassword(vault, current, newer));
      await store.putRecords(vault, [{ entity: LOCAL_ENTITY, id: 'me', version: 0, value: user }]);
      await attach(account, store, vault);
    },
    [attach],
  );
  const rememberCurrent = useRef<string | null>(null);

  const unlock = useCallback(
    async (password: string) => {
      const account = lastAccount();
      if (!account) throw new VaultError('bad_header');
      const store = await openStore(account.storeName);
      const header = await store.readHeader();
      if (!header) {
        store.close();
        throw new VaultError('bad_header');
      }
      const vault = await unlockVault(header, password);
      const me = await store.getRecord(vault, LOCAL_ENTITY, 'me');
      if (me) session.adoptOfflineUser(me.value as Me);
      await attach(account, store, vault);
    },
    [attach, session],
  );

  const unlockWithPrevious = useCallback(
    async (previous: string, current: string) => {
      const held = pendingHeader.current;
      if (!held) return;
      const header = await held.store.readHeader();
      if (!header) return;
      const vault = await unlockVault(header, previous);
      await held.store.writeHeader(await changePassword(vault, header, current));
      pendingHeader.current = null;
      if (session.user)
        await held.store.putRecords(vault, [
          { entity: LOCAL_ENTITY, id: 'me', version: 0, value: session.user },
        ]);
      await attach(held.account, held.store, vault);
    },
    [attach, session.user],
  );

  const wipe = useCallback(async () => {
    const o = opened.current;
    opened.current = null;
    const target = o?.account ?? account;
    if (o) await o.store.wipeAll();
    else if (target) await wipeStore(target.storeName);
    if (target) forgetAccount(target.userId);
    setOfflineReference(null);
    setAccount(null);
    setPhase('none');
    setStatus(IDLE);
    bump();
  }, [account, bump]);

  const lock = useCallback(() => {
    opened.current?.store.close();
    opened.current = null;
    setOfflineReference(null);
    setPhase(lastAccount() ? 'locked' : 'none');
    setStatus(IDLE);
    setIdleLocked(false);
    setHasPin(false);
  }, []);

  const syncing = useRef(false);
  const registered = useRef<string | null>(null);
  const syncNow = useCallback(() => {
    const o = opened.current;
    if (!o || o.vault.isLocked || syncing.current || !navigator.onLine) return;
    syncing.current = true;
    setStatus((s) => ({ ...s, running: true }));
    void (async () => {
      let report: SyncReport | null = null;
      try {
        // Once per device and page load (idempotent on the server), not on every sync.
        if (registered.current !== o.account.deviceId) {
          await registerDevice(browserTransport(), {
            id: o.account.deviceId,
            label: deviceLabel(),
            userAgent: navigator.userAgent.slice(0, 200),
          })
            .then(() => {
              registered.current = o.account.deviceId;
            })
            // The sync that follows meets the same problem and reports it (offline, sign-in…).
            .catch(() => undefined);
        }
        report = await o.client.sync();
        // The scope another tab chose is this tab's too.
        const now = o.client.scope;
        setScopeState((s) => (s.scope === now.scope && s.area === now.area ? s : now));
        if (report.code === 'device_unknown') registered.current = null;
        if (!report.stopped)
          await refreshReference(browserTransport(), o.store, o.vault, o.account.deviceId);
      } catch {
        report = { ...emptyReport(), stopped: 'error' };
      } finally {
        syncing.current = false;
      }
      if (report.stopped === 'revoked') {
        await wipe();
        await session.signOut();
        return;
      }
      if (report.stopped === 'signin') void session.refresh();
      setStatus((s) => ({
        ...s,
        running: false,
        lastSyncedAt: report?.stopped ? s.lastSyncedAt : Date.now(),
        stopped: report?.stopped ?? null,
        code: report?.code ?? null,
        estimate: report?.estimate ?? s.estimate,
        sending: null,
      }));
      await counts();
      if (
        report.pulled ||
        report.pushed ||
        report.purged ||
        report.rejected ||
        report.filesSent ||
        report.filesRefused
      )
        bump();
      await loadReference(o);
    })();
  }, [bump, counts, loadReference, session, wipe]);

  // Signed in online: open the store with the password just typed (or ask for it later).
  // Only for those who hold cases, and not before a forced first step (a temporary password
  // must not become the key: the new one will).
  useEffect(() => {
    if (session.status !== 'ready' || !session.user) return;
    if (!session.user.permissions.includes('case:read:agency')) return;
    if (session.user.restrictions.length > 0) return;
    if (opened.current?.account.userId === session.user.id) return;
    const password = takeSignInPassword();
    if (password) void openAfterSignIn(session.user, password);
    else if (lastAccount()?.userId === session.user.id) setPhase('locked');
  }, [session.status, session.user, openAfterSignIn]);

  // Offline at start: a store that can be unlocked.
  useEffect(() => {
    if (phase === 'none' && !opened.current && lastAccount()) setPhase('locked');
  }, [phase]);

  // Background sync: when the network and the session are there, now and then every minute.
  useEffect(() => {
    if (phase !== 'open' || session.status !== 'ready' || !online) return;
    syncNow();
    const every = setInterval(syncNow, SYNC_EVERY_MS);
    return () => clearInterval(every);
  }, [phase, session.status, online, syncNow]);

  // After an error, try again sooner than the next minute.
  useEffect(() => {
    if (status.stopped !== 'error' && status.stopped !== 'offline') return;
    const again = setTimeout(syncNow, RETRY_AFTER_ERROR_MS);
    return () => clearTimeout(again);
  }, [status.stopped, syncNow]);

  // The idle lock: the key leaves memory (or stays only wrapped by the PIN) after a quiet spell.
  useEffect(() => {
    if (phase !== 'open') return;
    let last = Date.now();
    const touch = () => {
      last = Date.now();
    };
    const events = ['pointerdown', 'keydown', 'touchstart'] as const;
    for (const e of events) window.addEventListener(e, touch, { passive: true });
    const check = setInterval(() => {
      const o = opened.current;
      if (!o || o.vault.isLocked || Date.now() - last < IDLE_LOCK_MS) return;
      o.vault.lock();
      setOfflineReference(null);
      setHasPin(o.vault.hasPin);
      setIdleLocked(true);
    }, 15_000);
    return () => {
      clearInterval(check);
      for (const e of events) window.removeEventListener(e, touch);
    };
  }, [phase]);

  const unlockIdle = useCallback(
    async (secret: { pin: string } | { password: string }) => {
      const o = opened.current;
      if (!o) return;
      if ('pin' in secret) {
        try {
          await unlockWithPin(o.vault, secret.pin);
        } catch (e) {
          setHasPin(o.vault.hasPin);
          throw e;
        }
        await loadReference(o);
      } else {
        const header = await o.store.readHeader();
        if (!header) throw new VaultError('bad_header');
        await attach(o.account, o.store, await unlockVault(header, secret.password));
      }
      setIdleLocked(false);
      bump();
    },
    [attach, bump, loadReference],
  );

  const passwordChanged = useCallback(async (password: string) => {
    const o = opened.current;
    if (!o) {
      rememberSignInPassword(password);
      return;
    }
    const header = await o.store.readHeader();
    if (header) await o.store.writeHeader(await changePassword(o.vault, header, password));
  }, []);

  const setPin = useCallback(async (pin: string | null) => {
    const o = opened.current;
    if (!o) return;
    if (pin === null) disablePin(o.vault);
    else await enablePin(o.vault, pin);
    setHasPin(o.vault.hasPin);
  }, []);

  const enqueue = useCallback(
    async (mutation: Omit<Mutation, 'mutationId'>) => {
      const o = opened.current;
      if (!o) throw new VaultError('locked');
      const mutationId = crypto.randomUUID();
      await o.client.enqueue({ ...mutation, mutationId } as Mutation);
      await counts();
      bump();
      if (navigator.onLine && session.status === 'ready') syncNow();
      return mutationId;
    },
    [bump, counts, session.status, syncNow],
  );

  const read = useCallback(async (): Promise<OfflineData> => {
    const o = opened.current;
    if (!o) return { cases: [], rejected: [], reference: null, files: [] };
    const [cases, notes, outbox, rejected, reference, files] = await Promise.all([
      o.store.listRecords(o.vault, 'case'),
      o.store.listRecords(o.vault, 'note'),
      o.store.peekOutbox(o.vault, 100_000),
      o.store.listRecords(o.vault, REJECTED_ENTITY),
      o.store.getRecord(o.vault, LOCAL_ENTITY, 'reference'),
      o.store.listFiles(o.vault),
    ]);
    const ref = (reference?.value as OfflineReference | undefined) ?? null;
    return {
      cases: localCases({
        cases: cases.map((r) => r.value as CaseRecord),
        notes: notes.map((r) => r.value as NoteRecord),
        outbox: outbox.map((e) => ({ mutation: e.mutation as Mutation, createdAt: e.createdAt })),
        rules: ref?.rules ?? null,
        today: new Date().toISOString().slice(0, 10),
        serviceNames: new Map(ref?.services.map((s) => [s.id, s.name]) ?? []),
      }),
      rejected: rejected.map((r) => r.value as RejectedMutation),
      reference: ref,
      files,
    };
  }, []);

  const discardRejected = useCallback(
    async (mutationId: string) => {
      const o = opened.current;
      if (!o) return;
      await o.store.deleteRecords(o.vault, REJECTED_ENTITY, [mutationId]);
      await counts();
      bump();
    },
    [bump, counts],
  );

  const retryRejected = useCallback(
    async (mutationId: string) => {
      const o = opened.current;
      if (!o) return;
      const found = await o.store.getRecord(o.vault, REJECTED_ENTITY, mutationId);
      if (!found) return;
      // A refused mutation is not stored by the server, so the same id may apply now.
      await o.client.enqueue((found.value as RejectedMutation).mutation);
      await o.store.deleteRecords(o.vault, REJECTED_ENTITY, [mutationId]);
      await counts();
      bump();
      syncNow();
    },
    [bump, counts, syncNow],
  );

  const queueFile = useCallback(
    async (caseId: string, file: File, options: { contentType: string; sensitive: boolean }) => {
      const o = opened.current;
      if (!o) throw new VaultError('locked');
      const content = new Uint8Array(await file.arrayBuffer());
      const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', content));
      await o.store.queueFile(
        o.vault,
        {
          id: crypto.randomUUID(),
          caseId,
          fileName: file.name,
          contentType: options.contentType,
          sizeBytes: content.length,
          sha256: [...digest].map((b) => b.toString(16).padStart(2, '0')).join(''),
          sensitive: options.sensitive,
          createdAt: Date.now(),
        },
        content,
      );
      await counts();
      bump();
      if (navigator.onLine && session.status === 'ready') syncNow();
    },
    [bump, counts, session.status, syncNow],
  );

  const discardFile = useCallback(
    async (fileId: string) => {
      const o = opened.current;
      if (!o) return;
      await o.store.removeFile(fileId);
      await counts();
      bump();
    },
    [bump, counts],
  );

  const setScope = useCallback(
    async (next: SyncScope) => {
      const o = opened.current;
      if (!o) return;
      await o.client.changeScope(next);
      setScopeState(next);
      setStatus((s) => ({ ...s, estimate: null }));
      bump();
      syncNow();
    },
    [bump, syncNow],
  );

  const value = useMemo<OfflineValue>(
    () => ({
      phase,
      account,
      status,
      revision,
      unlock,
      unlockWithPrevious: (previous: string, current?: string) =>
        unlockWithPrevious(previous, current ?? rememberCurrent.current ?? ''),
      enqueue,
      syncNow,
      read,
      discardRejected,
      retryRejected,
      queueFile,
      discardFile,
      scope,
      setScope,
      wipe,
      lock,
      idleLocked,
      hasPin,
      unlockIdle,
      setPin,
      passwordChanged,
    }),
    [
      idleLocked,
      hasPin,
      unlockIdle,
      setPin,
      passwordChanged,
      phase,
      account,
      status,
      revision,
      unlock,
      unlockWithPrevious,
      enqueue,
      syncNow,
      read,
      discardRejected,
      retryRejected,
      queueFile,
      discardFile,
      scope,
      setScope,
      wipe,
      lock,
    ],
  );
  return <OfflineContext.Provider value={value}>{children}</OfflineContext.Provider>;
}

/** The device store and sync, from any component under OfflineProvider. */
export function useOffline(): OfflineValue {
  const value = useContext(OfflineContext);
  if (!value) throw new Error('useOffline outside OfflineProvider');
  return value;
}

// Which users have an encrypted store on this browser, and this browser's device id for each.
// Kept in localStorage, in clear: a user id, a user name and a random device id, never case data.

const KEY = 'pf.offline.v1';

export interface LocalAccount {
  userId: string;
  username: string;
  deviceId: string;
  /** The IndexedDB database that holds this user's encrypted records. */
  storeName: string;
}

interface Index {
  last: string | null;
  accounts: Record<string, LocalAccount>;
}

function read(): Index {
  try {
    const parsed = JSON.parse(localStorage.getItem(KEY) ?? 'null') as Index | null;
    if (parsed && typeof parsed.accounts === 'object') return parsed;
  } catch {
    // Unreadable: start over (the stores themselves stay until wiped).
  }
  return { last: null, accounts: {} };
}

function write(index: Index): void {
  try {
    localStorage.setItem(KEY, JSON.stringify(index));
  } catch {
    // Private mode or full storage: offline use will not survive a reload.
  }
}

/** The account that used this browser last, if it kept a store. */
export function lastAccount(): LocalAccount | null {
  const index = read();
  return index.last ? (index.accounts[index.last] ?? null) : null;
}

/** This browser's account record for a user, made on first use. */
export function accountFor(userId: string, username: string): LocalAccount {
  const index = read();
  const found = index.accounts[userId];
  const account: LocalAccount = found
    ? { ...found, username }
    : { userId, username, deviceId: crypto.randomUUID(), storeName: `pathfinder-${userId}` };
  index.accounts[userId] = account;
  index.last = userId;
  write(index);
  return account;
}

/** Forgets a user's account record (after their store is wiped). */
export function forgetAccount(userId: string): void {
  const index = read();
  delete index.accounts[userId];
  if (index.last === userId) index.last = null;
  write(index);
}

let signInPassword: { value: string; until: number } | null = null;

/**
 * Keeps the password just typed at sign-in for the moment it takes to open the encrypted
 * store (a second factor may come first). Memory only, gone after two minutes or one use.
 */
export function rememberSignInPassword(password: string): void {
  signInPassword = { value: password, until: Date.now() + 120_000 };
}

export function takeSignInPassword(): string | null {
  const kept = signInPassword;
  signInPassword = null;
  return kept && kept.until > Date.now() ? kept.value : null;
}

/** A name for this browser in the user's device list ("Chrome on Android"). */
export function deviceLabel(): string {
  const ua = navigator.userAgent;
  const browser = /Firefox\//.test(ua)
    ? 'Firefox'
    : /Edg\//.test(ua)
      ? 'Edge'
      : /Chrome\//.test(ua)
        ? 'Chrome'
        : /Safari\//.test(ua)
          ? 'Safari'
          : 'Browser';
  const os = /Android/.test(ua)
    ? 'Android'
    : /iPhone|iPad/.test(ua)
      ? 'iOS'
      : /Windows/.test(ua)
        ? 'Windows'
        : /Mac OS/.test(ua)
          ? 'macOS'
          : /Linux/.test(ua)
            ? 'Linux'
            : '';
  return `${browser}${os ? ` on ${os}` : ''}`;
}

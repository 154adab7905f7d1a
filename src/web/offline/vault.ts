// Key management for the on-device store (issue #5, point 6). WebCrypto only, so the same code
// runs in the browser and in Node ≥ 20 under Vitest. See README.md beside this file for the
// threat model.
//
// One random AES-GCM data key encrypts every record. It is stored only wrapped by a key derived
// from the user's password (PBKDF2-SHA-256); after an idle lock it may also sit in memory wrapped
// by a key derived from a short PIN, which a few wrong guesses destroy.

import { base64ToBytes, bytesToBase64 } from './base64.ts';

export const VAULT_VERSION = 1;
/** OWASP Password Storage Cheat Sheet: 600,000 iterations for PBKDF2-HMAC-SHA256. */
export const DEFAULT_PBKDF2_ITERATIONS = 600_000;
/** The PIN slot only ever lives in memory, so its KDF mainly slows guessing through the UI. */
export const DEFAULT_PIN_ITERATIONS = 100_000;
export const DEFAULT_PIN_ATTEMPTS = 5;

const SALT_BYTES = 16;
const IV_BYTES = 12;
const AES_GCM_256 = { name: 'AES-GCM', length: 256 } as const;
const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** What is persisted (in the store's `meta`): no secret in clear. Byte fields are base64. */
export interface VaultHeader {
  version: typeof VAULT_VERSION;
  userId: string;
  /** PBKDF2-SHA-256 salt, 16 random bytes, new for every header. */
  salt: string;
  iterations: number;
  /** AES-GCM IV used to wrap the data key. */
  iv: string;
  /** The data key wrapped (AES-GCM, userId as additional data) by the password-derived key. */
  wrappedKey: string;
}

/** A ciphertext and its IV; the caller keeps the additional data (it is not stored). */
export interface SealedRecord {
  iv: Uint8Array<ArrayBuffer>;
  data: Uint8Array<ArrayBuffer>;
}

export type VaultErrorCode =
  | 'wrong_password'
  | 'wrong_pin'
  | 'pin_exhausted'
  | 'no_pin'
  | 'invalid_pin'
  | 'locked'
  | 'decrypt_failed'
  | 'bad_header';

export class VaultError extends Error {
  override readonly name = 'VaultError';
  readonly code: VaultErrorCode;
  /** Set with `wrong_pin`: how many PIN guesses remain before the password is required. */
  readonly attemptsLeft: number | undefined;

  constructor(code: VaultErrorCode, attemptsLeft?: number) {
    super(attemptsLeft === undefined ? code : `${code} (${attemptsLeft} attempts left)`);
    this.code = code;
    this.attemptsLeft = attemptsLeft;
  }
}

interface PinSlot {
  salt: Uint8Array<ArrayBuffer>;
  iv: Uint8Array<ArrayBuffer>;
  iterations: number;
  wrappedKey: ArrayBuffer;
  attempts: number;
  attemptsLeft: number;
}

// Key material is kept out of the handle's own properties so that no caller (or devtools
// `console.log(vault)`) can reach the CryptoKey; only this module's functions use it.
const dataKeys = new WeakMap<Vault, CryptoKey>();
const pinSlots = new WeakMap<Vault, PinSlot | 'exhausted'>();

/** A handle on one user's data key. Locked handles can be re-opened with the PIN, if enabled. */
export class Vault {
  readonly userId: string;

  constructor(userId: string) {
    this.userId = userId;
  }

  get isLocked(): boolean {
    return !dataKeys.has(this);
  }

  /** True while a PIN can still unlock this handle (enabled and not exhausted). */
  get hasPin(): boolean {
    return typeof pinSlots.get(this) === 'object';
  }

  /** Forgets the data key. If a PIN is enabled, the key survives only wrapped by the PIN. */
  lock(): void {
    dataKeys.delete(this);
  }
}

export interface VaultOptions {
  /** PBKDF2 iterations for the password; defaults to DEFAULT_PBKDF2_ITERATIONS. */
  iterations?: number;
}

export interface PinOptions {
  iterations?: number;
  /** Wrong guesses allowed before the in-memory key is destroyed; default 5. */
  attempts?: number;
}

/** Makes a new random data key for `userId`, wrapped by `password`. */
export async function createVault(
  password: string,
  userId: string,
  options: VaultOptions = {},
): Promise<{ header: VaultHeader; vault: Vault }> {
  const dataKey = await crypto.subtle.generateKey(AES_GCM_256, true, ['encrypt', 'decrypt']);
  const header = await wrapWithPassword(
    dataKey,
    password,
    userId,
    options.iterations ?? DEFAULT_PBKDF2_ITERATIONS,
  );
  return { header, vault: unlockedHandle(userId, dataKey) };
}

/** Opens a vault with the password; throws VaultError('wrong_password') if it does not fit. */
export async function unlockVault(header: VaultHeader, password: string): Promise<Vault> {
  assertHeader(header);
  const kek = await deriveKey(
    password.normalize('NFC'),
    base64ToBytes(header.salt),
    header.iterations,
  );
  let dataKey: CryptoKey;
  try {
    dataKey = await crypto.subtle.unwrapKey(
      'raw',
      base64ToBytes(header.wrappedKey),
      kek,
      { name: 'AES-GCM', iv: base64ToBytes(header.iv), additionalData: wrapAad(header.userId) },
      AES_GCM_256,
      true,
      ['encrypt', 'decrypt'],
    );
  } catch {
    // AES-GCM authentication failed: wrong password (or a tampered header, same answer).
    throw new VaultError('wrong_password');
  }
  return unlockedHandle(header.userId, dataKey);
}

/**
 * Re-wraps the same data key under `newPassword` with a fresh salt: existing records stay
 * readable. The caller persists the returned header (and should have checked the old password).
 */
export async function changePassword(
  vault: Vault,
  header: VaultHeader,
  newPassword: string,
  options: VaultOptions = {},
): Promise<VaultHeader> {
  assertHeader(header);
  if (header.userId !== vault.userId) throw new VaultError('bad_header');
  return wrapWithPassword(
    requireKey(vault),
    newPassword,
    vault.userId,
    options.iterations ?? header.iterations,
  );
}

/** Lets `pin` (4–8 digits) re-unlock this handle after `lock()`. Never persisted. */
export async function enablePin(
  vault: Vault,
  pin: string,
  options: PinOptions = {},
): Promise<void> {
  assertPin(pin);
  const dataKey = requireKey(vault);
  const iterations = options.iterations ?? DEFAULT_PIN_ITERATIONS;
  const attempts = options.attempts ?? DEFAULT_PIN_ATTEMPTS;
  assertCount(iterations);
  assertCount(attempts);
  const salt = randomBytes(SALT_BYTES);
  const iv = randomBytes(IV_BYTES);
  const kek = await deriveKey(pin, salt, iterations);
  const wrappedKey = await crypto.subtle.wrapKey('raw', dataKey, kek, {
    name: 'AES-GCM',
    iv,
    additionalData: wrapAad(vault.userId),
  });
  destroyPin(vault);
  pinSlots.set(vault, { salt, iv, iterations, wrappedKey, attempts, attemptsLeft: attempts });
}

/** Removes the PIN: after the next lock only the password opens the vault. */
export function disablePin(vault: Vault): void {
  destroyPin(vault);
  pinSlots.delete(vault);
}

/**
 * Re-opens a locked handle with its PIN. A wrong PIN throws VaultError('wrong_pin') with
 * `attemptsLeft`; the last allowed wrong PIN destroys the in-memory key, locks the handle and
 * throws VaultError('pin_exhausted'), as do later calls. Without a PIN: VaultError('no_pin').
 */
export async function unlockWithPin(vault: Vault, pin: string): Promise<Vault> {
  assertPin(pin);
  const slot = pinSlots.get(vault);
  if (slot === 'exhausted') throw new VaultError('pin_exhausted');
  if (slot === undefined) throw new VaultError('no_pin');
  // Count the guess before any await, so parallel guesses cannot exceed the limit.
  if (slot.attemptsLeft <= 0) throw new VaultError('pin_exhausted');
  slot.attemptsLeft -= 1;
  const kek = await deriveKey(pin, slot.salt, slot.iterations);
  let dataKey: CryptoKey | undefined;
  try {
    dataKey = await crypto.subtle.unwrapKey(
      'raw',
      slot.wrappedKey,
      kek,
      { name: 'AES-GCM', iv: slot.iv, additionalData: wrapAad(vault.userId) },
      AES_GCM_256,
      true,
      ['encrypt', 'decrypt'],
    );
  } catch {
    dataKey = undefined;
  }
  if (pinSlots.get(vault) !== slot) {
    // Exhausted, disabled or replaced by a concurrent call while this guess was being checked.
    throw new VaultError(pinSlots.get(vault) === 'exhausted' ? 'pin_exhausted' : 'no_pin');
  }
  if (dataKey === undefined) {
    if (slot.attemptsLeft > 0) throw new VaultError('wrong_pin', slot.attemptsLeft);
    destroyPin(vault);
    pinSlots.set(vault, 'exhausted');
    vault.lock();
    throw new VaultError('pin_exhausted');
  }
  slot.attemptsLeft = slot.attempts;
  dataKeys.set(vault, dataKey);
  return vault;
}

/**
 * Encrypts a JSON-serialisable value with a fresh random 96-bit IV. `aad` names the record
 * (store, key, version): it is authenticated, so a ciphertext moved to another record fails.
 */
export async function encryptRecord(
  vault: Vault,
  value: unknown,
  aad: string,
): Promise<SealedRecord> {
  const json = JSON.stringify(value);
  if (json === undefined) throw new TypeError('encryptRecord: value is not JSON-serialisable');
  return encryptBytes(vault, encoder.encode(json), aad);
}

/** Decrypts what encryptRecord made with the same `aad`; VaultError('decrypt_failed') otherwise. */
export async function decryptRecord(
  vault: Vault,
  sealed: SealedRecord,
  aad: string,
): Promise<unknown> {
  return JSON.parse(decoder.decode(await decryptBytes(vault, sealed, aad)));
}

/** Encrypts bytes (a chunk of a queued file) like encryptRecord, without JSON. */
export async function encryptBytes(
  vault: Vault,
  bytes: Uint8Array<ArrayBuffer>,
  aad: string,
): Promise<SealedRecord> {
  const key = requireKey(vault);
  const iv = recordIv();
  const data = await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv, additionalData: encoder.encode(aad) },
    key,
    bytes,
  );
  return { iv, data: new Uint8Array(data) };
}

/** Decrypts what encryptBytes made with the same `aad`; VaultError('decrypt_failed') otherwise. */
export async function decryptBytes(
  vault: Vault,
  sealed: SealedRecord,
  aad: string,
): Promise<Uint8Array<ArrayBuffer>> {
  const key = requireKey(vault);
  try {
    return new Uint8Array(
      await crypto.subtle.decrypt(
        { name: 'AES-GCM', iv: sealed.iv, additionalData: encoder.encode(aad) },
        key,
        sealed.data,
      ),
    );
  } catch {
    throw new VaultError('decrypt_failed');
  }
}

function unlockedHandle(userId: string, dataKey: CryptoKey): Vault {
  const vault = new Vault(userId);
  dataKeys.set(vault, dataKey);
  return vault;
}

function requireKey(vault: Vault): CryptoKey {
  const key = dataKeys.get(vault);
  if (key === undefined) throw new VaultError('locked');
  return key;
}

async function wrapWithPassword(
  dataKey: CryptoKey,
  password: string,
  userId: string,
  iterations: number,
): Promise<VaultHeader> {
  if (password.length === 0) throw new TypeError('vault: the password is empty');
  assertCount(iterations);
  const salt = randomBytes(SALT_BYTES);
  const iv = randomBytes(IV_BYTES);
  const kek = await deriveKey(password.normalize('NFC'), salt, iterations);
  const wrapped = await crypto.subtle.wrapKey('raw', dataKey, kek, {
    name: 'AES-GCM',
    iv,
    additionalData: wrapAad(userId),
  });
  return {
    version: VAULT_VERSION,
    userId,
    salt: bytesToBase64(salt),
    iterations,
    iv: bytesToBase64(iv),
    wrappedKey: bytesToBase64(new Uint8Array(wrapped)),
  };
}

async function deriveKey(
  secret: string,
  salt: Uint8Array<ArrayBuffer>,
  iterations: number,
): Promise<CryptoKey> {
  const material = await crypto.subtle.importKey('raw', encoder.encode(secret), 'PBKDF2', false, [
    'deriveKey',
  ]);
  return crypto.subtle.deriveKey(
    { name: 'PBKDF2', hash: 'SHA-256', salt, iterations },
    material,
    AES_GCM_256,
    false,
    ['wrapKey', 'unwrapKey'],
  );
}

// Binds the wrapped key to its user: a header copied onto another account does not open.
function wrapAad(userId: string): Uint8Array<ArrayBuffer> {
  return encoder.encode(JSON.stringify(['pathfinder/vault', VAULT_VERSION, userId]));
}

function destroyPin(vault: Vault): void {
  const slot = pinSlots.get(vault);
  if (typeof slot === 'object') new Uint8Array(slot.wrappedKey).fill(0);
}

/** Random IVs drawn 512 at a time: one call to the random source instead of one per record sealed. */
const IV_POOL = new Uint8Array(IV_BYTES * 512);
let ivPoolNext = IV_POOL.length;

/** A fresh random IV for one sealed record (copied out of the pool; each pool byte is used once). */
function recordIv(): Uint8Array<ArrayBuffer> {
  if (ivPoolNext === IV_POOL.length) {
    crypto.getRandomValues(IV_POOL);
    ivPoolNext = 0;
  }
  const iv = IV_POOL.slice(ivPoolNext, ivPoolNext + IV_BYTES);
  ivPoolNext += IV_BYTES;
  return iv;
}

function randomBytes(length: number): Uint8Array<ArrayBuffer> {
  return crypto.getRandomValues(new Uint8Array(length));
}

function assertPin(pin: string): void {
  if (!/^\d{4,8}$/.test(pin)) throw new VaultError('invalid_pin');
}

function assertCount(n: number): void {
  if (!Number.isSafeInteger(n) || n < 1)
    throw new RangeError(`vault: ${n} is not a positive count`);
}

function assertHeader(header: VaultHeader): void {
  const ok =
    header.version === VAULT_VERSION &&
    typeof header.userId === 'string' &&
    typeof header.salt === 'string' &&
    typeof header.iv === 'string' &&
    typeof header.wrappedKey === 'string' &&
    Number.isSafeInteger(header.iterations) &&
    header.iterations > 0;
  if (!ok) throw new VaultError('bad_header');
}

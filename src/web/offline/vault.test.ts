import { describe, expect, it } from 'vitest';
import {
  changePassword,
  createVault,
  DEFAULT_PBKDF2_ITERATIONS,
  decryptRecord,
  disablePin,
  enablePin,
  encryptRecord,
  type SealedRecord,
  unlockVault,
  unlockWithPin,
  VaultError,
} from './vault.ts';

// Small counts keep the suite fast; the default is checked on its own below.
const FAST = { iterations: 1_000 };
const FAST_PIN = { iterations: 1_000 };

async function expectVaultError(promise: Promise<unknown>, code: string): Promise<VaultError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(VaultError);
  expect((error as VaultError).code).toBe(code);
  return error as VaultError;
}

describe('vault', () => {
  it('uses at least 600,000 PBKDF2 iterations by default (OWASP)', async () => {
    expect(DEFAULT_PBKDF2_ITERATIONS).toBeGreaterThanOrEqual(600_000);
    const { header } = await createVault('pw', 'u');
    expect(header.iterations).toBe(DEFAULT_PBKDF2_ITERATIONS);
  });

  it('writes a header with no secret in clear and opens it with the password', async () => {
    const { header, vault } = await createVault('correct horse', 'user-1', FAST);
    expect(header).toMatchObject({ version: 1, userId: 'user-1', iterations: 1_000 });
    expect(atob(header.salt)).toHaveLength(16);
    expect(JSON.stringify(header)).not.toContain('correct horse');
    const sealed = await encryptRecord(vault, { name: 'Amina' }, 'aad');

    const reopened = await unlockVault(header, 'correct horse');
    expect(await decryptRecord(reopened, sealed, 'aad')).toEqual({ name: 'Amina' });
  });

  it('refuses a wrong password', async () => {
    const { header } = await createVault('correct horse', 'user-1', FAST);
    await expectVaultError(unlockVault(header, 'wrong horse'), 'wrong_password');
  });

  it('refuses a header copied onto another user', async () => {
    const { header } = await createVault('correct horse', 'user-1', FAST);
    await expectVaultError(
      unlockVault({ ...header, userId: 'user-2' }, 'correct horse'),
      'wrong_password',
    );
  });

  it('keeps data readable after a password change, and the old password stops working', async () => {
    const { header, vault } = await createVault('old password', 'user-1', FAST);
    const sealed = await encryptRecord(vault, ['a', 1], 'k');
    const next = await changePassword(vault, header, 'new password');
    expect(next.salt).not.toBe(header.salt);

    const reopened = await unlockVault(next, 'new password');
    expect(await decryptRecord(reopened, sealed, 'k')).toEqual(['a', 1]);
    await expectVaultError(unlockVault(next, 'old password'), 'wrong_password');
  });

  it('uses a fresh IV for every record', async () => {
    const { vault } = await createVault('pw', 'u', FAST);
    const a = await encryptRecord(vault, 'same', 'k');
    const b = await encryptRecord(vault, 'same', 'k');
    expect(a.iv).toHaveLength(12);
    expect(a.iv).not.toEqual(b.iv);
    expect(a.data).not.toEqual(b.data);
    // Across several refills of the IV pool: never the same IV twice, each one decrypts its record.
    const sealed = await Promise.all(
      Array.from({ length: 1500 }, (_, i) => encryptRecord(vault, i, `r${i}`)),
    );
    expect(new Set(sealed.map((x) => x.iv.join(','))).size).toBe(1500);
    expect(sealed.every((x) => x.iv.some((byte) => byte !== 0))).toBe(true);
    expect(await decryptRecord(vault, sealed[1499] as SealedRecord, 'r1499')).toBe(1499);
  });

  it('fails to decrypt a ciphertext moved to another record (AAD)', async () => {
    const { vault } = await createVault('pw', 'u', FAST);
    const sealed = await encryptRecord(vault, { name: 'Amina' }, 'records/person/1');
    await expectVaultError(decryptRecord(vault, sealed, 'records/person/2'), 'decrypt_failed');
  });

  it('fails to decrypt a tampered ciphertext', async () => {
    const { vault } = await createVault('pw', 'u', FAST);
    const sealed = await encryptRecord(vault, { name: 'Amina' }, 'k');
    const data = sealed.data.slice();
    data[0] = (data[0] ?? 0) ^ 1;
    await expectVaultError(decryptRecord(vault, { ...sealed, data }, 'k'), 'decrypt_failed');
  });

  it('cannot be used once locked', async () => {
    const { vault } = await createVault('pw', 'u', FAST);
    vault.lock();
    expect(vault.isLocked).toBe(true);
    await expectVaultError(encryptRecord(vault, 1, 'k'), 'locked');
  });

  it('re-unlocks with the PIN after an idle lock', async () => {
    const { vault } = await createVault('pw', 'u', FAST);
    const sealed = await encryptRecord(vault, 'note', 'k');
    await enablePin(vault, '2468', FAST_PIN);
    vault.lock();

    await expectVaultError(unlockWithPin(vault, '1357'), 'wrong_pin');
    expect(await unlockWithPin(vault, '2468')).toBe(vault);
    expect(vault.isLocked).toBe(false);
    expect(await decryptRecord(vault, sealed, 'k')).toBe('note');
  });

  it('destroys the PIN key after 5 wrong PINs; the password still works', async () => {
    const { header, vault } = await createVault('pw', 'u', FAST);
    const sealed = await encryptRecord(vault, 'note', 'k');
    await enablePin(vault, '2468', FAST_PIN);
    vault.lock();

    for (const left of [4, 3, 2, 1]) {
      const error = await expectVaultError(unlockWithPin(vault, '0000'), 'wrong_pin');
      expect(error.attemptsLeft).toBe(left);
    }
    await expectVaultError(unlockWithPin(vault, '0000'), 'pin_exhausted');
    await expectVaultError(unlockWithPin(vault, '2468'), 'pin_exhausted');
    expect(vault.hasPin).toBe(false);
    expect(vault.isLocked).toBe(true);

    const reopened = await unlockVault(header, 'pw');
    expect(await decryptRecord(reopened, sealed, 'k')).toBe('note');
  });

  it('resets the PIN attempts after a right PIN', async () => {
    const { vault } = await createVault('pw', 'u', FAST);
    await enablePin(vault, '2468', { ...FAST_PIN, attempts: 2 });
    vault.lock();
    await expectVaultError(unlockWithPin(vault, '0000'), 'wrong_pin');
    await unlockWithPin(vault, '2468');
    vault.lock();
    const error = await expectVaultError(unlockWithPin(vault, '0000'), 'wrong_pin');
    expect(error.attemptsLeft).toBe(1);
  });

  it('counts parallel PIN guesses against the limit', async () => {
    const { vault } = await createVault('pw', 'u', FAST);
    await enablePin(vault, '2468', FAST_PIN);
    vault.lock();
    const guesses = ['0001', '0002', '0003', '0004', '0005', '2468'].map((pin) =>
      unlockWithPin(vault, pin).then(
        () => 'ok',
        (e: VaultError) => e.code,
      ),
    );
    const results = await Promise.all(guesses);
    expect(results).not.toContain('ok');
    // The sixth guess is refused before it is tried, even though it is the right PIN.
    expect(results[5]).toBe('pin_exhausted');
    expect(vault.isLocked).toBe(true);
  });

  it('accepts only 4–8 digit PINs and needs one enabled', async () => {
    const { vault } = await createVault('pw', 'u', FAST);
    await expectVaultError(enablePin(vault, '123'), 'invalid_pin');
    await expectVaultError(enablePin(vault, '123456789'), 'invalid_pin');
    await expectVaultError(enablePin(vault, '12a4'), 'invalid_pin');
    vault.lock();
    await expectVaultError(unlockWithPin(vault, '1234'), 'no_pin');
  });

  it('forgets the PIN when it is disabled', async () => {
    const { vault } = await createVault('pw', 'u', FAST);
    await enablePin(vault, '2468', FAST_PIN);
    disablePin(vault);
    vault.lock();
    await expectVaultError(unlockWithPin(vault, '2468'), 'no_pin');
  });
});

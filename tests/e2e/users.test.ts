import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentTotp } from '../../src/server/auth/totp.ts';
import { a11yProblems, type E2E, shot, signIn, startE2E } from './harness.ts';

const USERNAME = 'fieldinspector';
const DISPLAY_NAME = 'Field Inspector Test';
const TEMPORARY = 'Temporary-pass-42';
const CHOSEN = 'brick kiln yard morning';

describe('user administration and a new user’s first sign-in', () => {
  let e2e: E2E;
  let admin: Page;
  let worker: Page;
  let recoveryCodes: string[] = [];

  const totpNow = (secret: string) => currentTotp(USERNAME, secret, e2e.node.clock.now());

  beforeAll(async () => {
    e2e = await startE2E();
    admin = await e2e.open();
    worker = await e2e.open({ width: 412, height: 860 });
  });
  afterAll(async () => e2e?.close());

  it('creates a user who then appears in the list', async () => {
    await admin.goto(e2e.url);
    await signIn(admin, 'admin');
    await admin
      .getByRole('navigation', { name: 'Main menu' })
      .getByRole('link', { name: 'Users' })
      .click();
    await admin.getByRole('heading', { level: 1, name: 'Users' }).waitFor();
    await admin.getByRole('link', { name: 'New user' }).click();
    await admin.getByRole('heading', { level: 1, name: 'New user' }).waitFor();
    await admin.getByRole('checkbox', { name: /^Case worker/ }).waitFor();
    expect(await a11yProblems(admin)).toEqual([]);

    await admin.getByLabel('User name', { exact: true }).fill(USERNAME);
    await admin.getByLabel('Temporary password').fill(TEMPORARY);
    expect(await admin.getByLabel('Ask for a new password at the first sign-in').isChecked()).toBe(
      true,
    );
    await admin.getByLabel('Full name', { exact: true }).fill(DISPLAY_NAME);
    await admin
      .getByLabel('Agency', { exact: true })
      .selectOption({ label: 'Labour Office, Bhaktapur (fictional)' });
    await admin.getByRole('checkbox', { name: /^Case worker/ }).check();
    await admin.getByLabel('Area codes', { exact: true }).fill('NPL-D-BHAKTAPUR');
    await shot(admin, 'user-create');
    await admin.getByRole('button', { name: 'Create user' }).click();
    await admin.getByRole('heading', { level: 1, name: DISPLAY_NAME }).waitFor();
    await admin.getByText('The user was created.').waitFor();

    await admin.getByRole('link', { name: 'Back to users' }).click();
    await admin.getByRole('link', { name: DISPLAY_NAME }).waitFor();
    const card = admin.getByRole('listitem').filter({ hasText: DISPLAY_NAME });
    expect(await card.textContent()).toContain('Must change password');
    await admin.getByLabel('Search by name or user name').fill('field');
    await admin.getByRole('button', { name: 'Search' }).click();
    await expect
      .poll(() => admin.getByRole('list', { name: 'Users' }).getByRole('listitem').count())
      .toBe(1);
    await shot(admin, 'users-search');
  });

  it('makes the new user choose a password before anything else', async () => {
    await worker.goto(e2e.url);
    await signIn(worker, USERNAME, TEMPORARY);
    await worker.getByRole('heading', { level: 1, name: 'Choose a new password' }).waitFor();
    expect(await worker.getByRole('navigation').count()).toBe(0);
    expect(await a11yProblems(worker)).toEqual([]);
    await worker.getByLabel('Current password').fill(TEMPORARY);
    await worker.getByLabel('New password', { exact: true }).fill('short');
    await worker.getByLabel('New password again').fill('short');
    await worker.getByRole('button', { name: 'Change password' }).click();
    expect(await worker.getByRole('alert').textContent()).toBe(
      'The password must have at least 10 characters.',
    );
    await shot(worker, 'forced-password');
    await worker.getByLabel('New password', { exact: true }).fill(CHOSEN);
    await worker.getByLabel('New password again').fill(CHOSEN);
    await worker.getByRole('button', { name: 'Change password' }).click();
    await worker.getByRole('heading', { level: 1, name: `Welcome, ${DISPLAY_NAME}` }).waitFor();
  });

  it('enrols two-step verification with the QR code page and its recovery codes', async () => {
    await worker.getByRole('link', { name: 'Set it up on your account page.' }).click();
    await worker.getByRole('heading', { level: 1, name: 'Your account' }).waitFor();
    await worker.getByRole('button', { name: 'Set up two-step verification' }).click();
    const qr = worker.getByRole('img', { name: 'QR code to scan with your authenticator app' });
    await qr.waitFor();
    expect(await qr.getAttribute('src')).toMatch(/^data:image\/png;base64,/);
    const secret =
      (await worker.getByTestId('totp-secret').textContent())?.replace(/\s/g, '') ?? '';
    expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
    expect(await a11yProblems(worker)).toEqual([]);
    await shot(worker, 'totp-setup');

    await worker.getByLabel('Code from the app').fill('000000');
    await worker.getByRole('button', { name: 'Turn on two-step verification' }).click();
    await worker.getByRole('alert').filter({ hasText: 'The code is not valid' }).waitFor();

    await worker.getByLabel('Code from the app').fill(totpNow(secret));
    await worker.getByRole('button', { name: 'Turn on two-step verification' }).click();
    await worker.getByRole('heading', { name: 'Your recovery codes' }).waitFor();
    recoveryCodes = await worker
      .getByRole('list', { name: 'Your recovery codes' })
      .getByRole('listitem')
      .allTextContents();
    expect(recoveryCodes.length).toBeGreaterThanOrEqual(5);
    await shot(worker, 'totp-recovery-codes');
    await worker.getByRole('button', { name: 'I have stored the codes' }).click();
    await worker.getByText('On', { exact: true }).waitFor();

    // Sign out and back in: now the code is asked for.
    await worker.getByRole('button', { name: `Account menu for ${DISPLAY_NAME}` }).click();
    await worker.getByRole('button', { name: 'Sign out' }).click();
    // This browser keeps the worker's offline data (locked) for the next sign-in.
    await worker.getByRole('button', { name: 'Keep and sign out' }).click();
    await signIn(worker, USERNAME, CHOSEN);
    await worker.getByRole('heading', { level: 1, name: 'Two-step verification' }).waitFor();
    expect(await a11yProblems(worker)).toEqual([]);
    await shot(worker, 'mfa-step');
    await e2e.node.clock.advance(30_000);
    await worker.getByLabel('6-digit code').fill(totpNow(secret));
    await worker.getByRole('button', { name: 'Continue' }).click();
    await worker.getByRole('heading', { level: 1, name: `Welcome, ${DISPLAY_NAME}` }).waitFor();
  });

  it('signs in with a recovery code instead of the app', async () => {
    await worker.getByRole('button', { name: `Account menu for ${DISPLAY_NAME}` }).click();
    await worker.getByRole('button', { name: 'Sign out' }).click();
    // This browser keeps the worker's offline data (locked) for the next sign-in.
    await worker.getByRole('button', { name: 'Keep and sign out' }).click();
    await signIn(worker, USERNAME, CHOSEN);
    await worker.getByRole('button', { name: 'Use a recovery code instead' }).click();
    await worker.getByLabel('Recovery code').fill(recoveryCodes[0] ?? '');
    await worker.getByRole('button', { name: 'Continue' }).click();
    await worker.getByRole('heading', { level: 1, name: `Welcome, ${DISPLAY_NAME}` }).waitFor();
  });

  it('disables the user after a confirmation, which ends their session', async () => {
    await admin.getByRole('link', { name: DISPLAY_NAME }).click();
    await admin.getByRole('heading', { level: 1, name: DISPLAY_NAME }).waitFor();
    await admin.getByRole('button', { name: 'Disable account' }).click();
    const dialog = admin.getByRole('dialog', { name: `Disable ${DISPLAY_NAME}?` });
    await dialog.waitFor();
    // The safe choice has the focus; Escape would cancel.
    expect(await admin.evaluate(() => document.activeElement?.textContent)).toBe('Cancel');
    await shot(admin, 'user-disable-confirm');
    await dialog.getByRole('button', { name: 'Disable account' }).click();
    await admin.getByText('The account is disabled.').waitFor();
    expect(await dialog.isVisible()).toBe(false);
    await admin.getByRole('button', { name: 'Enable account' }).waitFor();
    await shot(admin, 'user-disabled');

    await admin.getByRole('link', { name: 'Back to users' }).click();
    const card = admin.getByRole('listitem').filter({ hasText: DISPLAY_NAME });
    await card.waitFor();
    expect(await card.textContent()).toContain('Disabled');

    // The disabled user's next contact (a page, or the background sync, whichever comes
    // first) sends them back to sign-in, and sign-in fails.
    await worker.reload();
    await worker.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    await signIn(worker, USERNAME, CHOSEN);
    await worker.getByRole('alert').waitFor();
    expect(await worker.getByRole('alert').textContent()).toBe(
      'The user name or password is wrong.',
    );
  });
});

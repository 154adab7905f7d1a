import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type E2E, shot, signIn, startE2E } from './harness.ts';

describe('idle lock of the device data, re-opened with a PIN', () => {
  let e2e: E2E;

  beforeAll(async () => {
    e2e = await startE2E();
  });
  afterAll(async () => e2e?.close());

  it('locks after ten quiet minutes; a wrong PIN counts down, the right one re-opens', async () => {
    const page = await e2e.open({ width: 412, height: 900 });
    await page.clock.install();
    await page.goto(e2e.url);
    await signIn(page, 'inspector');
    await page.getByRole('heading', { level: 1, name: /^Welcome, / }).waitFor();
    await page.locator('#main').getByRole('link', { name: 'Your account', exact: true }).click();
    const pin = page.getByRole('region', { name: 'PIN for this device' });
    await pin.getByLabel('New PIN (4 to 8 digits)').fill('12');
    await pin.getByRole('button', { name: 'Set the PIN' }).click();
    await pin.getByText('A PIN has 4 to 8 digits.').waitFor();
    await pin.getByLabel('New PIN (4 to 8 digits)').fill('4821');
    await pin.getByRole('button', { name: 'Set the PIN' }).click();
    await pin.getByText('PIN set for this device.').waitFor();

    await page.clock.fastForward('10:30');
    await page.getByRole('heading', { level: 1, name: 'Locked' }).waitFor();
    expect(await page.getByText('PIN for this device').count()).toBe(0);
    await shot(page, 'idle-lock-412');
    await page.getByLabel('PIN', { exact: true }).fill('0000');
    await page.getByRole('button', { name: 'Open' }).click();
    await page.getByText('Wrong PIN: 4 tries left before the password is needed.').waitFor();
    await page.getByLabel('PIN', { exact: true }).fill('4821');
    await page.getByRole('button', { name: 'Open' }).click();
    await page.getByRole('region', { name: 'PIN for this device' }).waitFor();
  });
});

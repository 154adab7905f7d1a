import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  apiFrom,
  DEMO_PASSWORD,
  type E2E,
  menu,
  shot,
  signIn,
  signInDevice,
  startE2E,
} from './harness.ts';

interface CaseLite {
  id: string;
  version: number;
  riskLevel: string;
}

describe('offline first: work with no network, sync when it returns, review conflicts', () => {
  let e2e: E2E;
  let device: Page;
  let other: Page;
  let shared: CaseLite;

  beforeAll(async () => {
    e2e = await startE2E();
  });
  afterAll(async () => e2e?.close());

  it('signs in online and pulls the caseload onto the device', async () => {
    other = await e2e.open();
    await other.goto(e2e.url);
    await signIn(other, 'labsupervisor');
    await other.getByRole('heading', { level: 1, name: /^Welcome, / }).waitFor();
    // A case both will touch: the device offline, the supervisor online.
    shared = await apiFrom<CaseLite>(other, 'POST', '/cases', {
      person: { givenName: 'Shared', familyName: 'Field', sex: 'male', estimatedAge: 15 },
      topics: ['child_labour'],
      riskLevel: 'medium',
      areaCode: 'NPL-D-BHAKTAPUR',
    });

    device = await signInDevice(e2e, 'inspector', { width: 412, height: 900 });
    // A reload would lock the device store (its key lives in memory only): stay in the app.
    await menu(device, 'Sync');
    await device.getByText(/Last synced/).waitFor();
    await device.getByText(/^1 case|cases, 0 changes waiting/).waitFor();
  });

  it('registers a case with a screening and a referral offline, and keeps them over a reload', async () => {
    await device.context().setOffline(true);
    await device.getByText('Offline', { exact: true }).waitFor();
    await menu(device, 'Cases');
    await device.getByRole('heading', { level: 1, name: 'Cases on this device' }).waitFor();
    await device.getByRole('link', { name: 'New case' }).click();
    await device.getByText(/No network: the case is registered on this device/).waitFor();
    const form = device.getByRole('form', { name: /The case/ });
    await form.getByLabel('Given name').fill('Maya');
    await form.getByLabel('Family name').fill('Offline');
    await form.getByLabel('Sex', { exact: true }).selectOption('female');
    await form.getByLabel('Estimated age (years)').fill('12');
    await form.getByLabel('District').selectOption('NPL-D-BHAKTAPUR');
    await form.getByRole('checkbox', { name: 'Child labour' }).check();
    await form.getByRole('radio', { name: 'High' }).check();
    await device.getByRole('button', { name: 'Open the case' }).click();
    await device.getByRole('heading', { level: 1, name: 'Maya Offline' }).waitFor();
    await device.getByText(/Case registered on this device/).waitFor();

    // The screening runs on the device, from the same core rules as the server.
    await device.getByLabel('Hours of economic activity in the last week').fill('30');
    await device.locator('.preview').waitFor();
    await device.getByRole('button', { name: 'Save the screening' }).click();
    await device.locator('article.screening').first().waitFor();

    await device.getByRole('button', { name: 'Refer to a service' }).click();
    await device.getByLabel('Service').selectOption({ index: 1 });
    await device.getByLabel('Reason for the referral').fill('Needs a safe place tonight.');
    await device
      .getByLabel(/Why you share without consent/)
      .fill('The child is at risk tonight and no guardian can be reached.');
    await device.getByRole('button', { name: 'Queue the referral' }).click();
    await device.getByText('Needs a safe place tonight. · not sent yet').waitFor();

    // Meanwhile, offline, a correction to the shared case's risk level.
    await device.getByRole('link', { name: 'Back to cases' }).click();
    await device.getByRole('link', { name: 'Shared Field' }).click();
    await device.getByRole('button', { name: 'Correct name or risk' }).click();
    await device.getByLabel('Risk level').selectOption('high');
    await device.getByRole('button', { name: 'Save', exact: true }).click();
    await device.getByText(/Correction saved on this device/).waitFor();
    await shot(device, 'offline-case-412');

    // Reload with no network: the app opens from the service worker, the data from the vault.
    await device.reload();
    await device.getByRole('heading', { level: 1, name: 'Open offline data' }).waitFor();
    await device.getByLabel('Password').fill(DEMO_PASSWORD);
    await device.getByRole('button', { name: 'Open' }).click();
    // The same page as before the reload, from the device store.
    await device.getByRole('heading', { level: 1, name: 'Shared Field' }).waitFor();
    await menu(device, 'Cases');
    await device.getByRole('heading', { level: 1, name: 'Cases on this device' }).waitFor();
    const maya = device.getByRole('listitem').filter({ hasText: 'Maya Offline' });
    await maya.getByText('3 changes not sent yet').waitFor();
  });

  it('the supervisor changes the same field online meanwhile', async () => {
    await apiFrom(other, 'PATCH', `/cases/${shared.id}/fields`, {
      version: shared.version,
      fields: { 'case.riskLevel': { value: 'low' } },
    });
  });

  it('syncs by itself when the network returns; the server holds each record once', async () => {
    await device.context().setOffline(false);
    await device.getByText('Offline', { exact: true }).waitFor({ state: 'detached' });
    await menu(device, 'Sync');
    await device.getByText(/cases, 0 changes waiting/).waitFor();
    await device.getByText('Nothing refused.').waitFor();

    const found = await apiFrom<{ items: { id: string }[] }>(
      other,
      'GET',
      '/cases?q=Maya&limit=50',
    );
    expect(found.items).toHaveLength(1);
    const id = found.items[0]?.id ?? '';
    const detail = await apiFrom<{ screenings: unknown[] }>(other, 'GET', `/cases/${id}`);
    expect(detail.screenings).toHaveLength(1);
    const referrals = await apiFrom<{ items: unknown[] }>(
      other,
      'GET',
      `/referrals?box=sent&caseId=${id}`,
    );
    expect(referrals.items).toHaveLength(1);
  });

  it('shows the conflict for review, side by side, and resolves it', async () => {
    await device.getByRole('link', { name: 'Conflicts to review' }).click();
    const group = device.locator('section.conflict-case').filter({ hasText: 'Shared Field' });
    await group.getByText('Device value', { exact: true }).waitFor();
    await shot(device, 'offline-conflict-412');
    await group.getByRole('radio', { name: 'Use the device value' }).check();
    await group.getByRole('button', { name: 'Resolve' }).click();
    await device.getByText('The conflict was resolved.').waitFor();
    const after = await apiFrom<CaseLite>(other, 'GET', `/cases/${shared.id}`);
    expect(after.riskLevel).toBe('high');
  });
});

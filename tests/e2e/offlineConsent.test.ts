import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiFrom, type E2E, menu, openCaseByApi, shot, signInDevice, startE2E } from './harness.ts';

describe('consent offline: recorded on the device, a referral goes with it instead of a justification', () => {
  let e2e: E2E;
  let device: Page;
  let caseId: string;

  beforeAll(async () => {
    e2e = await startE2E();
  });
  afterAll(async () => e2e?.close());

  it('holds the case on the device', async () => {
    device = await signInDevice(e2e, 'inspector', { width: 360, height: 800 });
    caseId = await openCaseByApi(device, 'Mina', 'high');
    await menu(device, 'Sync');
    await device.getByRole('button', { name: 'Sync now' }).click();
    await device.getByText(/^1 case, 0 changes waiting/).waitFor();
  });

  it('records the guardian’s consent to share with child protection, offline', async () => {
    await device.context().setOffline(true);
    await device.getByText('Offline', { exact: true }).waitFor();
    await menu(device, 'Cases');
    await device.getByRole('link', { name: 'Mina' }).click();
    const consent = device.getByRole('region', { name: 'Consent' });
    await consent.getByText('No consent recorded yet.').waitFor();
    await consent.getByLabel('Purpose').selectOption('sharing');
    await consent.getByRole('checkbox', { name: 'Child protection' }).check();
    await consent.getByLabel('Given by').selectOption('parent_or_guardian');
    await consent.getByRole('button', { name: 'Record the consent' }).click();
    await consent.getByText('Consent saved on this device').waitFor();
    await consent.getByText('recorded on this device · not sent yet').waitFor();
  });

  it('queues a referral to child protection without a written justification', async () => {
    const referrals = device.getByRole('region', { name: 'Referrals' });
    await referrals.getByRole('button', { name: 'Refer to a service' }).click();
    await referrals.getByLabel('Service').selectOption({ label: 'Child protection assessment' });
    await referrals
      .getByText(/Consent to share with this kind of agency \(Child protection\) was recorded/)
      .waitFor();
    expect(await referrals.getByLabel(/Why you share without consent/).count()).toBe(0);
    await referrals.getByLabel('Reason for the referral').fill('Needs an assessment this week.');
    await shot(device, 'offline-consent-referral-360');
    expect(
      await device.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      ),
    ).toBe(0);
    await referrals.getByRole('button', { name: 'Queue the referral' }).click();
    await referrals.getByText('Needs an assessment this week. · not sent yet').waitFor();
  });

  it('sends both when the network returns: the referral rests on the recorded consent', async () => {
    await device.context().setOffline(false);
    await device.getByText('Offline', { exact: true }).waitFor({ state: 'detached' });
    await menu(device, 'Sync');
    await device.getByText(/^1 case, 0 changes waiting/).waitFor();
    const consents = await apiFrom<{
      items: { id: string; purpose: string; agencyTypes: string[] }[];
    }>(device, 'GET', `/cases/${caseId}/consents`);
    expect(consents.items).toEqual([
      expect.objectContaining({ purpose: 'sharing', agencyTypes: ['child_protection'] }),
    ]);
    const sent = await apiFrom<{ items: { consent: string }[] }>(
      device,
      'GET',
      `/referrals?box=sent&caseId=${caseId}`,
    );
    expect(sent.items).toEqual([
      expect.objectContaining({
        consent: 'recorded',
        service: expect.objectContaining({ name: 'Child protection assessment' }),
      }),
    ]);
  });
});

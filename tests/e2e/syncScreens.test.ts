import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '../helpers/testNode.ts';
import { a11yProblems, type E2E, shot, signIn, startE2E } from './harness.ts';

const uuid = () => crypto.randomUUID();

describe('sync screens in the browser: conflicts, devices, editing a case online', () => {
  let e2e: E2E;
  let page: Page;
  let inspector: Client;
  let inspectorId = '';
  let tablet = '';
  let caseId = '';

  /** Opens a case as the inspector through the API; its version is 1. */
  async function openCase(givenName: string): Promise<string> {
    const res = await inspector.post('/api/v1/cases', {
      person: { givenName, familyName: 'Kiln', sex: 'female', estimatedAge: 12 },
      topics: ['child_labour'],
      riskLevel: 'high',
      areaCode: 'NPL-D-BHAKTAPUR',
    });
    expect(res.statusCode, res.body).toBe(201);
    return (res.json() as { id: string }).id;
  }

  /**
   * A conflict as in docs/sync.md: the case page changes a field, then the
   * tablet pushes its own change of the same field made from the older version.
   */
  async function conflictOn(id: string, field: string, online: unknown, device: unknown) {
    const changed = await inspector.patch(`/api/v1/cases/${id}/fields`, {
      version: 1,
      fields: { [field]: { value: online, baseVersion: 0 } },
    });
    expect(changed.json().applied, changed.body).toEqual([field]);
    const pushed = await inspector.post('/api/v1/sync/push', {
      deviceId: tablet,
      mutations: [
        {
          mutationId: uuid(),
          kind: 'case.fields',
          caseId: id,
          payload: { version: 1, fields: { [field]: { value: device, baseVersion: 0 } } },
        },
      ],
    });
    expect(pushed.statusCode, pushed.body).toBe(200);
    const result = pushed.json().results[0];
    expect(result.status, pushed.body).toBe('conflict');
    return result.conflicts[0].id as string;
  }

  beforeAll(async () => {
    e2e = await startE2E();
    inspector = await e2e.node.login('inspector');
    tablet = uuid();
    const registered = await inspector.post('/api/v1/devices', {
      id: tablet,
      label: 'Field tablet',
    });
    expect(registered.statusCode, registered.body).toBe(200);
    inspectorId = registered.json().userId;
    caseId = await openCase('Mina');
    await conflictOn(caseId, 'case.riskLevel', 'medium', 'low');
    page = await e2e.open({ width: 1024, height: 900 });
  });
  afterAll(async () => e2e?.close());

  it('shows both values side by side and takes the device value', async () => {
    await page.goto(e2e.url);
    await signIn(page, 'inspector');
    await page.getByRole('heading', { level: 1, name: /Demo Labour Inspector/ }).waitFor();
    await page.goto(`${e2e.url}/sync/conflicts`);
    await page.getByRole('heading', { level: 1, name: 'Sync conflicts' }).waitFor();
    expect(await page.getByRole('radio', { name: 'Open' }).isChecked()).toBe(true);

    const group = page.getByRole('region', { name: /Mina Kiln/ });
    await group.waitFor();
    const item = group.getByRole('listitem', { name: 'Risk level' });
    expect(await item.getByTestId('server-value').textContent()).toBe('Medium');
    expect(await item.getByTestId('device-value').textContent()).toBe('Low');
    // The tablet is named once the push records its device id on the conflict (sync.ts).
    await item.getByText(/^(Changed on Field tablet, sent|Received) \w+/).waitFor();
    // The two values sit next to each other.
    // Measured in one go: the case heading loads on its own and may move the list meanwhile.
    const [server, device] = await item.evaluate((li) =>
      ['server-value', 'device-value'].map(
        (id) => li.querySelector(`[data-testid="${id}"]`)?.getBoundingClientRect().y ?? -100,
      ),
    );
    expect(Math.abs((server ?? 0) - (device ?? 1))).toBeLessThan(2);
    expect(await a11yProblems(page)).toEqual([]);
    await shot(page, 'sync-conflicts');

    // Resolving without a choice says what is missing; nothing is sent.
    const form = item.getByRole('form', { name: 'Resolve the conflict on Risk level' });
    await form.getByRole('button', { name: 'Resolve' }).click();
    await form.getByText('Choose one of the three options first.').waitFor();

    await form.getByRole('radio', { name: 'Use the device value' }).check();
    await form.getByRole('button', { name: 'Resolve' }).click();
    await page.getByRole('status').filter({ hasText: 'The conflict was resolved.' }).waitFor();
    await page.getByText('No open conflict: nothing to review.').waitFor();

    await page.getByRole('radio', { name: 'Resolved' }).check();
    await page.waitForURL(/state=resolved/);
    const done = page.getByRole('listitem', { name: 'Risk level' });
    expect(await done.getByTestId('resolution').textContent()).toMatch(
      /^Resolved .+: the device value was used \(Low\)\.$/,
    );
    expect(await done.getByRole('form').count()).toBe(0);

    await page.getByRole('link', { name: /Mina Kiln/ }).click();
    await page.getByRole('heading', { level: 1, name: 'Mina Kiln' }).waitFor();
    await page.locator('.case-facts').getByText('Risk: low').waitFor();
  });

  it('edits another value with the matching control, and says when someone was faster', async () => {
    const other = await openCase('Sita');
    await conflictOn(other, 'person.sex', 'male', 'other');
    const third = await openCase('Rita');
    const raced = await conflictOn(third, 'person.estimatedAge', 13, 14);

    await page.goto(`${e2e.url}/sync/conflicts`);
    const sex = page.getByRole('listitem', { name: 'Sex' });
    await sex.getByTestId('device-value').getByText('Other').waitFor();
    await sex.getByRole('radio', { name: 'Enter another value' }).check();
    const choice = sex.getByLabel('New value for Sex');
    expect(await choice.evaluate((el) => el.tagName)).toBe('SELECT');
    await choice.selectOption('unknown');
    await sex.getByRole('button', { name: 'Resolve' }).click();
    await page.getByRole('status').filter({ hasText: 'The conflict was resolved.' }).waitFor();
    await sex.waitFor({ state: 'detached' });

    // Someone else resolves the age conflict while this page shows it.
    const age = page.getByRole('listitem', { name: 'Estimated age (years)' });
    await age.getByRole('radio', { name: 'Enter another value' }).check();
    const number = age.getByLabel('New value for Estimated age (years)');
    expect(await number.getAttribute('type')).toBe('number');
    await number.fill('15');
    const first = await inspector.post(`/api/v1/sync/conflicts/${raced}/resolve`, {
      choice: 'server',
    });
    expect(first.statusCode, first.body).toBe(200);
    await age.getByRole('button', { name: 'Resolve' }).click();
    await page
      .getByRole('alert')
      .filter({ hasText: 'Someone else resolved this conflict in the meantime.' })
      .waitFor();
    await page.getByText('No open conflict: nothing to review.').waitFor();

    const kase = (await inspector.get(`/api/v1/cases/${other}`)).json();
    expect(kase.person.sex).toBe('unknown');
  });

  it('fits the conflict list on a 360-pixel phone, values still side by side', async () => {
    const kase = await openCase('Gita');
    await conflictOn(kase, 'person.givenName', 'Gita K.', 'Geeta');
    const phone = await e2e.open({ width: 360, height: 780 });
    await phone.goto(e2e.url);
    await signIn(phone, 'inspector');
    await phone.getByRole('heading', { level: 1, name: /Demo Labour Inspector/ }).waitFor();
    await phone.goto(`${e2e.url}/sync/conflicts`);
    const item = phone.getByRole('listitem', { name: 'Given name' });
    await item.getByTestId('device-value').getByText('Geeta').waitFor();
    const overflow = await phone.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    // Measured in one go: the case heading loads on its own and may move the list meanwhile.
    const [server, device] = await item.evaluate((li) =>
      ['server-value', 'device-value'].map(
        (id) => li.querySelector(`[data-testid="${id}"]`)?.getBoundingClientRect().y ?? -100,
      ),
    );
    expect(Math.abs((server ?? 0) - (device ?? 1))).toBeLessThan(2);
    await shot(phone, 'sync-conflicts-phone-360');
    // Keyboard only: the choice and the button are reachable and work.
    await item.getByRole('radio', { name: 'Keep the server value' }).focus();
    await phone.keyboard.press('Space');
    await phone.keyboard.press('Tab');
    expect(await phone.evaluate(() => document.activeElement?.textContent)).toBe('Resolve');
    await phone.keyboard.press('Enter');
    await phone.getByRole('status').filter({ hasText: 'The conflict was resolved.' }).waitFor();
  });

  it('edits the case details online; a change made meanwhile is kept as a conflict', async () => {
    await page.goto(`${e2e.url}/cases/${caseId}`);
    await page.getByRole('heading', { level: 1, name: 'Mina Kiln' }).waitFor();
    const open = page.getByRole('button', { name: 'Edit details' });
    expect(await open.getAttribute('aria-expanded')).toBe('false');
    await open.click();
    const form = page.getByRole('form', { name: 'Edit the case details' });
    await form.getByLabel('Given name').fill('Minakshi');
    await form.getByLabel('Risk level').selectOption('high');
    expect(await a11yProblems(page)).toEqual([]);
    await shot(page, 'case-edit-details');
    const [request] = await Promise.all([
      page.waitForRequest((r) => r.method() === 'PATCH' && r.url().endsWith('/fields')),
      form.getByRole('button', { name: 'Save the changes' }).click(),
    ]);
    const body = request.postDataJSON() as { version: number; fields: Record<string, unknown> };
    expect(Object.keys(body.fields).sort()).toEqual(['case.riskLevel', 'person.givenName']);
    await page.getByText('The details were saved.').waitFor();
    await page.getByRole('heading', { level: 1, name: 'Minakshi Kiln' }).waitFor();
    await page.locator('.case-facts').getByText('Risk: high').waitFor();

    // Someone else changes the risk level while the form is open.
    await open.click();
    await form.getByLabel('Risk level').selectOption('low');
    const detail = (await inspector.get(`/api/v1/cases/${caseId}`)).json();
    const meanwhile = await inspector.patch(`/api/v1/cases/${caseId}/fields`, {
      version: detail.version,
      fields: { 'case.riskLevel': { value: 'medium' } },
    });
    expect(meanwhile.json().applied).toEqual(['case.riskLevel']);
    await form.getByRole('button', { name: 'Save the changes' }).click();
    const notice = page.getByRole('status').filter({ hasText: 'kept as a conflict for review' });
    await notice.waitFor();
    await notice.getByRole('link', { name: 'Review the conflicts' }).click();
    await page.getByRole('heading', { level: 1, name: 'Sync conflicts' }).waitFor();
    const item = page.getByRole('listitem', { name: 'Risk level' });
    expect(await item.getByTestId('server-value').textContent()).toBe('Medium');
    expect(await item.getByTestId('device-value').textContent()).toBe('Low');
    await item.getByText(/^Received \w+/).waitFor();
  });

  it('lets an administrator see and revoke a user’s device', async () => {
    const admin = await e2e.open({ width: 1024, height: 900 });
    await admin.goto(e2e.url);
    await signIn(admin, 'admin');
    await admin.getByRole('heading', { level: 1, name: /Demo Administrator/ }).waitFor();
    await admin.goto(`${e2e.url}/admin/users/${inspectorId}`);
    await admin.getByRole('heading', { level: 1, name: 'Demo Labour Inspector' }).waitFor();
    const section = admin.getByRole('region', { name: 'Devices for offline work' });
    const device = section.getByTestId('device').filter({ hasText: 'Field tablet' });
    await device.getByText('Active').waitFor();
    expect(await a11yProblems(admin)).toEqual([]);

    await device.getByRole('button', { name: 'Revoke the device Field tablet' }).click();
    const dialog = admin.getByRole('dialog', { name: 'Revoke Field tablet?' });
    await dialog.getByText(/wiped/).waitFor();
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await device.getByText('Active').waitFor();
    await device.getByRole('button', { name: 'Revoke the device Field tablet' }).click();
    await dialog.getByRole('button', { name: 'Revoke the device' }).click();
    await section.getByText('The device Field tablet was revoked.').waitFor();
    await device.getByText('Revoked', { exact: true }).waitFor();
    expect(await device.getByRole('button').count()).toBe(0);
    await shot(admin, 'user-devices');

    // The tablet's next contact is refused, telling it to wipe.
    const pull = await inspector.get(`/api/v1/sync/pull?deviceId=${tablet}`);
    expect(pull.statusCode).toBe(403);
    expect(pull.json().code).toBe('device_revoked');
  });

  it('lists my devices on my account page and lets me revoke one', async () => {
    const phoneId = uuid();
    const res = await inspector.post('/api/v1/devices', { id: phoneId, label: 'Old phone' });
    expect(res.statusCode, res.body).toBe(200);
    await page.goto(`${e2e.url}/account`);
    const section = page.getByRole('region', { name: 'Devices for offline work' });
    const phone = section.getByTestId('device').filter({ hasText: 'Old phone' });
    await phone.getByText('Active').waitFor();
    const tabletRow = section.getByTestId('device').filter({ hasText: 'Field tablet' });
    await tabletRow.getByText('Revoked', { exact: true }).waitFor();
    await tabletRow.getByText(/^Revoked .+/).waitFor();

    await phone.getByRole('button', { name: 'Revoke the device Old phone' }).click();
    const dialog = page.getByRole('dialog', { name: 'Revoke Old phone?' });
    await dialog.getByRole('button', { name: 'Revoke the device' }).click();
    await section.getByText('The device Old phone was revoked.').waitFor();
    await phone.getByText('Revoked', { exact: true }).waitFor();
    expect(await a11yProblems(page)).toEqual([]);
    await shot(page, 'account-devices');
  });
});

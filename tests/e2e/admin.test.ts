import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { a11yProblems, type E2E, shot, signIn, startE2E } from './harness.ts';

describe('areas, audit log, roles, agencies and API tokens', () => {
  let e2e: E2E;
  let page: Page;
  const nav = () => page.getByRole('navigation', { name: 'Main menu' });

  beforeAll(async () => {
    e2e = await startE2E();
    page = await e2e.open();
    await page.goto(e2e.url);
    await signIn(page, 'admin');
    await page.getByRole('heading', { name: 'Welcome, Demo Administrator' }).waitFor();
  });
  afterAll(async () => e2e?.close());

  it('browses the areas: Nepal → Bagmati → its districts', async () => {
    await nav().getByRole('link', { name: 'Areas' }).click();
    await page.getByRole('heading', { level: 1, name: 'Areas' }).waitFor();
    const list = page.getByRole('list', { name: 'Areas' });
    await list.getByRole('link', { name: 'Nepal' }).click();
    await page.getByRole('heading', { level: 1, name: 'Nepal' }).waitFor();
    await list.getByRole('link', { name: 'Bagmati' }).waitFor();
    expect(await list.getByRole('listitem').count()).toBe(7);
    await list.getByRole('link', { name: 'Bagmati' }).click();
    await page.getByRole('heading', { level: 1, name: 'Bagmati' }).waitFor();
    await list.getByRole('link', { name: 'Kathmandu' }).waitFor();
    const districts = await list.getByRole('link').allTextContents();
    expect(districts).toEqual(expect.arrayContaining(['Kathmandu', 'Lalitpur', 'Bhaktapur']));
    expect(districts.length).toBe(13);
    const crumbs = page.getByRole('navigation', { name: 'Position in the area hierarchy' });
    expect(await crumbs.getByRole('listitem').allTextContents()).toEqual([
      'All areas',
      'Nepal',
      'Bagmati',
    ]);
    expect(await a11yProblems(page)).toEqual([]);
    await shot(page, 'areas-bagmati');

    // A deep link works too (cold cache: the trail is fetched).
    await page.goto(`${e2e.url}/areas/NPL-D-KATHMANDU`);
    await page.getByRole('heading', { level: 1, name: 'Kathmandu' }).waitFor();
    await expect
      .poll(() => crumbs.getByRole('listitem').allTextContents())
      .toEqual(['All areas', 'Nepal', 'Bagmati', 'Kathmandu']);
  });

  it('renames an area in French', async () => {
    await page.getByRole('button', { name: 'Edit names' }).click();
    await page.getByLabel('Name (Français)').fill('Katmandou');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Saved.').waitFor();
    await page.getByLabel('Language').selectOption('fr');
    await page.getByRole('heading', { level: 1, name: 'Katmandou' }).waitFor();
    await page.getByLabel('Langue').selectOption('en');
    await page.getByRole('heading', { level: 1, name: 'Kathmandu' }).waitFor();
  });

  it('searches the audit log and finds the sign-ins', async () => {
    await nav().getByRole('link', { name: 'Audit log' }).click();
    await page.getByRole('heading', { level: 1, name: 'Audit log' }).waitFor();
    await page.getByRole('table').waitFor();
    await page.getByLabel('Action', { exact: true }).fill('auth.login');
    await page.getByRole('button', { name: 'Search' }).click();
    await expect
      .poll(async () => {
        const actions = await page
          .getByRole('table')
          .locator('tbody td[data-label="Action"]')
          .allTextContents();
        return actions.length > 0 && actions.every((a) => a.startsWith('auth.login'));
      })
      .toBe(true);
    const outcomes = await page
      .getByRole('table')
      .locator('tbody td[data-label="Outcome"]')
      .allTextContents();
    expect(outcomes).toContain('Succeeded');
    expect(await a11yProblems(page)).toEqual([]);
    await shot(page, 'audit-logins');

    await page.getByLabel('Outcome', { exact: true }).selectOption('denied');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByText('Nothing found.').waitFor();
  });

  it('shows the audit log as cards on a phone', async () => {
    const phone = await e2e.open({ width: 360, height: 640 });
    await phone.goto(`${e2e.url}/admin/audit`);
    await signIn(phone, 'admin');
    await phone.getByRole('heading', { level: 1, name: 'Audit log' }).waitFor();
    await phone.getByRole('table').locator('tbody tr').first().waitFor();
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      360,
    );
    await shot(phone, 'audit-360');
  });

  it('lists roles with translated permission labels, and creates and deletes a role', async () => {
    await nav().getByRole('link', { name: 'Roles' }).click();
    await page.getByRole('link', { name: 'System administrator' }).click();
    await page.getByRole('heading', { level: 1, name: 'System administrator' }).waitFor();
    expect(await page.getByRole('checkbox', { name: /^Read the audit log/ }).isChecked()).toBe(
      true,
    );
    await shot(page, 'role-admin');

    await page.getByRole('link', { name: 'Back to roles' }).click();
    await page.getByRole('link', { name: 'New role' }).click();
    await page.getByLabel('Identifier').fill('district-auditor');
    await page.getByLabel('Name', { exact: true }).fill('District auditor');
    await page.getByRole('checkbox', { name: /^Read the audit log/ }).check();
    await page.getByRole('button', { name: 'Create role' }).click();
    await page.getByRole('heading', { level: 1, name: 'District auditor' }).waitFor();
    await page.getByRole('button', { name: 'Delete role' }).click();
    const dialog = page.getByRole('dialog', { name: 'Delete the role District auditor?' });
    await dialog.getByRole('button', { name: 'Delete role' }).click();
    await page.getByRole('heading', { level: 1, name: 'Roles' }).waitFor();
    expect(await page.getByRole('link', { name: 'District auditor' }).count()).toBe(0);
  });

  it('lists agencies with translated types and refuses a duplicate code with the server title', async () => {
    await nav().getByRole('link', { name: 'Agencies' }).click();
    await page.getByRole('heading', { level: 1, name: 'Agencies' }).waitFor();
    const card = page.getByRole('listitem').filter({ hasText: 'NPL-LI-BAGMATI' });
    expect(await card.textContent()).toContain('Labour inspection');
    await page.getByRole('link', { name: 'New agency' }).click();
    await page.getByLabel('Code').fill('NPL-LI-BAGMATI');
    await page.getByLabel('Name', { exact: true }).fill('Duplicate office');
    await page.getByRole('button', { name: 'Create agency' }).click();
    expect(await page.getByRole('alert').textContent()).toBe('That code is already in use.');
    await shot(page, 'agency-duplicate');
  });

  it('creates an API token, shows it once, and revokes it after confirmation', async () => {
    await page.getByRole('button', { name: 'Account menu for Demo Administrator' }).click();
    await page.locator('.user-menu').getByRole('link', { name: 'Your account' }).click();
    await page.getByRole('heading', { level: 1, name: 'Your account' }).waitFor();
    await page.getByText('You have no API tokens.').waitFor();
    await page.getByLabel('Token name').fill('Nightly export');
    await page.getByRole('checkbox', { name: /^Read the audit log/ }).check();
    await page.getByRole('button', { name: 'Create token' }).click();
    const secret = await page.getByTestId('token-secret').textContent();
    expect(secret?.length).toBeGreaterThan(20);
    const res = await fetch(`${e2e.url}/api/v1/audit?limit=1`, {
      headers: { authorization: `Bearer ${secret}` },
    });
    expect(res.status).toBe(200);
    await shot(page, 'token-created');
    await page.getByRole('button', { name: 'I have copied it' }).click();
    expect(await page.getByTestId('token-secret').count()).toBe(0);

    await page.getByRole('button', { name: 'Revoke the token Nightly export' }).click();
    const dialog = page.getByRole('dialog', { name: 'Revoke the token Nightly export?' });
    await dialog.getByRole('button', { name: 'Revoke token' }).click();
    await page.getByText('Revoked', { exact: true }).waitFor();
    const after = await fetch(`${e2e.url}/api/v1/audit?limit=1`, {
      headers: { authorization: `Bearer ${secret}` },
    });
    expect(after.status).toBe(401);
  });
});

import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { a11yProblems, type E2E, shot, signIn, startE2E } from './harness.ts';

describe('service directory in the browser', () => {
  let e2e: E2E;
  let admin: Page;
  let serviceUrl = '';

  beforeAll(async () => {
    e2e = await startE2E();
    admin = await e2e.open({ width: 1024, height: 900 });
    await admin.goto(e2e.url);
    await signIn(admin, 'admin');
    await admin.getByRole('heading', { name: 'Welcome, Demo Administrator' }).waitFor();
  });
  afterAll(async () => e2e?.close());

  it('lets an administrator add a service with areas from the area tree', async () => {
    const nav = admin.getByRole('navigation', { name: 'Main menu' });
    await nav.getByRole('link', { name: 'Service directory' }).click();
    await admin.getByRole('heading', { level: 1, name: 'Service directory' }).waitFor();
    await admin.getByRole('list', { name: 'Services' }).getByRole('listitem').first().waitFor();
    expect(await a11yProblems(admin)).toEqual([]);

    await admin.getByRole('link', { name: 'New service' }).click();
    await admin.getByRole('heading', { level: 1, name: 'New service' }).waitFor();
    await admin.getByLabel('Organisation').selectOption({
      label: 'Border Transit Shelter Network (fictional NGO)',
    });
    await admin.getByLabel('Name of the service').fill('Legal clinic for returnees');
    await admin.getByLabel('Type of service').selectOption('legal_aid');
    await admin.getByLabel('Minimum age').fill('12');
    await admin.getByLabel('Maximum age').fill('5');
    await admin.getByLabel('Languages spoken').fill('ne, hi');
    // Lumbini (a province) is chosen from the tree: its districts are served too.
    await admin.getByRole('button', { name: 'Hide the areas in Nepal' }).waitFor();
    await admin.getByRole('button', { name: 'Show the 12 areas in Lumbini' }).click();
    await shot(admin, 'directory-service-form');
    await admin.getByRole('checkbox', { name: 'Lumbini' }).check();
    await admin.getByRole('checkbox', { name: 'Nepalgunj transit shelter' }).check();
    await admin.getByRole('button', { name: 'Create service' }).click();
    await admin.getByText('The minimum age is above the maximum age.').waitFor();
    expect(await a11yProblems(admin)).toEqual([]);
    await admin.getByLabel('Maximum age').fill('17');
    await admin.getByRole('button', { name: 'Create service' }).click();
    await admin.getByRole('heading', { level: 1, name: 'Legal clinic for returnees' }).waitFor();
    serviceUrl = admin.url();
    expect(await admin.locator('dl.facts').textContent()).toContain('Lumbini');
    await admin
      .getByRole('list', { name: 'Where it is given' })
      .getByText('Nepalgunj transit shelter')
      .waitFor();
    await shot(admin, 'directory-service-created');
  });

  it('refuses a stale edit and shows the version conflict', async () => {
    // Someone else changes the service first.
    await admin.evaluate(async (url) => {
      const id = url.split('/').pop();
      const session = await (await fetch('/api/v1/auth/session')).json();
      const current = await (await fetch(`/api/v1/services/${id}`)).json();
      await fetch(`/api/v1/services/${id}`, {
        method: 'PATCH',
        headers: { 'content-type': 'application/json', 'x-csrf-token': session.csrfToken },
        body: JSON.stringify({ version: current.version, description: 'Changed elsewhere.' }),
      });
    }, serviceUrl);
    await admin.getByLabel('Description').fill('My change');
    await admin.getByRole('button', { name: 'Save' }).click();
    await admin.getByText(/Someone else changed this record/).waitFor();
    await admin.getByRole('button', { name: 'Reload' }).click();
    await admin.getByText('Changed elsewhere.').first().waitFor();
  });

  it('lets a caseworker find the service by type and area, and open it', async () => {
    const page = await e2e.open({ width: 1024, height: 900 });
    await page.goto(`${e2e.url}/directory`);
    await signIn(page, 'inspector');
    await page.getByRole('heading', { level: 1, name: 'Service directory' }).waitFor();
    expect(await page.getByRole('link', { name: 'New service' }).count()).toBe(0);
    await page.getByLabel('Type of service').selectOption('legal_aid');
    // A district of Lumbini: the province's service serves it.
    await page.getByLabel('Area where the person is').selectOption('NPL-D-BANKE');
    await page.getByLabel('Age of the person').fill('14');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.waitForURL(/type=legal_aid.*area=NPL-D-BANKE/);
    const results = page.getByRole('list', { name: 'Services' });
    // The URL changes before the list is replaced (the unfiltered list holds the clinic too).
    await expect.poll(() => results.getByRole('listitem').count()).toBe(1);
    await results.getByRole('link', { name: 'Legal clinic for returnees' }).waitFor();
    expect(await results.textContent()).toContain('ages 12–17');
    expect(await a11yProblems(page)).toEqual([]);

    await page.getByLabel('Age of the person').fill('30');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByText('No service matches.').waitFor();
    await page.goBack();
    await results.getByRole('link', { name: 'Legal clinic for returnees' }).click();
    await page.getByRole('heading', { level: 1, name: 'Legal clinic for returnees' }).waitFor();
    const facts = page.locator('dl.facts');
    expect(await facts.getByRole('link').allTextContents()).toEqual([
      'Border Transit Shelter Network (fictional NGO)',
      'Border Transit Shelter Network (fictional NGO)',
    ]);
    expect(await facts.textContent()).toContain('Accept within 72 h, first service within 168 h.');
    expect(await page.getByRole('button', { name: 'Deactivate service' }).count()).toBe(0);
    expect(await a11yProblems(page)).toEqual([]);
  });

  it('deactivates the service after confirmation: it leaves the search', async () => {
    await admin.goto(serviceUrl);
    await admin.getByRole('button', { name: 'Deactivate service' }).click();
    const dialog = admin.getByRole('dialog', { name: 'Deactivate Legal clinic for returnees?' });
    await dialog.getByRole('button', { name: 'Deactivate service' }).click();
    await admin.getByText('The service is inactive').waitFor();
    await admin.goto(`${e2e.url}/directory?type=legal_aid`);
    await admin.getByText('No service matches.').waitFor();
  });

  it('exports and refuses a broken import, listing the problems', async () => {
    await admin.goto(`${e2e.url}/directory/transfer`);
    await admin.getByRole('heading', { level: 1, name: 'Import and export' }).waitFor();
    const exported = await admin.evaluate(async () =>
      (await fetch('/api/v1/directory/export')).json(),
    );
    exported.services[0].taxonomy_term = 'teleportation';
    exported.services[1].minimum_age = 40;
    exported.services[1].maximum_age = 3;
    await admin.getByLabel('Directory document (JSON)').setInputFiles({
      name: 'directory.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(exported)),
    });
    await admin.getByRole('button', { name: 'Import' }).click();
    const problems = admin.getByRole('list', { name: 'Problems found in the document' });
    await problems.waitFor();
    expect(await problems.getByRole('listitem').count()).toBe(2);
    expect(await problems.textContent()).toContain('names an unknown service type: teleportation');
    expect(await a11yProblems(admin)).toEqual([]);

    await admin.getByLabel('Directory document (JSON)').setInputFiles({
      name: 'notes.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from('not json'),
    });
    await admin.getByRole('button', { name: 'Import' }).click();
    await admin.getByText('This file is not JSON').waitFor();
  });

  it('fits a 360 px phone', async () => {
    const phone = await e2e.open({ width: 360, height: 740 });
    await phone.goto(`${e2e.url}/directory?type=shelter`);
    await signIn(phone, 'inspector');
    await phone.getByRole('heading', { level: 1, name: 'Service directory' }).waitFor();
    await phone.getByRole('link', { name: 'Transit shelter for girls and women' }).waitFor();
    // Nothing in the page's content is wider than the screen (the shared header is tested elsewhere).
    const wide = await phone.evaluate(() =>
      [...document.querySelectorAll('main *')]
        .filter((e) => e.getBoundingClientRect().right > 360)
        .map((e) => e.tagName),
    );
    expect(wide).toEqual([]);
    await shot(phone, 'directory-360');
  });
});

import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CATALOGUES, translate } from '../../src/core/index.ts';
import {
  a11yProblems,
  DEMO_PASSWORD,
  type E2E,
  horizontalOverflow,
  menu,
  shot,
  signIn,
  signInDevice,
  startE2E,
} from './harness.ts';

const run = promisify(execFile);
const CLI = resolve(import.meta.dirname, '../../bin/pathfinder.mjs');
/** Covered by the Child Protection Office of Kathmandu, whose supervisor is a focal point. */
const SURGE = 'NPL-D-LALITPUR';
const en = (key: string, params: Record<string, string | number> = {}) =>
  translate(CATALOGUES, ['en'], key, params);

describe('area alerts in the browser: a surge found on the map and in the inbox, then worked', () => {
  let e2e: E2E;
  let page: Page;
  let number = '';
  const cliOutput: string[] = [];

  beforeAll(async () => {
    e2e = await startE2E();
    // The commands an administrator would type, against the node's own database.
    const env = {
      ...process.env,
      PATHFINDER_DATA_DIR: e2e.node.config.dataDir,
      LOG_LEVEL: 'silent',
      NODE_ENV: 'test',
    };
    const generated = await run(
      'node',
      [
        CLI,
        'generate',
        '--cases',
        '12000',
        '--duplicates',
        '0',
        '--seed',
        '3',
        '--weeks',
        '312',
        '--surge',
        `${SURGE}:2:8`,
      ],
      { env },
    );
    cliOutput.push(generated.stdout);
    const alerts = await run('node', [CLI, 'alerts', 'run'], { env });
    cliOutput.push(alerts.stdout);
    page = await e2e.open();
    await page.goto(`${e2e.url}/`);
    await signIn(page, 'supervisor');
    // The home page, not the sign-in form's own heading: the session exists before the next step.
    await page.getByRole('heading', { level: 1, name: /^Welcome, / }).waitFor();
  }, 180_000);
  afterAll(() => e2e?.close());

  it('generated six years of cases and the weekly job found alerts', () => {
    expect(cliOutput[0]).toMatch(/generated 12000 cases/);
    expect(cliOutput[1]).toMatch(
      /week \d{4}-W\d{2}, method farrington: \d+ of \d+ series evaluated, [1-9]\d* new alert/,
    );
  });

  it('tells the focal point in the inbox and leads to the alert', async () => {
    await page.goto(`${e2e.url}/inbox`);
    await page.getByRole('heading', { level: 1, name: en('ui.inbox.title') }).waitFor();
    const told = page.getByTestId('notification').filter({ hasText: /alert/i }).first();
    await told.waitFor();
    expect(await told.textContent()).toMatch(/more cases than expected in week \d{4}-W\d{2}/);
    await told.getByRole('link').click();
    // One alert: its page; several: the list of new ones.
    await page.getByRole('heading', { level: 1, name: /Alert/ }).waitFor();
    // The page's heading can come before its body on a busy machine: wait for one or the other.
    await page
      .getByTestId('alert-explanation')
      .or(page.getByTestId('alert').first())
      .first()
      .waitFor();
    if (!(await page.getByTestId('alert-explanation').count())) {
      const item = page.getByTestId('alert').filter({ hasText: 'Lalitpur' }).first();
      await item.getByRole('link').first().click();
    }
    const explanation = page.getByTestId('alert-explanation');
    await explanation.waitFor();
    expect(await explanation.textContent()).toMatch(/new cases of .+ were identified in Lalitpur/);
    number = ((await page.locator('h1').textContent()) ?? '').replace('Alert ', '').trim();
    expect(number).toMatch(/^A-[0-9A-F]{8}$/);
    await page.locator('canvas').waitFor();
    expect(await a11yProblems(page)).toEqual([]);
    await shot(page, 'alert-detail');
  });

  it('shows the surge on the map; the district is reached by keyboard and lists the alert', async () => {
    await page.goto(`${e2e.url}/map`);
    await page.getByRole('heading', { level: 1, name: en('ui.map.title') }).waitFor();
    const lalitpur = page.locator(`svg a[data-area="${SURGE}"]`);
    await lalitpur.waitFor();
    // Most cases of the last 4 weeks among the supervisor's districts: the darkest colour.
    await page.locator('.map-area.map-step-5').first().waitFor();
    expect(await lalitpur.locator('path').getAttribute('class')).toContain('map-step-5');
    // Cases per 100,000 population: Lalitpur (551,667 people in the 2021 census) still the darkest.
    await page.locator('#map-measure').selectOption('rates');
    const rateNote = page.getByTestId('map-rate-note');
    await rateNote.waitFor();
    expect(await rateNote.textContent()).toMatch(
      /new cases per 100,000 population \(all ages\).*\(2021\).*Census 2021/,
    );
    const rated = (await lalitpur.getAttribute('aria-label')) ?? '';
    const [, rate = '', cases = ''] =
      /^Lalitpur: ([\d.,]+) new cases per 100,000 population \((\d+) new cases\)/.exec(rated) ?? [];
    expect(Number(cases)).toBeGreaterThan(0);
    expect(Number(rate.replaceAll(',', ''))).toBeCloseTo((Number(cases) * 100_000) / 551_667, 2);
    expect(await lalitpur.locator('path').getAttribute('class')).toContain('map-step-5');
    const legend = page.getByRole('list', {
      name: en('ui.map.legend', { measure: en('ui.map.measures.rates') }),
    });
    expect(await legend.textContent()).toContain(en('ui.map.noRate'));
    await page.locator('.map-table summary').click();
    const row = page.locator('.map-table tr').filter({ hasText: 'Lalitpur' });
    expect(await row.locator('td').nth(1).textContent()).toBe(rate);
    await page.locator('.map-table summary').click();
    await page.locator('#map-measure').selectOption('openAlerts');
    expect(await lalitpur.getAttribute('aria-label')).toMatch(
      /Lalitpur: \d+ new cases, [1-9]\d* open alerts/,
    );
    // Keyboard: focus the district's link and press Enter.
    await lalitpur.focus();
    await page.keyboard.press('Enter');
    const panel = page.getByTestId('map-panel');
    await panel.getByRole('heading', { name: 'Lalitpur' }).waitFor();
    expect(await panel.getByTestId('map-panel-rate').textContent()).toBe(rate);
    await panel.getByRole('link', { name: number }).waitFor();
    expect(await a11yProblems(page)).toEqual([]);
    await shot(page, 'map');
    const dashboard = await panel
      .getByRole('link', { name: en('ui.map.areaDashboard') })
      .getAttribute('href');
    expect(dashboard).toMatch(/^\/dashboard\?view=area&area=/);
    await panel.getByRole('link', { name: number }).click();
    await page.getByTestId('alert-explanation').waitFor();
    // The area's dashboard, from the map.
    await page.goto(`${e2e.url}${dashboard}`);
    await page
      .getByRole('heading', { name: en('ui.dashboards.sections.weekly.title') })
      .first()
      .waitFor();
    await page.goBack();
    await page.getByTestId('alert-explanation').waitFor();
  });

  it("ranks Lalitpur first among the focal point's districts, with its reasons", async () => {
    await page.goto(`${e2e.url}/risk`);
    await page.getByRole('heading', { level: 1, name: en('ui.risk.title') }).waitFor();
    const first = page.getByTestId('risk-area').first();
    await first.waitFor();
    expect(await first.textContent()).toMatch(/^1\. Lalitpur.*Open alerts: [1-9]/);
    // The case rate is a part of its own, beside the raw count, with its points.
    expect(await first.locator('[data-part="caseRate"]').textContent()).toMatch(
      /^New cases per 100,000 population: [\d.]+ → [\d.]+ points$/,
    );
    expect(await page.getByTestId('risk-area').count()).toBe(3);
    expect(await a11yProblems(page)).toEqual([]);
    await page.goBack();
  });

  it('moves the alert on with a comment, kept in its history', async () => {
    await page.locator('#alert-next-state').selectOption('acknowledged');
    await page.locator('#alert-comment').fill('Seen; the district office is calling the kilns.');
    await page.getByRole('button', { name: en('ui.alerts.move.submit') }).click();
    await page
      .getByTestId('alert-state')
      .filter({ hasText: en('ui.alerts.states.acknowledged') })
      .waitFor();
    await page.locator('#alert-next-state').selectOption('closed');
    await page.locator('#alert-closed-as').selectOption('true_signal');
    await page.locator('#alert-comment').fill('Children found at two kilns; referred.');
    await page.getByRole('button', { name: en('ui.alerts.move.submit') }).click();
    await page
      .getByTestId('alert-state')
      .filter({ hasText: en('ui.alerts.closedAs.true_signal') })
      .waitFor();
    const history = page.getByTestId('alert-event');
    expect(await history.count()).toBe(3);
    expect(await history.nth(2).textContent()).toContain('Children found at two kilns');
    expect(await page.locator('#alert-next-state').count()).toBe(0);
  });

  it('fits a 360 px phone and draws the map offline from the figures saved on the device', async () => {
    // The service worker takes the page over, so that it opens with no network later.
    const phone = await signInDevice(e2e, 'supervisor', { width: 360, height: 740 });
    // In the app, no reload (a reload locks the device store): the menu, then the map.
    await menu(phone, en('ui.nav.map.title'));
    await phone.locator(`svg a[data-area="${SURGE}"]`).waitFor();
    await phone.locator('.map-area.map-step-5').first().waitFor();
    expect(await horizontalOverflow(phone)).toBeLessThanOrEqual(0);
    await shot(phone, 'map-phone');
    // Offline: the page comes from the service worker, the figures from the device.
    await phone.context().setOffline(true);
    await phone.reload();
    await phone.getByRole('heading', { level: 1, name: 'Open offline data' }).waitFor();
    await phone.getByLabel('Password').fill(DEMO_PASSWORD);
    await phone.getByRole('button', { name: 'Open' }).click();
    await phone.locator(`svg a[data-area="${SURGE}"]`).waitFor();
    await phone.getByText(/No network: figures saved on this device/).waitFor();
    expect(await phone.locator(`svg a[data-area="${SURGE}"] path`).getAttribute('class')).toContain(
      'map-step-5',
    );
    await shot(phone, 'map-phone-offline');
    // The page itself fits (the offline header, with its badge, is the sync feature's).
    const pageOverflow = await phone.evaluate(() => {
      const page = document.querySelector('section.page');
      return page ? page.scrollWidth - page.clientWidth : -1;
    });
    expect(pageOverflow).toBe(0);
    await phone.context().setOffline(false);
  });
});

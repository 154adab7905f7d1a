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
  menu,
  shot,
  signInDevice,
  startE2E,
} from './harness.ts';

const run = promisify(execFile);
const CLI = resolve(import.meta.dirname, '../../bin/pathfinder.mjs');
const en = (key: string, params: Record<string, string | number> = {}) =>
  translate(CATALOGUES, ['en'], key, params);

async function overflow(page: Page): Promise<number> {
  return page.evaluate(() => {
    const section = document.querySelector('section.page');
    return section ? section.scrollWidth - section.clientWidth : -1;
  });
}

/** Switches the map to the country-outline view and waits for Nepal. */
async function countryView(page: Page) {
  await page.getByRole('radio', { name: en('ui.map.views.country') }).check();
  await page.getByTestId('country-map').locator('a[data-country="Nepal"]').waitFor();
}

/** In the app, no reload (a reload locks the device store): the menu, then the map. */
async function openMap(phone: Page) {
  await menu(phone, en('ui.nav.map.title'));
  await phone.getByRole('heading', { level: 1, name: en('ui.map.title') }).waitFor();
}

describe('the map: country and neighbours, for cross-border work', () => {
  let e2e: E2E;
  let phone: Page;

  beforeAll(async () => {
    e2e = await startE2E();
    const env = {
      ...process.env,
      PATHFINDER_DATA_DIR: e2e.node.config.dataDir,
      LOG_LEVEL: 'silent',
      NODE_ENV: 'test',
    };
    await run('node', [CLI, 'generate', '--cases', '1500', '--duplicates', '0', '--seed', '5'], {
      env,
    });
    phone = await signInDevice(e2e, 'supervisor', { width: 360, height: 740 });
  }, 180_000);
  afterAll(() => e2e?.close());

  it('draws Nepal coloured by its cases, India and China grey and named, on a 360 px phone', async () => {
    await openMap(phone);
    await phone.locator('#map-weeks').selectOption('52');
    await phone.locator('svg a[data-area]').first().waitFor();
    await countryView(phone);
    const map = phone.getByTestId('country-map');
    // The area view is put away; the country view has the pack country and its neighbours.
    expect(await phone.locator('svg a[data-area]').first().isVisible()).toBe(false);
    const nepal = map.locator('a[data-country="Nepal"]');
    const nepalClass = (await nepal.locator('path').getAttribute('class')) ?? '';
    expect(nepalClass).toMatch(/map-step-[1-5]/);
    expect(await nepal.getAttribute('aria-label')).toMatch(
      /^Nepal: \d+ \(New cases, total of the areas you see\)$/,
    );
    for (const name of ['India', 'China']) {
      const neighbour = map.locator(`g[data-country="${name}"]`);
      expect(await neighbour.getAttribute('aria-label')).toBe(
        en('ui.map.country.neighbour', { name }),
      );
      expect(await neighbour.locator('path').getAttribute('class')).toContain(
        'map-neighbour-shape',
      );
      expect((await neighbour.locator('text').textContent())?.trim()).toBe(name);
      expect(await neighbour.locator('text').isVisible()).toBe(true);
    }
    // The legend says what the colours mean.
    const legend = phone.getByRole('list', { name: en('ui.map.legend', { measure: 'New cases' }) });
    expect(await legend.textContent()).toContain(en('ui.map.country.neighbours'));
    expect(await overflow(phone)).toBe(0);
    expect(
      await phone.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      ),
    ).toBeLessThanOrEqual(0);
    expect(await a11yProblems(phone)).toEqual([]);
    await shot(phone, 'map-country-phone');
  });

  it('reaches the countries by keyboard, and colours Nepal by open alerts when asked', async () => {
    await phone.getByRole('radio', { name: en('ui.map.views.country') }).focus();
    const focused: string[] = [];
    for (let i = 0; i < 12 && !focused.includes('Nepal'); i++) {
      await phone.keyboard.press('Tab');
      focused.push(
        await phone.evaluate(() => document.activeElement?.getAttribute('data-country') ?? ''),
      );
    }
    expect(focused).toEqual(expect.arrayContaining(['China', 'India', 'Nepal']));
    await phone.locator('#map-measure').selectOption('openAlerts');
    expect(
      await phone
        .getByTestId('country-map')
        .locator('a[data-country="Nepal"]')
        .getAttribute('aria-label'),
    ).toMatch(/^Nepal: \d+ \(Open alerts, total of the areas you see\)$/);
    // Rates: the supervisor's three districts together, their cases over their 2021 population.
    await phone.locator('#map-measure').selectOption('rates');
    const nepal = phone.getByTestId('country-map').locator('a[data-country="Nepal"]');
    await nepal.and(phone.locator('[aria-label*="per 100,000"]')).waitFor();
    const rated = (await nepal.getAttribute('aria-label')) ?? '';
    expect(rated).toMatch(
      /^Nepal: [\d.,]+ \(New cases per 100,000 population, the areas you see together\)$/,
    );
    const rate = Number(/^Nepal: ([\d.,]+)/.exec(rated)?.[1]?.replaceAll(',', ''));
    // Kathmandu, Lalitpur and Bhaktapur: 2,041,587 + 551,667 + 432,132 people.
    const cases = await phone.evaluate(async () => {
      const res = await fetch('/api/v1/map/values?level=2&weeks=52');
      const body = (await res.json()) as { values: { cases: number }[] };
      return body.values.reduce((s, v) => s + v.cases, 0);
    });
    expect(rate).toBeCloseTo((cases * 100_000) / (2_041_587 + 551_667 + 432_132), 2);
    await phone.locator('#map-measure').selectOption('cases');
    // In French the countries are named in French, the view's words too.
    await phone.locator('.language-switch select').selectOption('fr');
    const map = phone.getByTestId('country-map');
    await map.locator('g[data-country="India"] text', { hasText: 'Inde' }).waitFor();
    expect(await map.locator('a[data-country="Nepal"] text').textContent()).toBe('Népal');
    expect(await map.locator('g[data-country="China"]').getAttribute('aria-label')).toBe(
      'Chine (pays voisin, sans chiffres)',
    );
    await phone.getByRole('radio', { name: 'Pays et voisins' }).waitFor();
    await phone.locator('.language-switch select').selectOption('en');
    await map.locator('g[data-country="India"] text', { hasText: 'India' }).waitFor();
  });

  it('opens offline on a phone that only saw the area view once online', async () => {
    phone = await signInDevice(e2e, 'supervisor', { width: 360, height: 740 });
    await openMap(phone);
    await phone.locator('#map-weeks').selectOption('52');
    await phone.locator('svg a[data-area]').first().waitFor();
    // The outlines are fetched with the map, whichever view is shown.
    await phone.waitForFunction(async () => Boolean(await caches.match('/geo/NPL.json')));
    await phone.context().setOffline(true);
    await phone.reload();
    await phone.getByRole('heading', { level: 1, name: 'Open offline data' }).waitFor();
    await phone.getByLabel('Password').fill(DEMO_PASSWORD);
    await phone.getByRole('button', { name: 'Open' }).click();
    await phone.getByRole('heading', { level: 1, name: en('ui.map.title') }).waitFor();
    await phone.getByText(/No network: figures saved on this device/).waitFor();
    await phone.locator('#map-weeks').selectOption('52');
    await countryView(phone);
    const map = phone.getByTestId('country-map');
    expect(await map.locator('g[data-country="India"] text').textContent()).toBe('India');
    expect(await map.locator('g[data-country="China"]').count()).toBe(1);
    expect(await map.locator('a[data-country="Nepal"] path').getAttribute('class')).toMatch(
      /map-step-[1-5]/,
    );
    expect(await overflow(phone)).toBe(0);
    await shot(phone, 'map-country-phone-offline');
    await phone.context().setOffline(false);
  });
});

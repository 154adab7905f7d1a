import { readFile } from 'node:fs/promises';
import type { Download, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CATALOGUES, translate } from '../../src/core/index.ts';
import { generateCases } from '../../src/server/synthetic/generate.ts';
import {
  a11yProblems,
  chooseLanguage,
  type E2E,
  horizontalOverflow,
  shot,
  signIn,
  startE2E,
} from './harness.ts';

const en = (key: string, params: Record<string, string | number> = {}) =>
  translate(CATALOGUES, ['en'], key, params);
const fr = (key: string, params: Record<string, string | number> = {}) =>
  translate(CATALOGUES, ['fr'], key, params);

async function saved(page: Page, button: string): Promise<{ name: string; bytes: Buffer }> {
  const [download] = await Promise.all([
    page.waitForEvent('download') as Promise<Download>,
    page.getByRole('button', { name: button, exact: true }).click(),
  ]);
  const path = await download.path();
  return { name: download.suggestedFilename(), bytes: await readFile(path) };
}

describe('dashboards in the browser: national, area and agency views, exports, French, phones', () => {
  let e2e: E2E;
  let analyst: Page;

  beforeAll(async () => {
    e2e = await startE2E();
    await generateCases(e2e.node.deps, { cases: 3000, duplicateShare: 0, seed: 5, weeks: 26 });
    analyst = await e2e.open({ width: 1024, height: 900 });
    await analyst.goto(e2e.url);
    await signIn(analyst, 'analyst');
    await analyst.getByRole('heading', { level: 1, name: /^Welcome, / }).waitFor();
  }, 120_000);
  afterAll(() => e2e?.close());

  it('shows an aggregate-only reader a district with small weekly counts withheld, in the chart, table and CSV', async () => {
    await analyst.goto(`${e2e.url}/dashboard?view=area&area=NPL-D-LALITPUR&weeks=26`);
    await analyst.getByRole('heading', { level: 1, name: en('ui.dashboards.title') }).waitFor();
    const title = en('ui.dashboards.sections.weekly.title');
    await analyst
      .getByRole('img', { name: en('ui.dashboards.chartLabel', { what: title }) })
      .waitFor();
    await analyst.getByTestId('withheld-note').waitFor();
    const table = analyst.getByTestId('dashboard-weekly-table');
    const withheld = table.locator('td.withheld');
    expect(await withheld.count()).toBeGreaterThan(0);
    expect((await withheld.first().textContent())?.trim()).toBe(en('ui.dashboards.withheld'));
    // No count from 1 to 4 anywhere in the table the browser received.
    const shown = await table.locator('td:not(.withheld)').allTextContents();
    expect(shown.length).toBeGreaterThan(0);
    expect(shown.filter((c) => /^[1-4]$/.test(c.trim()))).toEqual([]);

    const csv = await saved(analyst, en('ui.dashboards.saveCsv', { what: title }));
    expect(csv.name).toMatch(/^weekly-area-\d{4}-W\d{2}-\d{4}-W\d{2}\.csv$/);
    const lines = csv.bytes
      .toString('utf8')
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe(
      [
        en('ui.dashboards.form.weeks'),
        en('ui.dashboards.all'),
        en('ui.cases.topics.child_labour'),
        en('ui.cases.topics.forced_labour'),
        en('ui.cases.topics.trafficking'),
      ].join(','),
    );
    expect(lines).toHaveLength(27);
    const values = lines.slice(1).flatMap((l) => l.split(',').slice(1));
    expect(values).toContain(en('ui.dashboards.withheld'));
    expect(values.filter((v) => /^[1-4]$/.test(v))).toEqual([]);

    const png = await saved(analyst, en('ui.dashboards.savePng', { what: title }));
    expect(png.name).toMatch(/^weekly-area-.*\.png$/);
    expect([...png.bytes.subarray(0, 8)]).toEqual([137, 80, 78, 71, 13, 10, 26, 10]);
    expect(png.bytes.length).toBeGreaterThan(5000);
    expect(await a11yProblems(analyst)).toEqual([]);
    await shot(analyst, 'dashboard-area-withheld');
  });

  it('switches to the national view with the form, by keyboard, and shows every section', async () => {
    await analyst.getByLabel(en('ui.dashboards.form.view')).selectOption('national');
    await analyst
      .getByRole('button', { name: en('ui.dashboards.form.apply'), exact: true })
      .focus();
    await analyst.keyboard.press('Enter');
    await analyst
      .getByRole('heading', { level: 2, name: en('ui.dashboards.scope.national') })
      .waitFor();
    expect(new URL(analyst.url()).searchParams.get('view')).toBe('national');
    for (const section of ['weekly', 'topicStep', 'riskStep', 'byArea'])
      await analyst.getByTestId(`dashboard-${section}-table`).waitFor();
    // Provinces by name, with national counts large enough to show.
    const byArea = analyst.getByTestId('dashboard-byArea-table');
    expect(await byArea.locator('tbody tr').count()).toBe(7);
    expect(await byArea.textContent()).toContain('Bagmati');
    // Beside the counts, cases per 100,000 population (Bagmati: 6,116,866 people in 2021).
    expect((await byArea.locator('thead th').last().textContent())?.trim()).toBe(
      en('ui.dashboards.ratePer'),
    );
    const bagmati = byArea.locator('tbody tr').filter({ hasText: 'Bagmati' });
    const all = Number((await bagmati.locator('td').first().textContent())?.replaceAll(',', ''));
    const rate = Number((await bagmati.locator('td').last().textContent())?.replaceAll(',', ''));
    expect(all).toBeGreaterThan(0);
    expect(rate).toBeCloseTo((all * 100_000) / 6_116_866, 1);
    const csv = await saved(
      analyst,
      en('ui.dashboards.saveCsv', { what: en('ui.dashboards.sections.topicStep.title') }),
    );
    const rows = csv.bytes
      .toString('utf8')
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(rows[0]?.split(',')[1]).toBe(
      translate(CATALOGUES, ['en'], 'workflow.steps.identification'),
    );
    expect(rows).toHaveLength(4);
    // Follow-ups and referrals: none generated, said in words.
    expect(await analyst.getByTestId('dashboard-outcomes').textContent()).toContain(
      en('ui.dashboards.empty'),
    );
    expect(await a11yProblems(analyst)).toEqual([]);
  });

  it('reads in French and fits a 360-pixel phone', async () => {
    await analyst.goto(e2e.url);
    // Signed in (the session known), so the choice is saved with the user.
    await analyst.getByRole('heading', { level: 1, name: /^Welcome, / }).waitFor();
    await chooseLanguage(analyst, 'fr', analyst.getByLabel('Language'));
    await analyst.goto(`${e2e.url}/dashboard?view=national&weeks=13`);
    await analyst.getByRole('heading', { level: 1, name: fr('ui.dashboards.title') }).waitFor();
    await analyst
      .getByRole('heading', { level: 2, name: fr('ui.dashboards.sections.topicStep.title') })
      .waitFor();
    await analyst
      .getByRole('img', {
        name: fr('ui.dashboards.chartLabel', { what: fr('ui.dashboards.sections.weekly.title') }),
      })
      .waitFor();
    expect(await analyst.getByTestId('dashboard-topicStep-table').textContent()).toContain(
      fr('ui.cases.topics.child_labour'),
    );
    await analyst.setViewportSize({ width: 360, height: 740 });
    await analyst.getByTestId('dashboard-weekly-table').scrollIntoViewIfNeeded();
    expect(await horizontalOverflow(analyst)).toBeLessThanOrEqual(0);
    await shot(analyst, 'dashboard-national-fr-360');
    expect(await a11yProblems(analyst)).toEqual([]);
  });

  it('shows a case worker their own agency exactly, with nothing withheld', async () => {
    const inspector = await e2e.open({ width: 1024, height: 900 });
    await inspector.goto(e2e.url);
    await signIn(inspector, 'inspector');
    await inspector.getByRole('heading', { level: 1, name: /^Welcome, / }).waitFor();
    await inspector.goto(`${e2e.url}/dashboard`);
    await inspector.getByTestId('dashboard-riskStep-table').waitFor();
    expect(await inspector.getByLabel(en('ui.dashboards.form.view')).inputValue()).toBe('agency');
    expect(await inspector.locator('td.withheld').count()).toBe(0);
    expect(await inspector.getByTestId('withheld-note').count()).toBe(0);
  });
});

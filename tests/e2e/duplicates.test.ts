import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CATALOGUES, translate } from '../../src/core/index.ts';
import { processLinkageQueue } from '../../src/server/services/duplicatesDetect.ts';
import type { Client } from '../helpers/testNode.ts';
import { a11yProblems, chooseLanguage, type E2E, shot, signIn, startE2E } from './harness.ts';

type Lang = 'en' | 'fr' | 'es';
const tr = (lang: Lang, key: string, params: Record<string, string | number> = {}) =>
  translate(CATALOGUES, [lang], key, params);

/** One pair per language: the labour inspectorate and the police recorded the same child. */
const PAIRS: Record<
  Lang,
  { labour: [string, string]; police: [string, string]; born: [string, string] }
> = {
  en: {
    labour: ['Maya', 'Gurung'],
    police: ['Maaya', 'Gurung'],
    born: ['2012-03-04', '2012-04-03'],
  },
  fr: { labour: ['Ram', 'Thapa'], police: ['Raam', 'Thapa'], born: ['2011-05-06', '2011-05-06'] },
  es: { labour: ['Sunita', 'Rai'], police: ['Suneeta', 'Rai'], born: ['2013-07-08', '2013-07-08'] },
};

async function openCase(client: Client, given: string, family: string, birthDate: string) {
  const res = await client.post('/api/v1/cases', {
    person: { givenName: given, familyName: family, sex: 'female', birthDate },
    topics: ['child_labour'],
    riskLevel: 'high',
    areaCode: 'NPL-D-BHAKTAPUR',
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string };
}

describe('duplicate review in the browser: a pair with its explanation, merged and unmerged', () => {
  let e2e: E2E;
  let reviewer: Page;
  const labourCase: Partial<Record<Lang, string>> = {};

  beforeAll(async () => {
    e2e = await startE2E();
    const inspector = await e2e.node.login('inspector');
    const police = await e2e.node.login('police');
    for (const lang of ['en', 'fr', 'es'] as const) {
      const p = PAIRS[lang];
      labourCase[lang] = (await openCase(inspector, ...p.labour, p.born[0])).id;
      await openCase(police, ...p.police, p.born[1]);
    }
    // The after-write job (the scheduler is stopped in tests): it compares the queued persons.
    expect(await processLinkageQueue(e2e.node.deps)).toBe(6);
    reviewer = await e2e.open();
    await reviewer.goto(e2e.url);
    await signIn(reviewer, 'supervisor');
    await reviewer.getByRole('heading', { level: 1, name: /Welcome/ }).waitFor();
  }, 120_000);
  afterAll(() => e2e?.close());

  it.each(['en', 'fr', 'es'] as const)(
    'shows the pair with why it matches, merges and unmerges it (%s)',
    async (lang) => {
      const t = (key: string, params: Record<string, string | number> = {}) =>
        tr(lang, key, params);
      const p = PAIRS[lang];
      await chooseLanguage(reviewer, lang);
      await reviewer.goto(`${e2e.url}/duplicates`);
      await reviewer
        .getByRole('heading', { level: 1, name: t('ui.linkage.review.title') })
        .waitFor();
      const labourName = p.labour.join(' ');
      const policeName = p.police.join(' ');
      const card = reviewer.locator('article.pair').filter({ hasText: policeName });
      await card.waitFor();
      // Side by side: both records, their agencies, and each field's outcome with its weight.
      const table = card.getByRole('table');
      expect(await table.textContent()).toContain('Labour Office, Bhaktapur (fictional)');
      expect(await table.textContent()).toContain('Anti-Trafficking Police Unit (fictional)');
      // A row is the one whose header cell is exactly the field's name ("Nombre" ≠ "Nombre registrado").
      const row = (field: string) =>
        card.locator('tr').filter({
          has: reviewer.locator('th', {
            hasText: new RegExp(`^${t(`ui.linkage.field.${field}`)}$`),
          }),
        });
      const family = row('family_name');
      expect(await family.textContent()).toContain(t('ui.linkage.outcome.agree'));
      expect(await family.textContent()).toMatch(/\+\d+\.\d/);
      const given = row('given_name');
      expect(await given.textContent()).toContain(t('ui.linkage.outcome.partial'));
      expect(await a11yProblems(reviewer)).toEqual([]);
      await shot(reviewer, `duplicates-pair-${lang}`);

      // Merge, keeping the labour inspectorate's record.
      await card
        .getByRole('button', {
          name: t('ui.linkage.review.mergeKeep', {
            name: labourName,
            agency: 'Labour Office, Bhaktapur (fictional)',
          }),
        })
        .click();
      const dialog = reviewer.getByRole('dialog', {
        name: t('ui.linkage.review.confirmMergeTitle'),
      });
      await dialog.getByText(policeName, { exact: false }).first().waitFor();
      await dialog.getByRole('button', { name: t('ui.linkage.review.merge'), exact: true }).click();
      await reviewer.getByText(t('ui.linkage.review.done.merged')).waitFor();
      expect(await reviewer.locator('article.pair').filter({ hasText: policeName }).count()).toBe(
        0,
      );
      const police = await e2e.node.login('police');
      const policeCases = (await police.get('/api/v1/cases')).json().items as {
        personName: string;
      }[];
      expect(policeCases.map((c) => c.personName)).toContain(labourName);

      // The merged pair, then unmerge: the police case is the police's person again.
      await reviewer.getByLabel(t('ui.linkage.review.show')).selectOption('merged');
      const merged = reviewer.locator('article.pair').filter({ hasText: policeName });
      await merged.waitFor();
      await merged.getByRole('button', { name: t('ui.linkage.review.unmerge') }).click();
      const undo = reviewer.getByRole('dialog', {
        name: t('ui.linkage.review.confirmUnmergeTitle'),
      });
      await undo.getByRole('button', { name: t('ui.linkage.review.unmerge') }).click();
      await reviewer.getByText(t('ui.linkage.review.done.open')).waitFor();
      const after = (await police.get('/api/v1/cases')).json().items as { personName: string }[];
      expect(after.map((c) => c.personName)).toContain(policeName);
      expect(after.map((c) => c.personName)).not.toContain(labourName);
      await shot(reviewer, `duplicates-unmerged-${lang}`);
    },
  );

  it('tells the inspector "possibly known to: police (1 case)" on the case page, with a way to refer', async () => {
    const page = await e2e.open();
    await page.goto(e2e.url);
    await signIn(page, 'inspector');
    await page.getByRole('heading', { level: 1, name: /Demo Labour Inspector/ }).waitFor();
    await page.goto(`${e2e.url}/cases/${labourCase.en}`);
    const section = page.getByRole('region', { name: tr('en', 'ui.linkage.knownTo.title') });
    await section.waitFor();
    expect(await section.textContent()).toContain('Possibly known to: police (1 case).');
    expect(await section.textContent()).not.toContain('Maaya');
    await section.getByRole('link', { name: tr('en', 'ui.linkage.knownTo.refer') }).click();
    expect(new URL(page.url()).hash).toBe('#case-referrals');
    await shot(page, 'duplicates-known-to');
  });

  it('ranks search before create with the reasons, and lays the review out for a 360-pixel phone', async () => {
    const page = await e2e.open();
    await page.goto(e2e.url);
    await signIn(page, 'inspector');
    await page.getByRole('heading', { level: 1, name: /Demo Labour Inspector/ }).waitFor();
    await page.goto(`${e2e.url}/cases/new`);
    await page.locator('#person-q').fill('Мая Гурунг');
    await page.getByRole('button', { name: tr('en', 'ui.cases.intake.searchButton') }).click();
    const reasons = page.getByRole('list', {
      name: tr('en', 'ui.linkage.search.why', { name: 'Maya Gurung' }),
    });
    await reasons.waitFor();
    expect(await reasons.textContent()).toContain('Name agrees');

    const phone = await e2e.open({ width: 360, height: 780 });
    await phone.goto(e2e.url);
    await signIn(phone, 'supervisor');
    // The reviewer chose Spanish above: the app now speaks it to them.
    await phone.getByRole('heading', { level: 1, name: /Bienvenido/ }).waitFor();
    await phone.goto(`${e2e.url}/duplicates`);
    await phone.locator('article.pair').first().waitFor();
    const overflow = await phone.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    expect(await a11yProblems(phone)).toEqual([]);
    await shot(phone, 'duplicates-phone-360');
  });
});

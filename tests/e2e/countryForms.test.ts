import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CATALOGUES } from '../../src/core/index.ts';
import { a11yProblems, type E2E, shot, signIn, startE2E } from './harness.ts';

type Tree = { [key: string]: string | Tree };
/** A French catalogue string by its dotted key, so the test reads what the user reads. */
const fr = (key: string): string => {
  let node: string | Tree = CATALOGUES.fr as Tree;
  for (const part of key.split('.')) node = (node as Tree)[part] ?? '';
  if (typeof node !== 'string' || !node) throw new Error(`no French text for ${key}`);
  return node;
};

const INTAKE_TITLE = "Népal : questions complémentaires d'accueil";
const ASSESSMENT_TITLE = "Népal : questions complémentaires d'évaluation";
const GRADE_MESSAGE = 'Au Népal, les classes vont de 1 à 12.';

/** The case as the API returns it, read from inside the signed-in page. */
async function caseById(page: Page, id: string) {
  return page.evaluate(async (caseId) => {
    const response = await fetch(`/api/v1/cases/${caseId}`);
    return (await response.json()) as {
      forms: { formId: string; answers: Record<string, unknown> }[];
    };
  }, id);
}

/** The id of the element that has the focus. */
const focused = (page: Page) => page.evaluate(() => document.activeElement?.id ?? '');

describe('country questions in the browser', () => {
  let e2e: E2E;
  let page: Page;

  beforeAll(async () => {
    e2e = await startE2E();
    page = await e2e.open({ width: 1024, height: 900 });
  });
  afterAll(async () => e2e?.close());

  it('asks the Nepal intake questions in French, checks them like the server, keeps them in the draft', async () => {
    await page.goto(e2e.url);
    await signIn(page, 'inspector');
    await page.getByRole('heading', { level: 1, name: /Demo Labour Inspector/ }).waitFor();
    await page.getByLabel('Language').selectOption('fr');
    const nav = page.getByRole('navigation', { name: fr('ui.shell.mainMenu') });
    await nav.getByRole('link', { name: 'Dossiers' }).click();
    await page.getByRole('link', { name: 'Nouveau dossier' }).click();
    await page.getByRole('heading', { level: 1, name: 'Nouveau dossier' }).waitFor();

    const country = page.getByRole('region', { name: `3. ${INTAKE_TITLE}` });
    await country.getByRole('heading', { level: 2, name: `3. ${INTAKE_TITLE}` }).waitFor();
    await country.getByText('Questions propres au Népal.', { exact: false }).waitFor();
    // Only relevant questions are shown: no grade before the child is said to be at school.
    expect(await country.getByLabel(/En quelle classe/).count()).toBe(0);

    const form = page.getByRole('form', { name: /Le dossier/ });
    await form.getByLabel('Prénom').fill('Maya');
    await form.getByLabel('Nom de famille').fill('Lama');
    await form.getByLabel('Sexe', { exact: true }).selectOption('female');
    await form.getByLabel('Âge estimé (ans)').fill('12');
    await form.getByLabel('District').selectOption('NPL-D-BHAKTAPUR');
    await form.getByRole('checkbox', { name: 'Travail des enfants' }).check();
    await form.getByRole('radio', { name: 'Élevé' }).check();

    const school = country.getByRole('group', { name: /L'enfant est-il inscrit à l'école/ });
    expect(await school.textContent()).toContain(fr('ui.countryForms.required'));
    await school.getByRole('radio', { name: 'Oui' }).check();
    const grade = country.getByLabel("En quelle classe est l'enfant ?");
    await grade.fill('14');

    // The pack's own French message; nothing is sent while an answer is refused.
    await page.getByRole('button', { name: 'Ouvrir le dossier' }).click();
    await country.getByText(GRADE_MESSAGE).waitFor();
    await page.getByText(fr('ui.countryForms.fixAnswers')).waitFor();
    expect(await focused(page)).toBe('intake-q-school_grade');
    expect(await grade.getAttribute('aria-invalid')).toBe('true');
    expect(await grade.getAttribute('aria-describedby')).toBe('intake-q-school_grade-error');
    expect(await page.locator('#intake-q-workplace_type-error').textContent()).toBe(
      fr('forms.required'),
    );
    expect(new URL(page.url()).pathname).toBe('/cases/new');

    await grade.fill('6');
    await grade.blur();
    expect(await country.getByText(GRADE_MESSAGE).count()).toBe(0);
    const workplace = country.getByLabel(/Où l'enfant travaille-t-il/);
    await workplace.selectOption('other');
    const other = country.getByLabel(/Décrivez le lieu de travail/);
    await other.waitFor();
    expect(await country.locator('label[for="intake-q-workplace_other"]').textContent()).toContain(
      fr('ui.countryForms.required'),
    );

    // A reload keeps everything typed so far, the country answers included.
    await page.reload();
    await page.getByText(fr('ui.cases.intake.draftRestored')).waitFor();
    expect(await form.getByLabel('Prénom').inputValue()).toBe('Maya');
    expect(await school.getByRole('radio', { name: 'Oui' }).isChecked()).toBe(true);
    expect(await grade.inputValue()).toBe('6');
    expect(await workplace.inputValue()).toBe('other');
    expect(await other.inputValue()).toBe('');

    await page.getByRole('button', { name: 'Ouvrir le dossier' }).click();
    await page.locator('#intake-q-workplace_other-error').getByText(fr('forms.required')).waitFor();
    expect(await focused(page)).toBe('intake-q-workplace_other');
    expect(await a11yProblems(page)).toEqual([]);
    await shot(page, 'country-intake-fr');

    await other.fill('Atelier de thé');
    await page.getByRole('button', { name: 'Ouvrir le dossier' }).click();
    await page.getByRole('heading', { level: 1, name: 'Maya Lama' }).waitFor();
    const id = new URL(page.url()).pathname.split('/').at(-1) ?? '';
    const stored = await caseById(page, id);
    expect(stored.forms).toHaveLength(1);
    expect(stored.forms[0]?.formId).toBe('npl_intake');
    expect(stored.forms[0]?.answers.school_grade).toBe(6);
    expect(stored.forms[0]?.answers).toEqual({
      school_enrolled: 'yes',
      school_grade: 6,
      workplace_type: 'other',
      workplace_other: 'Atelier de thé',
    });

    // The case page shows the country questions once the section is placed there.
    const intake = page.getByRole('region', { name: INTAKE_TITLE, exact: true });
    const shown = await intake
      .waitFor({ timeout: 5_000 })
      .then(() => true)
      .catch(() => false);
    if (!shown) return;
    expect(await intake.textContent()).toContain('Atelier de thé');

    const assessment = page.getByRole('region', { name: ASSESSMENT_TITLE });
    await assessment.getByText(fr('ui.countryForms.notAnswered')).waitFor();
    await assessment.getByRole('button', { name: fr('ui.countryForms.answer') }).click();
    expect(await focused(page)).toBe('case-form-assessment-sleeps_at_workplace');
    await assessment.getByLabel('Heures de repos par jour, sommeil compris').fill('30');
    await assessment.getByRole('button', { name: fr('ui.countryForms.save') }).click();
    await assessment.getByText("Saisissez un nombre d'heures entre 0 et 24.").waitFor();
    await assessment.getByText(fr('forms.required')).waitFor();
    await assessment
      .getByRole('group', { name: /L'enfant dort-il sur le lieu de travail/ })
      .getByRole('radio', { name: 'Oui' })
      .check();
    await assessment.getByLabel('Heures de repos par jour, sommeil compris').fill('10');
    expect(await a11yProblems(page)).toEqual([]);
    await assessment.getByRole('button', { name: fr('ui.countryForms.save') }).click();
    await assessment.getByText(fr('ui.countryForms.saved')).waitFor();
    expect(await assessment.locator('dl').textContent()).toContain('10');
    const after = await caseById(page, id);
    expect(after.forms.find((f) => f.formId === 'npl_assessment')?.answers).toEqual({
      sleeps_at_workplace: 'yes',
      hours_rest_per_day: 10,
    });
    await shot(page, 'country-assessment-fr');
  });

  it('shows the server’s verdict at the question when the device’s date runs ahead', async () => {
    await page.goto(`${e2e.url}/cases/new`);
    await page.getByRole('heading', { level: 1, name: 'Nouveau dossier' }).waitFor();
    // The device thinks it is three days later than the server does.
    const ahead = new Date(e2e.node.clock.now().getTime() + 3 * 86_400_000);
    await page.clock.setSystemTime(ahead);
    const form = page.getByRole('form', { name: /Le dossier/ });
    await form.getByLabel('Prénom').fill('Ram');
    await form.getByLabel('Sexe', { exact: true }).selectOption('male');
    await form.getByLabel('Âge estimé (ans)').fill('14');
    await form.getByLabel('District').selectOption('NPL-D-BHAKTAPUR');
    await form.getByRole('checkbox', { name: 'Travail des enfants' }).check();
    await form.getByRole('radio', { name: 'Moyen' }).check();
    const country = page.getByRole('region', { name: `3. ${INTAKE_TITLE}` });
    await country
      .getByRole('group', { name: /L'enfant est-il inscrit à l'école/ })
      .getByRole('radio', { name: 'Non' })
      .check();
    await country.getByLabel(/Où l'enfant travaille-t-il/).selectOption('brick_kiln');
    const tomorrow = new Date(e2e.node.clock.now().getTime() + 2 * 86_400_000);
    await country.getByLabel(/Depuis quand/).fill(tomorrow.toISOString().slice(0, 10));
    await page.getByRole('button', { name: 'Ouvrir le dossier' }).click();
    await page.getByText(fr('errors.form_invalid')).waitFor();
    await page
      .locator('#intake-q-date_started_work-error')
      .getByText('La date ne peut pas être dans le futur.')
      .waitFor();
    expect(await focused(page)).toBe('intake-q-date_started_work');
    expect(new URL(page.url()).pathname).toBe('/cases/new');
  });

  it('fits the questions on a 360-pixel phone', async () => {
    const phone = await e2e.open({ width: 360, height: 780 });
    await phone.goto(e2e.url);
    await signIn(phone, 'inspector');
    await phone.getByRole('heading', { level: 1, name: /Demo Labour Inspector/ }).waitFor();
    await phone.goto(`${e2e.url}/cases/new`);
    await phone.getByRole('heading', { level: 1 }).waitFor();
    await phone.locator('#intake-q-school_enrolled').check();
    await phone.locator('#intake-q-workplace_type').selectOption('entertainment_sector');
    await phone.locator('#intake-q-hazards_seen').check();
    const overflow = await phone.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    expect(await a11yProblems(phone)).toEqual([]);
    await shot(phone, 'country-intake-phone-360');
  });
});

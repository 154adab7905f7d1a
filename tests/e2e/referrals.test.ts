import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CATALOGUES, translate } from '../../src/core/index.ts';
import { startSmtp } from '../helpers/fakeGateways.ts';
import { a11yProblems, type E2E, shot, signIn, startE2E } from './harness.ts';

/** The NGO's transit shelter: girls and women, border districts (incl. Banke), accept within 2 h. */
const SHELTER = '5e7c0000-0000-4000-8000-000000000001';
const HOUR = 3_600_000;
const SUPERVISOR_EMAIL = 'supervisor@cp.test';

const fr = (key: string, params: Record<string, string | number> = {}) =>
  translate(CATALOGUES, ['fr'], key, params);
const es = (key: string, params: Record<string, string | number> = {}) =>
  translate(CATALOGUES, ['es'], key, params);
const en = (key: string, params: Record<string, string | number> = {}) =>
  translate(CATALOGUES, ['en'], key, params);

/** A birth date that makes the person 14 today. */
function birthDate14(): string {
  const d = new Date();
  d.setUTCFullYear(d.getUTCFullYear() - 14);
  d.setUTCMonth(d.getUTCMonth() - 2);
  return d.toISOString().slice(0, 10);
}

/** A call to the API from inside the signed-in page (its cookie and CSRF token). */
async function apiFromPage<T>(page: Page, method: string, path: string, body?: unknown) {
  return page.evaluate(
    async ({ method, path, body }) => {
      const session = await (await fetch('/api/v1/auth/session')).json();
      const response = await fetch(`/api/v1${path}`, {
        method,
        headers: { 'content-type': 'application/json', 'x-csrf-token': session.csrfToken },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      return { status: response.status, body: await response.json() };
    },
    { method, path, body },
  ) as Promise<{ status: number; body: T }>;
}

/** Opens a case for a 14-year-old girl in a border district (Banke). */
async function openGirlCase(
  page: Page,
  givenName: string,
): Promise<{ id: string; reference: string }> {
  const res = await apiFromPage<{ id: string; reference: string }>(page, 'POST', '/cases', {
    person: { givenName, familyName: 'Tharu', sex: 'female', birthDate: birthDate14() },
    topics: ['trafficking'],
    riskLevel: 'high',
    areaCode: 'NPL-D-BANKE',
  });
  expect(res.status).toBe(201);
  return res.body;
}

describe('referrals in the browser: refer, accept live, time to referral, escalation', () => {
  let e2e: E2E;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let social: Page;
  let ngo: Page;
  let caseId = '';
  let caseReference = '';
  let number = '';

  beforeAll(async () => {
    smtp = await startSmtp();
    e2e = await startE2E({ env: { PATHFINDER_SMTP_URL: smtp.url } });
    // The supervisor gets escalations by email: give them an address, as an administrator would.
    const admin = await e2e.node.login('admin');
    const users = (await admin.get('/api/v1/users?q=supervisor')).json() as {
      items: { id: string; username: string; version: number }[];
    };
    const supervisor = users.items.find((u) => u.username === 'supervisor');
    if (!supervisor) throw new Error('no demo supervisor');
    const patched = await admin.patch(`/api/v1/users/${supervisor.id}`, {
      version: supervisor.version,
      email: SUPERVISOR_EMAIL,
    });
    expect(patched.statusCode, patched.body).toBe(200);
  });
  afterAll(async () => {
    await e2e?.close();
    await smtp?.close();
  });

  it('refers a girl to the shelter in French; the NGO sees only the summary in Spanish and accepts; the referrer sees it live', async () => {
    social = await e2e.open({ width: 1024, height: 900 });
    await social.goto(e2e.url);
    await signIn(social, 'socialworker');
    await social.getByRole('heading', { level: 1, name: /Demo Social Worker/ }).waitFor();
    await social.getByLabel('Language').selectOption('fr');
    await social
      .getByRole('heading', {
        level: 1,
        name: fr('ui.home.welcome', { name: 'Demo Social Worker' }),
      })
      .waitFor();
    const opened = await openGirlCase(social, 'Sunita');
    caseId = opened.id;
    caseReference = opened.reference;
    await social.goto(`${e2e.url}/cases/${caseId}`);
    await social.getByRole('heading', { level: 1, name: 'Sunita Tharu' }).waitFor();

    // Consent to share with NGOs, recorded in the Consent section.
    await social.locator('#consent-purpose').selectOption('sharing');
    await social.locator('input[name="consent-agencies"][value="ngo"]').check();
    await social.locator('#consent-given-by').selectOption('parent_or_guardian');
    await social.getByRole('button', { name: fr('ui.cases.consent.add') }).click();
    await social
      .getByRole('list', { name: fr('ui.cases.consent.listLabel') })
      .getByText(fr('ui.cases.consent.purposes.sharing'))
      .waitFor();

    // The referral form: the shelter (found for Banke, 14, female), summary, reason.
    await social.getByRole('button', { name: fr('ui.referrals.refer.open') }).click();
    const form = social.getByTestId('refer-form');
    await form.locator('#refer-type').selectOption('shelter');
    const shelter = form.locator(`#refer-service-${SHELTER}`);
    await shelter.check();
    await form.locator('input[name="refer-level"][value="summary"]').check();
    const preview = form.getByTestId('share-preview');
    await preview.getByText(fr('ui.referrals.fields.person_name'), { exact: true }).waitFor();
    expect(await preview.textContent()).not.toContain(fr('ui.referrals.fields.person_birthDate'));
    expect(await preview.textContent()).not.toContain(fr('ui.referrals.fields.plan'));
    await form
      .getByTestId('refer-consent')
      .getByText(/Le consentement au partage avec ce type d’organisme/)
      .waitFor();
    await form
      .locator('#refer-reason')
      .fill('Interceptée à la frontière ; a besoin d’un lieu sûr ce soir.');
    expect(await a11yProblems(social)).toEqual([]);
    await shot(social, 'refer-form-fr');

    // A double click sends one referral (one idempotency key per open form).
    await form.getByRole('button', { name: fr('ui.referrals.refer.send') }).dblclick();
    await social.getByText(/L’orientation R-[0-9A-F]{8} a été envoyée à /).waitFor();
    const sent = await apiFromPage<{ items: { id: string; number: string }[] }>(
      social,
      'GET',
      `/referrals?box=sent&caseId=${caseId}`,
    );
    expect(sent.body.items).toHaveLength(1);
    const referral = sent.body.items[0];
    if (!referral) throw new Error('no referral');
    number = referral.number;
    const caseList = social.getByRole('list', { name: fr('ui.referrals.caseListLabel') });
    expect(await caseList.getByTestId('referral').count()).toBe(1);

    await caseList.getByRole('link', { name: number }).click();
    await social
      .getByRole('heading', { level: 1, name: fr('ui.referrals.referralTitle', { number }) })
      .waitFor();
    await social.getByTestId('referral-state').getByText(fr('ui.referrals.states.sent')).waitFor();
    // Marks this document: a reload would lose it.
    await social.evaluate(() => {
      (window as unknown as { stillHere: boolean }).stillHere = true;
    });

    // The NGO, in Spanish, opens it from its Received queue.
    ngo = await e2e.open({ width: 1024, height: 900 });
    await ngo.goto(e2e.url);
    await signIn(ngo, 'ngo');
    await ngo.getByRole('heading', { level: 1, name: /Demo Shelter Caseworker/ }).waitFor();
    await ngo.getByLabel('Language').selectOption('es');
    await ngo
      .getByRole('heading', {
        level: 1,
        name: es('ui.home.welcome', { name: 'Demo Shelter Caseworker' }),
      })
      .waitFor();
    await ngo.getByRole('link', { name: es('ui.inbox.bellUnread_one', { count: 1 }) }).waitFor();
    await ngo
      .getByRole('navigation', { name: es('ui.shell.mainMenu') })
      .getByRole('link', { name: es('ui.nav.referrals.title') })
      .click();
    await ngo.getByRole('link', { name: es('ui.referrals.boxes.received') }).click();
    await ngo.waitForURL(/box=received/);
    const queue = ngo.getByRole('list', { name: es('ui.referrals.boxes.received') });
    await queue.getByRole('link', { name: number }).click();
    await ngo
      .getByRole('heading', { level: 1, name: es('ui.referrals.referralTitle', { number }) })
      .waitFor();
    await ngo.getByText(es('ui.referrals.sharedNote')).waitFor();
    const shared = ngo.getByTestId('shared-data');
    await shared.getByText('Sunita Tharu').waitFor();
    const sharedText = (await shared.textContent()) ?? '';
    expect(sharedText).toContain(es('ui.cases.ageYears', { age: 14 }));
    // Summary: no birth date, no plan.
    expect(sharedText).not.toContain(es('ui.referrals.shared.birthDate'));
    expect(sharedText).not.toContain(birthDate14().slice(0, 4));
    const page = (await ngo.locator('main').textContent()) ?? '';
    expect(page).not.toContain(es('ui.cases.plan.goals'));
    expect(page).not.toContain(es('ui.cases.plan.interventions'));
    expect(page).not.toContain(es('ui.cases.plan.followUps'));
    expect(await a11yProblems(ngo)).toEqual([]);
    await shot(ngo, 'referral-received-es');

    await ngo.getByRole('button', { name: es('ui.referrals.actions.accept'), exact: true }).click();
    await ngo.getByText(es('ui.referrals.actions.done.accept')).waitFor();
    await ngo.getByTestId('referral-state').getByText(es('ui.referrals.states.accepted')).waitFor();

    // The referrer's open page turns to "acceptée" by itself (the inbox stream).
    await social
      .getByTestId('referral-state')
      .getByText(/acceptée/i)
      .waitFor();
    expect(
      await social.evaluate(() => (window as unknown as { stillHere?: boolean }).stillHere),
    ).toBe(true);
    await social
      .locator('ol.timeline')
      .getByText(fr('ui.referrals.timeline.events.accept'), { exact: true })
      .waitFor();
    expect(await a11yProblems(social)).toEqual([]);
    await shot(social, 'referral-accepted-fr');
  });

  it('shows the referral in the inbox and its time to referral on the dashboard', async () => {
    // The bell counts the acceptance; the inbox says it in French.
    await social.getByRole('link', { name: fr('ui.inbox.bellUnread_one', { count: 1 }) }).click();
    await social.getByRole('heading', { level: 1, name: fr('ui.inbox.title') }).waitFor();
    const item = social
      .getByTestId('notification')
      .filter({ hasText: fr('notifications.referral_accepted', { number }) });
    await item.waitFor();
    expect(await item.textContent()).toContain(fr('ui.inbox.unread'));
    expect(await a11yProblems(social)).toEqual([]);
    await shot(social, 'inbox-fr');

    await social
      .getByRole('navigation', { name: fr('ui.shell.mainMenu') })
      .getByRole('link', { name: fr('ui.nav.dashboard.title') })
      .click();
    await social.getByRole('heading', { level: 2, name: fr('ui.dashboard.title') }).waitFor();
    const recent = social.getByTestId('recent-table');
    const row = recent.getByRole('row').filter({ hasText: number });
    await row.waitFor();
    expect(await row.textContent()).toContain(caseReference);
    const acceptance = row.locator(`td[data-label="${fr('ui.dashboard.delays.toAcceptance')}"]`);
    expect((await acceptance.textContent())?.trim()).toMatch(/^\d/);
    await social.getByRole('img', { name: fr('ui.dashboard.chart.label') }).waitFor();
    const table = social.getByTestId('delay-table');
    await table.getByText(fr('ui.dashboard.delays.toAcceptance')).first().waitFor();

    const [csv] = await Promise.all([
      social.waitForEvent('download'),
      social.getByRole('button', { name: fr('ui.dashboard.saveCsv') }).click(),
    ]);
    expect(csv.suggestedFilename()).toMatch(/^time-to-referral-.*\.csv$/);
    const [png] = await Promise.all([
      social.waitForEvent('download'),
      social.getByRole('button', { name: fr('ui.dashboard.savePng') }).click(),
    ]);
    expect(png.suggestedFilename()).toBe('time-to-referral.png');
    expect(await a11yProblems(social)).toEqual([]);
    await shot(social, 'dashboard-fr');

    // On a 360-pixel phone the dashboard still fits.
    await social.setViewportSize({ width: 360, height: 740 });
    const overflow = await social.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    await shot(social, 'dashboard-360');
    expect(overflow).toBeLessThanOrEqual(0);
    await social.setViewportSize({ width: 1024, height: 900 });
  });

  it('escalates a referral not accepted in time: an email to the supervisor (no name) and their inbox', async () => {
    const second = await openGirlCase(social, 'Maya');
    const consent = await apiFromPage(social, 'POST', `/cases/${second.id}/consents`, {
      purpose: 'sharing',
      given: true,
      givenBy: 'person',
      agencyTypes: ['ngo'],
    });
    expect(consent.status).toBe(201);
    const sent = await apiFromPage<{ number: string }>(
      social,
      'POST',
      `/cases/${second.id}/referrals`,
      {
        serviceId: SHELTER,
        shareLevel: 'minimal',
        reason: 'Needs a safe place tonight.',
        idempotencyKey: `e2e-escalation-${Date.now()}`,
      },
    );
    expect(sent.status).toBe(201);
    const late = sent.body.number;

    // Three hours later (past the 2 h target), the timers and the mail go out.
    const post = (path: string, body?: unknown) =>
      fetch(`${e2e.url}/api/v1${path}`, {
        method: 'POST',
        ...(body === undefined
          ? {}
          : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
      });
    expect((await post('/test/clock', { advanceMs: 3 * HOUR })).status).toBe(200);
    expect((await post('/test/jobs/referral-timers')).status).toBe(200);
    expect((await post('/test/jobs/notification-delivery')).status).toBe(200);

    const mail = smtp.mails.find((m) => m.to.includes(SUPERVISOR_EMAIL) && m.text.includes(late));
    expect(mail, JSON.stringify(smtp.mails.map((m) => [m.to, m.subject]))).toBeDefined();
    expect(mail?.subject).toContain(en('notifications.referral_accept_overdue', { number: late }));
    expect(mail?.text).toContain(`/referrals/`);
    for (const word of ['Maya', 'Sunita', 'Tharu']) {
      expect(mail?.text).not.toContain(word);
      expect(mail?.subject).not.toContain(word);
    }

    // The supervisor (a new sign-in: the old sessions idled out) finds it in the inbox.
    const supervisor = await e2e.open({ width: 360, height: 740 });
    await supervisor.goto(e2e.url);
    await signIn(supervisor, 'supervisor');
    await supervisor.getByRole('heading', { level: 1, name: /Demo Supervisor/ }).waitFor();
    await supervisor.getByRole('link', { name: /^Inbox: \d+ unread notification/ }).click();
    await supervisor.getByRole('heading', { level: 1, name: en('ui.inbox.title') }).waitFor();
    const item = supervisor
      .getByTestId('notification')
      .filter({ hasText: en('notifications.referral_accept_overdue', { number: late }) });
    await item.waitFor();
    expect(await item.textContent()).toContain(
      en('ui.inbox.deliveryLine', {
        channel: en('ui.inbox.channels.email'),
        state: en('ui.inbox.deliveryStates.sent'),
      }),
    );
    expect(await a11yProblems(supervisor)).toEqual([]);
    const overflow = await supervisor.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await shot(supervisor, 'inbox-escalation-360');

    // Opening it marks it read and shows the referral, overdue in words.
    await item.getByRole('link').click();
    await supervisor
      .getByRole('heading', { level: 1, name: en('ui.referrals.referralTitle', { number: late }) })
      .waitFor();
    await supervisor.getByText(en('ui.referrals.overdue'), { exact: true }).first().waitFor();
    await supervisor
      .getByText(en('ui.referrals.timeline.events.accept_overdue'), { exact: true })
      .waitFor();
    const inbox = await apiFromPage<{ items: { link: string; readAt: string | null }[] }>(
      supervisor,
      'GET',
      '/notifications?limit=50',
    );
    const opened = inbox.body.items.find((n) =>
      n.link.endsWith(supervisor.url().split('/').pop() ?? ''),
    );
    expect(opened?.readAt).not.toBeNull();
    expect(await a11yProblems(supervisor)).toEqual([]);
  });
});

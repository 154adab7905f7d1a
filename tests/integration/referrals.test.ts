import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliverDue } from '../../src/server/jobs/deliveryJob.ts';
import { runReferralTimers } from '../../src/server/jobs/referralTimers.ts';
import { DIALECTS } from '../helpers/databases.ts';
import { startAfricasTalking, startSmtp } from '../helpers/fakeGateways.ts';
import { type Client, createTestNode, type TestNode } from '../helpers/testNode.ts';

const SHELTER = '5e7c0000-0000-4000-8000-000000000001'; // NGO border shelter: girls and women, border districts, accept in 2 h
const COUNSELLING = '5e7c0000-0000-4000-8000-000000000002';
const INACTIVE = '5e7c0000-0000-4000-8000-000000000008';
const HOSPITAL = '5e7c0000-0000-4000-8000-000000000009'; // no agency queue
const HOUR = 3_600_000;

describe.each(DIALECTS)('referrals on %s', (dialect) => {
  let node: TestNode;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let sms: Awaited<ReturnType<typeof startAfricasTalking>>;
  let social: Client;
  let ngo: Client;
  let police: Client;
  let caseId: string;
  let key = 0;
  const idem = () => `test-key-${Date.now()}-${key++}`;

  beforeAll(async () => {
    smtp = await startSmtp();
    sms = await startAfricasTalking('at-test-key');
    node = await createTestNode(dialect, {
      PATHFINDER_SMTP_URL: smtp.url,
      PATHFINDER_MAIL_FROM: 'Pathfinder <noreply@pathfinder.test>',
      PATHFINDER_AT_USERNAME: 'sandbox',
      PATHFINDER_AT_API_KEY: 'at-test-key',
      PATHFINDER_AT_URL: sms.url,
      PATHFINDER_PUBLIC_URL: 'https://pathfinder.example.org',
    });
    const db = node.deps.db;
    await db
      .updateTable('app_user')
      .set({ email: 'ngo@shelter.test' })
      .where('username', '=', 'ngo')
      .execute();
    await db
      .updateTable('app_user')
      .set({ email: 'social@cp.test', phone: '+9779812345678', notify_sms: 1 })
      .where('username', '=', 'socialworker')
      .execute();
    await db
      .updateTable('app_user')
      .set({ email: 'supervisor@cp.test' })
      .where('username', '=', 'supervisor')
      .execute();
    social = await node.login('socialworker');
    ngo = await node.login('ngo');
    police = await node.login('police');
    caseId = (await openCase('female', 14, 'NPL-D-BANKE')).id;
    const consent = await social.post(`/api/v1/cases/${caseId}/consents`, {
      purpose: 'sharing',
      given: true,
      givenBy: 'parent_or_guardian',
      agencyTypes: ['ngo'],
    });
    expect(consent.statusCode, consent.body).toBe(201);
  });
  afterAll(async () => {
    await node?.dispose();
    await smtp?.close();
    await sms?.close();
  });

  async function openCase(sex: string, age: number, areaCode: string) {
    const res = await social.post('/api/v1/cases', {
      person: {
        givenName: 'Sunita',
        familyName: 'Tharu',
        sex,
        estimatedAge: age,
        birthDate: undefined,
      },
      topics: ['trafficking'],
      riskLevel: 'high',
      areaCode,
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as { id: string; reference: string };
  }

  const refer = (id: string, over: Record<string, unknown> = {}) =>
    social.post(`/api/v1/cases/${id}/referrals`, {
      serviceId: SHELTER,
      shareLevel: 'summary',
      reason: 'Intercepted at the border; needs a safe place tonight.',
      idempotencyKey: idem(),
      ...over,
    });

  const inbox = async (client: Client) =>
    (await client.get('/api/v1/notifications?limit=100')).json();

  it('sends to the agency’s queue once, whatever the retries; the receiver sees only the shared fields', async () => {
    const idempotencyKey = idem();
    const first = await refer(caseId, { idempotencyKey });
    expect(first.statusCode, first.body).toBe(201);
    const again = await refer(caseId, { idempotencyKey });
    expect(again.statusCode).toBe(200);
    expect(again.json().id).toBe(first.json().id);
    const referral = first.json();
    expect(referral).toMatchObject({
      state: 'sent',
      side: 'referrer',
      caseId,
      toAgency: { name: expect.stringContaining('Border') },
      consent: 'recorded',
      actions: ['cancel'],
    });
    expect(Date.parse(referral.acceptDueAt) - Date.parse(referral.sentAt)).toBe(2 * HOUR);

    const queue = (await ngo.get('/api/v1/referrals?box=received')).json().items;
    expect(queue.map((r: { id: string }) => r.id)).toEqual([referral.id]);
    expect(queue[0].caseId).toBeNull();
    const seen = (await ngo.get(`/api/v1/referrals/${referral.id}`)).json();
    expect(seen.side).toBe('receiver');
    expect(seen.actions).toEqual(['accept', 'decline', 'request_info']);
    expect(seen.shared.person).toEqual({
      givenName: 'Sunita',
      familyName: 'Tharu',
      age: 14,
      ageEstimated: true,
      sex: 'female',
    });
    expect(seen.shared.person.birthDate).toBeUndefined();
    expect(seen.shared.consents).toBeUndefined();
    expect(seen.shared.goals).toBeUndefined();
    expect(JSON.stringify(seen)).not.toContain(caseId);
    const audited = await node.deps.db
      .selectFrom('audit_log')
      .select('details')
      .where('action', '=', 'referral.read.shared')
      .execute();
    expect(audited.length).toBe(1);

    // Another agency does not learn it exists.
    expect((await police.get(`/api/v1/referrals/${referral.id}`)).statusCode).toBe(404);
    expect((await police.get('/api/v1/referrals?box=received')).json().items).toEqual([]);

    // The receiving agency was told, in its inbox, with a reference and no name.
    const told = await inbox(ngo);
    expect(told.unread).toBe(1);
    expect(told.items[0]).toMatchObject({
      kind: 'referral_received',
      params: { number: referral.number },
      link: `/referrals/${referral.id}`,
    });
  });

  it('refuses an inactive service, one with no queue, an ineligible person or area, and sharing without consent', async () => {
    const before = (await social.get('/api/v1/referrals?box=sent&limit=100')).json().items.length;
    const codes = async (id: string, over: Record<string, unknown>) => {
      const res = await refer(id, over);
      return [res.statusCode, res.json().code, res.json().problems];
    };
    expect(await codes(caseId, { serviceId: INACTIVE })).toEqual([
      409,
      'service_inactive',
      undefined,
    ]);
    expect(await codes(caseId, { serviceId: HOSPITAL })).toEqual([
      409,
      'service_without_queue',
      undefined,
    ]);
    const boy = await openCase('male', 12, 'NPL-D-BANKE');
    expect(await codes(boy.id, {})).toEqual([409, 'service_not_eligible', ['sex']]);
    const kathmandu = await openCase('female', 15, 'NPL-D-KATHMANDU');
    expect(await codes(kathmandu.id, {})).toEqual([409, 'service_not_eligible', ['area']]);
    const noConsent = await openCase('female', 16, 'NPL-D-BANKE');
    expect(await codes(noConsent.id, {})).toEqual([409, 'consent_required', undefined]);
    expect(await codes(noConsent.id, { consentOverride: 'urgent' })).toEqual([
      409,
      'consent_required',
      undefined,
    ]);
    expect((await codes(caseId, { serviceId: crypto.randomUUID() }))[0]).toBe(400);
    expect(await codes(caseId, { shareLevel: 'fields', fields: [] })).toEqual([
      400,
      'validation_failed',
      undefined,
    ]);
    const reused = idem();
    expect((await refer(caseId, { idempotencyKey: reused })).statusCode).toBe(201);
    expect(
      await codes(noConsent.id, { idempotencyKey: reused, consentOverride: 'x'.repeat(30) }),
    ).toEqual([409, 'idempotency_conflict', undefined]);
    const after = (await social.get('/api/v1/referrals?box=sent&limit=100')).json().items.length;
    expect(after).toBe(before + 1);

    // A written justification lets it go, and is audited as an override.
    const overridden = await refer(noConsent.id, {
      consentOverride:
        'The child is in immediate danger; the guardian is the suspected trafficker.',
      shareLevel: 'minimal',
    });
    expect(overridden.statusCode, overridden.body).toBe(201);
    expect(overridden.json().consent).toBe('override');
    const seen = (await ngo.get(`/api/v1/referrals/${overridden.json().id}`)).json();
    expect(seen.shared.person).toEqual({ age: 16, ageEstimated: true, sex: 'female' });
    const row = await node.deps.db
      .selectFrom('audit_log')
      .select('details')
      .where('action', '=', 'referral.create')
      .where('details', 'like', '%override%')
      .execute();
    expect(row.length).toBe(1);
  });

  it('is accepted, started and completed by the receiver, each step timestamped and told to the referrer', async () => {
    const referral = (await refer(caseId, { serviceId: COUNSELLING, shareLevel: 'full' })).json();
    const act = (client: Client, body: Record<string, unknown>) =>
      client.post(`/api/v1/referrals/${referral.id}/actions`, body);
    const wrongSide = await act(social, { type: 'accept', version: 1 });
    expect(wrongSide.statusCode).toBe(409);
    expect(wrongSide.json().problems).toEqual(['receiver_only']);
    const stale = await act(ngo, { type: 'accept', version: 7 });
    expect(stale.json().code).toBe('version_conflict');
    const accepted = await act(ngo, { type: 'accept', version: 1 });
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.json()).toMatchObject({ state: 'accepted', assignedTo: 'ngo', version: 2 });
    expect(Date.parse(accepted.json().serviceDueAt) - Date.parse(accepted.json().acceptedAt)).toBe(
      72 * HOUR,
    );
    const started = await act(ngo, { type: 'start_service', version: 2 });
    expect(started.json().state).toBe('in_service');
    const missing = await act(ngo, {
      type: 'complete',
      version: 3,
      outcome: 'service_provided',
      feedback: ' ',
    });
    expect(missing.statusCode).toBe(409);
    expect(missing.json().problems).toEqual(['feedback_required']);
    const done = await act(ngo, {
      type: 'complete',
      version: 3,
      outcome: 'service_provided',
      feedback: 'Four counselling sessions; she is back in school.',
    });
    expect(done.json()).toMatchObject({ state: 'completed', outcome: 'service_provided' });
    const back = (await social.get(`/api/v1/referrals/${referral.id}`)).json();
    expect(back.feedback).toBe('Four counselling sessions; she is back in school.');
    expect(back.events.map((e: { type: string }) => e.type)).toEqual([
      'sent',
      'accept',
      'start_service',
      'complete',
    ]);
    expect(back.shared).toBeNull();
    const kinds = (await inbox(social)).items.map((n: { kind: string }) => n.kind);
    expect(kinds).toEqual(
      expect.arrayContaining([
        'referral_accepted',
        'referral_service_started',
        'referral_completed',
      ]),
    );
    const kase = (await social.get(`/api/v1/cases/${caseId}`)).json();
    expect(kase.events.map((e: { type: string }) => e.type)).toEqual(
      expect.arrayContaining(['referral_sent', 'referral_accept', 'referral_complete']),
    );
  });

  it('asks for information and gets the answer; the referrer can cancel, after which nothing is shared', async () => {
    const referral = (await refer(caseId)).json();
    const asked = await ngo.post(`/api/v1/referrals/${referral.id}/actions`, {
      type: 'request_info',
      version: 1,
      question: 'Does she speak Nepali or Tharu?',
    });
    expect(asked.json()).toMatchObject({
      state: 'info_requested',
      infoRequest: 'Does she speak Nepali or Tharu?',
    });
    const answered = await social.post(`/api/v1/referrals/${referral.id}/actions`, {
      type: 'provide_info',
      version: 2,
      answer: 'Tharu, some Nepali.',
    });
    expect(answered.json().state).toBe('sent');
    const cancelled = await social.post(`/api/v1/referrals/${referral.id}/actions`, {
      type: 'cancel',
      version: 3,
      reason: 'Family found; going home.',
    });
    expect(cancelled.json().state).toBe('cancelled');
    const seen = (await ngo.get(`/api/v1/referrals/${referral.id}`)).json();
    expect(seen.shared).toBeNull();
    expect(seen.actions).toEqual([]);
  });

  it('reminds before the acceptance target and escalates a miss once, to the receiver and the referrer’s supervisor', async () => {
    // Earlier tests' open referrals go through their timers first.
    await runReferralTimers(node.deps);
    node.clock.advance(3 * HOUR);
    await runReferralTimers(node.deps);
    social = await node.login('socialworker');
    const referral = (await refer(caseId)).json();
    const first = await runReferralTimers(node.deps);
    expect(first.accept_reminder).toBeGreaterThanOrEqual(1);
    node.clock.advance(3 * HOUR);
    const second = await runReferralTimers(node.deps);
    expect(second.accept_overdue).toBeGreaterThanOrEqual(1);
    const third = await runReferralTimers(node.deps);
    expect(third).toEqual({ accept_reminder: 0, accept_overdue: 0, service_overdue: 0 });
    const supervisor = await node.login('supervisor');
    const escalations = (await inbox(supervisor)).items.filter(
      (n: { kind: string; params: { number: string } }) =>
        n.kind === 'referral_accept_overdue' && n.params.number === referral.number,
    );
    expect(escalations).toHaveLength(1);
    ngo = await node.login('ngo');
    const ngoKinds = (await inbox(ngo)).items
      .filter((n: { params: { number: string } }) => n.params.number === referral.number)
      .map((n: { kind: string }) => n.kind);
    expect(ngoKinds).toEqual([
      'referral_accept_overdue',
      'referral_accept_reminder',
      'referral_received',
    ]);
    const seen = (await ngo.get(`/api/v1/referrals/${referral.id}`)).json();
    expect(seen.overdue).toBe(true);
    expect(seen.events.map((e: { type: string }) => e.type)).toEqual([
      'sent',
      'accept_reminder',
      'accept_overdue',
    ]);
    social = await node.login('socialworker');
    // Many at once: one message per person, pointing at the overdue list.
    await refer(caseId);
    await refer(caseId);
    node.clock.advance(3 * HOUR);
    await runReferralTimers(node.deps);
    const digest = (await inbox(await node.login('supervisor'))).items[0];
    expect(digest).toMatchObject({
      kind: 'referral_accept_overdue_many',
      params: { count: 2 },
      link: '/referrals?box=sent&overdue=true',
    });
    social = await node.login('socialworker');
    ngo = await node.login('ngo');
  });

  it('emails and texts a reference and a link only, in the recipient’s language, retrying a gateway that is down', async () => {
    smtp.mails.length = 0;
    sms.sent.length = 0;
    await node.deps.db
      .updateTable('app_user')
      .set({ language: 'fr' })
      .where('username', '=', 'socialworker')
      .execute();
    sms.mode = 'down';
    const referral = (await refer(caseId)).json();
    await ngo.post(`/api/v1/referrals/${referral.id}/actions`, { type: 'accept', version: 1 });
    const firstPass = await deliverDue(node.deps);
    expect(firstPass.sent).toBeGreaterThanOrEqual(1);
    expect(firstPass.failed).toBeGreaterThanOrEqual(1);
    const toSocial = smtp.mails.find(
      (m) => m.to.includes('social@cp.test') && m.subject.includes(referral.number),
    );
    expect(toSocial?.subject).toContain(`L’orientation ${referral.number} a été acceptée`);
    expect(toSocial?.text).toContain(`https://pathfinder.example.org/referrals/${referral.id}`);
    for (const mail of smtp.mails) {
      expect(mail.text).not.toMatch(/Sunita|Tharu|border|Intercepted/i);
      expect(mail.from).toBe('noreply@pathfinder.test');
    }
    const pending = await node.deps.db
      .selectFrom('notification_delivery')
      .selectAll()
      .where('channel', '=', 'sms')
      .where('state', '=', 'pending')
      .execute();
    expect(pending.length).toBeGreaterThanOrEqual(1);
    expect(pending[0]?.attempts).toBe(1);
    expect(pending[0]?.last_error).toMatch(/500/);
    // Visible in the recipient's inbox.
    social = await node.login('socialworker');
    const listed = (await inbox(social)).items.find(
      (n: { kind: string; params: { number: string } }) => n.params.number === referral.number,
    );
    expect(listed.deliveries).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ channel: 'sms', state: 'pending', attempts: 1 }),
      ]),
    );
    // Not retried before its time; retried after, and sent.
    sms.mode = 'ok';
    expect((await deliverDue(node.deps)).sent).toBe(0);
    node.clock.advance(2 * 60_000);
    expect((await deliverDue(node.deps)).sent).toBeGreaterThanOrEqual(1);
    const text = sms.sent.find(
      (s) => s.to === '+9779812345678' && s.message.includes(referral.number),
    );
    expect(text).toMatchObject({ username: 'sandbox', apiKey: 'at-test-key' });
    expect(text?.message).toContain(referral.number);
    expect(text?.message).not.toMatch(/Sunita|Tharu/);
    // A number the gateway rejects fails for good, without endless retries.
    sms.mode = 'invalid_number';
    const other = (await refer(caseId)).json();
    await ngo.post(`/api/v1/referrals/${other.id}/actions`, {
      type: 'decline',
      version: 1,
      reason: 'Full tonight.',
    });
    await deliverDue(node.deps);
    const failed = await node.deps.db
      .selectFrom('notification_delivery')
      .select(['state', 'last_error'])
      .where('channel', '=', 'sms')
      .where('state', '=', 'failed')
      .execute();
    expect(failed.length).toBe(1);
    expect(failed[0]?.last_error).toMatch(/403/);
    sms.mode = 'ok';
  });

  it('streams the inbox live: a new referral reaches the receiver’s open stream at once', async () => {
    ngo = await node.login('ngo');
    social = await node.login('socialworker');
    const address = await node.app.listen({ port: 0, host: '127.0.0.1' });
    const abort = new AbortController();
    const response = await fetch(`${address}/api/v1/notifications/stream`, {
      headers: { cookie: `pf_session=${ngo.cookie}` },
      signal: abort.signal,
    });
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    const nextEvent = async (): Promise<{ unread: number }> => {
      for (;;) {
        const end = buffer.indexOf('\n\n');
        if (end >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const data = block.split('\n').find((l) => l.startsWith('data: '));
          if (block.startsWith('event: inbox') && data) return JSON.parse(data.slice(6));
          continue;
        }
        const { value, done } = await reader.read();
        if (done) throw new Error('stream ended');
        buffer += decoder.decode(value, { stream: true });
      }
    };
    const first = await nextEvent();
    await refer(caseId);
    const second = await nextEvent();
    expect(second.unread).toBe(first.unread + 1);
    expect(node.deps.inbox.size).toBe(1);
    abort.abort();
    await reader.cancel().catch(() => {});
    // Closing the tab unsubscribes.
    for (let i = 0; i < 50 && node.deps.inbox.size > 0; i++)
      await new Promise((r) => setTimeout(r, 20));
    expect(node.deps.inbox.size).toBe(0);
    // A stream left open does not hold up shutdown (afterAll closes the node with it open).
    const left = await fetch(`${address}/api/v1/notifications/stream`, {
      headers: { cookie: `pf_session=${ngo.cookie}` },
    });
    expect(left.status).toBe(200);
  });

  it('measures time to referral, acceptance and first service; analysts see no small groups', async () => {
    social = await node.login('socialworker');
    ngo = await node.login('ngo');
    const fresh = await openCase('female', 13, 'NPL-D-BANKE');
    await social.post(`/api/v1/cases/${fresh.id}/consents`, {
      purpose: 'sharing',
      given: true,
      givenBy: 'person',
      agencyTypes: ['ngo'],
    });
    node.clock.advance(3 * HOUR);
    social = await node.login('socialworker');
    const referral = (await refer(fresh.id, { serviceId: COUNSELLING })).json();
    node.clock.advance(10 * HOUR);
    ngo = await node.login('ngo');
    await ngo.post(`/api/v1/referrals/${referral.id}/actions`, { type: 'accept', version: 1 });
    node.clock.advance(5 * HOUR);
    social = await node.login('socialworker');
    ngo = await node.login('ngo');
    await ngo.post(`/api/v1/referrals/${referral.id}/actions`, {
      type: 'start_service',
      version: 2,
    });
    const mine = (await social.get('/api/v1/stats/referral-delays?groupBy=service_type')).json();
    const row = mine.recent.find((r: { referralId: string }) => r.referralId === referral.id);
    expect(row).toMatchObject({
      caseReference: fresh.reference,
      serviceType: 'psychosocial_support',
      toFirstReferralHours: 3,
      toAcceptanceHours: 10,
      toFirstServiceHours: 5,
    });
    const counselling = mine.groups.find((g: { key: string }) => g.key === 'psychosocial_support');
    expect(counselling.toAcceptance.n).toBeGreaterThanOrEqual(1);
    expect(counselling.toAcceptance.withinTargetPct).toBe(100); // 10 h within the 24 h target
    expect(mine.overall.toAcceptance.n).toBeGreaterThanOrEqual(counselling.toAcceptance.n);
    // The receiver sees the delay, not the referrer's case reference.
    const theirs = (await ngo.get('/api/v1/stats/referral-delays')).json();
    expect(
      theirs.recent.find((r: { referralId: string }) => r.referralId === referral.id).caseReference,
    ).toBeNull();
    // An analyst: aggregates only, groups under 5 cases withheld, no list of referrals.
    const analyst = await node.login('analyst');
    const stats = (await analyst.get('/api/v1/stats/referral-delays?groupBy=area')).json();
    expect(stats.recent).toEqual([]);
    expect(stats.minimumCell).toBe(5);
    for (const g of stats.groups) expect(g.toAcceptance.medianHours).toBeNull();
    expect(
      (await analyst.get('/api/v1/stats/referral-delays?from=2026-12-01&to=2026-01-01')).statusCode,
    ).toBe(400);
  });

  it('marks notifications read and keeps channel preferences with a valid phone', async () => {
    police = await node.login('police');
    ngo = await node.login('ngo');
    const before = await inbox(ngo);
    expect(before.unread).toBeGreaterThan(0);
    const one = await ngo.post(`/api/v1/notifications/${before.items[0].id}/read`);
    expect(one.json().unread).toBe(before.unread - 1);
    expect((await ngo.post('/api/v1/notifications/read-all')).json().unread).toBe(0);
    expect((await police.post(`/api/v1/notifications/${before.items[1].id}/read`)).statusCode).toBe(
      404,
    );
    const prefs = await ngo.patch('/api/v1/me/notifications', {
      sms: true,
      phone: '+977 981-2345678',
    });
    expect(prefs.statusCode, prefs.body).toBe(200);
    expect(prefs.json()).toMatchObject({
      sms: true,
      phone: '+9779812345678',
      available: { email: true, sms: true },
    });
    expect((await ngo.patch('/api/v1/me/notifications', { phone: '12345' })).json().code).toBe(
      'invalid_phone',
    );
    expect(
      (await ngo.patch('/api/v1/me/notifications', { sms: true, phone: null })).json().code,
    ).toBe('phone_required');
    // Clearing the number turns SMS off rather than failing.
    expect((await ngo.patch('/api/v1/me/notifications', { phone: null })).json()).toMatchObject({
      sms: false,
      phone: null,
    });
    // Analysts learn which groups are withheld.
    const analyst = await node.login('analyst');
    const stats = (await analyst.get('/api/v1/stats/referral-delays?groupBy=area')).json();
    expect(stats.groups.every((g: { withheld: boolean }) => g.withheld)).toBe(true);
  });
});

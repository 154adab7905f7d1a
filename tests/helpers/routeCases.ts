import { createHash } from 'node:crypto';
import { type Client, DEMO_PASSWORD, type TestNode } from './testNode.ts';

/**
 * Every API route with a sound example request and who may make it. The
 * access-matrix test walks it for every role; the bad-input test mutates the
 * example bodies. A new route must add its row here.
 */
export type Who = 'anonymous' | 'admin' | 'supervisor' | 'inspector' | 'analyst';
export const EVERYONE: Who[] = ['anonymous', 'admin', 'supervisor', 'inspector', 'analyst'];
export const SIGNED_IN: Who[] = ['admin', 'supervisor', 'inspector', 'analyst'];

export interface Ids {
  socialworker: string;
  inspector: string;
  police: string;
  agency: string;
  /** A case of the inspector's agency (labour inspection), and a consent recorded on it. */
  caseId: string;
  consentId: string;
  /** A file attached to that case by the inspector. */
  attachmentId: string;
  /** A referral sent from that case (labour inspection → its own inspection service). */
  referralId: string;
  run: string;
  token: (who: Who) => Promise<string>;
  /** A registered device of each signed-in client, and a spare one of the inspector's to revoke. */
  devices: Partial<Record<Who, string>>;
  spareDeviceId: string;
  /** Resumable uploads of the inspector's on that case: one to feed, one to cancel. */
  uploadId: string;
  spareUploadId: string;
}

/** The announcement of a small PNG upload on a case. */
function uploadOf(id: string, caseId: string) {
  return {
    id,
    caseId,
    fileName: 'kiln.png',
    contentType: 'image/png',
    sizeBytes: TINY_PNG.length,
    sha256: createHash('sha256').update(TINY_PNG).digest('hex'),
  };
}

export interface Case {
  route: string; // "METHOD /path" as registered
  url: (ids: Ids, who: Who) => string;
  body?: (ids: Ids, who: Who) => unknown;
  /** A never-ending response (Server-Sent Events): only refusals are checked here. */
  stream?: boolean;
  /** Extra request headers (an upload's Content-Type). */
  headers?: Record<string, string>;
  allow: Who[];
  /** Status that counts as allowed when not 2xx (e.g. 409 from a sound request in a repeated run). */
  okStatus?: number[];
  /** Statuses that also count as refused: 404 where even a record's existence is need-to-know. */
  deniedAs?: number[];
}

const CASEWORKERS: Who[] = ['supervisor', 'inspector'];

/** A 1×1 PNG: the smallest real image an upload can carry. */
export const TINY_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

export const CASES: Case[] = [
  { route: 'GET /api/v1/persons', url: () => '/api/v1/persons?q=sita&age=13', allow: CASEWORKERS },
  {
    route: 'POST /api/v1/cases',
    url: () => '/api/v1/cases',
    body: () => ({
      person: { givenName: 'Sita', familyName: 'Tamang', sex: 'female', estimatedAge: 13 },
      topics: ['child_labour'],
      riskLevel: 'high',
      areaCode: 'NPL-D-BHAKTAPUR',
    }),
    allow: CASEWORKERS,
  },
  { route: 'GET /api/v1/cases', url: () => '/api/v1/cases?risk=high', allow: CASEWORKERS },
  {
    route: 'GET /api/v1/cases/:id',
    url: (ids) => `/api/v1/cases/${ids.caseId}`,
    allow: ['inspector'],
    deniedAs: [404],
  },
  {
    route: 'POST /api/v1/cases/:id/screenings',
    url: (ids) => `/api/v1/cases/${ids.caseId}/screenings`,
    body: () => ({
      kind: 'child_labour',
      inputs: {
        economicActivityHours: 20,
        householdChoresHours: 5,
        industry: '2392',
        conditions: ['dangerous_machinery_or_heavy_loads'],
        worstForms: [],
      },
    }),
    allow: ['inspector'],
    deniedAs: [404],
  },
  {
    route: 'GET /api/v1/cases/:id/notes',
    url: (ids) => `/api/v1/cases/${ids.caseId}/notes`,
    allow: ['inspector'],
    deniedAs: [404],
  },
  {
    route: 'POST /api/v1/cases/:id/notes',
    url: (ids) => `/api/v1/cases/${ids.caseId}/notes`,
    body: () => ({ text: 'Met the child at the kiln gate.', sensitive: false }),
    allow: ['inspector'],
    deniedAs: [404],
  },
  {
    route: 'GET /api/v1/cases/:id/consents',
    url: (ids) => `/api/v1/cases/${ids.caseId}/consents`,
    allow: ['inspector'],
    deniedAs: [404],
  },
  {
    route: 'POST /api/v1/cases/:id/consents',
    url: (ids) => `/api/v1/cases/${ids.caseId}/consents`,
    body: () => ({
      purpose: 'sharing',
      given: true,
      givenBy: 'parent_or_guardian',
      agencyTypes: ['child_protection'],
    }),
    allow: ['inspector'],
    deniedAs: [404],
  },
  {
    route: 'POST /api/v1/cases/:id/consents/:consentId/withdraw',
    url: (ids) => `/api/v1/cases/${ids.caseId}/consents/${ids.consentId}/withdraw`,
    allow: ['inspector'],
    deniedAs: [404],
  },
  { route: 'GET /api/v1/screening-rules', url: () => '/api/v1/screening-rules', allow: SIGNED_IN },
  {
    route: 'POST /api/v1/cases/:id/goals',
    url: (ids) => `/api/v1/cases/${ids.caseId}/goals`,
    body: () => ({ description: 'Back to school by January', dueDate: '2027-01-15' }),
    allow: ['inspector'],
    deniedAs: [404],
  },
  {
    route: 'POST /api/v1/cases/:id/interventions',
    url: (ids) => `/api/v1/cases/${ids.caseId}/interventions`,
    body: () => ({
      type: 'school_enrolment',
      startedOn: '2026-11-20',
      provider: 'District school',
    }),
    allow: ['inspector'],
    deniedAs: [404],
  },
  {
    route: 'POST /api/v1/cases/:id/follow-ups',
    url: (ids) => `/api/v1/cases/${ids.caseId}/follow-ups`,
    body: () => ({
      visitedOn: '2026-11-25',
      stillWorking: false,
      inSchool: true,
      safe: true,
      withFamily: null,
    }),
    allow: ['inspector'],
    deniedAs: [404],
  },
  {
    route: 'POST /api/v1/cases/:id/transitions',
    url: (ids) => `/api/v1/cases/${ids.caseId}/transitions`,
    body: () => ({ action: 'start_assessment', version: 999_999 }),
    allow: ['inspector'],
    okStatus: [409],
    deniedAs: [404],
  },
  {
    route: 'POST /api/v1/cases/:id/assignment',
    url: (ids) => `/api/v1/cases/${ids.caseId}/assignment`,
    body: (ids) => ({ userId: ids.inspector, version: 999_999 }),
    allow: ['inspector'],
    okStatus: [409],
    deniedAs: [404],
  },
  {
    route: 'PUT /api/v1/cases/:id/forms/:slot',
    url: (ids) => `/api/v1/cases/${ids.caseId}/forms/assessment`,
    body: () => ({ answers: { sleeps_at_workplace: 'yes' } }),
    allow: ['inspector'],
    deniedAs: [404],
  },
  { route: 'GET /api/v1/case-assignees', url: () => '/api/v1/case-assignees', allow: CASEWORKERS },
  { route: 'GET /api/v1/tasks', url: () => '/api/v1/tasks?mine=true', allow: CASEWORKERS },
  {
    route: 'POST /api/v1/cases/:id/attachments',
    url: (ids) => `/api/v1/cases/${ids.caseId}/attachments?name=kiln.png`,
    body: () => TINY_PNG,
    headers: { 'content-type': 'image/png' },
    allow: ['inspector'],
    deniedAs: [404],
  },
  {
    route: 'GET /api/v1/cases/:id/attachments',
    url: (ids) => `/api/v1/cases/${ids.caseId}/attachments`,
    allow: ['inspector'],
    deniedAs: [404],
  },
  {
    route: 'GET /api/v1/cases/:id/attachments/:attachmentId',
    url: (ids) => `/api/v1/cases/${ids.caseId}/attachments/${ids.attachmentId}`,
    allow: ['inspector'],
    deniedAs: [404],
  },
  {
    route: 'DELETE /api/v1/cases/:id/attachments/:attachmentId',
    url: (ids) => `/api/v1/cases/${ids.caseId}/attachments/${ids.attachmentId}`,
    allow: ['inspector'],
    deniedAs: [404],
  },
  {
    route: 'POST /api/v1/cases/:id/referrals',
    url: (ids) => `/api/v1/cases/${ids.caseId}/referrals`,
    body: () => ({
      serviceId: '5e7c0000-0000-4000-8000-000000000006',
      shareLevel: 'minimal',
      reason: 'Workplace inspection needed',
      consentOverride: 'Inspection of the workplace needs no personal details at all.',
      idempotencyKey: 'matrix-referral-1',
    }),
    allow: ['inspector'],
    deniedAs: [404],
  },
  { route: 'GET /api/v1/referrals', url: () => '/api/v1/referrals?box=sent', allow: CASEWORKERS },
  {
    route: 'GET /api/v1/referrals/:id',
    url: (ids) => `/api/v1/referrals/${ids.referralId}`,
    allow: ['inspector'],
    deniedAs: [404],
  },
  {
    route: 'POST /api/v1/referrals/:id/actions',
    url: (ids) => `/api/v1/referrals/${ids.referralId}/actions`,
    body: () => ({ type: 'cancel', version: 99, reason: 'Sent by mistake' }),
    allow: ['inspector'],
    okStatus: [409],
    deniedAs: [404],
  },
  {
    route: 'GET /api/v1/stats/referral-delays',
    url: () => '/api/v1/stats/referral-delays?groupBy=service_type',
    allow: ['supervisor', 'inspector', 'analyst'],
  },
  { route: 'GET /api/v1/notifications', url: () => '/api/v1/notifications', allow: SIGNED_IN },
  {
    route: 'POST /api/v1/notifications/:id/read',
    url: () => `/api/v1/notifications/${crypto.randomUUID()}/read`,
    // Nobody owns a made-up notification: 404 for everyone signed in.
    allow: [],
    deniedAs: [404],
  },
  {
    route: 'POST /api/v1/notifications/read-all',
    url: () => '/api/v1/notifications/read-all',
    allow: SIGNED_IN,
  },
  {
    route: 'GET /api/v1/notifications/stream',
    url: () => '/api/v1/notifications/stream',
    allow: SIGNED_IN,
    stream: true,
  },
  {
    route: 'GET /api/v1/me/notifications',
    url: () => '/api/v1/me/notifications',
    allow: SIGNED_IN,
  },
  {
    route: 'PATCH /api/v1/me/notifications',
    url: () => '/api/v1/me/notifications',
    body: () => ({ email: true }),
    allow: SIGNED_IN,
  },
  { route: 'GET /api/v1/meta', url: () => '/api/v1/meta', allow: EVERYONE },
  { route: 'GET /api/v1/auth/session', url: () => '/api/v1/auth/session', allow: EVERYONE },
  { route: 'GET /api/v1/openapi.json', url: () => '/api/v1/openapi.json', allow: EVERYONE },
  { route: 'GET /api/v1/docs', url: () => '/api/v1/docs', allow: EVERYONE },
  {
    route: 'POST /api/v1/test/jobs/:name',
    url: () => '/api/v1/test/jobs/audit-seal',
    allow: EVERYONE,
  },
  {
    route: 'POST /api/v1/test/clock',
    url: () => '/api/v1/test/clock',
    body: () => ({ advanceMs: 0 }),
    allow: EVERYONE,
  },
  { route: 'GET /api/v1/me', url: () => '/api/v1/me', allow: SIGNED_IN },
  {
    route: 'PATCH /api/v1/me',
    url: () => '/api/v1/me',
    body: () => ({ language: 'en' }),
    allow: SIGNED_IN,
  },
  {
    route: 'POST /api/v1/auth/password',
    url: () => '/api/v1/auth/password',
    body: () => ({ currentPassword: 'wrong-current-password', newPassword: 'some-new-passphrase' }),
    allow: SIGNED_IN,
    okStatus: [400],
  },
  { route: 'POST /api/v1/auth/totp/setup', url: () => '/api/v1/auth/totp/setup', allow: SIGNED_IN },
  {
    route: 'POST /api/v1/auth/totp/confirm',
    url: () => '/api/v1/auth/totp/confirm',
    body: () => ({ code: '000000' }),
    allow: SIGNED_IN,
    okStatus: [400],
  },
  {
    route: 'POST /api/v1/auth/totp/disable',
    url: () => '/api/v1/auth/totp/disable',
    body: () => ({ password: DEMO_PASSWORD }),
    allow: SIGNED_IN,
  },
  { route: 'GET /api/v1/users', url: () => '/api/v1/users', allow: ['admin', 'supervisor'] },
  {
    route: 'POST /api/v1/users',
    url: () => '/api/v1/users',
    body: (ids, who) => ({
      username: `new-${who}-${ids.run}`,
      password: 'a-long-temporary-pass',
      displayName: 'New Person',
      agencyId: ids.agency,
      roleIds: ['caseworker'],
      areaCodes: [],
      language: 'en',
    }),
    allow: ['admin'],
  },
  {
    route: 'GET /api/v1/users/:id',
    url: (ids) => `/api/v1/users/${ids.socialworker}`,
    allow: ['admin', 'supervisor'],
  },
  // Same route, another agency's staff member: the supervisor may not see them.
  {
    route: 'GET /api/v1/users/:id',
    url: (ids) => `/api/v1/users/${ids.inspector}`,
    allow: ['admin', 'inspector'],
  },
  {
    route: 'PATCH /api/v1/users/:id',
    url: (ids) => `/api/v1/users/${ids.police}`,
    body: () => ({ version: 999_999, displayName: 'x' }),
    allow: ['admin'],
    okStatus: [409],
  },
  {
    route: 'POST /api/v1/users/:id/reset-password',
    url: (ids) => `/api/v1/users/${ids.police}/reset-password`,
    body: () => ({ password: 'temporary-password-9' }),
    allow: ['admin'],
  },
  {
    route: 'POST /api/v1/users/:id/unlock',
    url: (ids) => `/api/v1/users/${ids.police}/unlock`,
    allow: ['admin'],
  },
  {
    route: 'POST /api/v1/users/:id/reset-mfa',
    url: (ids) => `/api/v1/users/${ids.police}/reset-mfa`,
    allow: ['admin'],
  },
  { route: 'GET /api/v1/agencies', url: () => '/api/v1/agencies', allow: SIGNED_IN },
  {
    route: 'GET /api/v1/agencies/:id',
    url: (ids) => `/api/v1/agencies/${ids.agency}`,
    allow: SIGNED_IN,
  },
  {
    route: 'POST /api/v1/agencies',
    url: () => '/api/v1/agencies',
    body: (ids, who) => ({
      code: `AG-${who}-${ids.run}`,
      name: 'Agency',
      type: 'ngo',
      areaCodes: ['NPL-P3'],
    }),
    allow: ['admin'],
  },
  {
    route: 'PATCH /api/v1/agencies/:id',
    url: (ids) => `/api/v1/agencies/${ids.agency}`,
    body: () => ({ version: 999_999, name: 'x' }),
    allow: ['admin'],
    okStatus: [409],
  },
  { route: 'GET /api/v1/roles', url: () => '/api/v1/roles', allow: ['admin'] },
  {
    route: 'POST /api/v1/roles',
    url: () => '/api/v1/roles',
    body: (ids, who) => ({
      id: `r-${who}-${ids.run}`,
      name: 'R',
      description: '',
      permissions: [],
      requireMfa: false,
    }),
    allow: ['admin'],
  },
  {
    route: 'PATCH /api/v1/roles/:id',
    url: () => '/api/v1/roles/analyst',
    body: () => ({ version: 999_999, name: 'x' }),
    allow: ['admin'],
    okStatus: [409],
  },
  {
    route: 'DELETE /api/v1/roles/:id',
    url: (ids) => `/api/v1/roles/r-admin-${ids.run}`,
    allow: ['admin'],
  },
  { route: 'GET /api/v1/areas', url: () => '/api/v1/areas?parent=NPL', allow: SIGNED_IN },
  { route: 'GET /api/v1/areas/:code', url: () => '/api/v1/areas/NPL-P3', allow: SIGNED_IN },
  {
    route: 'POST /api/v1/areas',
    url: () => '/api/v1/areas',
    body: (ids, who) => ({
      code: `X-${who}-${ids.run}`,
      level: 3,
      parentCode: 'NPL-D-KATHMANDU',
      defaultName: 'Ward',
      names: { en: 'Ward' },
    }),
    allow: ['admin'],
  },
  {
    route: 'PATCH /api/v1/areas/:code',
    url: () => '/api/v1/areas/NPL-P3',
    body: () => ({ version: 999_999, defaultName: 'x' }),
    allow: ['admin'],
    okStatus: [409],
  },
  { route: 'GET /api/v1/audit', url: () => '/api/v1/audit', allow: ['admin'] },
  {
    route: 'GET /api/v1/tokens',
    url: () => '/api/v1/tokens',
    allow: ['admin', 'supervisor', 'analyst'],
  },
  {
    route: 'POST /api/v1/tokens',
    url: () => '/api/v1/tokens',
    body: () => ({ name: 'matrix', scopes: ['token:write:own'], expiresInDays: 1 }),
    allow: ['admin', 'supervisor', 'analyst'],
  },
  {
    route: 'DELETE /api/v1/tokens/:id',
    url: () => '/api/v1/tokens/:tokenOfCaller',
    allow: ['admin', 'supervisor', 'analyst'],
  },
  {
    route: 'POST /api/v1/auth/login',
    url: () => '/api/v1/auth/login',
    body: () => ({ username: 'ngo', password: DEMO_PASSWORD }),
    allow: EVERYONE,
  },
  {
    route: 'POST /api/v1/auth/login/mfa',
    url: () => '/api/v1/auth/login/mfa',
    body: () => ({ code: '000000' }),
    // Only a session waiting for its second factor may use it: everyone else is refused.
    allow: [],
  },
  { route: 'POST /api/v1/auth/logout', url: () => '/api/v1/auth/logout', allow: EVERYONE },
  {
    route: 'POST /api/v1/devices',
    url: () => '/api/v1/devices',
    body: () => ({ id: crypto.randomUUID(), label: 'Field tablet' }),
    allow: SIGNED_IN,
  },
  { route: 'GET /api/v1/devices', url: () => '/api/v1/devices', allow: SIGNED_IN },
  {
    route: 'GET /api/v1/users/:id/devices',
    url: (ids) => `/api/v1/users/${ids.inspector}/devices`,
    allow: ['admin'],
  },
  {
    route: 'POST /api/v1/devices/:id/revoke',
    url: (ids) => `/api/v1/devices/${ids.spareDeviceId}/revoke`,
    allow: ['admin', 'inspector'],
    deniedAs: [404],
  },
  {
    route: 'PATCH /api/v1/cases/:id/fields',
    url: (ids) => `/api/v1/cases/${ids.caseId}/fields`,
    body: () => ({ version: 1, fields: { 'case.riskLevel': { value: 'medium' } } }),
    allow: ['inspector'],
    deniedAs: [404],
  },
  {
    route: 'POST /api/v1/uploads',
    url: () => '/api/v1/uploads',
    body: (ids) => uploadOf(crypto.randomUUID(), ids.caseId),
    allow: ['inspector'],
    deniedAs: [404],
  },
  {
    route: 'GET /api/v1/uploads/:id',
    url: (ids) => `/api/v1/uploads/${ids.uploadId}`,
    allow: ['inspector'],
    deniedAs: [404],
  },
  {
    route: 'PATCH /api/v1/uploads/:id',
    url: (ids) => `/api/v1/uploads/${ids.uploadId}`,
    body: () => TINY_PNG,
    headers: { 'content-type': 'application/offset+octet-stream', 'upload-offset': '0' },
    allow: ['inspector'],
    deniedAs: [404],
  },
  {
    route: 'DELETE /api/v1/uploads/:id',
    url: (ids) => `/api/v1/uploads/${ids.spareUploadId}`,
    allow: ['inspector'],
    deniedAs: [404],
  },
  {
    route: 'POST /api/v1/sync/push',
    url: () => '/api/v1/sync/push',
    body: (ids, who) => ({
      deviceId: ids.devices[who] ?? crypto.randomUUID(),
      mutations: [
        {
          mutationId: crypto.randomUUID(),
          kind: 'case.open',
          payload: {
            person: { givenName: 'Asha', sex: 'female', estimatedAge: 12 },
            topics: ['child_labour'],
            riskLevel: 'medium',
            areaCode: 'NPL-D-BHAKTAPUR',
          },
        },
      ],
    }),
    allow: CASEWORKERS,
  },
  {
    route: 'POST /api/v1/sync',
    url: () => '/api/v1/sync',
    body: (ids, who) => ({ deviceId: ids.devices[who] ?? crypto.randomUUID(), mutations: [] }),
    allow: CASEWORKERS,
  },
  {
    route: 'GET /api/v1/sync/pull',
    url: (ids, who) => `/api/v1/sync/pull?deviceId=${ids.devices[who] ?? crypto.randomUUID()}`,
    allow: CASEWORKERS,
  },
  {
    route: 'GET /api/v1/sync/reference',
    url: (ids, who) => `/api/v1/sync/reference?deviceId=${ids.devices[who] ?? crypto.randomUUID()}`,
    allow: CASEWORKERS,
  },
  {
    route: 'GET /api/v1/sync/conflicts',
    url: () => '/api/v1/sync/conflicts?state=all',
    allow: CASEWORKERS,
  },
  {
    route: 'POST /api/v1/sync/conflicts/:id/resolve',
    url: () => `/api/v1/sync/conflicts/${crypto.randomUUID()}/resolve`,
    body: () => ({ choice: 'server' }),
    // No conflict of the caller's agency has this id: refused or not found for everyone.
    allow: [],
    deniedAs: [404],
  },
];

/** The ids the example requests refer to, on a node seeded with the demo pack. */
export async function loadIds(node: TestNode, clients: Partial<Record<Who, Client>>): Promise<Ids> {
  const id = async (u: string) =>
    (
      await node.deps.db
        .selectFrom('app_user')
        .select('id')
        .where('username', '=', u)
        .executeTakeFirstOrThrow()
    ).id;
  const agency = await node.deps.db
    .selectFrom('agency')
    .select('id')
    .where('code', '=', 'NPL-NGO-BORDER')
    .executeTakeFirstOrThrow();
  let caseId: string = crypto.randomUUID();
  const opened = await clients.inspector?.post('/api/v1/cases', {
    person: { givenName: 'Maya', familyName: 'Lama', sex: 'female', birthDate: '2013-03-02' },
    topics: ['child_labour'],
    riskLevel: 'high',
    areaCode: 'NPL-D-BHAKTAPUR',
  });
  if (opened?.statusCode === 201) caseId = (opened.json() as { id: string }).id;
  const consent = await clients.inspector?.post(`/api/v1/cases/${caseId}/consents`, {
    purpose: 'statistics',
    given: true,
    givenBy: 'parent_or_guardian',
  });
  const attached = await clients.inspector?.request(
    'POST',
    `/api/v1/cases/${caseId}/attachments?name=kiln.png`,
    TINY_PNG,
    { 'content-type': 'image/png' },
  );
  const attachmentId =
    attached?.statusCode === 201 ? (attached.json() as { id: string }).id : crypto.randomUUID();
  const announce = async (id: string) => {
    await clients.inspector?.post('/api/v1/uploads', uploadOf(id, caseId));
    return id;
  };
  const uploadId = await announce(crypto.randomUUID());
  const spareUploadId = await announce(crypto.randomUUID());
  const referred = await clients.inspector?.post(`/api/v1/cases/${caseId}/referrals`, {
    serviceId: '5e7c0000-0000-4000-8000-000000000006',
    shareLevel: 'minimal',
    reason: 'Inspect the kiln',
    consentOverride: 'Inspection of the workplace needs no personal details at all.',
    idempotencyKey: 'load-ids-referral',
  });
  const referralId =
    referred?.statusCode === 201 ? (referred.json() as { id: string }).id : crypto.randomUUID();
  const consentId =
    consent?.statusCode === 201 ? (consent.json() as { id: string }).id : crypto.randomUUID();
  const devices: Partial<Record<Who, string>> = {};
  for (const [who, client] of Object.entries(clients) as [Who, Client][]) {
    if (who === 'anonymous') continue;
    const id = crypto.randomUUID();
    const res = await client.post('/api/v1/devices', { id, label: `${who} tablet` });
    if (res.statusCode === 200) devices[who] = id;
  }
  const spareDeviceId = crypto.randomUUID();
  await clients.inspector?.post('/api/v1/devices', { id: spareDeviceId, label: 'spare' });
  return {
    devices,
    spareDeviceId,
    uploadId,
    spareUploadId,
    caseId,
    consentId,
    attachmentId,
    referralId,
    socialworker: await id('socialworker'),
    inspector: await id('inspector'),
    police: await id('police'),
    agency: agency.id,
    run: String(Date.now()),
    token: async (who) => {
      const res = await clients[who]?.post('/api/v1/tokens', {
        name: 'to revoke',
        scopes: ['token:write:own'],
        expiresInDays: 1,
      });
      return res?.statusCode === 201 ? (res.json() as { id: string }).id : crypto.randomUUID();
    },
  };
}

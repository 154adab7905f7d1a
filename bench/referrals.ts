// Referral benchmark (issue #4): the round trip create → notification email
// received by a local SMTP server → accept, on loopback (p95 over
// BENCH_ROUNDTRIPS sequential trips), and one escalation pass over
// BENCH_OPEN_REFERRALS (default 100,000) overdue referrals. SQLite, and
// PostgreSQL when PATHFINDER_TEST_PG_URL is set.
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { quantile } from '../src/core/index.ts';
import { loadConfig } from '../src/server/config.ts';
import { runReferralTimers } from '../src/server/jobs/referralTimers.ts';
import { openDeps } from '../src/server/node.ts';
import { startSmtp } from '../tests/helpers/fakeGateways.ts';
import { benchEnv, CLI, emit, login, scratchPostgres, startServer, stopServer } from './lib.ts';

const ROUNDTRIPS = Number(process.env.BENCH_ROUNDTRIPS ?? 200);
const OPEN = Number(process.env.BENCH_OPEN_REFERRALS ?? 100_000);
const SHELTER = '5e7c0000-0000-4000-8000-000000000001';

function cli(args: string[], env: NodeJS.ProcessEnv): void {
  const r = spawnSync(process.execPath, [CLI, ...args], { env, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`pathfinder ${args.join(' ')} failed: ${r.stderr}`);
}

async function api(
  url: string,
  who: { cookie: string; csrf: string },
  method: string,
  path: string,
  body?: unknown,
) {
  const res = await fetch(`${url}/api/v1${path}`, {
    method,
    headers: {
      cookie: who.cookie,
      'x-csrf-token': who.csrf,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const json = (await res.json()) as Record<string, unknown>;
  if (res.status >= 300)
    throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}

async function measure(db: 'sqlite' | 'postgres', extra: Record<string, string>): Promise<void> {
  const smtp = await startSmtp();
  const env = benchEnv({ ...extra, PATHFINDER_SMTP_URL: smtp.url, PATHFINDER_JOBS: 'true' });
  cli(['seed'], env);
  // In this process only the escalation pass runs: deliveries are the server's business.
  const { deps, database } = openDeps(loadConfig({ ...env, PATHFINDER_JOBS: 'false' }));
  try {
    await deps.db
      .updateTable('app_user')
      .set({ email: 'ngo@bench.test' })
      .where('username', '=', 'ngo')
      .execute();
    const server = await startServer(env);
    try {
      const social = await login(server.url, 'socialworker');
      const ngo = await login(server.url, 'ngo');
      const kase = await api(server.url, social, 'POST', '/cases', {
        person: { givenName: 'Bench', familyName: 'Girl', sex: 'female', estimatedAge: 14 },
        topics: ['trafficking'],
        riskLevel: 'high',
        areaCode: 'NPL-D-BANKE',
      });
      await api(server.url, social, 'POST', `/cases/${kase.id}/consents`, {
        purpose: 'sharing',
        given: true,
        givenBy: 'person',
        agencyTypes: ['ngo'],
      });
      const times: number[] = [];
      for (let i = 0; i < ROUNDTRIPS; i++) {
        const started = performance.now();
        const referral = await api(server.url, social, 'POST', `/cases/${kase.id}/referrals`, {
          serviceId: SHELTER,
          shareLevel: 'minimal',
          reason: 'Bench round trip',
          idempotencyKey: `bench-${Date.now()}-${i}`,
        });
        const number = String(referral.number);
        while (!smtp.mails.some((m) => m.subject.includes(number)))
          await new Promise((r) => setTimeout(r, 2));
        await api(server.url, ngo, 'POST', `/referrals/${referral.id}/actions`, {
          type: 'accept',
          version: 1,
        });
        times.push(performance.now() - started);
      }
      const sorted = [...times].sort((a, b) => a - b);
      emit('referrals.roundtrip.p95_ms', quantile(sorted, 0.95) ?? 0, 'ms', {
        db,
        trips: ROUNDTRIPS,
        p50_ms: Math.round(quantile(sorted, 0.5) ?? 0),
        max_ms: Math.round(sorted.at(-1) ?? 0),
      });
    } finally {
      await stopServer(server.child);
    }

    // The escalation pass: OPEN referrals past their acceptance target.
    const service = await deps.db
      .selectFrom('service')
      .innerJoin('organization', 'organization.id', 'service.organization_id')
      .select(['service.id', 'organization.agency_id'])
      .where('service.id', '=', SHELTER)
      .executeTakeFirstOrThrow();
    const from = await deps.db
      .selectFrom('case_file')
      .select(['id', 'owner_agency_id', 'created_by'])
      .limit(1)
      .executeTakeFirstOrThrow();
    const due = new Date(Date.now() - 3_600_000).toISOString();
    for (let i = 0; i < OPEN; i += 2000) {
      const rows = Array.from({ length: Math.min(2000, OPEN - i) }, (_, j) => ({
        id: crypto.randomUUID(),
        case_id: from.id,
        from_agency_id: from.owner_agency_id,
        to_agency_id: service.agency_id as string,
        service_id: service.id,
        state: 'sent',
        share_level: 'minimal',
        shared_fields: '[]',
        reason: '',
        consent_id: null,
        consent_override: 'bench',
        idempotency_key: `bench-open-${i + j}`,
        created_by: from.created_by,
        assigned_user_id: null,
        decline_reason: null,
        info_request: null,
        outcome: null,
        outcome_note: null,
        feedback: null,
        sent_at: due,
        accepted_at: null,
        declined_at: null,
        info_requested_at: null,
        service_started_at: null,
        completed_at: null,
        cancelled_at: null,
        feedback_at: null,
        accept_due_at: due,
        service_due_at: null,
        accept_reminded_at: null,
        accept_escalated_at: null,
        service_reminded_at: null,
        service_escalated_at: null,
        version: 1,
        updated_at: due,
      }));
      for (let k = 0; k < rows.length; k += 500)
        await deps.db
          .insertInto('referral')
          .values(rows.slice(k, k + 500))
          .execute();
    }
    const started = performance.now();
    const counts = await runReferralTimers(deps);
    const seconds = (performance.now() - started) / 1000;
    emit('referrals.escalation.seconds_100k', seconds * (100_000 / OPEN), 's', {
      db,
      open_referrals: OPEN,
      escalated: counts.accept_overdue,
      seconds: Math.round(seconds * 100) / 100,
    });
  } finally {
    await database.close();
    await smtp.close();
  }
}

await measure('sqlite', { PATHFINDER_DATA_DIR: mkdtempSync(join(tmpdir(), 'pf-bench-ref-')) });
const base = process.env.PATHFINDER_TEST_PG_URL;
if (base) {
  const scratch = await scratchPostgres(base, 'pf_bench_ref');
  try {
    await measure('postgres', {
      DATABASE_URL: scratch.url,
      PATHFINDER_DATA_DIR: mkdtempSync(join(tmpdir(), 'pf-bench-ref-')),
    });
  } finally {
    await scratch.drop();
  }
} else {
  process.stderr.write('PATHFINDER_TEST_PG_URL is not set: PostgreSQL figures skipped\n');
}

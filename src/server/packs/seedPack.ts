import { appendAudit } from '../audit/auditLog.ts';
import { hashPassword, randomToken } from '../auth/secrets.ts';
import type { Deps } from '../context.ts';
import { type DirectoryCounts, upsertDirectory } from '../services/directoryTransfer.ts';
import { forgetPackRules } from '../services/packRules.ts';
import type { CountryPack, PackArea } from './loadPack.ts';

export interface SeedResult {
  areas: number;
  agencies: number;
  roles: number;
  /** Service types and directory records created, updated or already equal. */
  directory: DirectoryCounts | null;
  /** Demo accounts created now, with the password (printed once, never stored in clear). */
  demoUsers: { username: string; roles: string[] }[];
  demoPassword: string | null;
}

/** Parents before children, so foreign keys hold while inserting. */
function byDepth(areas: PackArea[]): PackArea[] {
  return [...areas].sort((a, b) => a.level - b.level || a.code.localeCompare(b.code));
}

/**
 * Loads a country pack in one transaction: areas, agencies and roles are
 * inserted or updated by code (so a newer pack version updates a node); demo
 * users are created only when absent. Writes change-log and audit rows.
 */
export async function seedPack(
  deps: Deps,
  pack: CountryPack,
  options: { demoPassword?: string | undefined; actor?: string } = {},
): Promise<SeedResult> {
  const { db, clock } = deps;
  const now = clock.now().toISOString();
  const demoPassword = pack.demoUsers.length ? (options.demoPassword ?? randomToken(12)) : null;
  const demoHash = demoPassword ? await hashPassword(demoPassword) : null;
  const created: SeedResult['demoUsers'] = [];
  let directory: DirectoryCounts | null = null;

  await db.transaction().execute(async (trx) => {
    const changes: {
      entity: string;
      entity_id: string;
      version: number;
      agency_id: string | null;
      area_code: string | null;
      at: string;
    }[] = [];
    const existingAreas = new Map(
      (await trx.selectFrom('area').select(['code', 'version']).execute()).map((a) => [
        a.code,
        a.version,
      ]),
    );
    for (const area of byDepth(pack.areas)) {
      const values = {
        level: area.level,
        parent_code: area.parentCode,
        default_name: area.defaultName,
        names: JSON.stringify(area.names),
        geometry: area.geometry ? JSON.stringify(area.geometry) : null,
        updated_at: now,
      };
      const version = existingAreas.get(area.code);
      if (version === undefined) {
        await trx
          .insertInto('area')
          .values({ code: area.code, ...values, version: 1 })
          .execute();
      } else {
        await trx
          .updateTable('area')
          .set({ ...values, version: version + 1 })
          .where('code', '=', area.code)
          .execute();
      }
      changes.push({
        entity: 'area',
        entity_id: area.code,
        version: (version ?? 0) + 1,
        agency_id: null,
        area_code: area.code,
        at: now,
      });
    }

    for (const role of pack.roles) {
      const current = await trx
        .selectFrom('role')
        .select('version')
        .where('id', '=', role.id)
        .executeTakeFirst();
      const values = {
        name: role.name,
        description: role.description,
        permissions: JSON.stringify(role.permissions),
        require_mfa: role.requireMfa ? 1 : 0,
        updated_at: now,
      };
      if (current)
        await trx
          .updateTable('role')
          .set({ ...values, version: current.version + 1 })
          .where('id', '=', role.id)
          .execute();
      else
        await trx
          .insertInto('role')
          .values({ id: role.id, ...values, version: 1 })
          .execute();
      changes.push({
        entity: 'role',
        entity_id: role.id,
        version: (current?.version ?? 0) + 1,
        agency_id: null,
        area_code: null,
        at: now,
      });
    }

    const agencyIds = new Map<string, string>();
    for (const agency of pack.agencies) {
      const current = await trx
        .selectFrom('agency')
        .select(['id', 'version'])
        .where('code', '=', agency.code)
        .executeTakeFirst();
      const id = current?.id ?? crypto.randomUUID();
      agencyIds.set(agency.code, id);
      if (current) {
        await trx
          .updateTable('agency')
          .set({
            name: agency.name,
            type: agency.type,
            version: current.version + 1,
            updated_at: now,
          })
          .where('id', '=', id)
          .execute();
        await trx.deleteFrom('agency_area').where('agency_id', '=', id).execute();
      } else {
        await trx
          .insertInto('agency')
          .values({
            id,
            code: agency.code,
            name: agency.name,
            type: agency.type,
            disabled: 0,
            version: 1,
            created_at: now,
            updated_at: now,
          })
          .execute();
      }
      if (agency.areaCodes.length) {
        await trx
          .insertInto('agency_area')
          .values([...new Set(agency.areaCodes)].map((area_code) => ({ agency_id: id, area_code })))
          .execute();
      }
      changes.push({
        entity: 'agency',
        entity_id: id,
        version: (current?.version ?? 0) + 1,
        agency_id: id,
        area_code: null,
        at: now,
      });
    }

    if (pack.serviceTypes || pack.directory) {
      const m = pack.manifest;
      const seeded = await upsertDirectory(
        trx,
        {
          ...(pack.directory ?? {}),
          taxonomy_terms: (pack.serviceTypes?.types ?? []).map((t) => ({
            code: t.code,
            name: t.names[m.defaultLanguage] ?? t.names.en ?? t.code,
            names: t.names,
            description: t.description,
            taxonomy: pack.serviceTypes?.taxonomy,
            accept_hours: t.acceptHours,
            first_service_hours: t.firstServiceHours,
            targets_source: t.source,
          })),
        },
        now,
      );
      directory = seeded.counts;
      for (const c of seeded.changes)
        changes.push({
          entity: c.entity,
          entity_id: c.entityId,
          version: c.version,
          agency_id: null,
          area_code: null,
          at: now,
        });
    }

    for (const user of pack.demoUsers) {
      const exists = await trx
        .selectFrom('app_user')
        .select('id')
        .where('username', '=', user.username)
        .executeTakeFirst();
      const agencyId = agencyIds.get(user.agency);
      if (exists || !demoHash || !agencyId) continue;
      const id = crypto.randomUUID();
      await trx
        .insertInto('app_user')
        .values({
          id,
          username: user.username,
          display_name: user.displayName,
          email: null,
          agency_id: agencyId,
          language: user.language,
          password_hash: demoHash,
          password_changed_at: now,
          must_change_password: 0,
          disabled: 0,
          failed_logins: 0,
          locked_until: null,
          totp_secret: null,
          totp_last_step: null,
          totp_enabled: 0,
          version: 1,
          created_at: now,
          updated_at: now,
        })
        .execute();
      await trx
        .insertInto('user_role')
        .values(user.roles.map((role_id) => ({ user_id: id, role_id })))
        .execute();
      if (user.areas.length)
        await trx
          .insertInto('user_area')
          .values(user.areas.map((area_code) => ({ user_id: id, area_code })))
          .execute();
      changes.push({
        entity: 'user',
        entity_id: id,
        version: 1,
        agency_id: agencyId,
        area_code: null,
        at: now,
      });
      created.push({ username: user.username, roles: user.roles });
    }

    const m = pack.manifest;
    await trx
      .insertInto('pack')
      .values({
        id: m.id,
        name: m.name,
        version: m.version,
        country_code: m.country.code,
        languages: JSON.stringify(m.languages),
        default_language: m.defaultLanguage,
        settings: JSON.stringify(m.settings ?? {}),
        rules: JSON.stringify(pack.rules),
        loaded_at: now,
      })
      .onConflict((oc) =>
        oc.column('id').doUpdateSet({
          name: m.name,
          version: m.version,
          languages: JSON.stringify(m.languages),
          default_language: m.defaultLanguage,
          settings: JSON.stringify(m.settings ?? {}),
          rules: JSON.stringify(pack.rules),
          loaded_at: now,
        }),
      )
      .execute();
    for (let i = 0; i < changes.length; i += 200)
      await trx
        .insertInto('change_log')
        .values(changes.slice(i, i + 200))
        .execute();
    await appendAudit(
      trx,
      clock,
      { userId: options.actor ?? 'system', agencyId: null, requestId: null, ip: null },
      {
        action: 'pack.load',
        entity: 'pack',
        entityIds: [m.id],
        details: {
          version: m.version,
          areas: pack.areas.length,
          agencies: pack.agencies.length,
          roles: pack.roles.length,
          demoUsers: created.length,
          ...(directory && { directory }),
        },
      },
    );
  });

  forgetPackRules(db);
  return {
    areas: pack.areas.length,
    agencies: pack.agencies.length,
    roles: pack.roles.length,
    directory,
    demoUsers: created,
    demoPassword: created.length ? demoPassword : null,
  };
}

import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Permission, Principal } from '../core/index.ts';
import type { AuditActor } from './audit/auditLog.ts';
import type { Clock } from './clock.ts';
import type { Config } from './config.ts';
import type { Dialect } from './db/database.ts';
import type { Database } from './db/schema.ts';
import type { DeliveryKick } from './notify/deliveryKick.ts';
import type { InboxEvents } from './notify/events.ts';

/** What every service needs from the process: database, clock, settings, log. */
export interface Deps {
  db: Kysely<Database>;
  dialect: Dialect;
  clock: Clock;
  config: Config;
  log: Logger;
  /** Signals that users' inboxes changed (live notification stream). */
  inbox: InboxEvents;
  /** Starts sending email/SMS copies right after notifications are committed. */
  deliveries: DeliveryKick;
}

/** A signed-in user, or a machine client acting for one through an API token. */
export interface Actor extends Principal {
  username: string;
  displayName: string;
  language: string;
  roleIds: string[];
  totpEnabled: boolean;
  via: 'session' | 'token';
  /** Until these are done the session may only reach the pages that do them. */
  restrictions: ('password_change' | 'mfa_setup')[];
  sessionIdHash?: string;
  tokenId?: string;
}

/** One request as services see it: never an HTTP object. */
export interface Ctx {
  deps: Deps;
  actor: Actor | null;
  requestId: string;
  ip: string;
}

export function auditActor(ctx: Ctx): AuditActor {
  return {
    userId: ctx.actor?.userId ?? null,
    agencyId: ctx.actor?.agencyId ?? null,
    requestId: ctx.requestId,
    ip: ctx.ip,
  };
}

export type { Permission };

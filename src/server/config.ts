import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { MEDIA_TYPES } from './files/mediaTypes.ts';

/**
 * Every setting is an environment variable (documented in docs/configuration.md).
 * Values are read once at start; an invalid value stops the process with a clear message.
 */
export interface Config {
  env: 'production' | 'development' | 'test';
  host: string;
  port: number;
  dataDir: string;
  databaseUrl: string | undefined;
  dbPoolSize: number;
  demoPassword: string | undefined;
  publicUrl: string | undefined;
  trustProxy: boolean;
  secureCookies: 'auto' | 'always' | 'never';
  sessionIdleMinutes: number;
  sessionAbsoluteHours: number;
  sessionTouchSeconds: number;
  sessionCacheMs: number;
  rateLimitPerMinute: number;
  loginRateLimitPerMinute: number;
  loginMaxFailures: number;
  loginAddressMaxFailures: number;
  loginLockMinutes: number;
  bodyLimitBytes: number;
  /** Largest file a case may hold, and the kinds of file allowed (a subset of MEDIA_TYPES). */
  attachmentMaxBytes: number;
  attachmentTypes: string[];
  /** Email: `smtp://user:pass@host:587` or `smtps://…`; unset = no email is sent. */
  smtpUrl: string | undefined;
  mailFrom: string;
  /** SMS through Africa's Talking when its username and API key are set. */
  sms: { username: string; apiKey: string; url: string; senderId: string | undefined } | undefined;
  /** Attempts before a delivery is marked failed (retries back off from 1 minute to 6 hours). */
  deliveryMaxAttempts: number;
  /** Hours before an acceptance target at which the receiving agency is reminded. */
  referralReminderHours: number;
  /** Smallest group whose figures aggregate-only readers see (smaller ones are withheld). */
  minimumCell: number;
  /** Above this many records, a device is warned before its first pull (docs/sync.md). */
  syncWarnRecords: number;
  apiTokenMaxDays: number;
  logLevel: string;
  jobsEnabled: boolean;
  /** Local hours [from, to) in which the duplicate background pass may start (docs/linkage.md). */
  duplicatePassHours: { from: number; to: number };
  webDir: string;
}

export class ConfigError extends Error {}

/** `FROM-TO` in whole local hours (0–24, FROM < TO), e.g. `1-5`; `0-24` means any time. */
function hours(
  env: NodeJS.ProcessEnv,
  name: string,
  fallback: { from: number; to: number },
): { from: number; to: number } {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const m = /^(\d{1,2})-(\d{1,2})$/.exec(raw.trim());
  const from = Number(m?.[1]);
  const to = Number(m?.[2]);
  if (!m || from >= to || to > 24)
    throw new ConfigError(`${name} must be FROM-TO in hours, 0–24, FROM before TO (got "${raw}")`);
  return { from, to };
}

function int(env: NodeJS.ProcessEnv, name: string, fallback: number, min = 0): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) {
    throw new ConfigError(`${name} must be a whole number ≥ ${min} (got "${raw}")`);
  }
  return value;
}

function bool(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (['1', 'true', 'yes'].includes(raw.toLowerCase())) return true;
  if (['0', 'false', 'no'].includes(raw.toLowerCase())) return false;
  throw new ConfigError(`${name} must be true or false (got "${raw}")`);
}

/**
 * PostgreSQL connections per process: three per core. More only queue inside PostgreSQL: on 2
 * cores, 4–6 connections served 15–25% more reads and creates than 10 (bench/cases.ts, 2026-11-27).
 */
function defaultPoolSize(): number {
  return 3 * availableParallelism();
}

/** The allowed attachment types: all known ones unless the deployment narrows them. */
function attachmentTypes(raw: string | undefined): string[] {
  if (raw === undefined || raw.trim() === '') return [...MEDIA_TYPES];
  const types = raw
    .split(',')
    .map((t) => t.trim().toLowerCase())
    .filter((t) => t !== '');
  const unknown = types.filter((t) => !MEDIA_TYPES.includes(t));
  if (unknown.length > 0)
    throw new ConfigError(
      `PATHFINDER_ATTACHMENT_TYPES has unknown types: ${unknown.join(', ')} (known: ${MEDIA_TYPES.join(', ')})`,
    );
  return types;
}

/** The SMTP server's address, checked at start. */
function smtpUrl(raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError('PATHFINDER_SMTP_URL must be a URL such as smtp://host:587');
  }
  if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:')
    throw new ConfigError('PATHFINDER_SMTP_URL must start with smtp:// or smtps://');
  return raw;
}

/** Africa's Talking settings: both username and key, or neither. */
function smsSettings(env: NodeJS.ProcessEnv): Config['sms'] {
  const username = env.PATHFINDER_AT_USERNAME;
  const apiKey = env.PATHFINDER_AT_API_KEY;
  if (!username && !apiKey) return undefined;
  if (!username || !apiKey)
    throw new ConfigError('PATHFINDER_AT_USERNAME and PATHFINDER_AT_API_KEY go together');
  const url = env.PATHFINDER_AT_URL || 'https://api.africastalking.com/version1/messaging';
  if (!/^https?:\/\//.test(url)) throw new ConfigError(`PATHFINDER_AT_URL must be an http(s) URL`);
  return { username, apiKey, url, senderId: env.PATHFINDER_AT_SENDER_ID || undefined };
}

/** Reads the configuration from the environment. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const nodeEnv =
    env.NODE_ENV === 'test' || env.NODE_ENV === 'development' ? env.NODE_ENV : 'production';
  const secure = env.PATHFINDER_SECURE_COOKIES ?? 'auto';
  if (secure !== 'auto' && secure !== 'always' && secure !== 'never') {
    throw new ConfigError(
      `PATHFINDER_SECURE_COOKIES must be auto, always or never (got "${secure}")`,
    );
  }
  const databaseUrl = env.DATABASE_URL || undefined;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new ConfigError(
      'DATABASE_URL must be a postgres:// URL (leave it unset for the embedded SQLite database)',
    );
  }
  return {
    env: nodeEnv,
    host: env.HOST || '127.0.0.1',
    port: int(env, 'PORT', 8087),
    dataDir: resolve(env.PATHFINDER_DATA_DIR || './data'),
    databaseUrl,
    dbPoolSize: int(env, 'PATHFINDER_DB_POOL_SIZE', defaultPoolSize(), 1),
    demoPassword: env.PATHFINDER_DEMO_PASSWORD || undefined,
    publicUrl: env.PATHFINDER_PUBLIC_URL || undefined,
    trustProxy: bool(env, 'PATHFINDER_TRUST_PROXY', false),
    secureCookies: secure,
    sessionIdleMinutes: int(env, 'PATHFINDER_SESSION_IDLE_MINUTES', 30, 1),
    sessionAbsoluteHours: int(env, 'PATHFINDER_SESSION_ABSOLUTE_HOURS', 12, 1),
    sessionTouchSeconds: int(env, 'PATHFINDER_SESSION_TOUCH_SECONDS', 60, 1),
    sessionCacheMs: int(env, 'PATHFINDER_SESSION_CACHE_MS', 1000),
    rateLimitPerMinute: int(env, 'PATHFINDER_RATE_LIMIT_PER_MINUTE', 1200, 1),
    loginRateLimitPerMinute: int(env, 'PATHFINDER_LOGIN_RATE_LIMIT_PER_MINUTE', 30, 1),
    loginMaxFailures: int(env, 'PATHFINDER_LOGIN_MAX_FAILURES', 5, 1),
    loginAddressMaxFailures: int(env, 'PATHFINDER_LOGIN_ADDRESS_MAX_FAILURES', 30, 1),
    loginLockMinutes: int(env, 'PATHFINDER_LOGIN_LOCK_MINUTES', 15, 1),
    bodyLimitBytes: int(env, 'PATHFINDER_BODY_LIMIT_BYTES', 1024 * 1024, 1024),
    attachmentMaxBytes: int(env, 'PATHFINDER_ATTACHMENT_MAX_BYTES', 10 * 1024 * 1024, 1024),
    attachmentTypes: attachmentTypes(env.PATHFINDER_ATTACHMENT_TYPES),
    smtpUrl: smtpUrl(env.PATHFINDER_SMTP_URL),
    mailFrom: env.PATHFINDER_MAIL_FROM || 'Pathfinder <pathfinder@localhost>',
    sms: smsSettings(env),
    deliveryMaxAttempts: int(env, 'PATHFINDER_DELIVERY_MAX_ATTEMPTS', 12, 1),
    referralReminderHours: int(env, 'PATHFINDER_REFERRAL_REMINDER_HOURS', 4, 0),
    minimumCell: int(env, 'PATHFINDER_MIN_CELL', 5, 1),
    syncWarnRecords: int(env, 'PATHFINDER_SYNC_WARN_RECORDS', 10_000, 1),
    apiTokenMaxDays: int(env, 'PATHFINDER_API_TOKEN_MAX_DAYS', 365, 1),
    logLevel: env.LOG_LEVEL || (nodeEnv === 'test' ? 'silent' : 'info'),
    jobsEnabled: bool(env, 'PATHFINDER_JOBS', true),
    duplicatePassHours: hours(env, 'PATHFINDER_DUPLICATE_PASS_HOURS', { from: 1, to: 5 }),
    webDir: resolve(env.PATHFINDER_WEB_DIR || 'dist/web'),
  };
}

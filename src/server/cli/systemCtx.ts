import { userInfo } from 'node:os';
import { PERMISSIONS } from '../../core/index.ts';
import type { Ctx, Deps } from '../context.ts';

/**
 * The context of an operator's command on the server's console: every
 * permission, audited as `system:cli` with the operating-system user.
 */
export function systemCtx(deps: Deps): Ctx {
  let osUser = 'unknown';
  try {
    osUser = userInfo().username;
  } catch {
    // no passwd entry (containers): keep "unknown"
  }
  return {
    deps,
    requestId: `cli-${crypto.randomUUID()}`,
    ip: `console:${osUser}`,
    actor: {
      userId: 'system:cli',
      agencyId: '',
      username: 'system',
      displayName: 'Server console',
      language: 'en',
      roleIds: [],
      totpEnabled: false,
      permissions: new Set(PERMISSIONS),
      areaCodes: [],
      via: 'session',
      restrictions: [],
    },
  };
}

import { parseArgs } from 'node:util';
import { randomToken } from '../auth/secrets.ts';
import type { Config } from '../config.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { ProblemError } from '../http/problem.ts';
import { openDeps } from '../node.ts';
import * as userSignIn from '../services/userSignIn.ts';
import * as users from '../services/users.ts';
import { CliError } from './cliError.ts';
import { systemCtx } from './systemCtx.ts';

const USAGE = 'usage: pathfinder user create|reset-password|unlock|disable|enable … (see --help)';

/** A temporary password that meets the policy; the user must change it at first sign-in. */
function temporaryPassword(): string {
  return `${randomToken(9)}-${randomToken(6)}`;
}

export async function runUser(config: Config, args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  if (!sub) throw new CliError(USAGE);
  const { deps, database } = openDeps(config);
  try {
    await migrateToLatest(deps.db);
    const ctx = systemCtx(deps);
    const byName = async (username: string | undefined) => {
      if (!username) throw new CliError(`usage: pathfinder user ${sub} USERNAME`);
      const row = await deps.db
        .selectFrom('app_user')
        .select(['id', 'version'])
        .where('username', '=', username.toLowerCase())
        .executeTakeFirst();
      if (!row) throw new CliError(`no user named "${username}"`, 1);
      return row;
    };
    switch (sub) {
      case 'create': {
        const { values } = parseArgs({
          args: rest,
          strict: true,
          options: {
            username: { type: 'string' },
            name: { type: 'string' },
            agency: { type: 'string' },
            role: { type: 'string', multiple: true },
            area: { type: 'string', multiple: true },
            language: { type: 'string' },
            email: { type: 'string' },
          },
        });
        if (!values.username || !values.name || !values.agency || !values.role?.length) {
          throw new CliError(
            'usage: pathfinder user create --username U --name "Full Name" --agency CODE --role ROLE [--area CODE] [--language en]',
          );
        }
        const agency = await deps.db
          .selectFrom('agency')
          .select('id')
          .where('code', '=', values.agency)
          .executeTakeFirst();
        if (!agency) throw new CliError(`no agency with code "${values.agency}"`, 1);
        const password = temporaryPassword();
        const user = await users.createUser(ctx, {
          username: values.username,
          displayName: values.name,
          email: values.email ?? null,
          agencyId: agency.id,
          roleIds: values.role,
          areaCodes: values.area ?? [],
          language: values.language ?? 'en',
          password,
          mustChangePassword: true,
        });
        process.stdout.write(
          `created ${user.username}; temporary password (change at first sign-in): ${password}\n`,
        );
        return 0;
      }
      case 'reset-password': {
        const user = await byName(rest[0]);
        const password = temporaryPassword();
        await userSignIn.resetPassword(ctx, user.id, { password });
        process.stdout.write(
          `new temporary password for ${rest[0]} (change at next sign-in): ${password}\n`,
        );
        return 0;
      }
      case 'unlock': {
        const user = await byName(rest[0]);
        await userSignIn.unlockUser(ctx, user.id);
        process.stdout.write(`unlocked ${rest[0]}\n`);
        return 0;
      }
      case 'disable':
      case 'enable': {
        const user = await byName(rest[0]);
        await users.updateUser(ctx, user.id, {
          version: user.version,
          disabled: sub === 'disable',
        });
        process.stdout.write(`${sub}d ${rest[0]}\n`);
        return 0;
      }
      default:
        throw new CliError(USAGE);
    }
  } catch (error) {
    if (error instanceof ProblemError) {
      const detail = Object.values(error.params).join(', ');
      throw new CliError(`${error.code.replaceAll('_', ' ')}${detail ? `: ${detail}` : ''}`, 1);
    }
    throw error;
  } finally {
    await database.close();
  }
}

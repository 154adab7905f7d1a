import type { User } from '../../../api/types.ts';

/** What the user form edits; lists are kept as the user typed them until sent. */
export interface UserDraft {
  username: string;
  password: string;
  mustChangePassword: boolean;
  displayName: string;
  email: string;
  agencyId: string;
  roleIds: string[];
  areaCodes: string;
  language: string;
}

export const EMPTY_DRAFT: UserDraft = {
  username: '',
  password: '',
  mustChangePassword: true,
  displayName: '',
  email: '',
  agencyId: '',
  roleIds: [],
  areaCodes: '',
  language: 'en',
};

/** Splits "A, B  C" into codes. */
export function splitCodes(text: string): string[] {
  return text
    .split(/[\s,;]+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

export function draftOf(user: User): UserDraft {
  return {
    ...EMPTY_DRAFT,
    username: user.username,
    displayName: user.displayName,
    email: user.email ?? '',
    agencyId: user.agencyId,
    roleIds: user.roleIds,
    areaCodes: user.areaCodes.join(', '),
    language: user.language,
  };
}

/** The fields both creating and editing send. */
export function profileBody(draft: UserDraft) {
  return {
    displayName: draft.displayName.trim(),
    email: draft.email.trim() === '' ? null : draft.email.trim(),
    agencyId: draft.agencyId,
    roleIds: draft.roleIds,
    areaCodes: splitCodes(draft.areaCodes),
    language: draft.language,
  };
}

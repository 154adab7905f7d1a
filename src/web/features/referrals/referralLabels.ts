import { OPEN_REFERRAL_STATES, type ReferralState } from '../../../core/index.ts';

/** The catalogue key of a shareable field: `person.name` → `person_name` (dots nest keys). */
export function fieldKey(field: string): string {
  return field.replaceAll('.', '_');
}

/** The tag colour of a state; the state is always written out too, never colour alone. */
export function stateTagClass(state: string): string {
  if (state === 'completed') return 'tag tag-ok';
  if (state === 'declined' || state === 'cancelled') return 'tag tag-bad';
  if (state === 'info_requested') return 'tag tag-warn';
  return 'tag';
}

/** Still waiting for someone to act. */
export function isOpenReferral(state: string): boolean {
  return (OPEN_REFERRAL_STATES as readonly string[]).includes(state as ReferralState);
}

/** The deadline that matters now: acceptance while it waits, first service once accepted. */
export function currentDue(r: {
  state: string;
  acceptDueAt: string;
  serviceDueAt: string | null;
}): { kind: 'accept' | 'service'; at: string } | null {
  if (r.state === 'sent' || r.state === 'info_requested')
    return { kind: 'accept', at: r.acceptDueAt };
  if (r.state === 'accepted' && r.serviceDueAt) return { kind: 'service', at: r.serviceDueAt };
  return null;
}

import { describe, expect, it } from 'vitest';
import { referralActionsFrom, transitionReferral } from './referralWorkflow.ts';
import { sharedFields } from './sharing.ts';

describe('referral workflow', () => {
  it('lets the receiver accept, start and complete, in that order', () => {
    expect(transitionReferral('sent', { type: 'accept' }, 'receiver')).toEqual({
      ok: true,
      from: 'sent',
      to: 'accepted',
    });
    expect(transitionReferral('accepted', { type: 'start_service' }, 'receiver')).toMatchObject({
      to: 'in_service',
    });
    expect(
      transitionReferral(
        'in_service',
        { type: 'complete', outcome: 'service_provided', feedback: 'Placed in shelter' },
        'receiver',
      ),
    ).toMatchObject({ to: 'completed' });
    expect(transitionReferral('sent', { type: 'start_service' }, 'receiver')).toEqual({
      ok: false,
      problems: ['not_from_this_state'],
    });
  });

  it('keeps each side to its own actions and asks for the words each needs', () => {
    expect(transitionReferral('sent', { type: 'accept' }, 'referrer')).toEqual({
      ok: false,
      problems: ['receiver_only'],
    });
    expect(transitionReferral('sent', { type: 'cancel', reason: 'x' }, 'receiver')).toEqual({
      ok: false,
      problems: ['referrer_only'],
    });
    expect(transitionReferral('sent', { type: 'decline', reason: '  ' }, 'receiver')).toEqual({
      ok: false,
      problems: ['reason_required'],
    });
    expect(
      transitionReferral('sent', { type: 'request_info', question: 'Age?' }, 'receiver'),
    ).toMatchObject({ to: 'info_requested' });
    expect(
      transitionReferral('info_requested', { type: 'provide_info', answer: '13' }, 'referrer'),
    ).toMatchObject({ to: 'sent' });
    expect(transitionReferral('completed', { type: 'cancel', reason: 'late' }, 'referrer')).toEqual(
      {
        ok: false,
        problems: ['not_from_this_state'],
      },
    );
  });

  it('offers each side the buttons that apply', () => {
    expect(referralActionsFrom('sent', 'receiver')).toEqual(['accept', 'decline', 'request_info']);
    expect(referralActionsFrom('sent', 'referrer')).toEqual(['cancel']);
    expect(referralActionsFrom('info_requested', 'referrer')).toEqual(['provide_info', 'cancel']);
    expect(referralActionsFrom('completed', 'receiver')).toEqual([]);
  });
});

describe('what a referral shares', () => {
  it('minimal never names the person; full shares everything', () => {
    expect(sharedFields('minimal')).not.toContain('person.name');
    expect(sharedFields('minimal')).not.toContain('person.birthDate');
    expect(sharedFields('summary')).toContain('person.name');
    expect(sharedFields('full')).toContain('consents');
  });

  it('a list of fields keeps only known ones, in catalogue order, once', () => {
    expect(sharedFields('fields', ['screenings', 'person.age', 'nonsense', 'person.age'])).toEqual([
      'person.age',
      'screenings',
    ]);
    expect(sharedFields('fields')).toEqual([]);
  });
});

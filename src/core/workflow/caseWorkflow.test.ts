import { describe, expect, it } from 'vitest';
import { actionsFrom, type CaseFacts, responseTask, transitionCase } from './caseWorkflow.ts';

const facts = (over: Partial<CaseFacts>): CaseFacts => ({
  step: 'identification',
  topics: ['child_labour'],
  riskLevel: 'high',
  screenings: 0,
  planGoals: 0,
  interventions: 0,
  followUps: 0,
  closureRequestedBy: null,
  ...over,
});
const worker = { userId: 'w', canApproveClosure: false };
const supervisor = { userId: 's', canApproveClosure: true };

describe('case workflow', () => {
  it('walks the six steps with the data each needs', () => {
    expect(transitionCase(facts({}), { type: 'start_assessment' }, worker)).toEqual({
      ok: true,
      from: 'identification',
      to: 'assessment',
    });
    expect(
      transitionCase(facts({ step: 'assessment' }), { type: 'complete_assessment' }, worker),
    ).toEqual({ ok: false, problems: ['screening_required'] });
    expect(
      transitionCase(
        facts({ step: 'assessment', screenings: 1 }),
        { type: 'complete_assessment' },
        worker,
      ),
    ).toMatchObject({ ok: true, to: 'case_planning' });
    expect(
      transitionCase(
        facts({ step: 'case_planning', planGoals: 1 }),
        { type: 'approve_plan' },
        worker,
      ),
    ).toMatchObject({ ok: true, to: 'implementation' });
    expect(
      transitionCase(facts({ step: 'implementation' }), { type: 'start_follow_up' }, worker),
    ).toEqual({ ok: false, problems: ['intervention_required'] });
    expect(
      transitionCase(
        facts({ step: 'follow_up', followUps: 1 }),
        { type: 'request_closure', reason: 'back in school for 6 months' },
        worker,
      ),
    ).toMatchObject({ ok: true, to: 'closure_requested' });
  });

  it('reports every missing piece at once', () => {
    expect(
      transitionCase(facts({ topics: [], riskLevel: null }), { type: 'start_assessment' }, worker),
    ).toEqual({
      ok: false,
      problems: ['topic_required', 'risk_level_required'],
    });
    expect(
      transitionCase(
        facts({ step: 'follow_up' }),
        { type: 'request_closure', reason: ' ' },
        worker,
      ),
    ).toEqual({
      ok: false,
      problems: ['follow_up_required', 'reason_required'],
    });
  });

  it('closure needs a supervisor, and not the one who asked', () => {
    const pending = facts({ step: 'closure_requested', closureRequestedBy: 'w' });
    expect(transitionCase(pending, { type: 'approve_closure' }, worker)).toEqual({
      ok: false,
      problems: ['supervisor_required', 'approver_must_differ'],
    });
    expect(transitionCase(pending, { type: 'approve_closure' }, supervisor)).toMatchObject({
      ok: true,
      to: 'closed',
    });
    expect(
      transitionCase(
        facts({ step: 'closure_requested', closureRequestedBy: 's' }),
        { type: 'approve_closure' },
        supervisor,
      ),
    ).toEqual({
      ok: false,
      problems: ['approver_must_differ'],
    });
    expect(
      transitionCase(pending, { type: 'reject_closure', reason: 'not safe yet' }, supervisor),
    ).toMatchObject({ ok: true, to: 'follow_up' });
  });

  it('reopens a closed case with a reason, and refuses steps out of order', () => {
    expect(
      transitionCase(
        facts({ step: 'closed' }),
        { type: 'reopen', reason: 'back at the kiln' },
        worker,
      ),
    ).toMatchObject({ ok: true, to: 'assessment' });
    expect(
      transitionCase(facts({ step: 'identification' }), { type: 'approve_closure' }, supervisor),
    ).toEqual({ ok: false, problems: ['not_allowed_from_step'] });
    expect(actionsFrom('follow_up')).toEqual(['resume_implementation', 'request_closure']);
  });

  it('creates the first-response task due within the risk level’s target', () => {
    const targets = {
      hours: { high: 24, medium: 72, low: 168 },
      source: 'pack setting (field practice, unverified)',
    };
    expect(responseTask('high', '2026-11-26T10:00:00.000Z', targets)).toEqual({
      kind: 'first_response',
      hours: 24,
      dueAt: '2026-11-27T10:00:00.000Z',
    });
    expect(responseTask('low', '2026-11-26T10:00:00.000Z', targets).dueAt).toBe(
      '2026-12-03T10:00:00.000Z',
    );
  });
});

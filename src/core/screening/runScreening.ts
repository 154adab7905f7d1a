// One screening from a request, the pack's rules and the person's age: the same function on the
// device (offline) and on the server, so a result computed offline is the one the server stores.

import type { R190Condition, WorstForm } from './childLabour.ts';
import {
  type ChildLabourInput,
  type ChildLabourRules,
  classifyChildLabour,
} from './childLabour.ts';
import { type Answer, type ForcedLabourRules, screenForcedLabour } from './forcedLabour.ts';
import {
  screenTrafficking,
  type TraffickingAct,
  type TraffickingMeans,
  type TraffickingPurpose,
  type TraffickingRules,
} from './trafficking.ts';

export type ScreeningRequest =
  | {
      kind: 'child_labour';
      inputs: {
        economicActivityHours: number;
        householdChoresHours: number;
        industry?: string | undefined;
        occupation?: string | undefined;
        conditions: R190Condition[];
        worstForms: WorstForm[];
      };
    }
  | { kind: 'forced_labour'; inputs: { answers: Record<string, Answer> } }
  | {
      kind: 'trafficking';
      inputs: { acts: TraffickingAct[]; means: TraffickingMeans[]; purposes: TraffickingPurpose[] };
    };

export interface ScreeningRuleSets {
  childLabour?: ChildLabourRules | null | undefined;
  forcedLabour?: ForcedLabourRules | null | undefined;
  trafficking?: TraffickingRules | null | undefined;
}

export interface ScreeningOutcome {
  rulesId: string;
  rulesVersion: string;
  summary: string;
  result: unknown;
  /** The inputs as stored: the request's, with the age the rules used. */
  inputs: unknown;
}

/** Why a screening could not run; `code` is a problem code of the API catalogue. */
export class ScreeningRefusal extends Error {
  constructor(
    readonly status: number,
    readonly code: 'rules_missing' | 'age_required' | 'hours_exceed_week' | 'unknown_reference',
    readonly params: Record<string, string> = {},
  ) {
    super(code);
    this.name = 'ScreeningRefusal';
  }
}

/** Runs `request` under `rules` for a person of `age` (null when unknown). */
export function runScreening(
  request: ScreeningRequest,
  rules: ScreeningRuleSets,
  age: { years: number; estimated: boolean } | null,
): ScreeningOutcome {
  switch (request.kind) {
    case 'child_labour': {
      if (!rules.childLabour)
        throw new ScreeningRefusal(409, 'rules_missing', { kind: request.kind });
      if (!age) throw new ScreeningRefusal(400, 'age_required');
      const i = request.inputs;
      if (i.economicActivityHours + i.householdChoresHours > 168)
        throw new ScreeningRefusal(400, 'hours_exceed_week');
      const input: ChildLabourInput = { ...i, age: age.years, ageEstimated: age.estimated };
      const r = classifyChildLabour(input, rules.childLabour);
      return {
        rulesId: r.rulesId,
        rulesVersion: r.rulesVersion,
        summary: r.summary,
        result: r,
        inputs: input,
      };
    }
    case 'forced_labour': {
      if (!rules.forcedLabour)
        throw new ScreeningRefusal(409, 'rules_missing', { kind: request.kind });
      const known = new Set(rules.forcedLabour.items.map((item) => item.id));
      const unknown = Object.keys(request.inputs.answers).find((k) => !known.has(k));
      if (unknown)
        throw new ScreeningRefusal(400, 'unknown_reference', { field: `answers.${unknown}` });
      const r = screenForcedLabour(request.inputs.answers, rules.forcedLabour);
      return {
        rulesId: r.rulesId,
        rulesVersion: r.rulesVersion,
        summary: r.flag,
        result: r,
        inputs: request.inputs,
      };
    }
    case 'trafficking': {
      if (!rules.trafficking)
        throw new ScreeningRefusal(409, 'rules_missing', { kind: request.kind });
      const input = { ...request.inputs, age: age?.years ?? null };
      const r = screenTrafficking(input, rules.trafficking);
      return {
        rulesId: r.rulesId,
        rulesVersion: r.rulesVersion,
        summary: r.indication,
        result: r,
        inputs: input,
      };
    }
  }
}

/**
 * Why a pair scored as it did: per field, whether the values agree, partly
 * agree, disagree or are missing, the level reached and its weight
 * log2(m/u) in bits (plus the name-frequency adjustment), then the prior and
 * the resulting probability. Analysts review pairs with this.
 */
import { comparePair, FIELD_LEVELS, type FieldName } from './comparePair.ts';
import { levelWeight, matchProbability } from './fellegiSunter.ts';
import { type LinkageModel, nameAdjustment } from './linkPersons.ts';
import { type PersonRecord, type PreparedRecord, prepareRecord } from './prepareRecord.ts';

export type FieldOutcome = 'agree' | 'partial' | 'disagree' | 'missing';

export interface FieldExplanation {
  field: FieldName;
  outcome: FieldOutcome;
  /** The level's name, e.g. "one typo or swap". */
  level: string;
  /** log2(m/u) of the level; 0 when missing. */
  weight: number;
  /** Extra bits for agreeing on a rare name (negative for a very common one). */
  frequencyAdjustment: number;
  /** The values compared, after normalisation. */
  left: string;
  right: string;
}

export interface PairExplanation {
  fields: FieldExplanation[];
  /** log2(λ / (1 − λ)): the odds of a match before looking at the pair. */
  priorWeight: number;
  /** Sum of field weights and adjustments. */
  weight: number;
  probability: number;
  decision: 'match' | 'review' | 'non-match';
  /** Given and family names were compared crossed (the register swapped them). */
  namesSwapped: boolean;
}

function shown(r: PreparedRecord, field: FieldName, swapped: boolean): string {
  switch (field) {
    case 'given_name':
      return (swapped ? r.family : r.given).tokens.join(' ');
    case 'family_name':
      return (swapped ? r.given : r.family).tokens.join(' ');
    case 'full_name':
      return r.full.tokens.join(' ');
    case 'birth_date': {
      const { year, month, day, toleranceYears } = r.birth;
      if (!year) return '';
      const text = [year, month || '??', day || '??']
        .map((x) => String(x).padStart(2, '0'))
        .join('-');
      return toleranceYears ? `${text} (±${toleranceYears} y, estimated)` : text;
    }
    case 'sex':
      return r.sex;
    case 'area':
      return r.area.tokens.join(' ');
    case 'address':
      return r.address.tokens.join(' ');
    case 'postcode':
      return r.postcode;
    case 'phone':
      return r.phone;
    case 'id_number':
      return r.idNumber;
  }
}

/** Explains the score of one pair under a model learnt by `linkPersons` or `dedupPersons`. */
export function explainPair(
  model: LinkageModel,
  left: PersonRecord,
  right: PersonRecord,
): PairExplanation {
  const a = prepareRecord(left);
  const b = prepareRecord(right);
  const levels = new Int8Array(model.fields.length);
  const swapped = comparePair(a, b, model.fields, levels);
  const fields = model.fields.map((field, f): FieldExplanation => {
    const level = levels[f] ?? -1;
    const names = FIELD_LEVELS[field];
    const outcome: FieldOutcome =
      level < 0
        ? 'missing'
        : level === 0
          ? 'agree'
          : level === names.length - 1
            ? 'disagree'
            : 'partial';
    const isName = field === 'given_name' || field === 'family_name' || field === 'full_name';
    const value =
      field === 'given_name'
        ? a.given.sorted
        : field === 'family_name'
          ? a.family.sorted
          : a.full.sorted;
    return {
      field,
      outcome,
      level: level < 0 ? 'missing' : (names[level] ?? ''),
      weight: levelWeight(model.params, f, level),
      frequencyAdjustment: level === 0 && isName ? nameAdjustment(model, value) : 0,
      left: shown(a, field, false),
      right: shown(b, field, swapped),
    };
  });
  const weight = fields.reduce((s, x) => s + x.weight + x.frequencyAdjustment, 0);
  const { lambda } = model.params;
  const probability = matchProbability(weight, lambda);
  return {
    fields,
    priorWeight: Math.log2(lambda / (1 - lambda)),
    weight,
    probability,
    decision:
      probability >= model.matchThreshold
        ? 'match'
        : probability >= model.reviewThreshold
          ? 'review'
          : 'non-match',
    namesSwapped: swapped,
  };
}

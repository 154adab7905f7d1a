/** One field's part in a linkage score (GET /persons, /duplicates). */
export interface MatchReason {
  field: string;
  outcome: 'agree' | 'partial' | 'disagree' | 'missing';
  weight: number;
}

/** A field of a duplicate pair's explanation, with the values compared (after normalisation). */
export interface ExplainedField extends MatchReason {
  level: string;
  left: string;
  right: string;
}

export interface PairPerson {
  id: string;
  givenName: string;
  familyName: string;
  sex: string;
  birthDate: string | null;
  age: number | null;
  areaCode: string | null;
  agencyName: string;
  agencyType: string;
  caseCount: number;
}

export interface DuplicatePair {
  id: string;
  status: 'open' | 'merged' | 'distinct';
  decision: 'match' | 'review';
  probability: number;
  weight: number;
  priorWeight: number;
  foundBy: 'write' | 'pass';
  foundAt: string;
  version: number;
  a: PairPerson;
  b: PairPerson;
  fields: ExplainedField[];
  mergeId: string | null;
  keptId: string | null;
}

export interface KnownTo {
  agencyType: string;
  cases: number;
}

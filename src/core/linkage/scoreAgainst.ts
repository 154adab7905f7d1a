/**
 * The engine applied one record at a time, as a live system needs it: keys
 * under which a person is filed so that search before create and the
 * duplicate job find candidates in any script, the scoring of one incoming
 * person against candidates with an explanation per candidate, a model that
 * can be stored and read back, and reviewers' decisions fed back into m.
 */
import { comparePair, FIELD_LEVELS, type FieldName } from './comparePair.ts';
import { explainPair, type PairExplanation } from './explainPair.ts';
import { type FsParameters, initialM, matchProbability } from './fellegiSunter.ts';
import { type LinkageModel, pairWeight } from './linkPersons.ts';
import { linkageKey, NAME_PARTICLES } from './normalize.ts';
import { type PersonRecord, prepareRecord } from './prepareRecord.ts';

/** Transliterated spellings that sound the same: digraphs first, then letters that trade places. */
const DIGRAPHS: readonly [RegExp, string][] = [
  [/kh|gh/g, 'h'],
  [/ph/g, 'f'],
  [/th|dh/g, 't'],
  [/sh|ch|zh/g, 's'],
];

/**
 * A consonant skeleton of a transliterated word: digraphs folded, vowels,
 * h, w and y dropped, similar letters merged (c/k/q, z/s, v/b, j/g), doubles
 * collapsed. "Muhammad", "Mohamed", "Мухаммед" (mukhammed) and "محمد" (mhmd) all
 * give "mmd"; scripts that write no short vowels meet the ones that do.
 */
export function nameSkeleton(word: string): string {
  let w = word;
  for (const [re, to] of DIGRAPHS) w = w.replace(re, to);
  w = w.replace(/[ckq]/g, 'k').replace(/z/g, 's').replace(/v/g, 'b').replace(/j/g, 'g');
  const rest = w.slice(1).replace(/[aeiouhwy]/g, '');
  return (w.slice(0, 1) + rest).replace(/(.)\1+/g, '$1');
}

/** Marks keys that are not words a user types (search keys hold letters and digits only). */
export const SKELETON_KEY = '#c';
export const PAIR_KEY = '#p';

/** A pair key, its two skeletons in sorted order (any word order gives the same key). */
function pairKey(a: string, b: string): string {
  return `${PAIR_KEY}${a < b ? a : b}|${a < b ? b : a}`;
}

/** Pair keys of the first four skeletons (skeletonsOf's order): of two identifying words, and with a particle. */
function pairKeys(skeletons: readonly { skeleton: string; particle: boolean }[]): {
  named: string[];
  withParticle: string[];
} {
  const first = skeletons.slice(0, 4);
  const named: string[] = [];
  const withParticle: string[] = [];
  for (let i = 0; i < first.length; i++)
    for (let j = i + 1; j < first.length; j++) {
      const [a, b] = [first[i], first[j]];
      if (!a || !b) continue;
      (a.particle || b.particle ? withParticle : named).push(pairKey(a.skeleton, b.skeleton));
    }
  return { named, withParticle };
}

/**
 * The skeletons of a name's words, in the order pairs are made of the first four: identifying
 * words before particles, skeletons of two letters or more before one-letter ones, then
 * alphabetically (the order the words were written or typed in does not matter).
 */
function skeletonsOf(words: readonly string[]): { skeleton: string; particle: boolean }[] {
  const bySkeleton = new Map<string, boolean>();
  for (const w of words) {
    const skeleton = nameSkeleton(w);
    const particle = NAME_PARTICLES.has(w);
    bySkeleton.set(skeleton, (bySkeleton.get(skeleton) ?? true) && particle);
  }
  const rank = (s: { skeleton: string; particle: boolean }) =>
    (s.particle ? 2 : 0) + (s.skeleton.length < 2 ? 1 : 0);
  return [...bySkeleton]
    .map(([skeleton, particle]) => ({ skeleton, particle }))
    .sort((a, b) => rank(a) - rank(b) || (a.skeleton < b.skeleton ? -1 : 1));
}

/**
 * Filing keys for a person's name: its transliterated words (a name in Devanagari is found by
 * "sita"), each word's skeleton, and the skeletons of every pair of its first four words,
 * particles last (small blocks a two-word query or the duplicate job can read directly). A
 * one-letter skeleton is filed only within pairs: alone it would match half the register.
 */
export function nameFilingKeys(name: string): string[] {
  const words = [...new Set(linkageKey(name).split(' '))].filter((w) => w.length > 0);
  const skeletons = skeletonsOf(words.filter((w) => w.length >= 2));
  const pairs = pairKeys(skeletons);
  return [
    ...words,
    ...skeletons.filter((s) => s.skeleton.length >= 2).map((s) => SKELETON_KEY + s.skeleton),
    ...pairs.named,
    ...pairs.withParticle,
  ];
}

/**
 * What a typed query looks up: its transliterated words, longest first (particles last), its
 * skeleton keys, and its pair keys as nameFilingKeys makes them — of two identifying words
 * ("Ram Thapa" for "Ram Bahadur Thapa": the pair "Ram Bahadur" is a block of thousands in a
 * Nepali district) and with a particle (the only pair of "Goma Devi Rai" whose skeletons are
 * long enough, or the one a typo in the family name leaves intact).
 */
export function queryFilingKeys(query: string): {
  words: string[];
  skeletons: string[];
  pairs: string[];
  particlePairs: string[];
} {
  const all = [...new Set(linkageKey(query).split(' '))].filter((w) => w.length > 0);
  const longestFirst = (a: string, b: string) => b.length - a.length || (a < b ? -1 : 1);
  const words = [
    ...all.filter((w) => !NAME_PARTICLES.has(w)).sort(longestFirst),
    ...all.filter((w) => NAME_PARTICLES.has(w)).sort(longestFirst),
  ];
  // A word still being typed ("tha") is only a prefix: skeletons of complete-looking words only;
  // a one-letter skeleton ("thi" → "t") would match half the register.
  const skeletons = skeletonsOf(all.filter((w) => w.length >= 3)).filter(
    (s) => s.skeleton.length >= 2,
  );
  const pairs = pairKeys(skeletons);
  return {
    words,
    skeletons: skeletons.map((s) => SKELETON_KEY + s.skeleton),
    pairs: pairs.named,
    particlePairs: pairs.withParticle,
  };
}

/** A candidate ranked against the incoming record. */
export interface RankedCandidate {
  /** Index into the candidates given. */
  index: number;
  weight: number;
  probability: number;
  explanation: PairExplanation;
}

/**
 * Scores one incoming record against each candidate under `model`, best
 * first, each with its explanation. `keep` filters on the explanation (e.g.
 * drop candidates whose name disagrees); `prior` replaces the model's λ (a
 * search knows its own prior: the person sought is one of few candidates).
 */
export function rankCandidates(
  model: LinkageModel,
  incoming: PersonRecord,
  candidates: readonly PersonRecord[],
  options: {
    limit?: number;
    keep?: (e: PairExplanation) => boolean;
    prior?: number;
    /** Only candidates with at least this match probability (e.g. the review threshold). */
    atLeast?: number;
  } = {},
): RankedCandidate[] {
  const scoring =
    options.prior === undefined
      ? model
      : { ...model, params: { ...model.params, lambda: options.prior } };
  // Weights first (each record prepared once), explanations only for those shown.
  const mine = prepareRecord(incoming);
  const levels = new Int8Array(scoring.fields.length);
  const weighed = candidates.map((c, index) => {
    comparePair(mine, prepareRecord(c), scoring.fields, levels);
    return { index, weight: pairWeight(scoring, levels, mine) };
  });
  weighed.sort((x, y) => y.weight - x.weight || x.index - y.index);
  const limit = options.limit ?? weighed.length;
  const ranked: RankedCandidate[] = [];
  for (const w of weighed) {
    if (ranked.length >= limit) break;
    if (
      options.atLeast !== undefined &&
      matchProbability(w.weight, scoring.params.lambda) < options.atLeast
    )
      break;
    const explanation = explainPair(scoring, incoming, candidates[w.index] as PersonRecord);
    if (options.keep && !options.keep(explanation)) continue;
    ranked.push({
      index: w.index,
      weight: explanation.weight,
      probability: explanation.probability,
      explanation,
    });
  }
  return ranked;
}

/**
 * Chance agreement of unrelated persons per level, before any data has been
 * seen: used only until a model is fitted by EM on the node's own persons.
 */
const PRIOR_U: Record<FieldName, number[]> = {
  given_name: [0.01, 0.01, 0.05, 0.93],
  family_name: [0.01, 0.01, 0.05, 0.93],
  full_name: [0.002, 0.01, 0.05, 0.938],
  birth_date: [0.0003, 0.002, 0.05, 0.9477],
  sex: [0.5, 0.5],
  area: [0.05, 0.01, 0.05, 0.89],
  address: [0.001, 0.01, 0.05, 0.939],
  postcode: [0.01, 0.05, 0.94],
  phone: [0.0001, 0.001, 0.9989],
  id_number: [0.0001, 0.001, 0.9989],
};

/**
 * Agreement among records of the same person per level, before any data has
 * been seen: names mostly agree or are close; estimated ages mostly fall within
 * their tolerance rather than agreeing exactly.
 */
const PRIOR_M: Partial<Record<FieldName, number[]>> = {
  given_name: [0.8, 0.12, 0.05, 0.03],
  family_name: [0.8, 0.12, 0.05, 0.03],
  full_name: [0.8, 0.12, 0.05, 0.03],
  birth_date: [0.6, 0.15, 0.2, 0.05],
  sex: [0.97, 0.03],
  area: [0.8, 0.05, 0.05, 0.1],
};

/** A model from prior probabilities only (m: `PRIOR_M` or the engine's neutral EM start; u: `PRIOR_U`). */
export function priorModel(fields: readonly FieldName[]): LinkageModel {
  const neutral = initialM(fields.map((f) => FIELD_LEVELS[f].length));
  const m = fields.map((f, i) => [...(PRIOR_M[f] ?? neutral[i] ?? [])]);
  return {
    fields: [...fields],
    params: {
      m,
      u: fields.map((f) => [...PRIOR_U[f]]),
      lambda: 1e-4,
      iterations: 0,
      converged: false,
    },
    nameFrequency: null,
    typicalNameFrequency: 0,
    matchThreshold: 0.5,
    reviewThreshold: 0.05,
    candidates: 0,
  };
}

/** The fields search before create compares: the typed name as a whole, birth or age, sex, area. */
export const SEARCH_FIELDS: readonly FieldName[] = ['full_name', 'birth_date', 'sex', 'area'];

/**
 * The model search before create scores with: the node's fitted model where
 * it has the field (the full name borrows the family name's m and u, the more
 * telling of the two name parts), prior probabilities where it does not.
 */
export function searchModel(fitted: LinkageModel | null): LinkageModel {
  const prior = priorModel(SEARCH_FIELDS);
  if (!fitted) return prior;
  const row = (field: FieldName): number => {
    const own = fitted.fields.indexOf(field);
    if (own >= 0 || field !== 'full_name') return own;
    const family = fitted.fields.indexOf('family_name');
    return family >= 0 ? family : fitted.fields.indexOf('given_name');
  };
  const pick = (which: 'm' | 'u') =>
    SEARCH_FIELDS.map((f, i) => {
      const r = row(f);
      const from = r >= 0 ? fitted.params[which][r] : undefined;
      return [...(from ?? prior.params[which][i] ?? [])];
    });
  return {
    ...prior,
    params: { ...prior.params, m: pick('m'), u: pick('u'), lambda: fitted.params.lambda },
    nameFrequency: fitted.nameFrequency,
    typicalNameFrequency: fitted.typicalNameFrequency,
    matchThreshold: fitted.matchThreshold,
    reviewThreshold: fitted.reviewThreshold,
  };
}

/** A model as plain JSON (the most frequent names only, for the frequency adjustment). */
export interface StoredModel {
  fields: FieldName[];
  m: number[][];
  u: number[][];
  lambda: number;
  matchThreshold: number;
  reviewThreshold: number;
  typicalNameFrequency: number;
  names: [string, number][];
  /** Confirmed matches and non-matches folded in (see `withReviewerLabels`). */
  labels: { matches: number; nonMatches: number };
}

/** Keeps the `keepNames` most frequent names: a rarer name gets no adjustment, as if unseen. */
export function storeModel(model: LinkageModel, keepNames = 5000): StoredModel {
  const names = model.nameFrequency
    ? [...model.nameFrequency].sort((a, b) => b[1] - a[1]).slice(0, keepNames)
    : [];
  return {
    fields: model.fields,
    m: model.params.m,
    u: model.params.u,
    lambda: model.params.lambda,
    matchThreshold: model.matchThreshold,
    reviewThreshold: model.reviewThreshold,
    typicalNameFrequency: model.typicalNameFrequency,
    names,
    labels: { matches: 0, nonMatches: 0 },
  };
}

/** The model back from its stored form. */
export function loadModel(stored: StoredModel): LinkageModel {
  const params: FsParameters = {
    m: stored.m,
    u: stored.u,
    lambda: stored.lambda,
    iterations: 0,
    converged: true,
  };
  return {
    fields: stored.fields,
    params,
    nameFrequency: stored.names.length > 0 ? new Map(stored.names) : null,
    typicalNameFrequency: stored.typicalNameFrequency,
    matchThreshold: stored.matchThreshold,
    reviewThreshold: stored.reviewThreshold,
    candidates: 0,
  };
}

/** Levels of agreement of a pair under a model's fields (−1 = missing). */
export function pairLevels(model: LinkageModel, a: PersonRecord, b: PersonRecord): Int8Array {
  const levels = new Int8Array(model.fields.length);
  comparePair(prepareRecord(a), prepareRecord(b), model.fields, levels);
  return levels;
}

/** The total weight of a pair under a model (Σ log2(m/u) with name frequency adjustments). */
export function scorePair(model: LinkageModel, a: PersonRecord, b: PersonRecord): number {
  const pa = prepareRecord(a);
  const levels = new Int8Array(model.fields.length);
  comparePair(pa, prepareRecord(b), model.fields, levels);
  return pairWeight(model, levels, pa);
}

/**
 * Reviewers' decisions fed back: the levels of confirmed matches are counted
 * into m as observations, beside the EM estimate worth `priorPairs` pairs
 * (m_new = (m·N + count) / (N + matches)), so a field that reviewers see
 * disagree among true matches (a birth date often mistyped) loses its penalty.
 * Confirmed non-matches do not move u (they are the hard cases, not a sample
 * of chance agreement); they are kept out of later passes instead.
 */
export function withReviewerLabels(
  model: LinkageModel,
  matches: readonly Int8Array[],
  nonMatches = 0,
  priorPairs = 50,
): { model: LinkageModel; labels: { matches: number; nonMatches: number } } {
  if (matches.length === 0) return { model, labels: { matches: 0, nonMatches } };
  const m = model.fields.map((_, f) => {
    const row = model.params.m[f] ?? [];
    const counts = row.map(() => 0);
    let seen = 0;
    for (const levels of matches) {
      const l = levels[f] ?? -1;
      if (l < 0) continue;
      counts[l] = (counts[l] ?? 0) + 1;
      seen++;
    }
    return row.map((p, l) => (p * priorPairs + (counts[l] ?? 0)) / (priorPairs + seen));
  });
  return {
    model: { ...model, params: { ...model.params, m } },
    labels: { matches: matches.length, nonMatches },
  };
}

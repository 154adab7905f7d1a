// Record linkage (docs/linkage.md): normalisation, comparison, blocking, Fellegi–Sunter with EM,
// one-to-one assignment and clustering, explanations; and the Bloom-filter CLK mode.

export { type CandidatePairs, candidatePairs } from './blocking.ts';
export * from './clk/clkEncode.ts';
export * from './clk/clkLink.ts';
export * from './clk/clkSchema.ts';
export { activeFields, type FieldName } from './comparePair.ts';
export * from './explainPair.ts';
export * from './linkPersons.ts';
export { linkageKey } from './normalize.ts';
export * from './prepareRecord.ts';
export * from './scoreAgainst.ts';

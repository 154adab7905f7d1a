// The only import point of src/core for the server and the web app.

export * from './aberration/index.ts';
export * from './access/passwordPolicy.ts';
export * from './access/permissions.ts';
export * from './areas/areaTree.ts';
export * from './forms/index.ts';
export * from './i18n/catalogues.ts';
export * from './i18n/translate.ts';
export * from './linkage/index.ts';
export * from './persons/personName.ts';
export * from './referrals/index.ts';
export * from './screening/childLabour.ts';
export * from './screening/forcedLabour.ts';
export * from './screening/reasons.ts';
export * from './screening/runScreening.ts';
export * from './screening/trafficking.ts';
export * from './statistics/index.ts';
export * from './sync/merge.ts';
export * from './sync/records.ts';
export * from './workflow/caseWorkflow.ts';

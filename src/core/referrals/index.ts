// Referrals between agencies: workflow and what each referral shares.

export * from './agencyTypes.ts';
export * from './referralWorkflow.ts';
export * from './sharing.ts';

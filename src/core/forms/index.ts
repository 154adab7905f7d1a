// Country-specific form fields in XLSForm shape: one engine for device and server.
export * from './checkForm.ts';
export * from './expression.ts';
export * from './formTypes.ts';
export * from './validateAnswers.ts';
export * from './xlsform.ts';

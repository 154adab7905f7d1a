// Statistics shared by the device and the server.
export * from './durations.ts';

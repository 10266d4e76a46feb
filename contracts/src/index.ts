export * from './domain';
export * from './topics';
export * from './mqtt';
export * from './api';
export * from './live';
export * from './random';

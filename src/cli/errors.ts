// The commands' name for the shared user errors (src/errors.ts, below io and store so that no arrow points up).
export * from '../errors.js';

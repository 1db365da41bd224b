// setupFiles of the « postgres » project: each test file drops the databases it made (test/helpers/engine.ts).
import { afterAll } from 'vitest';
import { dropTestDatabases } from '../helpers/engine.js';

afterAll(() => dropTestDatabases());

// Where the bundled data lives: <package>/templates and <package>/fixtures, from src/ (tests) and dist/ (built CLI) alike.
import { fileURLToPath } from 'node:url';

export const PACKAGE_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const TEMPLATES_DIR = fileURLToPath(new URL('../../templates/', import.meta.url));
export const FIXTURES_DIR = fileURLToPath(new URL('../../fixtures/', import.meta.url));

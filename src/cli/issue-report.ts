// The commands' way of reporting cell issues lives in src/domain/issue-report.ts (src/io reports the same way and
// may not import from src/cli); re-exported here for the command adapters.
export { formatIssues } from '../domain/issue-report.js';

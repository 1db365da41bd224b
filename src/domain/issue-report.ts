// Formats cell issues for people: grouped by kind, each line "fichier, ligne N, colonne « X » : message" (no
// « ligne » for row 0: a note stored in the workspace has no row). Pure text, here so that the readers of src/io
// (pv-reader.ts) report as the commands do without importing from src/cli; src/cli/issue-report.ts re-exports it.
import type { CellIssue } from './validation.js';

const MAX_PER_KIND = 50;

export function formatIssues(file: string, issues: CellIssue[]): string[] {
  const byKind = new Map<string, CellIssue[]>();
  for (const i of issues) {
    const list = byKind.get(i.kind) ?? [];
    list.push(i);
    byKind.set(i.kind, list);
  }
  const lines: string[] = [];
  for (const [kind, list] of [...byKind].sort((a, b) => b[1].length - a[1].length)) {
    lines.push(`${kind} (${list.length}) :`);
    for (const i of list.slice(0, MAX_PER_KIND)) {
      lines.push(`  ${file}${i.row ? `, ligne ${i.row}` : ''}, colonne « ${i.column} » : ${i.message}`);
    }
    if (list.length > MAX_PER_KIND) lines.push(`  … et ${list.length - MAX_PER_KIND} autre(s) du même type`);
  }
  return lines;
}

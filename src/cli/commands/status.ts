// ccst status: what the workspace holds, for a person (stderr) or a script (--json on stdout).
import { z } from 'zod';
import type { Ctx } from '../context.js';
import { parseOptions } from '../options.js';
import { say, stdoutColor } from '../context.js';
import { openExistingWorkspace } from '../workspace-access.js';
import { readSessionInfo } from '../../store/session.js';
import { workspaceSummary } from '../../store/summary.js';

const optionsSchema = z.object({ workspace: z.string().optional(), json: z.boolean().optional() });

export async function run(ctx: Ctx, input: Record<string, unknown>): Promise<void> {
  const opts = parseOptions(optionsSchema, input);
  const ws = await openExistingWorkspace(ctx, opts, 'read');
  try {
    const info = (await readSessionInfo(ws.db));
    const s = (await workspaceSummary(ws.db));
    if (opts.json) {
      ctx.stdout.write(JSON.stringify({ workspace: ws.target, session: info, ...s }, null, 2) + '\n');
      return;
    }
    const c = stdoutColor(ctx);
    ctx.stdout.write(
      [
        `${c.bold('Workspace')} ${ws.target}`,
        `Session ${info?.session ?? '?'} — règlement ${info?.regulationId ?? '?'}${info?.academie ? ` — académie ${info.academie}` : ''}`,
        `Candidats : ${s.candidates}`,
        ...s.byEtablissement.map((e) => `  ${(e.uai ?? '(sans établissement)').padEnd(9)} ${String(e.count).padStart(6)}  ${e.nom ?? ''}`),
        'Par voie :',
        ...s.byVoie.map((v) => `  ${v.voie.padEnd(34)} ${String(v.count).padStart(6)}`),
        `Centres : ${s.centres} — affectations : ${s.assignments} — passages d’oral : ${s.oralSlots}`,
        `Notes : ${s.notes}${s.results.length ? ' — résultats : ' + s.results.map((r) => `${r.decision} ${r.count}`).join(', ') : ''}`,
        '',
      ].join('\n'),
    );
    if (s.lastActions.length) say(ctx, 'Dernières actions : ' + s.lastActions.map((a) => `${a.command} (${a.at})`).join(' ; '));
  } finally {
    await ws.close();
  }
}

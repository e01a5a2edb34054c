import { listSchemes } from '../../scheme/scheme.repository.ts';
import { EXIT, type Context } from '../context.ts';
import { plural } from '../messages.ts';

/** `list`: the schemes of the database, drafts included (`--json`: an array of objects). */
export async function listCommand(ctx: Context): Promise<number> {
  const store = await ctx.openStore();
  try {
    const { items, totalCount } = await listSchemes(store.db, { visibility: { all: true } }, { limit: 500 });
    const rows = [...items].sort((a, b) => a.code.localeCompare(b.code));
    if (ctx.json) {
      ctx.out(JSON.stringify(rows.map((s) => ({ code: s.code, title: s.title, departments: s.departments, period: s.period, status: s.status, published: s.published }))));
      return EXIT.ok;
    }
    if (totalCount === 0) {
      ctx.out(ctx.fr ? 'Aucun schéma dans la base.' : 'No scheme in the database.');
      return EXIT.ok;
    }
    const width = Math.max(...rows.map((s) => s.code.length));
    for (const s of rows) {
      const status = s.published ? s.status : `${s.status}, ${ctx.fr ? 'non publié' : 'unpublished'}`;
      ctx.out(`${s.code.padEnd(width)}  ${s.departments.join('+').padEnd(6)}  ${s.period.start}-${s.period.end}  ${status.padEnd(11)}  ${s.title}`);
    }
    ctx.out(ctx.fr ? plural(totalCount, 'schéma', 'schémas') : plural(totalCount, 'scheme', 'schemes'));
    return EXIT.ok;
  } finally {
    await store.close();
  }
}

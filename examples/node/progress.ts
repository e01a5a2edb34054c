// Exemple : ouvrir une base embarquée, charger les cinq schémas réels et afficher l'avancement de
// chacun, avec ses orientations de premier niveau. Lancer : pnpm --filter @sosms/examples progress
// (ou DATABASE_URL=postgres://… pour PostgreSQL).
import { createStore, getProgressBySchemeIds, getOrientationsBySchemeIds, listSchemes, loadDemoSchemes } from '@sosms/core';

export async function schemeProgressReport(location?: string): Promise<string[]> {
  const store = await createStore({ location });
  try {
    await loadDemoSchemes(store.db);
    const { items: schemes } = await listSchemes(store.db, { visibility: { all: true } }, { limit: 100 });
    const ids = schemes.map((s) => s.id);
    const progress = new Map((await getProgressBySchemeIds(store.db, ids)).map((p) => [p.schemeId, p]));
    const orientations = await getOrientationsBySchemeIds(store.db, ids);
    const lines: string[] = [];
    const pct = (v: number | null | undefined) => (v === null || v === undefined ? '—' : `${v.toFixed(1)} %`);
    for (const scheme of schemes) {
      const p = progress.get(scheme.id);
      lines.push(`${scheme.code} (${scheme.departments.join(' + ')}, ${scheme.period.start}-${scheme.period.end}) : ${pct(p?.progress)}`);
      for (const o of orientations.filter((o) => o.schemeId === scheme.id && o.parentId === null).sort((a, b) => a.position - b.position)) {
        lines.push(`  ${o.code}. ${o.title} : ${pct(p?.byOrientation.get(o.id))}`);
      }
    }
    return lines;
  } finally {
    await store.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const line of await schemeProgressReport(process.env.DATABASE_URL)) console.log(line);
  console.log('(les avancements viennent de données illustratives : les textes réels ne les donnent pas)');
}

import { completionRate, createStore, getIndicatorsBySchemeIds, getLatestMeasurementsByIndicatorIds, getOrientationsBySchemeIds, getProgressBySchemeIds, getSchemesByCodes, importSchemeFile } from '../src/index.ts';

// PGlite in memory; `createStore({ location: 'postgres://…' })` for PostgreSQL, or a folder path for PGlite on disk.
const store = await createStore();
await importSchemeFile(store.db, {
  scheme: { code: '48-exemple', title: 'Schéma des solidarités (exemple)', departments: ['48'], period: { start: 2024, end: 2028 }, status: 'in_force', illustrative: true },
  orientations: [
    {
      code: '1',
      title: 'Soutenir les aidants',
      actions: [
        { code: '1.1', title: 'Ouvrir une plateforme de répit', status: 'done' },
        {
          code: '1.2',
          title: 'Former les aidants',
          status: 'in_progress',
          progress: 40,
          indicators: [
            {
              code: 'aidants-formes',
              name: 'Aidants formés',
              unit: 'personnes',
              baseline: { value: 0, date: '2023-12-31' },
              target: { value: 200, date: '2028-12-31' },
              measurements: [{ period: '2024', territory: 'dep:48', value: 50, illustrative: true }],
            },
          ],
        },
      ],
    },
    { code: '2', title: 'Prévenir la perte d’autonomie', actions: [{ code: '2.1', title: 'Repérer les fragilités', status: 'planned' }] },
  ],
});

const [scheme] = await getSchemesByCodes(store.db, ['48-exemple']);
const [progress] = await getProgressBySchemeIds(store.db, [scheme.id]);
for (const orientation of await getOrientationsBySchemeIds(store.db, [scheme.id])) {
  console.log(`${orientation.code} ${orientation.title} : ${progress.byOrientation.get(orientation.id)} %`);
}
console.log(`Schéma : ${progress.progress} %`);

const [indicator] = await getIndicatorsBySchemeIds(store.db, [scheme.id]);
const [latest] = await getLatestMeasurementsByIndicatorIds(store.db, [indicator.id]);
const rate = completionRate({ baselineValue: indicator.baseline?.value, targetValue: indicator.target?.value }, latest.value);
console.log(`${indicator.name} : ${latest.value} ${indicator.unit} en ${latest.period}, ${rate} % de la cible`);
await store.close();

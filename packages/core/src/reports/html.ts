import type { ActionDocument } from '../action/action.ts';
import type { Lang } from '../validation/issues.ts';
import { countActions, countOf, type ActionCounts } from '../rules/action-counts.ts';
import { translator } from '../shared/labels.ts';
import { reportLabel } from './labels.ts';
import type { ReportAction, ReportData, ReportIndicator, ReportPoint } from './report-data.ts';

/** Escape a text for HTML content and attribute values. */
export function escapeHtml(value: unknown): string {
  return String(value).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}
const e = escapeHtml;

interface Section {
  readonly id: string;
  readonly title: string;
  readonly body: string;
}

const T = {
  contents: { fr: 'Sommaire', en: 'Contents' },
  date: { fr: 'Date du rapport', en: 'Report date' },
  dateCol: { fr: 'Date', en: 'Date' },
  period: { fr: 'Période', en: 'Period' },
  status: { fr: 'Statut', en: 'Status' },
  departments: { fr: 'Département(s)', en: 'Département(s)' },
  illustrativeNote: {
    fr: 'Les valeurs suivies de la mention « (illustratif) » ne viennent pas des textes officiels du schéma : elles servent à la démonstration.',
    en: 'Values followed by "(illustrative)" do not come from the scheme’s official texts: they are for demonstration.',
  },
  illustrative: { fr: 'illustratif', en: 'illustrative' },
  provisional: { fr: 'provisoire', en: 'provisional' },
  missing: { fr: 'non renseigné', en: 'not provided' },
  summary: { fr: 'Synthèse', en: 'Summary' },
  overallProgress: { fr: 'Avancement global du schéma', en: 'Overall progress of the scheme' },
  actionsCount: { fr: 'Actions', en: 'Actions' },
  byOrientation: { fr: 'Avancement et état par orientation', en: 'Progress and health by orientation' },
  orientation: { fr: 'Orientation', en: 'Orientation' },
  progress: { fr: 'Avancement', en: 'Progress' },
  health: { fr: 'État', en: 'Health' },
  noHealth: { fr: 'sans dates', en: 'no dates' },
  behindActions: { fr: 'Actions en décalage ou à risque', en: 'Actions behind or at risk' },
  noneBehind: { fr: 'Aucune action en décalage ou à risque à cette date.', en: 'No action behind or at risk at this date.' },
  action: { fr: 'Action', en: 'Action' },
  pilot: { fr: 'Pilote', en: 'Pilot' },
  end: { fr: 'Échéance', en: 'Due' },
  latestUpdates: { fr: 'Derniers points d’étape', en: 'Latest updates' },
  alerts: { fr: 'Alertes', en: 'Alerts' },
  noAlerts: { fr: 'Aucune alerte.', en: 'No alert.' },
  indicators: { fr: 'Indicateurs', en: 'Indicators' },
  noIndicators: { fr: 'Aucun indicateur n’est suivi pour ce schéma.', en: 'No indicator is monitored for this scheme.' },
  indicator: { fr: 'Indicateur', en: 'Indicator' },
  baseline: { fr: 'Valeur de référence', en: 'Baseline' },
  intermediate: { fr: 'Cibles intermédiaires', en: 'Intermediate targets' },
  target: { fr: 'Cible', en: 'Target' },
  latest: { fr: 'Dernière valeur', en: 'Latest value' },
  completion: { fr: 'Atteinte de la cible', en: 'Target completion' },
  territory: { fr: 'Territoire', en: 'Territory' },
  periodCol: { fr: 'Période', en: 'Period' },
  value: { fr: 'Valeur', en: 'Value' },
  chartData: { fr: 'Données du graphique', en: 'Chart data' },
  budget: { fr: 'Budget prévu et exécuté par année et financeur', en: 'Budget planned and executed per year and funder' },
  noBudget: { fr: 'Aucun budget n’est renseigné.', en: 'No budget is recorded.' },
  year: { fr: 'Année', en: 'Year' },
  funder: { fr: 'Financeur', en: 'Funder' },
  planned: { fr: 'Prévu (€)', en: 'Planned (€)' },
  executed: { fr: 'Exécuté (€)', en: 'Executed (€)' },
  rate: { fr: 'Taux d’exécution', en: 'Execution rate' },
  total: { fr: 'Total', en: 'Total' },
  decisions: { fr: 'Décisions des comités précédents et leur suite', en: 'Decisions of previous meetings and what became of them' },
  noDecisions: { fr: 'Aucune décision de comité n’est enregistrée avant cette date.', en: 'No committee decision is recorded before this date.' },
  decision: { fr: 'Décision', en: 'Decision' },
  outcome: { fr: 'Suite donnée (état actuel des actions)', en: 'Outcome (current state of the actions)' },
  evaluations: { fr: 'Évaluations et suites des recommandations', en: 'Evaluations and follow-up of recommendations' },
  evaluationFull: { fr: 'Évaluation', en: 'Evaluation' },
  authors: { fr: 'Auteurs', en: 'Authors' },
  questions: { fr: 'Questions évaluatives', en: 'Evaluative questions' },
  question: { fr: 'Question', en: 'Question' },
  criteria: { fr: 'Critères', en: 'Criteria' },
  findings: { fr: 'Constats', en: 'Findings' },
  sources: { fr: 'Sources', en: 'Sources' },
  recommendations: { fr: 'Recommandations', en: 'Recommendations' },
  recommendation: { fr: 'Recommandation', en: 'Recommendation' },
  followUp: { fr: 'Suite', en: 'Follow-up' },
  changedActions: { fr: 'Actions modifiées', en: 'Actions changed' },
  note: { fr: 'Note', en: 'Note' },
  legalTrail: { fr: 'Trace légale : adoption, avis, avenants et révisions', en: 'Legal trail: adoption, opinions, amendments and revisions' },
  noLegal: { fr: 'Aucun acte n’est enregistré.', en: 'No act is recorded.' },
  act: { fr: 'Acte', en: 'Act' },
  number: { fr: 'N°', en: 'No.' },
  body: { fr: 'Assemblée ou instance', en: 'Assembly or body' },
  changes: { fr: 'Ce qui a changé', en: 'What changed' },
  targetRevisions: { fr: 'Révisions de cibles', en: 'Target revisions' },
  original: { fr: 'Cible d’origine', en: 'Original target' },
  revised: { fr: 'Cible révisée', en: 'Revised target' },
  justification: { fr: 'Justification', en: 'Justification' },
  lineage: { fr: 'Suite des actions dans le schéma suivant', en: 'What became of the actions in the next scheme' },
  lineageFrom: { fr: 'Actions reprises du schéma précédent', en: 'Actions carried over from the previous scheme' },
  fate: { fr: 'Devenir', en: 'Fate' },
  into: { fr: 'Actions du schéma suivant', en: 'Actions of the next scheme' },
  intoThis: { fr: 'Actions de ce schéma', en: 'Actions of this scheme' },
  previousAction: { fr: 'Action du schéma précédent', en: 'Action of the previous scheme' },
  yearActivity: { fr: 'L’année en actions', en: 'The year in actions' },
  noYearActivity: { fr: 'Aucun point d’étape n’est daté de cette année.', en: 'No update is dated this year.' },
  actions: { fr: 'Les actions', en: 'The actions' },
  about: { fr: 'Le schéma', en: 'The scheme' },
  generated: { fr: 'Document produit par sosms à partir des données du schéma, le', en: 'Document produced by sosms from the scheme’s data, on' },
  none: { fr: 'aucune', en: 'none' },
} as const;
const text = translator(T);

/**
 * The report as a complete, accessible HTML document (lang, headings, tables with captions and headers,
 * charts with alternative text and their data table), in French or English.
 *
 * ### Examples
 * ```ts
 * const html = renderReportHtml(await readReportData(db, { schemeCode: '92-2024-2028', kind: 'copil', date: '2026-06-30' }));
 * ```
 */
export function renderReportHtml(data: ReportData): string {
  const lang = data.lang;
  const t = (key: keyof typeof T) => text(key, lang);
  const fmt = new Intl.NumberFormat(lang === 'fr' ? 'fr-FR' : 'en-GB', { maximumFractionDigits: 1 });
  const num = (v: number | null | undefined) => (v === null || v === undefined ? `<span class="missing">${t('missing')}</span>` : e(fmt.format(v)));
  const pct = (v: number | null | undefined) => (v === null || v === undefined ? `<span class="missing">${t('missing')}</span>` : `${e(fmt.format(v))} %`);
  const day = (d: string | null | undefined) => (d ? e(lang === 'fr' ? `${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)}` : d) : `<span class="missing">${t('missing')}</span>`);
  const ill = (flag: boolean | undefined) => (flag ? ` <span class="illustrative">(${t('illustrative')})</span>` : '');
  const withUnit = (v: number | null | undefined, unit: string) => (v === null || v === undefined ? num(v) : `${num(v)} ${e(unit)}`);
  const scheme = data.scheme;
  const file = data.file;
  const orientations = [...walk(file.orientations ?? [])];
  const actionByCode = new Map(data.actions.map((a) => [a.action.code, a]));
  const actionTitle = (code: string) => {
    const a = actionByCode.get(code);
    return a ? `${e(code)} ${e(a.action.title)}` : e(code);
  };
  const partner = (code: string | undefined) => (code ? e(data.partnerNames.get(code) ?? code) : `<span class="missing">${t('missing')}</span>`);
  const tableOf = (caption: string, head: string[], rows: string[][], rowHeader = true) =>
    `<table><caption>${caption}</caption><thead><tr>${head.map((h) => `<th scope="col">${h}</th>`).join('')}</tr></thead><tbody>${rows
      .map((r) => `<tr>${r.map((c, i) => (i === 0 && rowHeader ? `<th scope="row">${c}</th>` : `<td>${c}</td>`)).join('')}</tr>`)
      .join('')}</tbody></table>`;

  const healthBadge = (a: ReportAction) =>
    a.health ? `<span class="badge ${e(a.health)}">${e(reportLabel('health', a.health, lang))}</span>` : `<span class="missing">${t('noHealth')}</span>`;
  const pilotOf = (a: ActionDocument) => a.pilot;
  // Counted by the core's one rule (health as computed at the report's date by readReportData).
  const countOfActions = (list: readonly ReportAction[]): ActionCounts =>
    countActions(list.map((a) => ({ status: a.action.status, health: a.health, illustrative: a.action.illustrative })));
  const HEALTH_COLUMNS = ['on_track', 'behind', 'at_risk'] as const;

  // ---- sections
  const summary = (): Section => {
    const counts = countOfActions(data.actions);
    const text = data.kind === 'public' ? (scheme.easyRead ?? scheme.summary) : scheme.summary;
    const items = [
      `<li>${t('overallProgress')} : <strong>${pct(data.progress)}</strong></li>`,
      `<li>${t('actionsCount')} : ${counts.total}</li>`,
      ...(data.kind === 'public' ? [] : HEALTH_COLUMNS.map((h) => `<li>${e(reportLabel('health', h, lang))} : ${countOf(counts.byHealth, h)}</li>`)),
    ];
    return {
      id: 'synthese',
      title: data.kind === 'public' ? t('about') : t('summary'),
      body: `${text ? `<p>${e(text)}</p>` : ''}<ul class="figures">${items.join('')}</ul>`,
    };
  };

  const byOrientation = (): Section => {
    const rows = orientations.map(({ orientation, depth }) => {
      const own = data.actions.filter((a) => a.orientationCode === orientation.code);
      const counts = countOfActions(own);
      return [
        `<span class="depth-${depth}">${e(orientation.code)} ${e(orientation.title)}</span>`,
        pct(data.orientationProgress.get(orientation.code)),
        String(counts.total),
        ...(data.kind === 'public' ? [] : HEALTH_COLUMNS.map((h) => String(countOf(counts.byHealth, h)))),
      ];
    });
    const head = [t('orientation'), t('progress'), t('actionsCount'), ...(data.kind === 'public' ? [] : HEALTH_COLUMNS.map((h) => e(reportLabel('health', h, lang))))];
    return { id: 'orientations', title: t('byOrientation'), body: tableOf(`${t('byOrientation')} (${day(data.date)})`, head, rows) };
  };

  const updatesOf = (a: ActionDocument, limit = 3) =>
    (a.updates ?? [])
      .filter((u) => u.date <= data.date)
      .filter((u) => data.internal || u.kind === 'achievement')
      .slice(-limit)
      .reverse();

  const behind = (): Section => {
    const list = data.actions.filter((a) => a.health === 'behind' || a.health === 'at_risk');
    if (list.length === 0) return { id: 'actions-a-risque', title: t('behindActions'), body: `<p>${t('noneBehind')}</p>` };
    const body = list
      .map((a) => {
        const ups = updatesOf(a.action);
        return `<article class="action"><h3>${e(a.action.code)} ${e(a.action.title)}${ill(a.action.illustrative)}</h3>
<dl><dt>${t('health')}</dt><dd>${healthBadge(a)}</dd><dt>${t('status')}</dt><dd>${e(reportLabel('status', a.action.status, lang))}</dd>
<dt>${t('progress')}</dt><dd>${pct(a.action.progress)}</dd><dt>${t('pilot')}</dt><dd>${partner(pilotOf(a.action))}</dd><dt>${t('end')}</dt><dd>${day(a.action.endDate)}</dd></dl>
${ups.length ? `<h4>${t('latestUpdates')}</h4><ul>${ups.map((u) => `<li><strong>${e(reportLabel('updateKind', u.kind, lang))}</strong> (${day(u.date)}) : ${e(u.text)}${ill(u.illustrative)}</li>`).join('')}</ul>` : ''}</article>`;
      })
      .join('');
    return { id: 'actions-a-risque', title: t('behindActions'), body };
  };

  const alerts = (): Section => {
    const items = [
      ...data.actions.flatMap((a) => a.alerts.map((al) => `<li>${t('action')} ${actionTitle(a.action.code)} : ${e(al.message[lang])}</li>`)),
      ...data.indicators.flatMap((i) => i.alerts.map((al) => `<li>${t('indicator')} ${e(i.indicator.name)} : ${e(al.message[lang])}</li>`)),
    ];
    return { id: 'alertes', title: t('alerts'), body: items.length ? `<ul>${items.join('')}</ul>` : `<p>${t('noAlerts')}</p>` };
  };

  const indicators = (): Section => {
    if (data.indicators.length === 0) return { id: 'indicateurs', title: t('indicators'), body: `<p>${t('noIndicators')}</p>` };
    const rows = data.indicators.map((ri) => {
      const i = ri.indicator;
      const latest = ri.latest.length
        ? ri.latest.map((l) => `${l.value === null ? `<span class="missing">${e(reportLabel('missingReason', l.missingReason ?? 'not_yet_known', lang))}</span>` : withUnit(l.value, i.unit)} (${e(l.period)}, ${e(l.territory)})${l.provisional ? ` <span class="provisional">${t('provisional')}</span>` : ''}${ill(l.illustrative)}`).join('<br>')
        : `<span class="missing">${t('missing')}</span>`;
      const completion = ri.latest.length ? ri.latest.map((l) => pct(l.completionRate)).join('<br>') : `<span class="missing">${t('missing')}</span>`;
      return [
        `${e(i.name)}${ill(i.illustrative)}`,
        i.baseline ? `${withUnit(i.baseline.value, i.unit)} (${day(i.baseline.date)})${ill(i.baseline.illustrative ?? i.illustrative)}` : num(null),
        i.intermediateTargets?.length ? i.intermediateTargets.map((x) => `${withUnit(x.value, i.unit)} (${day(x.date)})`).join('<br>') : e(t('none')),
        i.target ? `${withUnit(i.target.value, i.unit)} (${day(i.target.date)})${ill(i.target.illustrative ?? i.illustrative)}` : num(null),
        latest,
        completion,
      ];
    });
    const table = tableOf(`${t('indicators')} : ${t('baseline').toLowerCase()}, ${t('target').toLowerCase()} ${lang === 'fr' ? 'et dernière valeur au' : 'and latest value at'} ${day(data.date)}`, [t('indicator'), t('baseline'), t('intermediate'), t('target'), t('latest'), t('completion')], rows);
    const charts = data.indicators.filter((ri) => ri.points.length >= 2).map((ri, n) => chart(ri, n)).join('');
    return { id: 'indicateurs', title: t('indicators'), body: table + charts };
  };

  const chart = (ri: ReportIndicator, n: number): string => {
    const i = ri.indicator;
    const periods = [...new Set(ri.points.map((p) => p.period))];
    const values = ri.points.map((p) => p.value).filter((v): v is number => v !== null);
    const refs = [i.baseline?.value, i.target?.value, ...(i.intermediateTargets ?? []).map((x) => x.value)].filter((v): v is number => typeof v === 'number');
    const all = [...values, ...refs];
    const min = Math.min(...all, 0 < Math.min(...all) && Math.min(...all) < Math.max(...all) * 0.3 ? 0 : Math.min(...all));
    const max = Math.max(...all);
    const W = 640, H = 240, L = 56, R = 30, TOP = 16, B = 40;
    const x = (k: number) => L + (periods.length === 1 ? 0 : (k * (W - L - R)) / (periods.length - 1));
    const y = (v: number) => TOP + (max === min ? (H - TOP - B) / 2 : ((max - v) * (H - TOP - B)) / (max - min));
    const dashes = ['', '6 4', '2 3', '10 3 2 3'];
    const lines = ri.territories
      .map((terr, k) => {
        const pts = ri.points.filter((p) => p.territory === terr && p.value !== null).map((p) => `${x(periods.indexOf(p.period)).toFixed(1)},${y(p.value!).toFixed(1)}`);
        return `<polyline class="series s${k}" points="${pts.join(' ')}" fill="none" stroke-dasharray="${dashes[k] ?? ''}"/>`;
      })
      .join('');
    const refLine = (v: number | undefined, cls: string, label: string) =>
      v === undefined ? '' : `<line class="${cls}" x1="${L}" x2="${W - R}" y1="${y(v).toFixed(1)}" y2="${y(v).toFixed(1)}"/><text x="${W - R}" y="${(y(v) - 4).toFixed(1)}" text-anchor="end" class="ref-label">${e(label)} ${e(fmt.format(v))}</text>`;
    const ticks = [min, (min + max) / 2, max].map((v) => `<text x="${L - 6}" y="${(y(v) + 4).toFixed(1)}" text-anchor="end">${e(fmt.format(v))}</text>`).join('');
    const step = Math.max(1, Math.ceil(periods.length / 8));
    const xLabels = periods.map((p, k) => (k % step === 0 || k === periods.length - 1 ? `<text x="${x(k).toFixed(1)}" y="${H - B + 18}" text-anchor="middle">${e(p)}</text>` : '')).join('');
    const first = ri.points.find((p) => p.value !== null);
    const last = [...ri.points].reverse().find((p) => p.value !== null);
    const alt =
      lang === 'fr'
        ? `Évolution de « ${i.name} » de ${first?.period ?? '?'} à ${last?.period ?? '?'} (${ri.territories.join(', ')}) : de ${first?.value === null || first === undefined ? 'non renseigné' : fmt.format(first.value!)} à ${last?.value === null || last === undefined ? 'non renseigné' : fmt.format(last.value!)} ${i.unit}${i.target ? `, pour une cible de ${fmt.format(i.target.value)} ${i.unit}` : ''}${i.baseline ? ` et une valeur de référence de ${fmt.format(i.baseline.value)} ${i.unit}` : ''}. Les valeurs sont dans le tableau qui suit.`
        : `Trend of "${i.name}" from ${first?.period ?? '?'} to ${last?.period ?? '?'} (${ri.territories.join(', ')}): from ${first?.value === null || first === undefined ? 'not provided' : fmt.format(first.value!)} to ${last?.value === null || last === undefined ? 'not provided' : fmt.format(last.value!)} ${i.unit}${i.target ? `, against a target of ${fmt.format(i.target.value)} ${i.unit}` : ''}${i.baseline ? ` and a baseline of ${fmt.format(i.baseline.value)} ${i.unit}` : ''}. The values are in the table that follows.`;
    const id = `chart-${n}`;
    const legend = ri.territories.length > 1 ? `<p class="legend">${ri.territories.map((terr, k) => `<span class="key s${k}">${['—', '- -', '···', '-·-'][k] ?? ''} ${e(terr)}</span>`).join(' ')}</p>` : '';
    const dataRows = periods.map((p) => [e(p), ...ri.territories.map((terr) => {
      const pt = ri.points.find((q) => q.period === p && q.territory === terr);
      return pt ? pointValue(pt, i.unit) : `<span class="missing">${t('missing')}</span>`;
    })]);
    return `<figure class="chart" aria-labelledby="${id}-caption">
<svg role="img" aria-labelledby="${id}-title ${id}-desc" viewBox="0 0 ${W} ${H}" width="100%" preserveAspectRatio="xMidYMid meet"><title id="${id}-title">${e(i.name)}</title><desc id="${id}-desc">${e(alt)}</desc>
<line class="axis" x1="${L}" x2="${L}" y1="${TOP}" y2="${H - B}"/><line class="axis" x1="${L}" x2="${W - R}" y1="${H - B}" y2="${H - B}"/>${ticks}${xLabels}${refLine(i.baseline?.value, 'baseline', t('baseline'))}${refLine(i.target?.value, 'target', t('target'))}${lines}</svg>
<figcaption id="${id}-caption">${e(i.name)} (${e(i.unit)})${ill(i.illustrative)}</figcaption>${legend}</figure>
${tableOf(`${t('chartData')} : ${e(i.name)} (${e(i.unit)})`, [t('periodCol'), ...ri.territories.map((terr) => e(terr))], dataRows)}`;
  };
  const pointValue = (p: ReportPoint, unit: string) =>
    p.value === null
      ? `<span class="missing">${e(reportLabel('missingReason', p.missingReason ?? 'not_yet_known', lang))}</span>`
      : `${withUnit(p.value, unit)}${p.provisional ? ` <span class="provisional">${t('provisional')}</span>` : ''}${ill(p.illustrative)}`;

  const budget = (onlyYear?: number): Section => {
    const totals = new Map<string, { year: number; funder: string; planned: number | null; executed: number | null; illustrative: boolean }>();
    for (const a of data.actions) {
      for (const line of a.action.budget ?? []) {
        if (onlyYear !== undefined && line.year !== onlyYear) continue;
        const key = `${line.year}|${line.funder}`;
        const current = totals.get(key) ?? { year: line.year, funder: line.funder, planned: null, executed: null, illustrative: false };
        if (line.planned !== undefined) current.planned = (current.planned ?? 0) + line.planned;
        if (line.executed !== undefined) current.executed = (current.executed ?? 0) + line.executed;
        current.illustrative ||= a.action.illustrative ?? false;
        totals.set(key, current);
      }
    }
    const lines = [...totals.values()].sort((a, b) => a.year - b.year || (a.funder < b.funder ? -1 : 1));
    const id = onlyYear ? 'budget-annee' : 'budget';
    if (lines.length === 0) return { id, title: t('budget'), body: `<p>${t('noBudget')}</p>` };
    const rate = (p: number | null, x: number | null) => (p && x !== null ? pct((100 * x) / p) : `<span class="missing">${t('missing')}</span>`);
    const rows = lines.map((l) => [String(l.year), `${partner(l.funder)}${ill(l.illustrative)}`, num(l.planned), num(l.executed), rate(l.planned, l.executed)]);
    const sum = (k: 'planned' | 'executed') => (lines.some((l) => l[k] !== null) ? lines.reduce((s, l) => s + (l[k] ?? 0), 0) : null);
    rows.push([t('total'), '', num(sum('planned')), num(sum('executed')), rate(sum('planned'), sum('executed'))]);
    return { id, title: t('budget'), body: tableOf(onlyYear ? `${t('budget')} (${onlyYear})` : t('budget'), [t('year'), t('funder'), t('planned'), t('executed'), t('rate')], rows) };
  };

  const decisions = (): Section => {
    const meetings = (file.governingBodies ?? []).flatMap((b) => (b.meetings ?? []).filter((m) => m.date <= data.date).map((m) => ({ body: b.name, ...m })));
    meetings.sort((a, b) => (a.date < b.date ? -1 : 1));
    const rows = meetings.flatMap((m) =>
      (m.decisions ?? []).map((d) => [
        `${day(m.date)}<br>${e(m.title)}`,
        e(d.text),
        (d.actions ?? []).length
          ? (d.actions ?? [])
              .map((code) => {
                const a = actionByCode.get(code);
                if (!a) return e(code);
                const last = updatesOf(a.action, 1)[0];
                return `${actionTitle(code)} : ${e(reportLabel('status', a.action.status, lang))}, ${pct(a.action.progress)}${last ? ` ; ${e(reportLabel('updateKind', last.kind, lang))} (${day(last.date)}) : ${e(last.text)}` : ''}`;
              })
              .join('<br>')
          : `<span class="missing">${t('missing')}</span>`,
      ]),
    );
    return { id: 'decisions', title: t('decisions'), body: rows.length ? tableOf(t('decisions'), [lang === 'fr' ? 'Réunion' : 'Meeting', t('decision'), t('outcome')], rows) : `<p>${t('noDecisions')}</p>` };
  };

  const evaluations = (full: boolean, kinds?: readonly string[]): Section | null => {
    // A final report also shows an evaluation finished after the period's end (it usually is).
    const list = data.evaluation.evaluations.filter((ev) => (data.kind === 'final' || ev.date <= data.date) && (!kinds || kinds.includes(ev.kind)));
    if (list.length === 0) return null;
    const body = list
      .map((ev) => {
        const authors = ev.authors.map((a) => `${e(a.name)} (${e(reportLabel('authorKind', a.kind, lang))})`).join(', ');
        const text = data.kind === 'public' ? (ev.easyRead ?? ev.summary) : ev.summary;
        const questions =
          full && ev.questions?.length
            ? `<h4>${t('questions')}</h4>${ev.questions
                .map(
                  (q) => `<section class="question"><h5>${e(q.text)}${ill(q.illustrative)}</h5><dl>
<dt>${t('criteria')}</dt><dd>${q.criteria.map((c) => e(reportLabel('criterion', c, lang))).join(', ')}</dd>
${q.orientation ? `<dt>${t('orientation')}</dt><dd>${e(q.orientation)}</dd>` : ''}${q.action ? `<dt>${t('action')}</dt><dd>${actionTitle(q.action)}</dd>` : ''}
${q.indicators?.length ? `<dt>${t('indicators')}</dt><dd>${q.indicators.map((c) => e(data.indicators.find((i) => i.indicator.code === c)?.indicator.name ?? c)).join(', ')}</dd>` : ''}
${q.sources?.length ? `<dt>${t('sources')}</dt><dd>${q.sources.map(e).join(' ; ')}</dd>` : ''}</dl>
${q.findings?.length ? `<p><strong>${t('findings')}</strong></p><ul>${q.findings.map((f) => `<li>${e(f)}</li>`).join('')}</ul>` : ''}</section>`,
                )
                .join('')}`
            : '';
        const recRows = (ev.recommendations ?? []).map((r) => [
          `${e(r.text)}${ill(r.illustrative)}`,
          r.followUp ? `${e(reportLabel('followUp', r.followUp.status, lang))}${r.followUp.date ? ` (${day(r.followUp.date)})` : ''}${data.internal && r.followUp.note ? `<br><span class="note">${t('note')} : ${e(r.followUp.note)}</span>` : ''}` : e(reportLabel('followUp', 'pending', lang)),
          r.actions?.length ? r.actions.map(actionTitle).join('<br>') : e(t('none')),
        ]);
        return `<article class="evaluation"><h3>${e(ev.title)}${ill(ev.illustrative)}</h3>
<p>${e(reportLabel('evaluationKind', ev.kind, lang))}, ${ev.startDate ? `${day(ev.startDate)} – ` : ''}${day(ev.date)}. ${t('authors')} : ${authors}.</p>
${text ? `<p>${e(text)}</p>` : ''}${questions}
${recRows.length ? tableOf(`${t('recommendations')} : ${e(ev.title)}`, [t('recommendation'), t('followUp'), t('changedActions')], recRows) : ''}</article>`;
      })
      .join('');
    return { id: 'evaluations', title: t('evaluations'), body };
  };

  const legalTrail = (onlyYear?: number): Section | null => {
    const acts = data.evaluation.legalTrail.filter((a) => a.date <= data.date && (onlyYear === undefined || Number(a.date.slice(0, 4)) === onlyYear));
    const adoption = scheme.adoption && !acts.some((a) => a.kind === 'deliberation')
      ? [{ code: 'adoption', kind: 'deliberation' as const, date: scheme.adoption.date, title: lang === 'fr' ? 'Adoption du schéma' : 'Adoption of the scheme', number: scheme.adoption.reference ?? undefined }]
      : [];
    const all = [...adoption, ...acts].sort((a, b) => (a.date < b.date ? -1 : 1));
    if (all.length === 0) return onlyYear === undefined ? { id: 'trace-legale', title: t('legalTrail'), body: `<p>${t('noLegal')}</p>` } : null;
    const rows = all.map((a) => {
      const full = a as (typeof acts)[number];
      return [
        day(a.date),
        `${e(reportLabel('actKind', a.kind, lang))} : ${e(a.title)}${ill(full.illustrative)}`,
        a.number ? e(a.number) : `<span class="missing">${t('missing')}</span>`,
        e(full.assembly ?? full.body ?? '') || `<span class="missing">${t('missing')}</span>`,
        `${full.opinion ? `${e(reportLabel('opinion', full.opinion, lang))}. ` : ''}${full.summary ? e(full.summary) : ''}${
          full.changes?.length ? `<ul>${full.changes.map((c) => `<li>${c.action ? `${actionTitle(c.action)} : ` : c.indicator ? `${e(c.indicator)} : ` : c.orientation ? `${e(c.orientation)} : ` : ''}${e(c.text)}</li>`).join('')}</ul>` : ''
        }`,
      ];
    });
    return { id: 'trace-legale', title: t('legalTrail'), body: tableOf(t('legalTrail'), [t('dateCol'), t('act'), t('number'), t('body'), t('changes')], rows) };
  };

  const targetRevisions = (): Section | null => {
    const list = data.evaluation.targetRevisions.filter((r) => r.date <= data.date);
    if (list.length === 0) return null;
    const unitOf = (code: string) => data.indicators.find((i) => i.indicator.code === code)?.indicator;
    const rows = list.map((r) => {
      const i = unitOf(r.indicator);
      return [
        `${e(i?.name ?? r.indicator)}${ill(r.illustrative)}`,
        day(r.date),
        `${withUnit(r.original.value, i?.unit ?? '')}${r.original.date ? ` (${day(r.original.date)})` : ''}`,
        `${withUnit(r.revised.value, i?.unit ?? '')}${r.revised.date ? ` (${day(r.revised.date)})` : ''}`,
        e(r.justification),
      ];
    });
    return { id: 'revisions-cibles', title: t('targetRevisions'), body: tableOf(t('targetRevisions'), [t('indicator'), t('dateCol'), t('original'), t('revised'), t('justification')], rows) };
  };

  const lineage = (): Section | null => {
    const next = data.evaluation.continuations;
    const prev = data.evaluation.lineage;
    if (next.length === 0 && prev.length === 0) return null;
    const parts: string[] = [];
    if (next.length) {
      parts.push(
        tableOf(
          `${t('lineage')} (${e([...new Set(next.map((c) => c.successorCode))].join(', '))})`,
          [t('action'), t('fate'), t('into'), t('note')],
          next.map((c) => [actionTitle(c.action), `${e(reportLabel('fate', c.fate, lang))}${ill(c.illustrative)}`, c.into.length ? c.into.map(e).join(', ') : e(t('none')), c.note ? e(c.note) : '']),
        ),
      );
    }
    if (prev.length) {
      parts.push(
        tableOf(
          `${t('lineageFrom')} (${e(scheme.predecessorCode ?? '')})`,
          [t('previousAction'), t('fate'), t('intoThis'), t('note')],
          prev.map((l) => [e(l.action), `${e(reportLabel('fate', l.fate, lang))}${ill(l.illustrative)}`, l.into?.length ? l.into.map(actionTitle).join('<br>') : e(t('none')), l.note ? e(l.note) : '']),
        ),
      );
    }
    return { id: 'filiation', title: next.length ? t('lineage') : t('lineageFrom'), body: parts.join('') };
  };

  const yearActivity = (): Section => {
    const items = data.actions.flatMap((a) =>
      (a.action.updates ?? [])
        .filter((u) => Number(u.date.slice(0, 4)) === data.year && u.date <= data.date)
        .map((u) => ({ a, u })),
    );
    items.sort((x, y) => (x.u.date < y.u.date ? -1 : 1));
    const rows = items.map(({ a, u }) => [day(u.date), actionTitle(a.action.code), e(reportLabel('updateKind', u.kind, lang)), `${e(u.text)}${ill(u.illustrative)}`]);
    return {
      id: 'annee',
      title: `${t('yearActivity')} ${data.year}`,
      body: rows.length ? tableOf(`${t('yearActivity')} ${data.year}`, [t('dateCol'), t('action'), lang === 'fr' ? 'Nature' : 'Kind', lang === 'fr' ? 'Texte' : 'Text'], rows) : `<p>${t('noYearActivity')}</p>`,
    };
  };

  const publicActions = (): Section => {
    const body = orientations
      .filter(({ orientation }) => (orientation.actions ?? []).length)
      .map(({ orientation }) => {
        const own = data.actions.filter((a) => a.orientationCode === orientation.code);
        return `<h3>${e(orientation.code)} ${e(orientation.easyRead ?? orientation.title)}</h3><ul class="actions">${own
          .map((a) => {
            const achieved = updatesOf(a.action, 1)[0];
            return `<li><strong>${e(a.action.code)} ${e(a.action.title)}</strong>${ill(a.action.illustrative)}${a.action.easyRead ? `<br>${e(a.action.easyRead)}` : ''}<br>${t('status')} : ${e(reportLabel('status', a.action.status, lang))}${a.action.progress !== undefined ? `, ${t('progress').toLowerCase()} ${pct(a.action.progress)}` : ''}${achieved ? `<br>${e(reportLabel('updateKind', achieved.kind, lang))} (${day(achieved.date)}) : ${e(achieved.text)}` : ''}</li>`;
          })
          .join('')}</ul>`;
      })
      .join('');
    return { id: 'actions', title: t('actions'), body };
  };

  const sections: (Section | null)[] =
    data.kind === 'copil'
      ? [summary(), byOrientation(), behind(), alerts(), indicators(), budget(), decisions(), evaluations(false), targetRevisions(), legalTrail(), lineage()]
      : data.kind === 'annual'
        ? [summary(), byOrientation(), yearActivity(), behind(), indicators(), budget(data.year), evaluations(false), targetRevisions(), legalTrail(data.year), lineage()]
        : data.kind === 'final'
          ? [summary(), evaluations(true, ['final']) ?? evaluations(true), byOrientation(), indicators(), budget(), targetRevisions(), legalTrail(), lineage()]
          : [summary(), byOrientation(), publicActions(), indicators(), targetRevisions(), evaluations(false), legalTrail(), lineage()];
  const present = sections.filter((s): s is Section => s !== null);
  const title = `${reportLabel('kind', data.kind, lang)} : ${scheme.title}`;
  const hasIllustrative = /class="illustrative"/.test(present.map((s) => s.body).join(''));
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(title)}</title>
<style>${STYLES}</style>
</head>
<body>
<header>
<p class="kicker">${e(departmentsLabel(scheme.departments, lang))}</p>
<h1>${e(title)}</h1>
<dl class="meta"><dt>${t('date')}</dt><dd>${day(data.date)}</dd><dt>${t('period')}</dt><dd>${scheme.period.start}-${scheme.period.end}</dd><dt>${t('status')}</dt><dd>${e(reportLabel('schemeStatus', scheme.status, lang))}</dd></dl>
${hasIllustrative ? `<p class="notice">${t('illustrativeNote')}</p>` : ''}
<nav aria-label="${t('contents')}"><h2 class="toc-title">${t('contents')}</h2><ol>${present.map((s) => `<li><a href="#${s.id}">${e(s.title)}</a></li>`).join('')}</ol></nav>
</header>
<main>
${present.map((s) => `<section id="${s.id}" aria-labelledby="${s.id}-h"><h2 id="${s.id}-h">${e(s.title)}</h2>${s.body}</section>`).join('\n')}
</main>
<footer><p>${t('generated')} ${day(new Date().toISOString().slice(0, 10))}.${scheme.sourceUrl ? ` Source : ${e(scheme.sourceUrl)}` : ''}</p></footer>
</body>
</html>
`;
}

function departmentsLabel(departments: readonly string[], lang: Lang): string {
  const names: Record<string, string> = { '48': 'Lozère', '72': 'Sarthe', '77': 'Seine-et-Marne', '78': 'Yvelines', '92': 'Hauts-de-Seine' };
  const list = departments.map((d) => (names[d] ? `${names[d]} (${d})` : d));
  return (lang === 'fr' ? 'Département' + (list.length > 1 ? 's' : '') + ' : ' : 'Département' + (list.length > 1 ? 's' : '') + ': ') + list.join(lang === 'fr' ? ' et ' : ' and ');
}

function* walk(orientations: readonly { code: string; title: string; easyRead?: string; actions?: unknown[]; orientations?: unknown[] }[], depth = 0): Generator<{ orientation: { code: string; title: string; easyRead?: string; actions?: unknown[] }; depth: number }> {
  for (const orientation of orientations) {
    yield { orientation, depth };
    yield* walk((orientation.orientations ?? []) as typeof orientations, depth + 1);
  }
}

const STYLES = `
:root{color-scheme:light;--ink:#1e1e1e;--muted:#4a4a4a;--line:#8a8a8a;--accent:#00508c;--ok:#1b6e35;--warn:#8a4b00;--risk:#a4161a}
*{box-sizing:border-box}
body{font-family:"Marianne","Helvetica Neue",Arial,sans-serif;color:var(--ink);background:#fff;line-height:1.45;margin:0 auto;max-width:60rem;padding:1.5rem}
h1{font-size:1.7rem;margin:.2rem 0 1rem}h2{font-size:1.35rem;border-bottom:2px solid var(--accent);padding-bottom:.2rem;margin-top:2rem}
h3{font-size:1.1rem;margin-top:1.4rem}h4,h5{font-size:1rem;margin:.8rem 0 .3rem}
.kicker{color:var(--muted);margin:0;text-transform:uppercase;letter-spacing:.04em;font-size:.85rem}
dl.meta{display:flex;flex-wrap:wrap;gap:.2rem 1.2rem;margin:0 0 1rem}dl.meta dt{font-weight:bold}dl.meta dd{margin:0}
.notice{border-left:4px solid var(--warn);padding:.4rem .8rem;background:#fff6e5}
.toc-title{font-size:1.1rem;border:0}
table{border-collapse:collapse;width:100%;margin:.8rem 0 1.2rem;font-size:.9rem}
caption{text-align:left;font-weight:bold;padding:.3rem 0}
th,td{border:1px solid var(--line);padding:.3rem .45rem;text-align:left;vertical-align:top}
thead th{background:#e8edf5}
.missing{color:var(--muted);font-style:italic}
.illustrative{color:var(--warn);font-style:italic;white-space:nowrap}
.provisional{color:var(--muted);font-style:italic}
.badge{font-weight:bold}.badge.on_track{color:var(--ok)}.badge.behind{color:var(--warn)}.badge.at_risk{color:var(--risk)}
.depth-1{padding-left:1rem}.depth-2{padding-left:2rem}.depth-3{padding-left:3rem}
article.action,article.evaluation{border:1px solid var(--line);padding:.2rem .9rem .6rem;margin:.8rem 0;break-inside:avoid}
article dl{display:grid;grid-template-columns:max-content 1fr;gap:.1rem .8rem}article dd{margin:0}
figure.chart{margin:1rem 0 .3rem;break-inside:avoid}
svg text{font-size:11px;fill:var(--ink)}svg .axis{stroke:var(--ink);stroke-width:1}
svg .series{stroke:var(--accent);stroke-width:2.5}svg .s1{stroke:#6a1b9a}svg .s2{stroke:#00695c}svg .s3{stroke:#5d4037}
svg .baseline{stroke:var(--muted);stroke-dasharray:3 3}svg .target{stroke:var(--ok);stroke-dasharray:8 4}svg .ref-label{font-size:10px}
figcaption{font-weight:bold;font-size:.9rem}
.note{color:var(--muted)}
footer{margin-top:2.5rem;border-top:1px solid var(--line);color:var(--muted);font-size:.85rem}
a{color:var(--accent)}
@media print{body{max-width:none;padding:0}nav{break-after:page}h2{break-after:avoid}table{break-inside:auto}tr{break-inside:avoid}}
@page{size:A4;margin:16mm 14mm}
`;

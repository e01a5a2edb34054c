import type { QueryDef } from '../data/queries.ts';

/** The data of `<sosms-evaluation>`: the scheme's legal trail, target revisions, evaluations and lineage. */
export const SchemeEvaluationView: QueryDef = {
  name: 'SchemeEvaluationView',
  text: /* GraphQL */ `
  query SchemeEvaluationView($scheme: String!) {
    scheme(code: $scheme) { code title }
    schemeEvaluation(schemeCode: $scheme) {
      legalTrail { code kind date title number assembly body opinion summary illustrative changes { text actionCode indicatorCode } }
      targetRevisions { indicatorCode date original { value date } revised { value date } justification illustrative }
      evaluations { code kind title date startDate summary easyRead illustrative authors { name kind } recommendations { code text illustrative actionCodes followUp { status date } } }
      lineage { predecessorSchemeCode predecessorActionCode fate actionCodes illustrative }
      continuations { successorSchemeCode actionCode fate successorActionCodes illustrative }
    }
  }
`,
};

/** What the query returns, as the widget reads it. */
export interface EvaluationViewData {
  readonly scheme: { code: string; title: string } | null;
  readonly schemeEvaluation: {
    legalTrail: { code: string; kind: string; date: string; title: string; number: string | null; assembly: string | null; body: string | null; opinion: string | null; summary: string | null; illustrative: boolean; changes: { text: string; actionCode: string | null; indicatorCode: string | null }[] }[];
    targetRevisions: { indicatorCode: string; date: string; original: { value: number; date: string | null }; revised: { value: number; date: string | null }; justification: string; illustrative: boolean }[];
    evaluations: { code: string; kind: string; title: string; date: string; startDate: string | null; summary: string | null; easyRead: string | null; illustrative: boolean; authors: { name: string; kind: string }[]; recommendations: { code: string; text: string; illustrative: boolean; actionCodes: string[]; followUp: { status: string; date: string | null } | null }[] }[];
    lineage: { predecessorSchemeCode: string; predecessorActionCode: string; fate: string; actionCodes: string[]; illustrative: boolean }[];
    continuations: { successorSchemeCode: string; actionCode: string; fate: string; successorActionCodes: string[]; illustrative: boolean }[];
  } | null;
}

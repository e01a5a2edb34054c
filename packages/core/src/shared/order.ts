// The orders of the domain, one home for each (issue 8): the gateway's loaders and resolvers, the reports and
// the widgets sort with these. No import: the widgets bundle this module (`@sosms/core/order`) as it is.
// Periods of measurements are ordered next to their rule, `comparePeriods` (`rules/period.ts`).

const collator = new Intl.Collator('fr', { numeric: true });

/**
 * Codes as people read them: `1.2` before `1.10`, French collation for the letters.
 *
 * ### Examples
 * ```ts
 * ['1.10', '1.2', '2'].sort(compareCodes); // ['1.2', '1.10', '2']
 * ```
 */
export function compareCodes(a: string, b: string): number {
  return collator.compare(a, b);
}

/**
 * Orientations, actions, indicators and the other items of a scheme as the file orders them: by `position`
 * (missing is 0), then by code.
 *
 * ### Examples
 * ```ts
 * orientations.sort(compareByPosition);
 * ```
 */
export function compareByPosition(a: { readonly position?: number | null; readonly code?: string | null }, b: { readonly position?: number | null; readonly code?: string | null }): number {
  return (a.position ?? 0) - (b.position ?? 0) || compareCodes(a.code ?? '', b.code ?? '');
}

/**
 * Items of a list shown by code (a scheme's actions, an orientation's actions, a tree's branches).
 *
 * ### Examples
 * ```ts
 * actions.sort(compareByCode);
 * ```
 */
export function compareByCode(a: { readonly code: string }, b: { readonly code: string }): number {
  return compareCodes(a.code, b.code);
}

/**
 * Dated items of a timeline (phases, consultation events, meetings), by their first day covered (`YYYY-MM-DD`,
 * as the fuzzy date's bounds give it), then the shorter first (a point before a span that starts the same day,
 * an open end last). Undated items (`start` null) come after the dated ones.
 *
 * ### Examples
 * ```ts
 * entries.sort((a, b) => compareDateSpans({ start: a.date, end: a.endDate }, { start: b.date, end: b.endDate }));
 * ```
 */
export function compareDateSpans(a: { readonly start: string | null; readonly end?: string | null }, b: { readonly start: string | null; readonly end?: string | null }): number {
  return compareText(a.start, b.start) || compareText(a.end ?? a.start, b.end ?? b.start);
}

/**
 * Dated items newest first (an action's updates: the latest news leads), equal dates in their given order.
 *
 * ### Examples
 * ```ts
 * updates.sort(compareNewestFirst);
 * ```
 */
export function compareNewestFirst(a: { readonly date: string }, b: { readonly date: string }): number {
  return a.date < b.date ? 1 : a.date > b.date ? -1 : 0;
}

/**
 * Budget lines by year, then by funder (name or code) in French collation.
 *
 * ### Examples
 * ```ts
 * lines.sort(compareBudgetLines);
 * ```
 */
export function compareBudgetLines(a: { readonly year: number; readonly funder: string }, b: { readonly year: number; readonly funder: string }): number {
  return a.year - b.year || collator.compare(a.funder, b.funder);
}

/**
 * A tree given as a flat list, in reading order: each item followed by its descendants, siblings in the
 * list's order (sort them first, by {@link compareByPosition} for a scheme's orientations).
 *
 * ### Examples
 * ```ts
 * readingOrder(orientations, (o) => o.id, (o) => o.parentId); // 1, 1.1, 1.2, 2, 2.1…
 * ```
 */
export function readingOrder<T>(items: readonly T[], id: (item: T) => string, parentId: (item: T) => string | null): T[] {
  const children = new Map<string | null, T[]>();
  for (const item of items) {
    const parent = parentId(item);
    const list = children.get(parent);
    if (list) list.push(item);
    else children.set(parent, [item]);
  }
  const out: T[] = [];
  const visit = (parent: string | null) => {
    for (const item of children.get(parent) ?? []) {
      out.push(item);
      visit(id(item));
    }
  };
  visit(null);
  return out;
}

/** ISO texts (dates, periods' first days) in code-point order, null last. */
function compareText(a: string | null | undefined, b: string | null | undefined): number {
  if (a === b) return 0;
  if (a === null || a === undefined) return 1;
  if (b === null || b === undefined) return -1;
  return a < b ? -1 : 1;
}

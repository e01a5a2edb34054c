// Who may read what: drafts are visible only to their départements' teams.

/**
 * Who is reading: drafts (status `draft` or `published = false`) are visible only to the teams of the
 * scheme's départements, or to everyone with `all`.
 *
 * ### Examples
 * ```ts
 * const publicReader: Visibility = {};
 * const team92: Visibility = { departments: ['92'] };
 * const admin: Visibility = { all: true };
 * ```
 */
export interface Visibility {
  readonly all?: boolean;
  readonly departments?: readonly string[];
  /** Schemes visible whatever their status (a contributor's schemes). */
  readonly schemeIds?: readonly string[];
}

/**
 * Whether a reader may see a scheme (the same rule as the SQL filter of the list queries).
 *
 * ### Examples
 * ```ts
 * isSchemeVisible({ status: 'draft', published: true, departments: ['92'] }, { departments: ['92'] }); // true
 * isSchemeVisible({ status: 'draft', published: true, departments: ['92'] }, {}); // false
 * ```
 */
export function isSchemeVisible(scheme: { id?: string; status: string; published: boolean; departments: readonly string[] }, visibility: Visibility): boolean {
  if (visibility.all) return true;
  if (scheme.status !== 'draft' && scheme.published) return true;
  if (scheme.id !== undefined && visibility.schemeIds?.includes(scheme.id)) return true;
  return scheme.departments.some((d) => visibility.departments?.includes(d) ?? false);
}

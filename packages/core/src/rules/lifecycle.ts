import type { StatusChangeKind } from '../scheme/scheme.table.ts';

/** The statuses of a scheme, in the order of its lifecycle (re-exported by scheme/scheme.ts, the model). */
export const SCHEME_STATUSES = ['draft', 'consultation', 'adopted', 'in_force', 'closed'] as const;
export type SchemeStatus = (typeof SCHEME_STATUSES)[number];

/**
 * The legal lifecycle of a scheme, in order: draft → consultation → adopted (the assembly's vote) →
 * in force → closed. A scheme moves forward along it (a step may be skipped when the facts it needs are
 * given: a scheme recorded after its vote goes from draft to in force at once); going back is an
 * amendment (the scheme is revised) or a withdrawal (the deliberation is withdrawn), dated and
 * motivated, and kept in the scheme's trail.
 */
export const LIFECYCLE: readonly SchemeStatus[] = SCHEME_STATUSES;

/** The statuses that need the adoption facts: the vote's date and the deliberation's reference. */
export const NEEDS_ADOPTION: ReadonlySet<SchemeStatus> = new Set(['adopted', 'in_force', 'closed']);

/** Why a status change is asked for, when it goes back. */
export interface StatusChangeReason {
  readonly kind: Exclude<StatusChangeKind, 'transition'>;
  /** ISO date the change takes effect. */
  readonly date: string;
  readonly reason: string;
}

/** The verdict of {@link statusChange}: the kind of change to record, or the message code of a refusal. */
export type StatusChangeVerdict =
  | { readonly ok: true; readonly kind: StatusChangeKind }
  | { readonly ok: false; readonly code: 'status_transition' | 'change_reason_required' };

/**
 * Whether a scheme may go from one status to another: forward along {@link LIFECYCLE}, or back with a
 * dated and motivated amendment or withdrawal. The same status is no change (`transition`).
 *
 * ### Examples
 * ```ts
 * statusChange('draft', 'consultation'); // { ok: true, kind: 'transition' }
 * statusChange('in_force', 'draft'); // { ok: false, code: 'status_transition' }
 * statusChange('in_force', 'draft', { kind: 'amendment', date: '2026-06-30', reason: 'Révision à mi-parcours' }); // { ok: true, kind: 'amendment' }
 * ```
 */
export function statusChange(from: SchemeStatus, to: SchemeStatus, reason?: StatusChangeReason): StatusChangeVerdict {
  const forward = LIFECYCLE.indexOf(to) >= LIFECYCLE.indexOf(from);
  if (forward) return { ok: true, kind: 'transition' };
  if (!reason) return { ok: false, code: 'status_transition' };
  if (!reason.date || !reason.reason.trim()) return { ok: false, code: 'change_reason_required' };
  return { ok: true, kind: reason.kind };
}

/**
 * Whether a status holds with the scheme's adoption facts: adopted, in force and closed schemes have
 * the vote's date and the deliberation's reference.
 *
 * ### Examples
 * ```ts
 * hasAdoptionFacts('in_force', { date: '2019-06-21', reference: null }); // false
 * hasAdoptionFacts('draft', null); // true
 * ```
 */
export function hasAdoptionFacts(status: SchemeStatus, adoption: { readonly date?: string | null; readonly reference?: string | null } | null | undefined): boolean {
  if (!NEEDS_ADOPTION.has(status)) return true;
  return Boolean(adoption?.date && adoption.reference?.trim());
}

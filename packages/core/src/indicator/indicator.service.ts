import type { Kysely } from 'kysely';
import { runCommand, type Caller } from '../access/command.ts';
import type { Database, IndicatorRow } from '../database/database.ts';
import { resolvePartnerCodes } from '../partner/partner.repository.ts';
import { schemeForWrite } from '../scheme/scheme.service.ts';
import { validated, validationError } from '../shared/errors.ts';
import { writeIndicator, type IndicatorOwnerCodes } from './indicator.repository.ts';
import { indicatorSchema } from './indicator.ts';
import type { Aggregation, Direction, IndicatorType, Periodicity } from './indicator.ts';

/**
 * An indicator as stored. It belongs to a scheme and is attached to the scheme itself (both
 * `orientationId` and `actionId` null), to an orientation, or to an action.
 *
 * ### Examples
 * ```ts
 * const [indicator] = await getIndicatorsByIds(db, [id]);
 * completionRate({ baselineValue: indicator.baseline?.value, targetValue: indicator.target?.value }, 50);
 * ```
 */
export interface Indicator {
  readonly id: string;
  readonly schemeId: string;
  readonly orientationId: string | null;
  readonly actionId: string | null;
  readonly code: string;
  readonly name: string;
  readonly definition: string | null;
  readonly type: IndicatorType;
  readonly unit: string;
  readonly direction: Direction;
  /** `illustrative` is the value's own mark, or the indicator's when the value has none. */
  readonly baseline: DatedValue | null;
  readonly target: DatedValue | null;
  readonly intermediateTargets: DatedValue[];
  readonly periodicity: Periodicity;
  readonly source: string | null;
  readonly aggregation: Aggregation;
  readonly sharedCode: string | null;
  readonly ownerPartnerId: string | null;
  readonly position: number;
  readonly illustrative: boolean;
  /** Statistical secrecy threshold (counts above zero and below it are masked), or null. */
  readonly secrecyThreshold: number | null;
}

/** A dated value of an indicator with its provenance. */
export interface DatedValue {
  readonly value: number;
  readonly date: string;
  readonly illustrative: boolean;
  readonly source: string | null;
}

const dated = (value: number | null, date: string | null, illustrative: boolean | null | undefined, source: string | null | undefined, fallback: boolean): DatedValue | null =>
  value !== null && date !== null ? { value, date, illustrative: illustrative ?? fallback, source: source ?? null } : null;

/**
 * Map an `indicator` row to an {@link Indicator}.
 *
 * ### Examples
 * ```ts
 * indicatorFromRow(row).target; // { value: 60, date: '2023-12-31' }
 * ```
 */
export function indicatorFromRow(row: IndicatorRow): Indicator {
  return {
    id: row.id,
    schemeId: row.scheme_id,
    orientationId: row.orientation_id,
    actionId: row.action_id,
    code: row.code,
    name: row.name,
    definition: row.definition,
    type: row.type as IndicatorType,
    unit: row.unit,
    direction: row.direction as Direction,
    baseline: dated(row.baseline_value, row.baseline_date, row.baseline_illustrative, row.baseline_source, row.illustrative),
    target: dated(row.target_value, row.target_date, row.target_illustrative, row.target_source, row.illustrative),
    intermediateTargets: row.intermediate_targets.map((t) => dated(t.value, t.date, t.illustrative, t.source, row.illustrative)!),
    periodicity: row.periodicity as Periodicity,
    source: row.source,
    aggregation: row.aggregation as Aggregation,
    sharedCode: row.shared_code,
    ownerPartnerId: row.owner_partner_id,
    position: row.position,
    illustrative: row.illustrative,
    secrecyThreshold: row.secrecy_threshold ?? null,
  };
}

/**
 * Create or update an indicator by its code within a scheme (editor of every département of the
 * scheme). Its fields are replaced by the input (measurements are recorded by `recordMeasurement`).
 * `owner` absent keeps the current attachment (the scheme for a new indicator); `{}` attaches it to
 * the scheme, `{ orientationCode }` or `{ actionCode }` to that orientation or action. The partner that
 * reports the values must be visible to the caller.
 *
 * ### Examples
 * ```ts
 * await saveIndicator(db, { principal }, '92-2024-2028', { code: 'rsa-emploi', name: 'Part des allocataires du RSA en emploi', unit: '%' }, { actionCode: '3.2' });
 * ```
 */
export function saveIndicator(db: Kysely<Database>, caller: Caller, schemeCode: string, input: unknown, owner?: IndicatorOwnerCodes): Promise<Indicator> {
  return runCommand(db, caller, 'indicator:save', async (ctx) => {
    const data = validated(indicatorSchema, input, ctx.lang);
    if (owner?.orientationCode && owner.actionCode) {
      const message = ctx.lang === 'fr' ? "un indicateur est rattaché à une orientation ou à une action, pas aux deux" : 'an indicator belongs to an orientation or to an action, not both';
      throw validationError([{ path: 'owner', code: 'owner_conflict', message }], ctx.lang);
    }
    const scheme = await schemeForWrite(ctx, { code: schemeCode }, 'share');
    const { ids, issues } = await resolvePartnerCodes(ctx.trx, data.owner ? [{ code: data.owner, path: 'owner' }] : [], { schemeId: scheme.id, visibility: ctx.visibility, lang: ctx.lang });
    if (issues.length) throw validationError(issues, ctx.lang);
    const { indicator, before } = await writeIndicator(ctx.trx, scheme, data, owner, ids, ctx.lang);
    return { value: indicator, entityId: indicator.id, before, after: indicator };
  });
}

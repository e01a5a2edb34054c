import type { Role } from './access.ts';

/**
 * Every write the core knows, named once: authorization, the audit log and the labels use these names.
 * `roles` are the token roles allowed to attempt it (the operator may do everything); `entity` the type
 * recorded in the audit log.
 */
export const OPERATIONS = {
  'scheme:create': { roles: ['editor'], entity: 'Scheme' },
  'scheme:update': { roles: ['editor'], entity: 'Scheme' },
  'scheme:change-status': { roles: ['editor'], entity: 'Scheme' },
  'scheme:publish': { roles: ['editor'], entity: 'Scheme' },
  'scheme:unpublish': { roles: ['editor'], entity: 'Scheme' },
  'scheme-file:import': { roles: ['editor'], entity: 'Scheme' },
  'spreadsheet:import': { roles: ['editor'], entity: 'Scheme' },
  'orientation:save': { roles: ['editor'], entity: 'Orientation' },
  'orientation:move': { roles: ['editor'], entity: 'Orientation' },
  'action:save': { roles: ['editor'], entity: 'Action' },
  'action:update': { roles: ['editor'], entity: 'Action' },
  'action-update:add': { roles: ['editor'], entity: 'ActionUpdate' },
  'indicator:save': { roles: ['editor'], entity: 'Indicator' },
  'measurement:record': { roles: ['editor', 'contributor'], entity: 'Measurement' },
  'governing-body:save': { roles: ['editor'], entity: 'GoverningBody' },
  'governing-body:delete': { roles: ['editor'], entity: 'GoverningBody' },
  'body-member:add': { roles: ['editor'], entity: 'GoverningBody' },
  'body-member:remove': { roles: ['editor'], entity: 'GoverningBody' },
  'meeting:save': { roles: ['editor'], entity: 'Meeting' },
  'meeting:delete': { roles: ['editor'], entity: 'Meeting' },
  'phase:save': { roles: ['editor'], entity: 'Phase' },
  'phase:delete': { roles: ['editor'], entity: 'Phase' },
  'consultation-event:save': { roles: ['editor'], entity: 'ConsultationEvent' },
  'consultation-event:delete': { roles: ['editor'], entity: 'ConsultationEvent' },
  'proposal:save': { roles: ['editor'], entity: 'Proposal' },
  'proposal:delete': { roles: ['editor'], entity: 'Proposal' },
  'proposal:link-actions': { roles: ['editor'], entity: 'Proposal' },
  'evaluation:save': { roles: ['editor'], entity: 'Evaluation' },
  'recommendation:follow-up': { roles: ['editor'], entity: 'Evaluation' },
  'legal-act:record': { roles: ['editor'], entity: 'LegalAct' },
  'lineage:set': { roles: ['editor'], entity: 'ActionLineage' },
  'indicator:revise-target': { roles: ['editor'], entity: 'Indicator' },
  'token:create': { roles: [], entity: 'ApiToken' },
  'token:revoke': { roles: [], entity: 'ApiToken' },
  'token:rotate': { roles: [], entity: 'ApiToken' },
} as const satisfies Record<string, { readonly roles: readonly Role[]; readonly entity: string }>;

/** The name of a write, e.g. `scheme:update`. */
export type Operation = keyof typeof OPERATIONS;

/** The operation names, in the order above. */
export const OPERATION_NAMES = Object.keys(OPERATIONS) as Operation[];

// The stored rows of action: the tables as kysely sees them, columns typed by the domain unions.
import type { Generated } from 'kysely';
import type { Defaulted, Json, ReadOnly } from '../database/columns.ts';
import type { ActionRole } from '../partner/partner.ts';
import type { ActionStatus, Priority, UpdateKind } from './action.ts';

export interface ActionTable {
  id: string;
  scheme_id: string;
  orientation_id: string;
  code: string;
  title: string;
  description: string | null;
  easy_read: string | null;
  objectives: Json<string[]>;
  expected_results: Json<string[]>;
  publics: Defaulted<string[]>;
  themes: Defaulted<string[]>;
  territories: Defaulted<string[]>;
  start_date: string | null;
  end_date: string | null;
  milestones: Json<{ date: string; title: string; done?: boolean }[]>;
  budget: Json<{ year: number; funder: string; planned?: number; executed?: number }[]>;
  priority: Priority | null;
  status: ActionStatus;
  progress: number | null;
  weight: number | null;
  position: number;
  illustrative: Defaulted<boolean>;
  updated_at: Generated<Date>;
  search: ReadOnly<string>;
}

export interface ActionPartnerTable {
  action_id: string;
  partner_id: string;
  role: ActionRole;
}

export interface ActionUpdateTable {
  id: string;
  action_id: string;
  date: string;
  kind: UpdateKind;
  text: string;
  illustrative: Defaulted<boolean>;
}

import type {
  Action,
  ActionPartner,
  ActionUpdate,
  Alert,
  BodyMember,
  ConsultationEvent,
  DistrictRecord,
  GoverningBody,
  Indicator,
  Measurement,
  Meeting,
  Orientation,
  PartnerRecord,
  Phase,
  Proposal,
  Scheme,
  Territory,
} from '@sosms/core';
import { builder } from '../builder.ts';

/*
 * Object references of every type, declared once so that type files can point at each other
 * (a scheme has orientations, an orientation its scheme) without import cycles. Each file under
 * schema/ implements its own type.
 */

export const SchemeRef = builder.objectRef<Scheme>('Scheme');
export const OrientationRef = builder.objectRef<Orientation>('Orientation');
export const ActionRef = builder.objectRef<Action>('Action');
export const ActionPartnerRef = builder.objectRef<ActionPartner & { illustrative: boolean }>('ActionPartner');
export const ActionUpdateRef = builder.objectRef<ActionUpdate>('ActionUpdate');
export const MilestoneRef = builder.objectRef<Action['milestones'][number] & { illustrative: boolean }>('Milestone');
export const BudgetLineRef = builder.objectRef<Action['budget'][number] & { illustrative: boolean }>('BudgetLine');
export const IndicatorRef = builder.objectRef<Indicator>('Indicator');
export const MeasurementRef = builder.objectRef<Measurement>('Measurement');
export const PartnerRef = builder.objectRef<PartnerRecord>('Partner');
export const TerritoryRef = builder.objectRef<Territory>('Territory');
export const DistrictRef = builder.objectRef<DistrictRecord>('District');
export const GoverningBodyRef = builder.objectRef<GoverningBody>('GoverningBody');
export const MemberRef = builder.objectRef<BodyMember>('Member');
export const MeetingRef = builder.objectRef<Meeting>('Meeting');
export const PhaseRef = builder.objectRef<Phase>('Phase');
export const ConsultationEventRef = builder.objectRef<ConsultationEvent>('ConsultationEvent');
export const ProposalRef = builder.objectRef<Proposal>('Proposal');
export const KeyFigureRef = builder.objectRef<Scheme['keyFigures'][number] & { illustrative?: boolean }>('KeyFigure');
export const PrincipleRef = builder.objectRef<Scheme['principles'][number] & { illustrative: boolean }>('Principle');
export const AlertRef = builder.objectRef<Alert>('Alert');

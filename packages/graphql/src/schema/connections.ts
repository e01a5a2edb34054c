import { builder } from '../builder.ts';
import {
  ActionPartnerRef,
  ActionRef,
  ActionUpdateRef,
  ConsultationEventRef,
  DistrictRef,
  GoverningBodyRef,
  IndicatorRef,
  MeasurementRef,
  MeetingRef,
  MemberRef,
  OrientationRef,
  PartnerRef,
  PhaseRef,
  ProposalRef,
  SchemeRef,
} from './refs.ts';

/*
 * One connection type per item type (`ActionConnection`, `ActionEdge`), shared by every field that
 * lists that type, so clients write one fragment per type.
 */
const connection = <T extends Parameters<typeof builder.connectionObject>[0]['type']>(type: T, name: string) =>
  builder.connectionObject({ type, name: `${name}Connection` }, { name: `${name}Edge` });

export const SchemeConnection = connection(SchemeRef, 'Scheme');
export const OrientationConnection = connection(OrientationRef, 'Orientation');
export const ActionConnection = connection(ActionRef, 'Action');
export const ActionPartnerConnection = connection(ActionPartnerRef, 'ActionPartner');
export const ActionUpdateConnection = connection(ActionUpdateRef, 'ActionUpdate');
export const IndicatorConnection = connection(IndicatorRef, 'Indicator');
export const MeasurementConnection = connection(MeasurementRef, 'Measurement');
export const PartnerConnection = connection(PartnerRef, 'Partner');
export const DistrictConnection = connection(DistrictRef, 'District');
export const GoverningBodyConnection = connection(GoverningBodyRef, 'GoverningBody');
export const MemberConnection = connection(MemberRef, 'Member');
export const MeetingConnection = connection(MeetingRef, 'Meeting');
export const PhaseConnection = connection(PhaseRef, 'Phase');
export const ConsultationEventConnection = connection(ConsultationEventRef, 'ConsultationEvent');
export const ProposalConnection = connection(ProposalRef, 'Proposal');

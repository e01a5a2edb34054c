import { builder } from '../builder.ts';
// One file per type; each adds its type, its query fields, inputs and mutations to the builder.
import './scalars.ts';
import './enums.ts';
import './nomenclature.ts';
import './alert.ts';
import './connections.ts';
import './scheme.ts';
import './scheme-content.ts';
import './orientation.ts';
import './action.ts';
import './indicator.ts';
import './measurement.ts';
import './partner.ts';
import './territory.ts';
import './governance.ts';
import './consultation.ts';
import './evaluation.ts';
import './node.ts';

/** The GraphQL schema of the gateway (printed in packages/graphql/schema.graphql). */
export const schema = builder.toSchema({ sortSchema: false });

// Public API of @sosms/core. Each concept folder adds its exports here (append only).
export * from './nomenclature/nomenclature.ts';
export * from './validation/primitives.ts';
export * from './validation/issues.ts';
export * from './scheme/scheme.ts';
export * from './partner/partner.ts';
export * from './territory/territory.ts';
export * from './measurement/measurement.ts';
export * from './indicator/indicator.ts';
export * from './action/action.ts';
export * from './orientation/orientation.ts';
export * from './governance/governance.ts';
export * from './consultation/consultation.ts';
export * from './scheme-file/scheme-file.ts';
export * from './database/database.ts';
export { createStore, type Store, type StoreOptions } from './database/store.ts';
export { migrateToLatest, MIGRATIONS } from './database/migrator.ts';

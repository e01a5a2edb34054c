// Access: API tokens, roles and the audit log.
export * from './access.ts';
export * from './access.table.ts';
export * from './token.repository.ts';
export * from './audit.repository.ts';
export { runTokenCommand, type TokenCommandIo, type TokenCommandOutput } from './cli.ts';
export * from './command.ts';
export * from './operations.ts';

import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../database/database.ts';
import { inTransaction } from '../shared/transaction.ts';
import type { Visibility } from '../shared/visibility.ts';
import { DomainError, type Lang } from '../validation/issues.ts';
import { accessMessage, coversDepartments, type Principal } from './access.ts';
import { writeAuditEntry } from './audit.repository.ts';
import { OPERATIONS, type Operation } from './operations.ts';

/**
 * Who asks for a command, and in which language errors should speak. `principal` undefined is an
 * anonymous caller: every command refuses it.
 *
 * ### Examples
 * ```ts
 * const caller: Caller = { principal, lang: 'en' };
 * ```
 */
export interface Caller {
  readonly principal: Principal | undefined;
  readonly lang?: Lang;
}

/**
 * What a reader may see: public schemes; an editor also its départements' drafts; a contributor also
 * the schemes of the indicators it reports on (and nothing else hidden); the operator everything.
 *
 * ### Examples
 * ```ts
 * visibilityOf(undefined); // {}
 * visibilityOf(operator()); // { all: true }
 * ```
 */
export function visibilityOf(principal: Principal | undefined): Visibility {
  if (!principal) return {};
  if (principal.role === 'operator') return { all: true };
  if (principal.role === 'contributor') return { schemeIds: principal.schemeIds ?? [] };
  return { departments: principal.departments };
}

/** What a command's body hands back: its value, and the stored rows before and after for the audit log. */
export interface CommandDone<T> {
  readonly value: T;
  readonly entityId: string | null;
  readonly before: unknown;
  readonly after: unknown;
}

/** The open transaction a command's body writes in, and what it knows of the caller. */
export interface CommandContext {
  readonly trx: Transaction<Database>;
  readonly principal: Principal;
  readonly lang: Lang;
  readonly visibility: Visibility;
  /** Refuse (FORBIDDEN) unless the caller covers every département given. */
  assertCovers(departments: readonly string[]): void;
}

/**
 * Run a command: check the caller's role for the operation, then, in one transaction, the body
 * (authorize on the rows it locks, validate, write) and its audit row with the stored rows before and
 * after. A refusal (`DomainError`) writes nothing but, for an authenticated caller, one audit row of
 * outcome `refused` carrying the error code, so that refused attempts are on record.
 *
 * ### Examples
 * ```ts
 * const scheme = await runCommand(db, caller, 'scheme:publish', async (ctx) => {
 *   const before = await schemeForWrite(ctx, code, 'update');
 *   const after = await writeSchemePublished(ctx.trx, before.id, true);
 *   return { value: after, entityId: after.id, before, after };
 * });
 * ```
 */
export async function runCommand<T>(
  db: Kysely<Database>,
  caller: Caller,
  operation: Operation,
  body: (ctx: CommandContext) => Promise<CommandDone<T>>,
): Promise<T> {
  const lang = caller.lang ?? 'fr';
  const entityType = OPERATIONS[operation].entity;
  try {
    const principal = assertMayAttempt(caller.principal, operation, lang);
    return await inTransaction(db, async (trx) => {
      const ctx = commandContext(trx, principal, lang);
      const done = await body(ctx);
      await writeAuditEntry(trx, { principal, operation, entityType, entityId: done.entityId, before: done.before, after: done.after });
      return done.value;
    });
  } catch (error) {
    // Inside a caller's transaction the refusal rolls back with it: the outermost command records it.
    if (error instanceof DomainError && caller.principal && !db.isTransaction) {
      await writeAuditEntry(db, { principal: caller.principal, operation, entityType, entityId: null, before: null, after: null, outcome: 'refused', code: error.code });
    }
    throw error;
  }
}

function assertMayAttempt(principal: Principal | undefined, operation: Operation, lang: Lang): Principal {
  if (!principal) throw new DomainError('UNAUTHENTICATED', accessMessage('unauthenticated', lang));
  if (principal.role === 'operator') return principal;
  const roles: readonly string[] = OPERATIONS[operation].roles;
  if (!roles.includes(principal.role)) {
    throw new DomainError('FORBIDDEN', accessMessage(roles.length === 0 ? 'operator_only' : 'editor_only', lang));
  }
  return principal;
}

function commandContext(trx: Transaction<Database>, principal: Principal, lang: Lang): CommandContext {
  const visibility = visibilityOf(principal);
  const assertCovers = (departments: readonly string[]) => {
    if (!coversDepartments(principal, departments)) throw new DomainError('FORBIDDEN', accessMessage('wrong_department', lang));
  };
  return {
    trx,
    principal,
    lang,
    visibility,
    assertCovers,
  };
}

import { resolveArrayConnection, resolveOffsetConnection } from '@pothos/plugin-relay';
import { DomainError, type Lang } from '@sosms/core';

/** The largest page a connection returns (`first` ≤ 100); also the default page size. */
export const MAX_PAGE_SIZE = 100;

/** Relay arguments of a connection field. */
export interface ConnectionArgs {
  readonly first?: number | null;
  readonly after?: string | null;
  readonly last?: number | null;
  readonly before?: string | null;
}

function checkPageSize(args: ConnectionArgs, lang: Lang): void {
  for (const name of ['first', 'last'] as const) {
    const value = args[name];
    if (value != null && (value < 0 || value > MAX_PAGE_SIZE)) {
      const message = lang === 'fr' ? `« ${name} » doit être compris entre 0 et ${MAX_PAGE_SIZE}` : `"${name}" must be between 0 and ${MAX_PAGE_SIZE}`;
      throw new DomainError('VALIDATION', message, [{ path: name, code: 'too_big', message }]);
    }
  }
}

/**
 * A Relay connection over a list already in memory (children grouped by a dataloader).
 *
 * ### Examples
 * ```ts
 * resolve: async (scheme, args, ctx) => arrayConnection(args, await ctx.loaders.orientationsBySchemeId.load(scheme.id), ctx.lang)
 * ```
 */
export function arrayConnection<T>(args: ConnectionArgs, items: readonly T[], lang: Lang) {
  checkPageSize(args, lang);
  return resolveArrayConnection({ args, defaultSize: MAX_PAGE_SIZE, maxSize: MAX_PAGE_SIZE }, items);
}

/**
 * A Relay connection over a paged core list (`{ limit, offset }` → `{ items, totalCount }`).
 *
 * ### Examples
 * ```ts
 * resolve: (_, args, ctx) => pagedConnection(args, ctx.lang, (page) => listSchemes(ctx.db, filter, page))
 * ```
 */
export async function pagedConnection<T>(
  args: ConnectionArgs,
  lang: Lang,
  fetch: (page: { limit: number; offset: number }) => Promise<{ items: readonly T[]; totalCount: number }>,
) {
  checkPageSize(args, lang);
  let totalCount = 0;
  const connection = await resolveOffsetConnection({ args, defaultSize: MAX_PAGE_SIZE, maxSize: MAX_PAGE_SIZE }, async (page) => {
    const result = await fetch(page);
    totalCount = result.totalCount;
    return result.items;
  });
  return { ...connection, totalCount };
}

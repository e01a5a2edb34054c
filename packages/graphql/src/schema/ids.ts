/**
 * The database id inside a decoded global id when it names the expected type; otherwise the id as
 * written (`Type:id`), which the core answers NOT_FOUND like any id it does not know.
 *
 * ### Examples
 * ```ts
 * idOf({ typename: 'Action', id: 'c0ffee…' }, 'Action'); // 'c0ffee…'
 * idOf({ typename: 'Scheme', id: 'c0ffee…' }, 'Action'); // 'Scheme:c0ffee…' (not found)
 * ```
 */
export function idOf(globalId: { readonly typename: string; readonly id: string }, typename: string): string {
  return globalId.typename === typename ? globalId.id : `${globalId.typename}:${globalId.id}`;
}

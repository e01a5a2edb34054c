/**
 * Register a custom element once: the full bundle and a single-widget entry can share a page.
 *
 * ### Examples
 * ```ts
 * define('sosms-scheme', SchemeOverview);
 * ```
 */
export function define(tag: string, element: CustomElementConstructor): void {
  if (!customElements.get(tag)) customElements.define(tag, element);
}

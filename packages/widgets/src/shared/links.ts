/**
 * The link of a result from the `action-url` template: `{scheme}`, `{action}` and `{department}` are
 * replaced by the URL-encoded scheme code, action code and first département code.
 *
 * ### Examples
 * ```ts
 * actionUrl('/schemas/{scheme}/actions/{action}', { schemeCode: '77-2019-2024', code: '1.1.2', departments: ['77'] });
 * // '/schemas/77-2019-2024/actions/1.1.2'
 * ```
 */
export function actionUrl(template: string, result: { schemeCode: string | null; code: string; departments: string[] }): string {
  const values: Record<string, string> = { scheme: result.schemeCode ?? '', action: result.code, department: result.departments[0] ?? '' };
  return template.replace(/\{(scheme|action|department)\}/g, (_, name: string) => encodeURIComponent(values[name] ?? ''));
}

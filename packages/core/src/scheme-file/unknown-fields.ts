import type { z } from 'zod';
import type { Lang, ValidationIssue } from '../validation/issues.ts';

/** The parts of zod's internal definition the walk reads (zod 4: `schema._zod.def`). */
interface Definition {
  readonly type: string;
  readonly shape?: Record<string, z.ZodType>;
  readonly innerType?: z.ZodType;
  readonly element?: z.ZodType;
  readonly in?: z.ZodType;
  readonly options?: readonly z.ZodType[];
  readonly getter?: () => z.ZodType;
}

const definition = (schema: z.ZodType): Definition => (schema as unknown as { _zod: { def: Definition } })._zod.def;

/** Edit distance counting a swap of two neighbouring letters as one edit (`titel` → `title`). */
function distance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
    }
  }
  return d[a.length]![b.length]!;
}

/**
 * The known field closest to an unknown one, when it is close enough to be a typo (case, a letter or two,
 * a French spelling: `titre` → `title`, `periode` → `period`).
 *
 * ### Examples
 * ```ts
 * closestField('titel', ['title', 'code']); // 'title'
 * ```
 */
export function closestField(name: string, known: readonly string[]): string | undefined {
  // The edit distance grows with the product of the lengths: a key longer than any code is no typo.
  if (name.length > 80) return undefined;
  const lower = name.toLowerCase();
  let best: { field: string; score: number } | undefined;
  for (const field of known) {
    const candidate = field.toLowerCase();
    const score = candidate === lower ? 0 : distance(lower, candidate);
    if (!best || score < best.score) best = { field, score };
  }
  if (!best) return undefined;
  const limit = Math.max(1, Math.floor(Math.min(name.length, best.field.length) / 3));
  if (best.score <= limit) return best.field;
  // A known field that starts the same way (`descr` → `description`, `indicateurs` → `indicators`).
  const prefix = known.find((f) => f.length >= 4 && lower.length >= 4 && (f.toLowerCase().startsWith(lower.slice(0, 5)) || lower.startsWith(f.toLowerCase().slice(0, 5))));
  return prefix;
}

/**
 * Every field of `input` that the zod schema does not know, with its path and a « did you mean » when a known
 * field is close. zod drops unknown keys silently; a scheme file must not lose a misspelled field that way.
 *
 * ### Examples
 * ```ts
 * unknownFields(schemeFileSchema, { scheme: { code: 'x', titel: 'y' } }, 'fr');
 * // [{ path: 'scheme.titel', code: 'unknown_field', message: 'champ inconnu : titel (vouliez-vous dire « title » ?)' }]
 * ```
 */
export function unknownFields(schema: z.ZodType, input: unknown, lang: Lang = 'fr', path = ''): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  visit(schema, input, path, issues, lang);
  return issues;
}

function visit(schema: z.ZodType, value: unknown, path: string, issues: ValidationIssue[], lang: Lang): void {
  if (value === null || value === undefined || typeof value !== 'object') return;
  const def = definition(schema);
  switch (def.type) {
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'catch':
    case 'readonly':
    case 'nonoptional':
      if (def.innerType) visit(def.innerType, value, path, issues, lang);
      return;
    case 'pipe':
      if (def.in) visit(def.in, value, path, issues, lang);
      return;
    case 'lazy':
      if (def.getter) visit(def.getter(), value, path, issues, lang);
      return;
    case 'array':
      if (Array.isArray(value) && def.element) value.forEach((item, i) => visit(def.element!, item, `${path}[${i}]`, issues, lang));
      return;
    case 'union': {
      // The option whose fields match best tells which fields are unknown.
      const options = def.options ?? [];
      const scored = options.map((o) => ({ o, found: unknownFields(o, value, lang, path) }));
      scored.sort((a, b) => a.found.length - b.found.length);
      if (scored[0]) issues.push(...scored[0].found);
      return;
    }
    case 'object': {
      if (Array.isArray(value) || !def.shape) return;
      const shape = def.shape;
      const known = Object.keys(shape);
      for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
        // A key is shown shortened: the message repeats it.
        const shown = key.length > 80 ? `${key.slice(0, 80)}…` : key;
        const here = path ? `${path}.${shown}` : shown;
        // Own fields only: `__proto__` or `constructor` in a file is an unknown field, not Object's.
        const field = Object.hasOwn(shape, key) ? shape[key] : undefined;
        if (field) {
          visit(field, child, here, issues, lang);
          continue;
        }
        const suggestion = closestField(key, known);
        const message =
          lang === 'fr'
            ? `champ inconnu : ${shown}${suggestion ? ` (vouliez-vous dire « ${suggestion} » ?)` : ''} ; champs possibles : ${known.join(', ')}`
            : `unknown field: ${shown}${suggestion ? ` (did you mean "${suggestion}"?)` : ''}; possible fields: ${known.join(', ')}`;
        issues.push({ path: here, code: 'unknown_field', message });
      }
      return;
    }
    default:
      return;
  }
}

/**
 * Seeded generators of hostile values and bad scheme files, shared by the fuzzers of scheme files (core)
 * and of GraphQL mutation inputs (graphql). Everything comes from one `Random`: a seed gives the same
 * cases on every machine.
 */
import YAML from 'yaml';
import { seededRandom } from '../../src/testing/random.ts';

/** A small seeded generator (mulberry32, `seededRandom`): the same seed, the same cases. */
export class Random {
  /** A float in [0, 1). */
  readonly next: () => number;
  constructor(readonly seed: number) {
    this.next = seededRandom(seed);
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
}

/** The seed of a fuzzer: `SOSMS_FUZZ_SEED` when given (to replay a failure), else a fixed one. */
export function fuzzSeed(fallback: number): number {
  const given = Number(process.env.SOSMS_FUZZ_SEED);
  return Number.isFinite(given) && process.env.SOSMS_FUZZ_SEED ? given : fallback;
}

/** How many cases a fuzzer runs: `SOSMS_FUZZ_CASES` when given, else its default. */
export function fuzzCases(fallback: number): number {
  const given = Number(process.env.SOSMS_FUZZ_CASES);
  return Number.isInteger(given) && given > 0 ? given : fallback;
}

/**
 * Values a database, a parser or a validator may choke on: NUL, lone surrogates, dates out of range,
 * integers beyond int4 and doubles, long texts, wrong types, odd keys.
 */
export function hostileValue(random: Random): unknown {
  switch (random.int(0, 27)) {
    case 0: return '\u0000';
    case 1: return `texte${'\u0000'}caché`;
    case 2: return '\ud800';
    case 3: return `fin \udfff`;
    case 4: return `${'\ud83d'}x`;
    case 5: return 'x'.repeat(random.pick([81, 501, 2_001, 20_001, 200_000]));
    case 6: return 'é'.repeat(random.int(1, 600));
    case 7: return random.pick(['0000-01-01', '1899-12-31', '2101-01-01', '9999-12-31', '2024-02-30', '2024-13-01', '-2024-01-01', '+002024-01-01', '2024-1-1']);
    case 8: return random.pick([2 ** 31, 2 ** 31 - 1, -(2 ** 31) - 1, 2 ** 53 + 1, Number.MAX_SAFE_INTEGER, -1, 0, 1.5]);
    case 9: return random.pick([1e308, -1e308, 5e-324, 1e21, -0]);
    case 10: return '';
    case 11: return '   ';
    case 12: return null;
    case 13: return random.chance(0.5);
    case 14: return [];
    case 15: return {};
    case 16: return [[['x']]];
    case 17: return { __proto__: { polluted: true }, constructor: 'x' };
    case 18: return random.pick(['dep:00', 'com:99999', 'epci:1', 'fr:', 'dep:92\u0000']);
    case 19: return random.pick(['0000', '0000-Q1', '2101', '1899-12', '2024-Q5', '2024-00']);
    case 20: return random.pick(['DROP TABLE scheme;--', "'; select pg_sleep(10); --", '$1', '\\x00']);
    case 21: return random.pick(['🏳️‍🌈', '\u202e', '\ufeff', '\uffff', '\u{10ffff}', 'a\u0301']);
    case 22: return random.int(-1_000_000, 1_000_000);
    case 23: return String(random.int(0, 99));
    case 24: return ['\u0000', '\ud800'];
    case 25: return { value: '\ud800' };
    case 26: return random.pick(['in_force', 'draft', 'unknown_status', 'planned', 'high']);
    default: return 'y'.repeat(random.int(1, 40));
  }
}

/** A value no field of a scheme accepts, or one the database would refuse. */
export function dangerousValue(random: Random): unknown {
  return random.pick<unknown>([
    '\u0000', 'a\u0000b', '\ud800', 'x\udfff', 'x'.repeat(20_001), '0000-01-01', '2101-01-01', '1899-12-31', 2 ** 31, -(2 ** 31) - 1,
    2 ** 53 + 1, '', null, [], {}, { __proto__: null, x: '\u0000' }, ['\ud800'], '0000', '2024-Q5', 1e308,
  ]);
}

/** A text the database would refuse or a validator might miss, as a GraphQL `String` or `Date` carries it. */
export function dangerousText(random: Random): unknown {
  if (random.chance(0.15)) return dangerousValue(random);
  return random.pick<unknown>([
    '\u0000', `avant${'\u0000'}après`, '\ud800', 'x\udfff', '\udc00\ud800', 'x'.repeat(501), 'x'.repeat(20_001), 'x'.repeat(1_000_000),
    '0000-01-01', '1899-12-31', '2101-01-01', '9999-12-31', '0000', '2101-Q1', 'dep:92\u0000', ['\ud800'], ['x'.repeat(20_001)],
    2 ** 31, 1e308, { label: '\ud800', value: 1 },
  ]);
}

/** A key an attacker might send: NUL, lone surrogate, prototype names, a very long one. */
export function hostileKey(random: Random): string {
  return random.pick(['__proto__', 'constructor', 'prototype', 'a\u0000b', '\ud800', 'k'.repeat(10_000), 'titel', '', ' ', '$where', 'scheme.title']);
}

/** Every path (as key lists) to a value inside `root`, objects and lists included. */
export function pathsOf(root: unknown): (string | number)[][] {
  const out: (string | number)[][] = [];
  const visit = (value: unknown, path: (string | number)[]) => {
    out.push(path);
    if (Array.isArray(value)) value.forEach((v, i) => visit(v, [...path, i]));
    else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) visit(v, [...path, k]);
  };
  visit(root, []);
  return out;
}

/** The parent of `path` in `root` and the last key, to set or delete it. */
export function locate(root: unknown, path: readonly (string | number)[]): { parent: Record<string | number, unknown>; key: string | number } | undefined {
  if (path.length === 0) return undefined;
  let parent = root as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
  return { parent, key: path[path.length - 1]! };
}

/** Nest `inner` `depth` times in lists or objects. */
export function nested(depth: number, inner: unknown, random: Random): unknown {
  let value = inner;
  const asList = random.chance(0.5);
  for (let i = 0; i < depth; i++) value = asList ? [value] : { code: `n${i}`, title: 't', orientations: [value] };
  return value;
}

/**
 * Mutate a copy of a valid input in one to three hostile ways: a value replaced, a key deleted or
 * added, a list item duplicated, a deep nesting or a cycle grafted. Returns the mutated input and what was done.
 */
export function mutate(base: unknown, random: Random, options: { allowCycles?: boolean; dangerous?: (random: Random) => unknown } = {}): { input: unknown; what: string[] } {
  const dangerous = options.dangerous ?? dangerousValue;
  const input = structuredClone(base);
  const what: string[] = [];
  const rounds = random.int(1, 3);
  for (let r = 0; r < rounds; r++) {
    const paths = pathsOf(input).filter((p) => p.length > 0);
    const path = random.pick(paths);
    const at = locate(input, path)!;
    const where = path.join('.');
    const kind = random.int(0, 9);
    if (kind <= 4 || r === 0) {
      // The first change is always a value that must be refused, mostly: few cases are valid files.
      const value = r === 0 && random.chance(0.9) ? dangerous(random) : hostileValue(random);
      at.parent[at.key] = value;
      what.push(`set ${where} = ${describeValue(value)}`);
    } else if (kind === 5) {
      if (Array.isArray(at.parent)) at.parent.splice(Number(at.key), 1);
      else delete at.parent[at.key];
      what.push(`delete ${where}`);
    } else if (kind === 6) {
      const target = at.parent[at.key];
      const key = hostileKey(random);
      if (target && typeof target === 'object' && !Array.isArray(target)) {
        Object.defineProperty(target, key, { value: hostileValue(random), enumerable: true, configurable: true, writable: true });
        what.push(`add key ${describeValue(key)} in ${where}`);
      }
    } else if (kind === 7) {
      if (Array.isArray(at.parent)) {
        at.parent.push(structuredClone(at.parent[Number(at.key)]));
        what.push(`duplicate ${where}`);
      }
    } else if (kind === 8) {
      const depth = random.pick([10, 20, 40, 100, 400]);
      at.parent[at.key] = nested(depth, at.parent[at.key], random);
      what.push(`nest ${where} ${depth} deep`);
    } else if (options.allowCycles) {
      const target = at.parent[at.key];
      if (target && typeof target === 'object') {
        if (Array.isArray(target)) target.push(target);
        else (target as Record<string, unknown>).orientations = [target];
        what.push(`cycle at ${where}`);
        // Nothing walks a cyclic value further (pathsOf would not end).
        break;
      }
    }
  }
  return { input, what };
}

function describeValue(value: unknown): string {
  if (typeof value === 'string') return value.length > 30 ? `string(${value.length})` : JSON.stringify(value);
  if (typeof value === 'number') return String(value);
  try {
    const text = JSON.stringify(value);
    return text.length > 40 ? `${text.slice(0, 40)}…` : text;
  } catch {
    return typeof value;
  }
}

/** A bad scheme file as bytes, with a name telling its format, and what makes it bad. */
export interface BadFile {
  readonly bytes: Uint8Array;
  readonly name: string;
  readonly what: string;
}

const encode = (text: string) => new TextEncoder().encode(text);
const yamlTexts = new WeakMap<object, string>();
/** The YAML text of the (unchanging) base file, written once. */
function yamlOf(base: unknown): string {
  let text = yamlTexts.get(base as object);
  if (text === undefined) yamlTexts.set(base as object, (text = YAML.stringify(base, { aliasDuplicateObjects: false })));
  return text;
}

/**
 * A bad scheme file built from a valid one (`base`, a parsed scheme file): mutated values written as
 * YAML or JSON, or hostile text (recursive aliases, alias bombs, deep nesting, broken bytes, odd YAML).
 */
export function badSchemeFile(base: unknown, random: Random): BadFile {
  const kind = random.int(0, 19);
  if (kind <= 10) {
    const { input, what } = mutate(base, random);
    let text: string;
    let name: string;
    try {
      if (random.chance(0.5)) {
        text = JSON.stringify(input);
        name = 'fuzz.json';
      } else {
        text = YAML.stringify(input, { aliasDuplicateObjects: false });
        name = 'fuzz.yaml';
      }
    } catch {
      // A nesting past what the serializer handles: written as JSON by hand below.
      text = JSON.stringify(input);
      name = 'fuzz.json';
    }
    return { bytes: encode(text), name, what: what.join('; ') };
  }
  const yaml = yamlOf(base);
  switch (kind) {
    case 11: {
      // An orientation (or a list) inside itself through an alias.
      const text = random.chance(0.5)
        ? `${yaml}extra: &loop\n  - *loop\n`
        : yaml.replace(/^orientations:\n  - /m, 'orientations:\n  - &o\n    orientations: [*o]\n    ');
      return { bytes: encode(text), name: 'fuzz.yaml', what: 'recursive alias' };
    }
    case 12: {
      const levels = random.int(3, 9);
      const width = random.int(3, 10);
      const lines = [`l0: &l0 [${Array(width).fill('"lol"').join(', ')}]`];
      for (let i = 1; i < levels; i++) lines.push(`l${i}: &l${i} [${Array(width).fill(`*l${i - 1}`).join(', ')}]`);
      return { bytes: encode(`${yaml}${lines.join('\n')}\n`), name: 'fuzz.yaml', what: `alias bomb ${width}^${levels}` };
    }
    case 13: {
      const depth = random.pick([33, 100, 1_500, 5_000, 50_000]);
      const json = random.chance(0.5);
      const body = json ? `${'['.repeat(depth)}${']'.repeat(depth)}` : `${'['.repeat(depth)}${']'.repeat(depth)}`;
      const text = json ? JSON.stringify(base).replace(/}$/, `,"orientations":${body}}`) : `${yaml}deep: ${body}\n`;
      return { bytes: encode(text), name: json ? 'fuzz.json' : 'fuzz.yaml', what: `flow nesting ${depth}` };
    }
    case 14: {
      // A tree of orientations thousands of levels deep (the CLI crash of the issue).
      const depth = random.pick([40, 1_500, 3_000]);
      let tree = '{"code":"leaf","title":"t"}';
      for (let i = 0; i < depth; i++) tree = `{"code":"o${i}","title":"t","orientations":[${tree}]}`;
      return { bytes: encode(JSON.stringify(base).replace(/"orientations":\[/, `"orientations":[${tree},`)), name: 'fuzz.json', what: `orientation tree ${depth} deep` };
    }
    case 15: {
      // Broken bytes: flipped, cut, invalid UTF-8.
      const bytes = encode(random.chance(0.5) ? yaml : JSON.stringify(base));
      const copy = bytes.slice(0, random.chance(0.3) ? random.int(0, bytes.length) : bytes.length);
      for (let i = random.int(1, 8); i > 0 && copy.length; i--) copy[random.int(0, copy.length - 1)] = random.pick([0x00, 0xff, 0xc3, 0xe9, 0x80, 0x22, 0x7b, 0x3a, 0x0a]);
      return { bytes: copy, name: random.pick(['fuzz.yaml', 'fuzz.json', 'fuzz']), what: 'broken bytes' };
    }
    case 16: {
      const text = random.pick([
        '', '   \n', 'null', '42', '"texte"', '[]', '- a\n- b\n', '{}', '~', 'scheme:', 'scheme: !!binary aGVsbG8=',
        'scheme: !!js/function "function () {}"', 'a: 1\na: 2\n', 'scheme: .inf', 'scheme: { code: .nan }', '<<: *missing',
        `${yaml}\n---\nsecond: document\n`, '\ufeff\ufeff', `scheme:\n  title: "\\0\\ud800"\n`,
      ]);
      return { bytes: encode(text), name: random.pick(['fuzz.yaml', 'fuzz.json']), what: `odd text ${JSON.stringify(text.slice(0, 30))}` };
    }
    case 17: {
      // Merge keys and legitimate-looking aliases, then a hostile value through them.
      const text = `${yaml}defaults: &d { title: "\\0", code: "\\ud800" }\nphases:\n  - <<: *d\n    kind: elaboration\n`;
      return { bytes: encode(text), name: 'fuzz.yaml', what: 'merge key with hostile values' };
    }
    case 18: {
      // A field repeated many times, a very long line.
      const text = `${yaml}${'zz: 1\n'.repeat(random.int(2, 5))}long: ${'x'.repeat(random.pick([1_000, 100_000]))}\n`;
      return { bytes: encode(text), name: 'fuzz.yaml', what: 'duplicate keys and a long line' };
    }
    default: {
      // Escapes JSON allows and the database does not: NUL and lone surrogates written as \u escapes.
      const json = JSON.stringify(base).replace(/"title":"/, `"title":"${random.pick(['\\u0000', '\\ud800', '\\udc00', '\\ud800\\ud800'])}`);
      return { bytes: encode(json), name: 'fuzz.json', what: 'escaped NUL or lone surrogate in a title' };
    }
  }
}

import { readFile, stat } from 'node:fs/promises';
import { extname } from 'node:path';
import { LineCounter, parseDocument, visit, type Document } from 'yaml';
import type { Lang, ValidationIssue } from '../validation/issues.ts';
import { translator } from '../validation/texts.ts';
import { VALUE_LIMITS } from '../validation/values.ts';
import type { SchemeFile } from './scheme-file.ts';
import { validateSchemeFile, type KnownCodes } from './validate.ts';

/** The outcome of reading a scheme file: the validated scheme, or the issues that stop it. */
export type ReadSchemeFileResult = { ok: true; data: SchemeFile } | { ok: false; issues: ValidationIssue[] };

/** The formats a scheme file may be written in. */
export const SCHEME_FILE_FORMATS = ['yaml', 'json'] as const;
export type SchemeFileFormat = (typeof SCHEME_FILE_FORMATS)[number];

const MESSAGES = {
  file_unreadable: { fr: 'impossible de lire le fichier', en: 'cannot read the file' },
  file_empty: { fr: 'le fichier est vide', en: 'the file is empty' },
  not_utf8: {
    fr: "le fichier n'est pas encodé en UTF-8 : enregistrez-le en UTF-8 (dans votre éditeur : « Enregistrer sous », encodage UTF-8)",
    en: 'the file is not UTF-8 encoded: save it as UTF-8',
  },
  yaml_syntax: { fr: 'syntaxe YAML invalide', en: 'invalid YAML syntax' },
  file_too_large: {
    fr: `fichier trop volumineux : ${VALUE_LIMITS.fileBytes / 1024 / 1024} Mo au plus`,
    en: `file too large: at most ${VALUE_LIMITS.fileBytes / 1024 / 1024} MB`,
  },
  yaml_recursive_alias: {
    fr: "alias YAML récursif : l'alias renvoie à un bloc qui le contient (un élément ne peut pas se contenir lui-même)",
    en: 'recursive YAML alias: the alias points to a block that contains it (an item cannot contain itself)',
  },
  yaml_alias_limit: {
    fr: `trop d'alias YAML : leurs expansions dépassent ${VALUE_LIMITS.yamlAliases} (écrivez les valeurs en entier)`,
    en: `too many YAML aliases: their expansions exceed ${VALUE_LIMITS.yamlAliases} (write the values out)`,
  },
  too_deep: {
    fr: `imbrication trop profonde : ${VALUE_LIMITS.depth} niveaux au plus (objets et listes)`,
    en: `nested too deeply: at most ${VALUE_LIMITS.depth} levels (objects and lists)`,
  },
  json_syntax: { fr: 'syntaxe JSON invalide', en: 'invalid JSON syntax' },
  line: { fr: 'ligne', en: 'line' },
  column: { fr: 'colonne', en: 'column' },
} as const;

const message = translator(MESSAGES);

/** « ligne 12, colonne 5 : » / "line 12, column 5:" */
function position(line: number, col: number | undefined, lang: Lang): string {
  const where = col === undefined ? `${message('line', lang)} ${line}` : `${message('line', lang)} ${line}, ${message('column', lang)} ${col}`;
  return lang === 'fr' ? `${where} : ` : `${where}: `;
}

function failure(code: keyof typeof MESSAGES, text: string): { ok: false; issues: ValidationIssue[] } {
  return { ok: false, issues: [{ path: '', code, message: text }] };
}

/**
 * Decode bytes as UTF-8, refusing anything else (a BOM is accepted and dropped).
 * Returns the text, or the 1-based line of the first byte that is not UTF-8.
 *
 * ### Examples
 * ```ts
 * decodeUtf8(Buffer.from('schéma')); // { ok: true, text: 'schéma' }
 * decodeUtf8(Buffer.from([0x61, 0x0a, 0xe9])); // { ok: false, line: 2 }
 * ```
 */
export function decodeUtf8(bytes: Uint8Array): { ok: true; text: string } | { ok: false; line: number } {
  try {
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    // Binary search for the longest prefix the strict decoder accepts, to tell the user where the bad byte is.
    let lo = 0;
    let hi = bytes.length;
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      try {
        new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, mid), { stream: true });
        lo = mid;
      } catch {
        hi = mid;
      }
    }
    let line = 1;
    for (let i = 0; i < lo; i++) if (bytes[i] === 0x0a) line++;
    return { ok: false, line };
  }
}

/** Guess the format from the file name, else from the first character of the text. */
function detectFormat(text: string, name: string | undefined): SchemeFileFormat {
  const extension = name ? extname(name).toLowerCase() : '';
  if (extension === '.json') return 'json';
  if (extension === '.yaml' || extension === '.yml') return 'yaml';
  return /^\s*[[{]/.test(text) ? 'json' : 'yaml';
}

/**
 * Parse the text of a scheme file (YAML or JSON) without validating it against the scheme format.
 * Syntax errors name the line and column: « ligne 12, colonne 5 : syntaxe YAML invalide (…) ».
 *
 * ### Examples
 * ```ts
 * parseSchemeFileText('scheme:\n  code: 48-2018\n', 'yaml'); // { ok: true, data: { scheme: { code: '48-2018' } } }
 * parseSchemeFileText('{"scheme": }', 'json', 'en'); // { ok: false, issues: [{ code: 'json_syntax', message: 'line 1, column 12: invalid JSON syntax (…)' }] }
 * ```
 */
export function parseSchemeFileText(
  text: string,
  format: SchemeFileFormat,
  lang: Lang = 'fr',
): { ok: true; data: unknown } | { ok: false; issues: ValidationIssue[] } {
  if (text.trim() === '') return failure('file_empty', message('file_empty', lang));
  if (text.length > VALUE_LIMITS.fileBytes) return failure('file_too_large', message('file_too_large', lang));
  try {
    return format === 'json' ? parseJson(text, lang) : parseYaml(text, lang);
  } catch (error) {
    // A nesting deep enough to overflow a parser's stack (thousands of levels); the value rules refuse far less.
    if (error instanceof RangeError) return failure('too_deep', message('too_deep', lang));
    throw error;
  }
}

function parseJson(text: string, lang: Lang): { ok: true; data: unknown } | { ok: false; issues: ValidationIssue[] } {
  try {
    return { ok: true, data: JSON.parse(text) as unknown };
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    const offset = /at position (\d+)/.exec(detail)?.[1] ?? yamlErrorOffset(text);
    let where = '';
    if (offset !== undefined) {
      const { line, col } = lineAndColumn(text, Number(offset));
      where = position(line, col, lang);
    }
    return failure('json_syntax', `${where}${message('json_syntax', lang)} (${detail})`);
  }
}

/** Indentation past which a YAML line is refused as too deep (about 500 levels): the parser recurses per level. */
const MAX_YAML_INDENT = 1_000;

/**
 * Where a YAML text nests flow collections (`[`, `{`) deeper than the value rules allow, or indents a line
 * past {@link MAX_YAML_INDENT}, found by one pass over the text, before the parser sees it: the YAML
 * library recurses once per level, and tens of thousands of levels can exhaust the stack badly enough to
 * kill the process (V8 then fails to compile a regular expression and aborts) rather than throw.
 * Brackets inside quotes and comments do not count; a bracket counts only where a collection may open.
 */
export function yamlNestingOffset(text: string): number | undefined {
  let depth = 0;
  let quote: '"' | "'" | undefined;
  let lineStart = 0;
  let indent = 0;
  let atLineStart = true;
  let previous = '\n';
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '\n') {
      lineStart = i + 1;
      atLineStart = true;
      indent = 0;
      previous = c;
      continue;
    }
    if (atLineStart) {
      // Block indicators at the start of a line (`- - - x`) nest like indentation.
      const indicator = (c === '-' || c === '?' || c === ':') && text[i + 1] === ' ';
      if (c === ' ' || indicator) {
        indent += indicator ? 2 : 1;
        if (indicator) i++;
        if (indent > MAX_YAML_INDENT) return i;
        previous = ' ';
        continue;
      }
      atLineStart = false;
    }
    if (quote) {
      if (quote === '"' && c === '\\') i++;
      else if (c === quote) quote = undefined;
      previous = c;
      continue;
    }
    if (c === '#' && (previous === ' ' || previous === '\t' || i === lineStart)) {
      const end = text.indexOf('\n', i);
      if (end < 0) break;
      i = end - 1;
      continue;
    }
    // Outside a flow collection, a bracket opens one only after a separator (`a[1` is a plain scalar);
    // inside one, every bracket counts (flow scalars cannot hold them).
    const opensHere = previous === ' ' || previous === '\t' || previous === '\n' || previous === ':' || previous === '-' || i === lineStart;
    if ((c === '"' || c === "'") && (opensHere || depth > 0)) quote = c;
    else if ((c === '[' || c === '{') && (opensHere || depth > 0)) {
      depth++;
      if (depth > VALUE_LIMITS.depth) return i;
    } else if ((c === ']' || c === '}') && depth > 0) depth--;
    previous = c;
  }
  return undefined;
}

function parseYaml(text: string, lang: Lang): { ok: true; data: unknown } | { ok: false; issues: ValidationIssue[] } {
  const lineCounter = new LineCounter();
  const tooDeep = yamlNestingOffset(text);
  if (tooDeep !== undefined) {
    const { line, col } = lineAndColumn(text, tooDeep);
    return failure('too_deep', `${position(line, col, lang)}${message('too_deep', lang)}`);
  }
  const document = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const error = document.errors[0];
  if (error) {
    const { line, col } = lineCounter.linePos(error.pos[0]);
    // The parser reports its own stack overflow as an error: a nesting of thousands of levels.
    if (/call stack/i.test(error.message)) return failure('too_deep', `${position(line, col, lang)}${message('too_deep', lang)}`);
    return failure('yaml_syntax', `${position(line, col, lang)}${message('yaml_syntax', lang)} (${error.message})`);
  }
  const recursive = recursiveAliasOffset(document);
  if (recursive !== undefined) {
    const { line, col } = lineCounter.linePos(recursive);
    return failure('yaml_recursive_alias', `${position(line, col, lang)}${message('yaml_recursive_alias', lang)}`);
  }
  try {
    // The library's own guard against alias bombs (billion laughs): expansions past the limit throw.
    return { ok: true, data: document.toJS({ maxAliasCount: VALUE_LIMITS.yamlAliases }) as unknown };
  } catch (error) {
    if (error instanceof ReferenceError) return failure('yaml_alias_limit', message('yaml_alias_limit', lang));
    throw error;
  }
}

/** Where the first alias that points to one of its own enclosing blocks starts (`- &o { orientations: [*o] }`). */
function recursiveAliasOffset(document: Document): number | undefined {
  let offset: number | undefined;
  visit(document, {
    Alias(_key, node, path) {
      const target = node.resolve(document);
      if (target && path.includes(target)) {
        offset = node.range?.[0] ?? 0;
        return visit.BREAK;
      }
      return undefined;
    },
  });
  return offset;
}

/** Where the YAML parser (a superset of JSON) stops on a text JSON.parse refused without a position. */
function yamlErrorOffset(text: string): number | undefined {
  const tooDeep = yamlNestingOffset(text);
  if (tooDeep !== undefined) return tooDeep;
  return parseDocument(text, { prettyErrors: false }).errors[0]?.pos[0];
}

function lineAndColumn(text: string, offset: number): { line: number; col: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, col: offset - before.lastIndexOf('\n') };
}

/**
 * Read a scheme file from a path or from bytes and parse it, without checking it against the scheme format:
 * refuse what is not UTF-8, then parse YAML or JSON (by extension, else by content).
 *
 * ### Examples
 * ```ts
 * const parsed = await parseSchemeFile('lozere.yaml');
 * if (parsed.ok) validateSchemeFile(parsed.data, 'fr');
 * ```
 */
export async function parseSchemeFile(
  source: string | Uint8Array,
  lang: Lang = 'fr',
  options: { name?: string } = {},
): Promise<{ ok: true; data: unknown } | { ok: false; issues: ValidationIssue[] }> {
  let bytes: Uint8Array;
  const name = options.name ?? (typeof source === 'string' ? source : undefined);
  if (typeof source === 'string') {
    try {
      // The size first: a file past the limit is not read at all.
      if ((await stat(source)).size > VALUE_LIMITS.fileBytes) return failure('file_too_large', `${message('file_too_large', lang)} (${source})`);
      bytes = await readFile(source);
    } catch (error) {
      const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? (lang === 'fr' ? 'fichier introuvable' : 'file not found') : String((error as Error).message);
      return failure('file_unreadable', `${message('file_unreadable', lang)} ${source} (${reason})`);
    }
  } else {
    if (source.byteLength > VALUE_LIMITS.fileBytes) return failure('file_too_large', message('file_too_large', lang));
    bytes = source;
  }
  const decoded = decodeUtf8(bytes);
  if (!decoded.ok) return failure('not_utf8', `${position(decoded.line, undefined, lang)}${message('not_utf8', lang)}`);
  return parseSchemeFileText(decoded.text, detectFormat(decoded.text, name), lang);
}

/**
 * Read a scheme file from a path or from bytes: refuse what is not UTF-8, parse YAML or JSON
 * (by extension, else by content), then validate it with {@link validateSchemeFile} (`known` lists what the
 * database already holds, such as partner codes a file may use without declaring them).
 *
 * ### Examples
 * ```ts
 * const result = await readSchemeFile('data/schemes/48-schema-solidarites-2018-2022.yaml');
 * if (!result.ok) for (const issue of result.issues) console.error(`${issue.path} : ${issue.message}`);
 * await readSchemeFile(Buffer.from('{"scheme": {}}'), 'en', { name: 'upload.json' });
 * ```
 */
export async function readSchemeFile(
  source: string | Uint8Array,
  lang: Lang = 'fr',
  options: { name?: string; known?: KnownCodes } = {},
): Promise<ReadSchemeFileResult> {
  const parsed = await parseSchemeFile(source, lang, options);
  if (!parsed.ok) return parsed;
  return validateSchemeFile(parsed.data, lang, options.known);
}

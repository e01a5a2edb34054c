/**
 * Writes `packages/core/scheme-file.schema.json`, the JSON Schema of scheme files, from the zod schema
 * `schemeFileSchema` (input mode: fields with defaults are optional). Editors use it to complete and check
 * YAML files (`# yaml-language-server: $schema=…`). A test fails when the committed file drifts.
 *
 * ### Examples
 * ```sh
 * npx tsx packages/core/scripts/print-json-schema.ts          # rewrite the file
 * npx tsx packages/core/scripts/print-json-schema.ts --check  # exit 1 if the committed file is stale
 * ```
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { schemeFileSchema } from '../src/scheme-file/scheme-file.ts';
import { describeField } from '../src/scheme-file/field-descriptions.ts';
import { lengthCap } from '../src/validation/values.ts';

/**
 * Close every object (`additionalProperties: false`, as the import refuses unknown fields) and give every
 * property its French description, in place. `parent` is the name of the property holding the node.
 */
function closeAndDescribe(node: unknown, parent = 'root'): void {
  if (Array.isArray(node)) {
    for (const item of node) closeAndDescribe(item, parent);
    return;
  }
  if (node === null || typeof node !== 'object') return;
  const object = node as Record<string, unknown>;
  if (object.properties && typeof object.properties === 'object') {
    if (object.additionalProperties === undefined) object.additionalProperties = false;
    for (const [name, property] of Object.entries(object.properties as Record<string, Record<string, unknown>>)) {
      const description = describeField(parent, name);
      if (description && property.description === undefined) property.description = description;
      capLength(property, name);
      closeAndDescribe(property, name);
    }
  }
  for (const [key, child] of Object.entries(object)) if (key !== 'properties') closeAndDescribe(child, key === 'items' || key === 'anyOf' || key === 'oneOf' || key === 'allOf' ? parent : key === '$defs' ? 'root' : parent);
}

/** Give a text property (or a list of texts) the length cap the validation applies to its field name. */
function capLength(property: Record<string, unknown>, name: string): void {
  const cap = (node: Record<string, unknown> | undefined) => {
    if (node?.type === 'string' && node.maxLength === undefined && node.enum === undefined && node.format === undefined && node.pattern === undefined) node.maxLength = lengthCap(name);
  };
  cap(property);
  if (property.type === 'array') cap(property.items as Record<string, unknown> | undefined);
}

/** Where the committed JSON Schema lives. */
export const JSON_SCHEMA_PATH = fileURLToPath(new URL('../scheme-file.schema.json', import.meta.url));

/**
 * The JSON Schema text of scheme files, as committed (two-space indentation, final newline).
 *
 * ### Examples
 * ```ts
 * JSON.parse(printSchemeFileJsonSchema()).title; // 'Fichier de schéma SOSMS'
 * ```
 */
export function printSchemeFileJsonSchema(): string {
  const schema = z.toJSONSchema(schemeFileSchema, { io: 'input', target: 'draft-2020-12' });
  closeAndDescribe(schema);
  const document = {
    ...schema,
    $id: 'https://sosms.example/scheme-file.schema.json',
    title: 'Fichier de schéma SOSMS',
    description:
      "Un schéma départemental d'organisation sociale et médico-sociale dans un seul fichier (YAML ou JSON). / A departmental solidarity scheme as one file.",
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const text = printSchemeFileJsonSchema();
  if (process.argv.includes('--check')) {
    let current = '';
    try {
      current = readFileSync(JSON_SCHEMA_PATH, 'utf8');
    } catch {
      // missing file: stale
    }
    if (current !== text) {
      console.error('scheme-file.schema.json est périmé : lancez `npx tsx packages/core/scripts/print-json-schema.ts`. / is stale.');
      process.exit(1);
    }
    console.log('scheme-file.schema.json est à jour. / is up to date.');
  } else {
    writeFileSync(JSON_SCHEMA_PATH, text);
    console.log(`écrit / written: ${JSON_SCHEMA_PATH}`);
  }
}

import { demoSchemeFiles, type OrientationDocument, type SchemeFile } from '@sosms/core';
// readSchemeFile is not (yet) part of the core's public index: read it from its source file.
import { readSchemeFile } from '../../core/src/scheme-file/read-file.ts';

/** What the real scheme files say, counted independently of the gateway and the widgets. */
export interface SchemeFacts {
  readonly code: string;
  readonly title: string;
  readonly departments: string[];
  readonly topOrientations: number;
  readonly orientations: number;
  readonly actions: number;
  readonly file: SchemeFile;
}

function count(orientations: OrientationDocument[] | undefined): { orientations: number; actions: number } {
  let o = 0;
  let a = 0;
  for (const orientation of orientations ?? []) {
    const below = count(orientation.orientations);
    o += 1 + below.orientations;
    a += (orientation.actions?.length ?? 0) + below.actions;
  }
  return { orientations: o, actions: a };
}

/** The facts of the five real schemes shipped in packages/core/data/schemes, by scheme code. */
export async function readSchemeFacts(): Promise<Map<string, SchemeFacts>> {
  const facts = new Map<string, SchemeFacts>();
  for (const path of demoSchemeFiles()) {
    const result = await readSchemeFile(path);
    if (!result.ok) throw new Error(`${path}: ${JSON.stringify(result.issues.slice(0, 3))}`);
    const file = result.data;
    const counts = count(file.orientations);
    facts.set(file.scheme.code, {
      code: file.scheme.code,
      title: file.scheme.title,
      departments: file.scheme.departments,
      topOrientations: file.orientations?.length ?? 0,
      orientations: counts.orientations,
      actions: counts.actions,
      file,
    });
  }
  return facts;
}

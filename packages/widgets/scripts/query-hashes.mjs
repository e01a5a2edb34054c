// A Vite plugin that writes each widget query's SHA-256 into its definition in the built files: the widgets then
// send automatic persisted queries (GET by hash alone) with no hashing at run time, so also on plain-http sites
// where `crypto.subtle` is missing. The hash is of `sentText(query)`, the very text sent when the gateway asks
// for it (PERSISTED_QUERY_NOT_FOUND).
import { createHash } from 'node:crypto';

const QUERIES = /[\\/]src[\\/]data[\\/]queries\.ts$/;

/**
 * Add `hash: "<sha-256>"` after `name: "<Name>"` of every exported query definition of `src/data/queries.ts`
 * (which has no imports: it is evaluated as it is). Fails the build when a definition is not found exactly once.
 */
export function queryHashes() {
  return {
    name: 'sosms-query-hashes',
    // After TypeScript is stripped: the module is then plain JavaScript that can be evaluated.
    enforce: 'post',
    async transform(code, id) {
      if (!QUERIES.test(id)) return null;
      const module = await import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`);
      let out = code;
      for (const [exported, def] of Object.entries(module)) {
        if (!def || typeof def !== 'object' || typeof def.name !== 'string' || typeof def.text !== 'string') continue;
        const hash = createHash('sha256').update(module.sentText(def)).digest('hex');
        const at = new RegExp(`\\bname:\\s*(["'])${def.name}\\1`, 'g');
        const found = out.match(at)?.length ?? 0;
        if (found !== 1) throw new Error(`query-hashes: ${exported} (« ${def.name} ») trouvé ${found} fois / found ${found} times`);
        out = out.replace(at, (name) => `${name}, hash: "${hash}"`);
      }
      return { code: out, map: null };
    },
  };
}

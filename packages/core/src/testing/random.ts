/**
 * A small seeded pseudo-random generator (mulberry32): floats in [0, 1), the same sequence for the same seed
 * on every machine, so that a test's random choices (and a fuzzer's cases) can be replayed.
 *
 * ### Examples
 * ```ts
 * const next = seededRandom(7);
 * const pick = <T>(items: readonly T[]) => items[Math.floor(next() * items.length)]!;
 * ```
 */
export function seededRandom(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

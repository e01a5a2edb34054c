
/**
 * The limits every request meets. Sized so that the example dashboards (examples/queries) pass; each
 * can be changed in {@link createGatewayHandler}'s `limits` option.
 */
export const DEFAULT_LIMITS = {
  /** Largest request body, in bytes (a larger one gets 413 before being read). */
  maxBodyBytes: 1_000_000,
  /** Lexical tokens of a document, checked by graphql-js `parse` itself (400 beyond). */
  maxTokens: 5_000,
  /** Nesting depth of a selection (fragments expanded). */
  maxDepth: 16,
  /** Aliases in one operation. */
  maxAliases: 20,
  /** Directives in one operation. */
  maxDirectives: 50,
  /** Cost of one operation as GraphQL Armor counts it (objects 2, scalars 1, ×1.5 per level). */
  maxCost: 250_000,
  /** Operations in one batched POST (a JSON array). */
  maxBatch: 10,
  /**
   * Points one client may spend per minute, by token or by IP address when anonymous ({@link requestPoints}:
   * one per request, one per KB answered, one per 10 ms of work). 20,000 is about 40 uncached dashboards
   * of 470 KB, or 300 small queries a second.
   */
  costBudgetPerMinute: 20_000,
  /** Time a request may take before the gateway answers 503 (each SQL statement also has its own timeout in the store). */
  requestTimeoutMs: 30_000,
} as const;

export type GatewayLimits = { -readonly [K in keyof typeof DEFAULT_LIMITS]: number };

/**
 * What a request cost, in budget points: one for the request, one per KB of answer, one per 10 ms the
 * gateway spent on it (a search that burns time with a small answer pays for its time).
 *
 * ### Examples
 * ```ts
 * requestPoints(472_000, 180); // 1 + 461 + 18 = 480
 * ```
 */
export function requestPoints(answerBytes: number, milliseconds: number): number {
  return 1 + Math.ceil(answerBytes / 1024) + Math.floor(milliseconds / 10);
}

/**
 * A budget of points per client and per minute (a fixed window per client). The table of clients is
 * bounded: when it is full, windows that ended are dropped, then the oldest clients.
 *
 * ### Examples
 * ```ts
 * const budget = new CostBudget(20_000);
 * const verdict = budget.check('ip:127.0.0.1'); // { ok: true } or { ok: false, retryAfter: 12 }
 * if (verdict.ok) budget.spend('ip:127.0.0.1', requestPoints(bytes, ms));
 * ```
 */
export class CostBudget {
  private readonly windows = new Map<string, { start: number; spent: number }>();

  constructor(
    readonly perMinute: number,
    private readonly maxClients = 10_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** Whether `client` may start a request: refused (with the seconds until its window ends) once its budget is spent. */
  check(client: string): { ok: true } | { ok: false; retryAfter: number } {
    const now = this.now();
    const window = this.windows.get(client);
    if (!window || now - window.start >= 60_000 || window.spent < this.perMinute) return { ok: true };
    return { ok: false, retryAfter: Math.max(1, Math.ceil((window.start + 60_000 - now) / 1000)) };
  }

  /** Spend `points` for `client` in its current window (a new window starts a minute after the last one began). */
  spend(client: string, points: number): void {
    const now = this.now();
    let window = this.windows.get(client);
    if (!window || now - window.start >= 60_000) {
      this.windows.delete(client);
      if (this.windows.size >= this.maxClients) this.prune(now);
      window = { start: now, spent: 0 };
      this.windows.set(client, window);
    }
    window.spent += points;
  }

  /** Number of clients tracked (bounded by `maxClients`). */
  get size(): number {
    return this.windows.size;
  }

  private prune(now: number): void {
    for (const [client, window] of this.windows) if (now - window.start >= 60_000) this.windows.delete(client);
    // Map iteration follows insertion order: the first entries are the oldest windows.
    for (const client of this.windows.keys()) {
      if (this.windows.size < this.maxClients) break;
      this.windows.delete(client);
    }
  }
}

/**
 * A map bounded in entries and in total size: inserting past either bound drops the oldest entries.
 *
 * ### Examples
 * ```ts
 * const texts = new BoundedMap<string>(1000, 5_000_000, (s) => s.length);
 * ```
 */
export class BoundedMap<V> {
  private readonly entries = new Map<string, V>();
  private bytes = 0;

  constructor(
    private readonly maxEntries: number,
    private readonly maxBytes: number,
    private readonly sizeOf: (value: V) => number,
  ) {}

  get(key: string): V | undefined {
    return this.entries.get(key);
  }

  set(key: string, value: V): void {
    const size = this.sizeOf(value);
    if (size > this.maxBytes) return;
    this.delete(key);
    this.entries.set(key, value);
    this.bytes += size;
    for (const [oldest, old] of this.entries) {
      if (this.entries.size <= this.maxEntries && this.bytes <= this.maxBytes) break;
      this.entries.delete(oldest);
      this.bytes -= this.sizeOf(old);
    }
  }

  delete(key: string): void {
    const old = this.entries.get(key);
    if (old === undefined) return;
    this.entries.delete(key);
    this.bytes -= this.sizeOf(old);
  }

  get size(): number {
    return this.entries.size;
  }
}

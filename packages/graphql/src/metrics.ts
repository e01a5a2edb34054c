/**
 * Request metrics in the Prometheus text format (version 0.0.4): requests by status and code, a latency
 * histogram, requests in flight, and the database pool when the store reports it. Label values come from
 * fixed sets (status codes, the gateway's own error codes), never from client input, so the series are bounded.
 */

/** Upper bounds of the latency histogram, in seconds. */
const BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30] as const;

/** What the store may report about its connections (PostgreSQL's pool; PGlite has none). */
export interface PoolStats {
  readonly total: number;
  readonly idle: number;
  readonly waiting: number;
}

/**
 * The gateway's counters.
 *
 * ### Examples
 * ```ts
 * const metrics = new GatewayMetrics();
 * metrics.observe(200, undefined, 0.042);
 * res.end(metrics.render());
 * ```
 */
export class GatewayMetrics {
  private readonly requests = new Map<string, number>();
  private readonly graphqlErrors = new Map<string, number>();
  private readonly buckets = BUCKETS.map(() => 0);
  private count = 0;
  private sum = 0;
  inFlight = 0;

  constructor(private readonly pool?: () => PoolStats | undefined) {}

  /** Count one answered request: its status, its error code if any, its duration in seconds. */
  observe(status: number, code: string | undefined, seconds: number): void {
    const key = `status="${status}",code="${/^[A-Z_]{1,40}$/.test(code ?? '') ? code : code ? 'OTHER' : ''}"`;
    this.requests.set(key, (this.requests.get(key) ?? 0) + 1);
    this.count += 1;
    this.sum += seconds;
    BUCKETS.forEach((bound, i) => {
      if (seconds <= bound) this.buckets[i]! += 1;
    });
  }

  /** Count the errors of a GraphQL answer (inside a 200 as well) by their `extensions.code`. */
  observeErrors(codes: readonly string[]): void {
    for (const code of codes) {
      const label = /^[A-Z_]{1,40}$/.test(code) ? code : 'OTHER';
      if (!this.graphqlErrors.has(label) && this.graphqlErrors.size >= 50) continue;
      this.graphqlErrors.set(label, (this.graphqlErrors.get(label) ?? 0) + 1);
    }
  }

  /** The metrics as Prometheus text. */
  render(): string {
    const lines = [
      '# HELP sosms_http_requests_total Requêtes HTTP répondues, par statut et code d’erreur / HTTP requests answered, by status and error code',
      '# TYPE sosms_http_requests_total counter',
      ...[...this.requests].map(([labels, n]) => `sosms_http_requests_total{${labels}} ${n}`),
      '# HELP sosms_graphql_errors_total Erreurs GraphQL des réponses, par code (y compris dans une réponse 200) / GraphQL errors in answers, by code (200 answers included)',
      '# TYPE sosms_graphql_errors_total counter',
      ...[...this.graphqlErrors].map(([code, n]) => `sosms_graphql_errors_total{code="${code}"} ${n}`),
      '# HELP sosms_http_request_duration_seconds Durée des requêtes / request duration',
      '# TYPE sosms_http_request_duration_seconds histogram',
      ...BUCKETS.map((bound, i) => `sosms_http_request_duration_seconds_bucket{le="${bound}"} ${this.buckets[i]}`),
      `sosms_http_request_duration_seconds_bucket{le="+Inf"} ${this.count}`,
      `sosms_http_request_duration_seconds_sum ${this.sum}`,
      `sosms_http_request_duration_seconds_count ${this.count}`,
      '# HELP sosms_http_requests_in_flight Requêtes en cours / requests in flight',
      '# TYPE sosms_http_requests_in_flight gauge',
      `sosms_http_requests_in_flight ${this.inFlight}`,
    ];
    const pool = this.pool?.();
    if (pool) {
      lines.push(
        '# HELP sosms_db_pool_connections Connexions PostgreSQL du pool / PostgreSQL pool connections',
        '# TYPE sosms_db_pool_connections gauge',
        `sosms_db_pool_connections{state="total"} ${pool.total}`,
        `sosms_db_pool_connections{state="idle"} ${pool.idle}`,
        '# HELP sosms_db_pool_waiting Requêtes en attente d’une connexion / queries waiting for a connection',
        '# TYPE sosms_db_pool_waiting gauge',
        `sosms_db_pool_waiting ${pool.waiting}`,
      );
    }
    const memory = process.memoryUsage();
    lines.push('# HELP sosms_process_resident_memory_bytes Mémoire résidente / resident memory', '# TYPE sosms_process_resident_memory_bytes gauge', `sosms_process_resident_memory_bytes ${memory.rss}`);
    return `${lines.join('\n')}\n`;
  }
}

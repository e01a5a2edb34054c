import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGateway, type RunningGateway } from '../test/gateway.ts';
import { exportWidgetJson, exportWidgetJsonFromEndpoint } from './export-widget-json.ts';

// `sosms export --widget-json` while `npm start` holds the PGlite folder reads the file from the gateway over
// HTTP: it must be the file the store gives in-process, refusals included.
describe('the widget JSON from a running gateway', () => {
  let gateway: RunningGateway;
  beforeAll(async () => {
    gateway = await startGateway();
  });
  afterAll(() => gateway?.close());

  it('is the file the store gives, in French and in English', async () => {
    for (const lang of ['fr', 'en'] as const) {
      const local = await exportWidgetJson(gateway.store.db, '92-2024-2028', { lang });
      const remote = await exportWidgetJsonFromEndpoint(gateway.url, '92-2024-2028', { lang });
      expect(Object.keys(remote).length).toBeGreaterThan(3);
      expect((remote.CompareIndicator as unknown[]).length).toBeGreaterThan(0);
      expect(remote).toEqual(local);
    }
  });

  it('refuses an unknown scheme as the store does', async () => {
    const local = await exportWidgetJson(gateway.store.db, '48-1900-1904').catch((e: unknown) => e);
    const remote = await exportWidgetJsonFromEndpoint(gateway.url, '48-1900-1904').catch((e: unknown) => e);
    expect(remote).toMatchObject({ code: 'NOT_FOUND', message: 'Schéma inconnu : 48-1900-1904' });
    expect(remote).toEqual(local);
  });
});

// Issue 10, "bad input": an unsupported Node gets a clear message when a store opens (the installed command's
// own check, bin/sosms.js, runs in the consumer test on the machine's older Node).
import { afterEach, describe, expect, it, vi } from 'vitest';
import { unsupportedNodeMessage, UNSUPPORTED_NODE_WARNING, warnIfUnsupportedNode } from './node-version.ts';

describe('unsupported Node versions', () => {
  afterEach(() => {
    vi.restoreAllMocks();
    delete (globalThis as Record<symbol, unknown>)[Symbol.for('sosms.unsupportedNodeWarned')];
  });

  it('names the version and the supported ones, in French then English, below Node 22', () => {
    for (const version of ['20.20.2', 'v20.19.0', '18.20.4', '21.7.3']) {
      const message = unsupportedNodeMessage(version);
      expect(message, version).toContain(`Node ${version} n'est pas pris en charge`);
      expect(message, version).toContain('Node 22 ou 24');
      expect(message, version).toContain(`Node ${version} is not supported`);
    }
  });

  it('says nothing on Node 22, 24 and later', () => {
    for (const version of ['22.0.0', '22.18.0', '24.22.3', '26.0.0']) expect(unsupportedNodeMessage(version), version).toBeNull();
  });

  it('warns once per process, with its code, and not at all on a supported Node', () => {
    const emit = vi.spyOn(process, 'emitWarning').mockImplementation(() => {});
    expect(warnIfUnsupportedNode('24.22.3')).toBe(false);
    expect(emit).not.toHaveBeenCalled();
    expect(warnIfUnsupportedNode('20.20.2')).toBe(true);
    expect(warnIfUnsupportedNode('20.20.2')).toBe(false);
    expect(emit).toHaveBeenCalledTimes(1);
    expect(emit.mock.calls[0]![0]).toContain('Node 20.20.2');
    expect(emit.mock.calls[0]![1]).toMatchObject({ code: UNSUPPORTED_NODE_WARNING });
  });
});

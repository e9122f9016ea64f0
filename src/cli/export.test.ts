import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { writer } from './export.js';

describe('export writer', () => {
  it('waits for drain on a full stream without leaving listeners behind', async () => {
    const chunks: string[] = [];
    // highWaterMark 1: every write reports a full buffer, as a slow pipe (sitrep export | less) does
    const slow = new Writable({
      highWaterMark: 1,
      write(chunk: Buffer, _enc, done) {
        chunks.push(chunk.toString());
        setImmediate(done);
      },
    });
    const write = writer(slow);
    for (let i = 0; i < 50; i++) await write(`line ${i}\n`);
    expect(chunks).toHaveLength(50);
    expect(chunks[49]).toBe('line 49\n');
    // before the fix each wait for 'drain' left an 'error' listener (node warned at 11)
    expect(slow.listenerCount('error')).toBeLessThanOrEqual(1);
    expect(slow.listenerCount('drain')).toBe(0);
  });

  it('rejects when the stream fails while full', async () => {
    const broken = new Writable({
      highWaterMark: 1,
      write(_chunk, _enc, done) {
        setImmediate(() => done(new Error('EPIPE')));
      },
    });
    await expect(writer(broken)('x')).rejects.toThrow('EPIPE');
  });
});

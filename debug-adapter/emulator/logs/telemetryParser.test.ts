// The telemetry frame parser, fed frames split at every possible byte boundary.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TelemetryParser, type TelemetryRecord } from './telemetryParser';

function frame(type: number, message: string, micros: bigint): Buffer {
  const body = Buffer.from(message, 'utf8');
  const header = Buffer.alloc(16);
  header.writeUInt32BE(type >>> 0, 0);
  header.writeInt32BE(body.length, 4);
  header.writeBigInt64BE(micros, 8);
  return Buffer.concat([header, body]);
}

describe('TelemetryParser', () => {
  const stream = Buffer.concat([
    frame(
      0xa55a0003 | 0x0c,
      '2026-01-01T00:00:00.000Z\tid\tINFO\thello\nworld\n',
      1_700_000_000_123_456n,
    ),
    frame(0xa55a0002 | 0x14, '{"level":"ERROR","message":"é"}', 1_700_000_000_200_000n),
    frame(0xa55a0003 | 0x18, 'fatal\n', 1n),
  ]);

  it('parses whole and split streams identically', () => {
    for (let cut = 0; cut <= stream.length; cut += 7) {
      const records: TelemetryRecord[] = [];
      const parser = new TelemetryParser((r) => records.push(r));
      parser.push(stream.subarray(0, cut));
      parser.push(stream.subarray(cut));
      assert.equal(parser.bytesRead, stream.length);
      assert.deepEqual(
        records.map((r) => [r.level, r.format, r.message]),
        [
          ['INFO', 'text', '2026-01-01T00:00:00.000Z\tid\tINFO\thello\nworld\n'],
          ['ERROR', 'json', '{"level":"ERROR","message":"é"}'],
          ['FATAL', 'text', 'fatal\n'],
        ],
      );
      assert.equal(records[0]!.time, 1_700_000_000_123);
    }
  });

  it('surfaces bytes that are not frames as text instead of losing them', () => {
    const records: TelemetryRecord[] = [];
    const parser = new TelemetryParser((r) => records.push(r));
    parser.push(Buffer.from('plain text that is not a frame'));
    assert.equal(records.length, 1);
    assert.equal(records[0]!.message, 'plain text that is not a frame');
  });
});

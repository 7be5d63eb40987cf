/**
 * Parses the framed log records a runtime writes to its telemetry fd (the `_LAMBDA_TELEMETRY_LOG_FD`
 * contract of Lambda's runtime clients, which our bootstrap follows too): a 16-byte header (type
 * with a level mask, length, microsecond timestamp) and the message. Pure: Buffer only.
 */
import { LevelMask, TelemetryFrame, type LogLevel } from '../../protocol/bootstrapContract';

/** One console record as the runtime framed it. */
export interface TelemetryRecord {
  /** Epoch milliseconds from the frame's microsecond timestamp. */
  time: number;
  level: LogLevel | undefined;
  /** `text` frames hold a formatted line (with a trailing newline); `json` frames a JSON object. */
  format: 'text' | 'json';
  message: string;
}

const LEVEL_BY_MASK = new Map<number, LogLevel>(
  Object.entries(LevelMask).map(([level, mask]) => [mask, level as LogLevel]),
);

/** Frames larger than this are treated as a corrupt stream rather than buffered forever. */
const MAX_FRAME_BYTES = 64 * 1024 * 1024;

export class TelemetryParser {
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  /** Bytes the frame being read needs in all; no parsing happens before they have arrived. */
  private needed = 0;
  /** Total bytes consumed so far (the runtime reports how many it wrote, see BootstrapHeader). */
  bytesRead = 0;

  constructor(private readonly onRecord: (record: TelemetryRecord) => void) {}

  push(chunk: Buffer): void {
    this.bytesRead += chunk.length;
    this.pending.push(chunk);
    this.pendingBytes += chunk.length;
    // A large record arrives in many reads: wait for all of it instead of re-joining every time.
    if (this.pendingBytes < Math.max(this.needed, TelemetryFrame.headerBytes)) return;
    let buffer = this.pending.length === 1 ? this.pending[0]! : Buffer.concat(this.pending);
    let offset = 0;
    while (buffer.length - offset >= TelemetryFrame.headerBytes) {
      const type = buffer.readUInt32BE(offset);
      const length = buffer.readInt32BE(offset + 4);
      if (length < 0 || length > MAX_FRAME_BYTES || (type & 0xffff0000) >>> 0 !== 0xa55a0000) {
        // Not our framing: surface the rest as text rather than lose it.
        this.onRecord({
          time: Date.now(),
          level: undefined,
          format: 'text',
          message: buffer.subarray(offset).toString('utf8'),
        });
        offset = buffer.length;
        break;
      }
      const end = offset + TelemetryFrame.headerBytes + length;
      if (end > buffer.length) {
        this.needed = end - offset;
        break;
      }
      this.needed = 0;
      const micros = buffer.readBigInt64BE(offset + 8);
      const base = (type & TelemetryFrame.typeMask) >>> 0;
      this.onRecord({
        time: Number(micros / 1000n),
        level: LEVEL_BY_MASK.get(type & 0x1c),
        format: base === TelemetryFrame.jsonType ? 'json' : 'text',
        message: buffer.toString('utf8', offset + TelemetryFrame.headerBytes, end),
      });
      offset = end;
    }
    buffer = buffer.subarray(offset);
    this.pending = buffer.length ? [buffer] : [];
    this.pendingBytes = buffer.length;
  }
}

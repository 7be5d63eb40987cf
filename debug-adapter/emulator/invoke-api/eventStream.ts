/**
 * The AWS event-stream framing (`application/vnd.amazon.eventstream`) that InvokeWithResponseStream
 * answers in (lambda-runtime-spec.md §8.4): an encoder for the two events Lambda sends and a
 * decoder that tests use to read them back. Imports node:zlib only (crc32, Node >= 20.15).
 */
import { crc32 } from 'node:zlib';

/** Header value type 7 is "string" in the event-stream header encoding. */
const STRING_TYPE = 7;
/** Prelude (total length, headers length, prelude CRC) plus the trailing message CRC. */
const OVERHEAD = 16;

/** One decoded event-stream message. */
export interface EventMessage {
  /** String headers (`:event-type`, `:content-type`, `:message-type`, ...). */
  headers: Record<string, string>;
  /** The message payload. */
  payload: Buffer;
}

/** Encodes string headers in order: 1-byte name length, name, type 7, 2-byte value length, value. */
export function encodeHeaders(headers: Readonly<Record<string, string>>): Buffer {
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(headers)) {
    const n = Buffer.from(name, 'utf8');
    const v = Buffer.from(value, 'utf8');
    const part = Buffer.alloc(1 + n.length + 1 + 2 + v.length);
    part.writeUInt8(n.length, 0);
    n.copy(part, 1);
    part.writeUInt8(STRING_TYPE, 1 + n.length);
    part.writeUInt16BE(v.length, 2 + n.length);
    v.copy(part, 4 + n.length);
    parts.push(part);
  }
  return Buffer.concat(parts);
}

/**
 * Frames one message: total length, headers length, CRC32 of those 8 bytes, headers, payload, CRC32
 * of everything before it (all big-endian). One allocation, one copy of the payload.
 */
export function encodeMessage(headers: Buffer, payload: Uint8Array): Buffer {
  const total = OVERHEAD + headers.length + payload.length;
  const message = Buffer.allocUnsafe(total);
  message.writeUInt32BE(total, 0);
  message.writeUInt32BE(headers.length, 4);
  message.writeUInt32BE(crc32(message.subarray(0, 8)), 8);
  headers.copy(message, 12);
  message.set(payload, 12 + headers.length);
  message.writeUInt32BE(crc32(message.subarray(0, total - 4)), total - 4);
  return message;
}

// The headers of the two events never change, so they are encoded once (§8.4).
const PAYLOAD_CHUNK_HEADERS = encodeHeaders({
  ':event-type': 'PayloadChunk',
  ':content-type': 'application/octet-stream',
  ':message-type': 'event',
});
const INVOKE_COMPLETE_HEADERS = encodeHeaders({
  ':event-type': 'InvokeComplete',
  ':content-type': 'application/json',
  ':message-type': 'event',
});

/**
 * The event stream format caps a message at 16 MiB; a larger write from a streaming handler is
 * sent as several PayloadChunk events (their concatenation is the same bytes).
 */
export const MAX_CHUNK_PAYLOAD = 16 * 1024 * 1024 - 1024;

/** A `PayloadChunk` event carrying raw response bytes. */
export function payloadChunkEvent(chunk: Uint8Array): Buffer {
  return encodeMessage(PAYLOAD_CHUNK_HEADERS, chunk);
}

/** Fields of the closing `InvokeComplete` event; each present only when relevant (§8.4). */
export interface InvokeCompleteFields {
  /** The function's error type when it failed. */
  ErrorCode?: string;
  /** The function's error message when it failed. */
  ErrorDetails?: string;
  /** Base64 log tail when `LogType: Tail` was requested. */
  LogResult?: string;
}

/** The `InvokeComplete` event that ends every streamed response. */
export function invokeCompleteEvent(fields: InvokeCompleteFields): Buffer {
  return encodeMessage(INVOKE_COMPLETE_HEADERS, Buffer.from(JSON.stringify(fields), 'utf8'));
}

/**
 * Incremental decoder: feed it bytes as they arrive and it returns the complete messages, checking
 * both CRCs. Used by tests to read what the server sent byte by byte.
 */
export class EventStreamDecoder {
  private pending: Buffer = Buffer.alloc(0);

  /** Appends bytes and returns every message they complete. Throws on a corrupt frame. */
  push(bytes: Uint8Array): EventMessage[] {
    this.pending = this.pending.length
      ? Buffer.concat([this.pending, bytes])
      : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const messages: EventMessage[] = [];
    while (this.pending.length >= 12) {
      const total = this.pending.readUInt32BE(0);
      const headersLength = this.pending.readUInt32BE(4);
      if (this.pending.readUInt32BE(8) !== crc32(this.pending.subarray(0, 8))) {
        throw new Error('event stream: prelude CRC mismatch');
      }
      if (total < OVERHEAD + headersLength) throw new Error('event stream: bad lengths');
      if (this.pending.length < total) break;
      const message = this.pending.subarray(0, total);
      if (message.readUInt32BE(total - 4) !== crc32(message.subarray(0, total - 4))) {
        throw new Error('event stream: message CRC mismatch');
      }
      messages.push({
        headers: decodeHeaders(message.subarray(12, 12 + headersLength)),
        payload: Buffer.from(message.subarray(12 + headersLength, total - 4)),
      });
      this.pending = this.pending.subarray(total);
    }
    return messages;
  }

  /** Bytes received that do not yet form a whole message (non-zero at the end means truncation). */
  get buffered(): number {
    return this.pending.length;
  }
}

function decodeHeaders(bytes: Buffer): Record<string, string> {
  const headers: Record<string, string> = {};
  let at = 0;
  while (at < bytes.length) {
    const nameLength = bytes.readUInt8(at);
    const name = bytes.toString('utf8', at + 1, at + 1 + nameLength);
    at += 1 + nameLength;
    const type = bytes.readUInt8(at);
    if (type !== STRING_TYPE) throw new Error(`event stream: header type ${type} not supported`);
    const valueLength = bytes.readUInt16BE(at + 1);
    headers[name] = bytes.toString('utf8', at + 3, at + 3 + valueLength);
    at += 3 + valueLength;
  }
  return headers;
}

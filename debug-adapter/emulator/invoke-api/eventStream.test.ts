// Unit tests of the event-stream framing (lambda-runtime-spec.md §8.4): what the encoder writes the
// decoder reads back, however the bytes are split, and corruption is caught by the CRCs.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  EventStreamDecoder,
  encodeHeaders,
  encodeMessage,
  invokeCompleteEvent,
  payloadChunkEvent,
} from './eventStream';

void test('frames a message: lengths, prelude CRC, headers, payload, message CRC', () => {
  const message = encodeMessage(encodeHeaders({ ':a': 'b' }), Buffer.from('xyz'));
  const headerBytes = 1 + 2 + 1 + 2 + 1;
  assert.equal(message.readUInt32BE(0), 16 + headerBytes + 3);
  assert.equal(message.readUInt32BE(4), headerBytes);
  assert.deepEqual([...message.subarray(12, 12 + headerBytes)], [2, 0x3a, 0x61, 7, 0, 1, 0x62]);
  assert.equal(message.subarray(12 + headerBytes, 15 + headerBytes).toString(), 'xyz');
});

void test('decodes PayloadChunk and InvokeComplete events fed one byte at a time', () => {
  const bytes = Buffer.concat([
    payloadChunkEvent(Buffer.from('hello ')),
    payloadChunkEvent(Buffer.from('world')),
    invokeCompleteEvent({ ErrorCode: 'Error', ErrorDetails: 'boom' }),
  ]);
  const decoder = new EventStreamDecoder();
  const messages = [];
  for (const byte of bytes) messages.push(...decoder.push(Buffer.from([byte])));
  assert.equal(decoder.buffered, 0);
  assert.deepEqual(
    messages.map((m) => [
      m.headers[':event-type'],
      m.headers[':content-type'],
      m.payload.toString(),
    ]),
    [
      ['PayloadChunk', 'application/octet-stream', 'hello '],
      ['PayloadChunk', 'application/octet-stream', 'world'],
      ['InvokeComplete', 'application/json', '{"ErrorCode":"Error","ErrorDetails":"boom"}'],
    ],
  );
  assert.ok(messages.every((m) => m.headers[':message-type'] === 'event'));
});

void test('an empty InvokeComplete carries {}', () => {
  const [message] = new EventStreamDecoder().push(invokeCompleteEvent({}));
  assert.equal(message.payload.toString(), '{}');
});

void test('a corrupted byte fails a CRC check', () => {
  const prelude = payloadChunkEvent(Buffer.from('data'));
  prelude[2] ^= 1;
  assert.throws(() => new EventStreamDecoder().push(prelude), /prelude CRC/);
  const body = payloadChunkEvent(Buffer.from('data'));
  body[body.length - 6] ^= 1;
  assert.throws(() => new EventStreamDecoder().push(body), /message CRC/);
});

/**
 * The hand-written encodings of the template zone (which may not import Node built-ins) checked
 * against Node's own: UTF-8 and base64 against Buffer, MD5 against node:crypto, gzip against
 * node:zlib. Nothing imports this file.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import {
  base64,
  base64Text,
  crc32,
  gzipStored,
  md5Hex,
  md5Text,
  utf8Bytes,
} from '../../debug-adapter/templates/events/encoding';

const TEXTS = ['', 'a', 'abc', 'hello world', 'café ☕ 𝄞', '\u{1F600}'.repeat(3), 'x'.repeat(1000)];

void test('utf8Bytes matches Buffer, with lone surrogates as U+FFFD', () => {
  for (const text of [...TEXTS, 'a\uD800b']) {
    assert.deepEqual(Buffer.from(utf8Bytes(text)), Buffer.from(text, 'utf8'), text);
  }
});

void test('base64 matches Buffer for every padding length', () => {
  for (const text of TEXTS) assert.equal(base64Text(text), Buffer.from(text).toString('base64'));
  const bytes = Uint8Array.from({ length: 256 }, (_, i) => i);
  for (let n = 0; n <= 7; n++) {
    assert.equal(
      base64(bytes.subarray(0, n)),
      Buffer.from(bytes.subarray(0, n)).toString('base64'),
    );
  }
});

void test('md5 matches node:crypto across block boundaries', () => {
  for (const text of TEXTS) {
    assert.equal(md5Text(text), createHash('md5').update(text).digest('hex'), text);
  }
  for (const n of [55, 56, 57, 63, 64, 65, 119, 120, 128, 100_000]) {
    const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 31) & 255);
    assert.equal(md5Hex(bytes), createHash('md5').update(bytes).digest('hex'), `${n} bytes`);
  }
});

void test('crc32 of "123456789" is the standard check value', () => {
  assert.equal(crc32(utf8Bytes('123456789')), 0xcbf43926);
});

void test('gzipStored output inflates with node:zlib, across stored-block boundaries', () => {
  for (const n of [0, 1, 65_534, 65_535, 65_536, 200_000]) {
    const data = Uint8Array.from({ length: n }, (_, i) => (i * 7) & 255);
    assert.deepEqual(gunzipSync(gzipStored(data)), Buffer.from(data), `${n} bytes`);
  }
});

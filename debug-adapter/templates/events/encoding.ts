/**
 * The byte encodings event sources apply (UTF-8, base64, MD5, CRC-32, gzip), written out in plain
 * TypeScript because this folder may import neither Node built-ins (node:zlib, node:crypto,
 * Buffer) nor npm packages: the same code runs in the CLI, the extension and the language server.
 */

/** UTF-8 bytes of a string. Lone surrogates become U+FFFD, as `TextEncoder` does. */
export function utf8Bytes(text: string): Uint8Array {
  const out: number[] = [];
  for (const ch of text) {
    let cp = ch.codePointAt(0) ?? 0xfffd;
    if (cp >= 0xd800 && cp <= 0xdfff) cp = 0xfffd;
    if (cp < 0x80) out.push(cp);
    else if (cp < 0x800) out.push(0xc0 | (cp >> 6), 0x80 | (cp & 63));
    else if (cp < 0x10000) out.push(0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63));
    else {
      out.push(
        0xf0 | (cp >> 18),
        0x80 | ((cp >> 12) & 63),
        0x80 | ((cp >> 6) & 63),
        0x80 | (cp & 63),
      );
    }
  }
  return Uint8Array.from(out);
}

const BASE64_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Standard base64 with padding (RFC 4648 §4), the alphabet every AWS event uses. */
export function base64(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const rest = bytes.length - i;
    const n =
      (bytes[i] << 16) | ((rest > 1 ? bytes[i + 1] : 0) << 8) | (rest > 2 ? bytes[i + 2] : 0);
    out += BASE64_ALPHABET[(n >> 18) & 63] + BASE64_ALPHABET[(n >> 12) & 63];
    out += rest > 1 ? BASE64_ALPHABET[(n >> 6) & 63] : '=';
    out += rest > 2 ? BASE64_ALPHABET[n & 63] : '=';
  }
  return out;
}

/** Base64 of a string's UTF-8 bytes: how Kinesis, Firehose and Kafka carry text payloads. */
export function base64Text(text: string): string {
  return base64(utf8Bytes(text));
}

const MD5_SHIFTS = [
  7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22, 5, 9, 14, 20, 5, 9, 14, 20, 5, 9, 14,
  20, 5, 9, 14, 20, 4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23, 6, 10, 15, 21, 6,
  10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21,
];
const MD5_CONSTANTS = Array.from(
  { length: 64 },
  (_, i) => Math.floor(Math.abs(Math.sin(i + 1)) * 2 ** 32) >>> 0,
);

/**
 * MD5 (RFC 1321) as lowercase hex. SQS puts the MD5 of the body in `md5OfBody`, and S3 ETags of
 * single-part uploads are MD5s, so realistic events need it; it is not used for security.
 */
export function md5Hex(bytes: Uint8Array): string {
  const length = bytes.length;
  const padded = new Uint8Array(Math.ceil((length + 9) / 64) * 64);
  padded.set(bytes);
  padded[length] = 0x80;
  const bitsLow = (length * 8) >>> 0;
  const bitsHigh = Math.floor(length / 2 ** 29) >>> 0;
  for (let i = 0; i < 4; i++) {
    padded[padded.length - 8 + i] = (bitsLow >>> (8 * i)) & 255;
    padded[padded.length - 4 + i] = (bitsHigh >>> (8 * i)) & 255;
  }
  let a0 = 0x67452301;
  let b0 = 0xefcdab89;
  let c0 = 0x98badcfe;
  let d0 = 0x10325476;
  const words = new Array<number>(16);
  for (let offset = 0; offset < padded.length; offset += 64) {
    for (let j = 0; j < 16; j++) {
      const k = offset + j * 4;
      words[j] =
        (padded[k] | (padded[k + 1] << 8) | (padded[k + 2] << 16) | (padded[k + 3] << 24)) >>> 0;
    }
    let a = a0;
    let b = b0;
    let c = c0;
    let d = d0;
    for (let i = 0; i < 64; i++) {
      let f: number;
      let g: number;
      if (i < 16) {
        f = (b & c) | (~b & d);
        g = i;
      } else if (i < 32) {
        f = (d & b) | (~d & c);
        g = (5 * i + 1) % 16;
      } else if (i < 48) {
        f = b ^ c ^ d;
        g = (3 * i + 5) % 16;
      } else {
        f = c ^ (b | ~d);
        g = (7 * i) % 16;
      }
      f = (f + a + MD5_CONSTANTS[i] + words[g]) >>> 0;
      a = d;
      d = c;
      c = b;
      const s = MD5_SHIFTS[i];
      b = (b + ((f << s) | (f >>> (32 - s)))) >>> 0;
    }
    a0 = (a0 + a) >>> 0;
    b0 = (b0 + b) >>> 0;
    c0 = (c0 + c) >>> 0;
    d0 = (d0 + d) >>> 0;
  }
  let hex = '';
  for (const word of [a0, b0, c0, d0]) {
    for (let i = 0; i < 4; i++) hex += ((word >>> (8 * i)) & 255).toString(16).padStart(2, '0');
  }
  return hex;
}

/** MD5 of a string's UTF-8 bytes, as lowercase hex. */
export function md5Text(text: string): string {
  return md5Hex(utf8Bytes(text));
}

const CRC32_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

/** CRC-32 (the ISO-HDLC polynomial gzip uses). */
export function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = CRC32_TABLE[(crc ^ byte) & 255] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

const STORED_BLOCK_MAX = 65535;

/**
 * A valid gzip member (RFC 1952) whose deflate stream uses only stored, uncompressed blocks
 * (RFC 1951 §3.2.4). CloudWatch Logs subscriptions deliver `awslogs.data` as gzip then base64;
 * we cannot import node:zlib here, and any gunzip (zlib, Python's gzip, Go's compress/gzip)
 * inflates stored blocks, so handlers decode our payload exactly as they decode AWS's. Only the
 * compressed size differs from what AWS sends.
 */
export function gzipStored(data: Uint8Array): Uint8Array {
  const blocks = Math.max(1, Math.ceil(data.length / STORED_BLOCK_MAX));
  const out = new Uint8Array(10 + blocks * 5 + data.length + 8);
  // Magic, CM=8 (deflate), no flags, MTIME=0, XFL=0, OS=255 (unknown).
  out.set([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 255]);
  let o = 10;
  for (let b = 0; b < blocks; b++) {
    const start = b * STORED_BLOCK_MAX;
    const n = Math.min(STORED_BLOCK_MAX, data.length - start);
    // BFINAL on the last block, BTYPE=00; the rest of the byte is padding to the byte boundary.
    out[o++] = b === blocks - 1 ? 1 : 0;
    out[o++] = n & 255;
    out[o++] = (n >>> 8) & 255;
    out[o++] = ~n & 255;
    out[o++] = (~n >>> 8) & 255;
    out.set(data.subarray(start, start + n), o);
    o += n;
  }
  const crc = crc32(data);
  const size = data.length >>> 0;
  for (let i = 0; i < 4; i++) {
    out[o + i] = (crc >>> (8 * i)) & 255;
    out[o + 4 + i] = (size >>> (8 * i)) & 255;
  }
  return out;
}

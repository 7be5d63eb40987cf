/**
 * The fixed account, region, clock and id generators every template shares, so that generated
 * events look like AWS's own samples and are reproducible: the same parameters always give the
 * same bytes. Imports only ./encoding.ts.
 */
import { md5Text } from './encoding';

/** The account id AWS documentation and SAM use in samples. */
export const ACCOUNT_ID = '123456789012';

/** The region of every template that does not take a `region` parameter. */
export const REGION = 'us-east-1';

/**
 * The instant every template reports as "now" (2024-05-01T12:00:00.000Z). A fixed clock keeps
 * events reproducible, so they diff cleanly when saved next to a handler.
 */
export const SAMPLE_EPOCH_MS = Date.UTC(2024, 4, 1, 12, 0, 0);

/** An ARN in the sample account: `arn:aws:<service>:<region>:123456789012:<resource>`. */
export function arn(service: string, resource: string, region: string = REGION): string {
  return `arn:aws:${service}:${region}:${ACCOUNT_ID}:${resource}`;
}

/** `2024-05-01T12:00:00.000Z`: S3, SNS, SES and Cognito timestamps. */
export function isoMillis(epochMs: number): string {
  return new Date(epochMs).toISOString();
}

/** `2024-05-01T12:00:00Z`: EventBridge timestamps, which carry whole seconds. */
export function isoSeconds(epochMs: number): string {
  return isoMillis(epochMs).replace(/\.\d{3}Z$/, 'Z');
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `01/May/2024:12:00:00 +0000`: the access-log time API Gateway puts in `requestTime`. */
export function clfTime(epochMs: number): string {
  const d = new Date(epochMs);
  const two = (n: number) => String(n).padStart(2, '0');
  return (
    `${two(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:` +
    `${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())} +0000`
  );
}

/** `Wed, 1 May 2024 12:00:00 +0000`: the RFC 5322 date of an email header. */
export function rfc5322Date(epochMs: number): string {
  const d = new Date(epochMs);
  const day = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'][d.getUTCDay()];
  const time = d.toISOString().slice(11, 19);
  return `${day}, ${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${time} +0000`;
}

/** Hex digits that look random but depend only on the seed (MD5 chains, so any length works). */
export function hexFrom(seed: string, length: number): string {
  let hex = '';
  for (let i = 0; hex.length < length; i++) hex += md5Text(`${seed}#${i}`);
  return hex.slice(0, length);
}

/** A version-4-shaped UUID that depends only on the seed. */
export function uuidFrom(seed: string): string {
  const h = hexFrom(seed, 32);
  const variant = ((parseInt(h[16], 16) & 3) | 8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20)}`;
}

/** Decimal digits, not starting with 0, that depend only on the seed (sequence numbers, offsets). */
export function digitsFrom(seed: string, length: number): string {
  const digits = [...hexFrom(seed, length)].map((c) => String(parseInt(c, 16) % 10)).join('');
  return (digits[0] === '0' ? '4' : digits[0]) + digits.slice(1);
}

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** Characters from `alphabet` (alphanumerics by default) that depend only on the seed. */
export function charsFrom(seed: string, length: number, alphabet: string = ALPHANUMERIC): string {
  const hex = hexFrom(seed, length * 2);
  let out = '';
  for (let i = 0; i < length; i++) {
    out += alphabet[parseInt(hex.slice(2 * i, 2 * i + 2), 16) % alphabet.length];
  }
  return out;
}

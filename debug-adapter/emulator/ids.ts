/** Identifiers in Lambda's formats: request ids, execution environment ids, log streams, trace ids. */
import { randomBytes, randomUUID } from 'node:crypto';

/** Lowercase 8-4-4-4-12 UUID, as `context.awsRequestId` (spec §3.1). */
export function newRequestId(): string {
  return randomUUID();
}

/** 32 lowercase hex digits: the id part of a log stream name. */
export function newInstanceId(): string {
  return randomBytes(16).toString('hex');
}

/** `YYYY/MM/DD/[$LATEST]<32 hex>` (spec §3.1). */
export function logStreamName(instanceId: string, now = new Date()): string {
  const yyyy = now.getUTCFullYear();
  const mm = String(now.getUTCMonth() + 1).padStart(2, '0');
  const dd = String(now.getUTCDate()).padStart(2, '0');
  return `${yyyy}/${mm}/${dd}/[$LATEST]${instanceId}`;
}

/** An X-Ray trace header like Lambda passes in `Lambda-Runtime-Trace-Id`. */
export function newTraceId(now = Date.now()): string {
  const epoch = Math.floor(now / 1000)
    .toString(16)
    .padStart(8, '0');
  return `Root=1-${epoch}-${randomBytes(12).toString('hex')};Parent=${randomBytes(8).toString('hex')};Sampled=0`;
}

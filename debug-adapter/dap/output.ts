/**
 * What the Lambda session prints in the Debug Console: each log record in its category, the
 * result of each invocation (pretty JSON, or the Lambda error), and which lines to leave out.
 * Pure; imports protocol types only.
 */
import type { InvocationSummary } from '../protocol/dap';
import { isInspectorNoiseLine } from '../emulator/logs/inspectorNoise';
import type { InvocationResult, LogRecord } from '../protocol/lambda';

/** DAP output categories we use: `console` is the adapter's own voice, the others the function's. */
export type OutputCategory = 'console' | 'stdout' | 'stderr' | 'important';

export function isInspectorNoise(record: LogRecord): boolean {
  return record.source === 'stderr' && isInspectorNoiseLine(record.text);
}

/** Errors and raw stderr in red; platform lines (START, END, REPORT…) and the rest as stdout. */
export function outputCategory(record: LogRecord): OutputCategory {
  if (record.source === 'stderr') return 'stderr';
  if (record.level === 'ERROR' || record.level === 'FATAL') return 'stderr';
  return 'stdout';
}

/** An invocation result without its log records (they were streamed as they were printed). */
export function summarize(result: InvocationResult): InvocationSummary {
  return {
    requestId: result.requestId,
    functionName: result.functionName,
    instanceId: result.instanceId,
    status: result.status,
    cold: result.cold,
    payload: result.payload.toString('utf8'),
    contentType: result.contentType,
    error: result.error,
    metrics: result.metrics,
    startTime: result.startTime,
    endTime: result.endTime,
    droppedLogRecords: result.droppedLogRecords,
  };
}

/**
 * The result as the Debug Console shows it: a heading with the request id, then the response
 * pretty-printed when it is JSON, or the error body (`{errorType, errorMessage, trace}`).
 */
export function resultText(summary: InvocationSummary): { text: string; category: OutputCategory } {
  const failed = summary.error !== undefined;
  const heading = failed
    ? `Function error (${summary.error!.errorType}) for RequestId: ${summary.requestId}`
    : `Response for RequestId: ${summary.requestId}`;
  return {
    text: `${heading}\n${pretty(summary.payload)}\n`,
    category: failed ? 'stderr' : 'stdout',
  };
}

function pretty(payload: string): string {
  try {
    return JSON.stringify(JSON.parse(payload), null, 2);
  } catch {
    return payload;
  }
}

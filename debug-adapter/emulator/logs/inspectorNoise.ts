/**
 * Lines Node prints on an instance's stderr because it runs with `--inspect`. They are not the
 * function's output (Lambda never shows them), so they stay out of its logs. Pure.
 */
const INSPECTOR_NOISE = [
  /^Debugger listening on ws:\/\/\S+$/,
  /^For help, see: https:\/\/nodejs\.org\/\S+$/,
  /^Debugger attached\.$/,
  /^Debugger ending on ws:\/\/\S+$/,
  /^Waiting for the debugger to disconnect\.\.\.$/,
];

export function isInspectorNoiseLine(text: string): boolean {
  return INSPECTOR_NOISE.some((pattern) => pattern.test(text));
}

// Warm state: `invocations` lives as long as the instance; /tmp/counter.txt too (and survives a
// timeout's reset of the instance, as on Lambda). Invoke it twice to see a warm start.
const fs = require('node:fs');

let invocations = 0;
const FILE = '/tmp/counter.txt';

exports.handler = async (event, context) => {
  invocations++;
  const stored = fs.existsSync(FILE) ? Number(fs.readFileSync(FILE, 'utf8')) : 0;
  fs.writeFileSync(FILE, String(stored + 1));
  console.debug('state', { invocations, stored });
  if (event.sleepMs) await new Promise((resolve) => setTimeout(resolve, event.sleepMs));
  return {
    invocations,
    tmpCount: stored + 1,
    remainingMs: context.getRemainingTimeInMillis(),
    logStream: context.logStreamName,
  };
};

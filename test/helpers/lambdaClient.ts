// The AWS SDK's Lambda client pointed at a local Invoke API, as every test and benchmark makes it.
import { LambdaClient } from '@aws-sdk/client-lambda';

export function localLambdaClient(endpoint: string): LambdaClient {
  return new LambdaClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'x', secretAccessKey: 'x' },
    // Throttles and 5xx would otherwise be retried three times with backoff (feasibility §3).
    maxAttempts: 1,
  });
}

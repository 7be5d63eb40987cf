// SQS batch handler with partial batch failures: messages whose body is not a valid order are
// reported in batchItemFailures so SQS retries only those.
exports.handler = async (event) => {
  const batchItemFailures = [];
  for (const record of event.Records) {
    try {
      const order = JSON.parse(record.body);
      if (typeof order.id !== 'string') throw new Error('order.id is missing');
      console.info('processed order', order.id);
    } catch (error) {
      console.warn(`message ${record.messageId} failed: ${error.message}`);
      batchItemFailures.push({ itemIdentifier: record.messageId });
    }
  }
  return { batchItemFailures };
};

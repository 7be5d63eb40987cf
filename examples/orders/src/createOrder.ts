// POST /orders: validates the body and answers 201 with the new order, or 400 with the problem.
// Types come from @types/aws-lambda when installed; they are declared here so the example runs
// with no npm install at all.
interface HttpEvent {
  body?: string;
  isBase64Encoded: boolean;
  requestContext: { http: { method: string; path: string }; requestId: string };
}

interface HttpResult {
  statusCode: number;
  headers?: Record<string, string>;
  body: string;
}

interface OrderLine {
  sku: string;
  quantity: number;
  unitPrice: number;
}

export function total(lines: OrderLine[]): number {
  return lines.reduce((sum, line) => {
    if (line.quantity <= 0) throw new RangeError(`quantity of ${line.sku} must be positive`);
    return sum + line.quantity * line.unitPrice;
  }, 0);
}

export const handler = async (event: HttpEvent): Promise<HttpResult> => {
  const raw = event.isBase64Encoded
    ? Buffer.from(event.body ?? '', 'base64').toString()
    : event.body;
  const order = JSON.parse(raw ?? '{}') as { customer?: string; lines?: OrderLine[] };
  if (!order.customer || !order.lines?.length) {
    return {
      statusCode: 400,
      body: JSON.stringify({ message: 'customer and lines are required' }),
    };
  }
  const amount = total(order.lines);
  console.log(`order for ${order.customer}: ${amount} ${process.env.CURRENCY}`);
  return {
    statusCode: 201,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      id: event.requestContext.requestId,
      customer: order.customer,
      amount,
      currency: process.env.CURRENCY,
      table: process.env.TABLE_NAME,
    }),
  };
};

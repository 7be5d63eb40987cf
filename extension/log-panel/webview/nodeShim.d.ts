/**
 * The shared data model (debug-adapter/protocol/lambda.ts) names Node's `Buffer` in fields the
 * panel never receives (`InvocationResult.payload`, `ResponseStreamSink.write`). This webview
 * program has no Node types, so the name is declared here as bytes, for type checking only.
 */
type Buffer = Uint8Array;

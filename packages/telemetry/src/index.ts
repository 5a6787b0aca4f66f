export { callbackSink } from './callback-sink.js';
export { collectorSink, httpSink, isRetryable, type HttpSinkOptions } from './http-sink.js';
export { KEEPALIVE_MAX_BYTES, KEEPALIVE_MAX_REQUESTS } from './keepalive-budget.js';
export { startFromScript, telemetry } from './page-telemetry.js';
export { createReporter, SDK_VERSION, type ConsentState, type Reporter, type ReporterOptions } from './reporter.js';
export { parseRetryAfter } from './retry-after.js';
export type { SendOptions, SendOutcome, TelemetrySink } from './telemetry-sink.js';

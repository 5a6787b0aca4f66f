/**
 * The page's telemetry reporter as the script-tag SDK loads it: `@oncue/telemetry` whole, a chunk of its own
 * (`chunks/telemetry-<hash>.js`) fetched only when the page uses telemetry (see telemetry-stub.ts).
 */
export * from '@oncue/telemetry';

import { TELEMETRY_SCHEMA_VERSION, type TelemetryEvent } from '@oncue/protocol';

let counter = 0;

/** A valid telemetry event with a fresh id and sequence number; `fields` override anything. */
export function telemetryEvent(fields: Partial<TelemetryEvent> = {}): TelemetryEvent {
  counter += 1;
  return {
    v: TELEMETRY_SCHEMA_VERSION,
    id: `evt-${process.pid}-${counter.toString(36)}-${Math.random().toString(36).slice(2, 8)}`,
    seq: counter,
    type: 'impression',
    room: 'test-room',
    interaction: 'poll-1',
    kind: 'poll',
    viewer: 'viewer-1',
    session: 'session-1',
    at: 0,
    sdk: '0.1.0',
    ...fields,
  };
}

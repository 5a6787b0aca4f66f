import type { TelemetryAlert, TelemetryEvent } from '@oncue/protocol';
import { emptySnapshot, type Store, type StoreSnapshot, type StoreWrite, type TelemetryRecord } from './store.js';

/**
 * {@link Store} kept in memory: nothing survives the process. For tests and
 * demos; it also shows how little a backend has to implement. Hand the same
 * instance to a second `startServer` to simulate a restart.
 */
export class MemoryStore implements Store {
  private readonly interactions = new Map<string, StoreSnapshot['interactions'][number]>();
  private readonly participations = new Map<string, StoreSnapshot['participations'][number]>();
  private readonly idempotency = new Map<string, StoreSnapshot['idempotency'][number]>();
  private readonly rooms = new Map<string, number>();
  private readonly meta = new Map<string, string>();
  private readonly docs = new Map<string, StoreSnapshot['docs'][number]>();
  private readonly telemetry = new Map<string, TelemetryRecord>();
  private readonly alerts = new Map<string, TelemetryAlert>();

  async load(): Promise<StoreSnapshot> {
    const snapshot = emptySnapshot();
    snapshot.interactions = structuredClone([...this.interactions.values()]);
    snapshot.participations = structuredClone([...this.participations.values()]);
    snapshot.idempotency = structuredClone([...this.idempotency.values()]);
    snapshot.rooms = [...this.rooms].map(([room, version]) => ({ room, version }));
    snapshot.meta = Object.fromEntries(this.meta);
    snapshot.docs = structuredClone([...this.docs.values()]);
    return snapshot;
  }

  async apply(writes: readonly StoreWrite[]): Promise<void> {
    for (const write of structuredClone(writes)) {
      switch (write.type) {
        case 'interaction':
          this.interactions.set(write.record.id, write.record);
          break;
        case 'participation':
          this.participations.set(`${write.record.interaction}\u0000${write.record.viewer}`, write.record);
          break;
        case 'idempotency':
          this.idempotency.set(`${write.record.scope}\u0000${write.record.key}`, {
            scope: write.record.scope,
            key: write.record.key,
            result: write.record.result,
            at: write.record.at,
          });
          break;
        case 'forget-idempotency':
          for (const [id, record] of this.idempotency) if (record.at < write.before) this.idempotency.delete(id);
          break;
        case 'room':
          this.rooms.set(write.record.room, Math.max(this.rooms.get(write.record.room) ?? 0, write.record.version));
          break;
        case 'meta':
          this.meta.set(write.key, write.value);
          break;
        case 'doc':
          this.docs.set(`${write.record.collection}\u0000${write.record.id}`, write.record);
          break;
      }
    }
  }

  async flush(): Promise<void> {}

  async claimMeta(key: string, value: string): Promise<string> {
    if (!this.meta.has(key)) this.meta.set(key, value);
    return this.meta.get(key)!;
  }

  async appendTelemetry(events: readonly TelemetryEvent[], receivedAt: number): Promise<TelemetryRecord[]> {
    const added: TelemetryRecord[] = [];
    for (const event of structuredClone(events)) {
      if (this.telemetry.has(event.id)) continue;
      const record = { event, receivedAt };
      this.telemetry.set(event.id, record);
      added.push(record);
    }
    return structuredClone(added);
  }

  async appendAlerts(alerts: readonly TelemetryAlert[]): Promise<TelemetryAlert[]> {
    const added = alerts.filter((alert) => !this.alerts.has(alert.id));
    for (const alert of added) this.alerts.set(alert.id, structuredClone(alert));
    return added;
  }

  async readAlerts(room: string, limit: number): Promise<TelemetryAlert[]> {
    return structuredClone([...this.alerts.values()].filter((a) => a.room === room).slice(-limit));
  }

  async forgetTelemetryBefore(receivedAt: number): Promise<number> {
    for (const [id, alert] of this.alerts) if (alert.at < receivedAt) this.alerts.delete(id);
    let forgotten = 0;
    for (const [id, record] of this.telemetry) {
      if (record.receivedAt < receivedAt && this.telemetry.delete(id)) forgotten++;
    }
    return forgotten;
  }

  async readTelemetry(room: string, since = -Infinity): Promise<TelemetryRecord[]> {
    return structuredClone([...this.telemetry.values()].filter((r) => r.event.room === room && r.receivedAt >= since));
  }

  async close(): Promise<void> {}
}

import { describe, expect, it } from 'vitest';
import { CHEERS_FEATURE, type ViewerId } from '@oncue/protocol';
import { createKindRegistry } from '../../kinds/index.js';
import { silentLogger } from '../../logger.js';
import { RoomService } from '../../rooms/room-service.js';
import { MemoryStore } from '../../store/memory-store.js';
import type { CheerEvent } from '../cheer-observer.js';
import { createRoomCounters } from '../room-counters.js';

const T0 = 1_800_000_000_000;

describe('cheer observer', () => {
  it('is told each stored batch: taps credited and dropped, viewer and address; a resent batch once', async () => {
    const store = new MemoryStore();
    const events: CheerEvent[] = [];
    let service: RoomService | undefined;
    const counters = createRoomCounters({
      store,
      now: () => T0,
      logger: silentLogger,
      service: () => service!,
      cheerObserver: { cheered: (event) => events.push(event) },
    });
    service = new RoomService({
      store,
      kinds: createKindRegistry(),
      now: () => T0,
      tallyIntervalMs: 10,
      logger: silentLogger,
      publish: () => {},
      extension: counters.extension,
    });
    await service.load(await store.load());
    service.openRoom('r1');
    const viewer = 'viewer-1' as ViewerId;
    const batch = (count: number, key: string) =>
      service!.act('r1', viewer, { interaction: CHEERS_FEATURE, action: 'cheer', payload: { count }, key }, { address: '203.0.113.7' });

    expect(await batch(30, 'key-aaaaaaaa')).toMatchObject({ ok: true, value: { mine: { counted: 30, total: 30 } } });
    expect(await batch(30, 'key-bbbbbbbb')).toMatchObject({ ok: true, value: { mine: { counted: 10, total: 40 } } });
    expect(await batch(30, 'key-bbbbbbbb')).toMatchObject({ ok: true, value: { mine: { counted: 10, total: 40 } } });
    expect(events).toEqual([
      { room: 'r1', viewer, address: '203.0.113.7', taps: 30, dropped: 0, at: T0 },
      { room: 'r1', viewer, address: '203.0.113.7', taps: 10, dropped: 20, at: T0 },
    ]);
    await service.stop();
  });
});

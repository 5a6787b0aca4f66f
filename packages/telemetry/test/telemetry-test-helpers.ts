// Helpers of the reporter's browser tests: scripted endpoints and the real collector of the test server.
import { memoryStorage, type InteractionReport, type KeyValueStorage } from '@oncue/core';
import type { TelemetryEvent } from '@oncue/protocol';
import { executeServerCommand } from '@web/test-runner-commands';
import { waitUntil } from '@open-wc/testing';

export interface EndpointRequest {
  at: number;
  contentType: string | undefined;
  auth: string | undefined;
  body: { v: number; events: TelemetryEvent[] } | string;
}

/** A real HTTP endpoint answering POSTs with the scripted statuses in order, then 200. */
export async function scriptedEndpoint(script: Array<{ status: number; retryAfter?: string }> = []) {
  const { id, url } = await executeServerCommand<{ id: string; url: string }, { script: typeof script }>('oncue:endpoint', { script });
  const requests = () => executeServerCommand<EndpointRequest[], { id: string }>('oncue:endpoint-requests', { id });
  return {
    url,
    requests,
    /** Ids of every event received, in order (repeats included). */
    async eventIds(): Promise<string[]> {
      return (await requests()).flatMap((r) => (typeof r.body === 'string' ? [] : r.body.events.map((e) => e.id)));
    },
    /** Waits until `count` requests arrived and answers them. */
    async waitForRequests(count: number, timeout = 5000): Promise<EndpointRequest[]> {
      let seen: EndpointRequest[] = [];
      await waitUntil(async () => (seen = await requests()).length >= count, `${count} request(s) at the endpoint`, { timeout, interval: 25 });
      return seen;
    },
  };
}

let n = 0;
/** A report as a widget would make it. */
export function report(fields: Partial<InteractionReport> = {}): InteractionReport {
  n += 1;
  return { type: 'impression', room: 'telemetry-test', interaction: `poll-${n}`, kind: 'poll', viewer: 'viewer-1', ...fields };
}

/** A fresh storage per test (as localStorage would be for a new origin); pass the same one to "reload". */
export function freshStorage(): KeyValueStorage & { raw: Map<string, string> } {
  const storage = memoryStorage();
  const raw = new Map<string, string>();
  return {
    raw,
    getItem: (key) => storage.getItem(key),
    setItem: (key, value) => {
      raw.set(key, value);
      storage.setItem(key, value);
    },
    removeItem: (key) => {
      raw.delete(key);
      storage.removeItem(key);
    },
  };
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

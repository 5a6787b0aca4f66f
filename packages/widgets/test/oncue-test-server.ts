// Test helpers: the real OnCue server started by web-test-runner.config.js, fresh rooms, REST host actions.
import { connect, memoryStorage, type RoomConnection } from '@oncue/core';
import type { LotteryView, PollSpecInput, PollView, QuizView } from '@oncue/protocol';
import { executeServerCommand } from '@web/test-runner-commands';
import { waitUntil } from '@open-wc/testing';
import { answer, enter, vote } from '@oncue/core';

export interface TestServer {
  url: string;
  hostToken: string;
}

let shared: Promise<TestServer> | undefined;

/** The server shared by the whole run. */
export function testServer(): Promise<TestServer> {
  return (shared ??= executeServerCommand<TestServer, undefined>('oncue:server'));
}

/** A server of this test alone, which it may stop and restart; `options` are `startServer` options (JSON). */
export async function privateServer(options: Record<string, unknown> = {}): Promise<TestServer & { stop(): Promise<void>; restart(): Promise<void> }> {
  const { id, url, hostToken } = await executeServerCommand<TestServer & { id: string }, { options: Record<string, unknown> }>('oncue:start-server', {
    options,
  });
  return {
    url,
    hostToken,
    stop: async () => void (await executeServerCommand('oncue:stop-server', { id })),
    restart: async () => void (await executeServerCommand('oncue:restart-server', { id })),
  };
}

/** A room name no other test uses. */
export function freshRoom(prefix = 'room'): string {
  return `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}

type PollInput = Omit<PollSpecInput, 'kind' | 'options'> & { options: Array<string | { label: string; image?: string }> };

/** POSTs to the REST API as host (`path` below `/api/rooms/`) and resolves with the JSON answer; a refusal throws. */
export async function rest<T>(server: TestServer, path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${server.url}/api/rooms/${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${server.hostToken}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`POST ${path}: ${response.status} ${await response.text()}`);
  return response.json() as Promise<T>;
}

/** Creates a poll through the REST API (open unless `draft: true`). */
export function createPoll(server: TestServer, room: string, poll: PollInput): Promise<PollView> {
  const options = poll.options.map((o) => (typeof o === 'string' ? { label: o } : o));
  return rest(server, `${room}/interactions`, { ...poll, kind: 'poll', options });
}

export function closePoll(server: TestServer, room: string, id: string): Promise<PollView> {
  return rest(server, `${room}/interactions/${id}/close`);
}

export function openPoll(server: TestServer, room: string, id: string): Promise<PollView> {
  return rest(server, `${room}/interactions/${id}/open`);
}

/** A quiz question for {@link createQuiz}: options as labels, `correct` an option index. */
export interface QuizQuestionInput {
  prompt: string;
  options: string[];
  correct: number;
  seconds?: number;
}

/** Launches a quiz through the REST API: its first question opens at once. */
export function createQuiz(server: TestServer, room: string, questions: QuizQuestionInput[], extra: Record<string, unknown> = {}): Promise<QuizView> {
  return rest(server, `${room}/interactions`, {
    kind: 'quiz',
    questions: questions.map((q) => ({ seconds: 30, ...q, options: q.options.map((label) => ({ label })) })),
    ...extra,
  });
}

/** Steps a quiz (`next`): closes the open question and opens the next; after the last, closes the quiz. */
export function nextStep(server: TestServer, room: string, id: string, body?: { from?: number; reveal?: boolean }): Promise<QuizView> {
  return rest(server, `${room}/interactions/${id}/next`, body);
}

/** Launches a lottery through the REST API (one prize unless `winners` says otherwise). */
export function createLottery(server: TestServer, room: string, extra: Record<string, unknown> = {}): Promise<LotteryView> {
  return rest(server, `${room}/interactions`, { kind: 'lottery', prize: 'A lipstick set', ...extra });
}

/** Closes a lottery's entries: the server draws. */
export function drawLottery(server: TestServer, room: string, id: string): Promise<LotteryView> {
  return rest(server, `${room}/interactions/${id}/close`);
}

/** Other viewers (their own identities) entering a lottery, the i-th under `names[i]` when given; released afterwards. */
export async function enterAsOtherViewers(server: TestServer, room: string, id: string, count: number, names: readonly string[] = []): Promise<void> {
  await Promise.all(
    Array.from({ length: count }, async (_, i) => {
      const viewer = connect({ server: server.url, room, storage: memoryStorage(), name: names[i] });
      try {
        const result = await enter(viewer, id);
        if (!result.ok) throw new Error(`entry refused: ${result.error.code}`);
      } finally {
        viewer.release();
      }
    }),
  );
}

/** Another viewer (its own identity) answering a quiz question; released afterwards. */
export async function answerAsAnotherViewer(server: TestServer, room: string, id: string, question: number, choice: number, name?: string): Promise<void> {
  const viewer = connect({ server: server.url, room, storage: memoryStorage(), name });
  try {
    const result = await answer(viewer, id, question, choice);
    if (!result.ok) throw new Error(`answer refused: ${result.error.code}`);
  } finally {
    viewer.release();
  }
}

/** Another viewer (its own identity) casting a vote; released afterwards. */
export async function voteAsAnotherViewer(server: TestServer, room: string, id: string, choices: number[]): Promise<void> {
  const viewer = connect({ server: server.url, room, storage: memoryStorage() });
  try {
    const result = await vote(viewer, id, choices);
    if (!result.ok) throw new Error(`vote refused: ${result.error.code}`);
  } finally {
    viewer.release();
  }
}

/** A viewer connection for tests that need one (release it). */
export function viewerConnection(server: TestServer, room: string): RoomConnection {
  return connect({ server: server.url, room, storage: memoryStorage() });
}

/** Waits until `read()` returns a truthy value and returns it. */
export async function until<T>(read: () => T | null | undefined | false | '', message: string, timeout = 5000): Promise<T> {
  let value: T | null | undefined | false | '' = undefined;
  await waitUntil(() => (value = read()), message, { timeout, interval: 20 });
  return value as T;
}

/** The shadow root of an element, for queries. */
export function shadow(element: Element): ShadowRoot {
  return element.shadowRoot!;
}

/** Visible text, whitespace collapsed. */
export function text(node: Node | null | undefined): string {
  return (node?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

/** Playwright's ARIA snapshot of the first element matching `selector` (shadow roots included): roles, names, states. */
export function ariaSnapshot(selector: string): Promise<string> {
  return executeServerCommand<string, { selector: string }>('oncue:aria-snapshot', { selector });
}

/** A viewer token signed as an integrator's backend would (the test servers share the secret). */
export function signedViewerToken(viewer: string, name?: string): Promise<string> {
  return executeServerCommand<string, { viewer: string; name?: string }>('oncue:viewer-token', { viewer, name });
}

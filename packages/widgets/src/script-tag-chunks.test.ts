// The script-tag SDK split by kind (built by `npm run build`): oncue.min.js served from another origin, as from a
// CDN, into pages of their own (iframes: each has its own custom element registry and network log).
import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import { createPoll, createQuiz, freshRoom, rest, testServer, text, until } from '../test/oncue-test-server.js';

interface SdkWindow extends Window {
  OnCue: { load(kind: string): Promise<CustomElementConstructor> };
  litHtmlVersions?: string[];
  litElementVersions?: string[];
  reactiveElementVersions?: string[];
}

function sdkOrigin(fail?: { prefix: string; times: number }): Promise<{ url: string }> {
  return executeServerCommand('oncue:sdk-origin', { fail });
}

/** A page of its own with `body` in it, once parsed (classic scripts have run). */
async function page(body: string): Promise<SdkWindow> {
  const frame = document.createElement('iframe');
  frame.style.cssText = 'width: 400px; height: 600px';
  const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
  frame.srcdoc = `<!doctype html><html lang="en"><head><meta charset="utf-8"></head><body>${body}</body></html>`;
  document.body.append(frame);
  await loaded;
  return frame.contentWindow as SdkWindow;
}

/** The chunk URLs the page fetched so far. */
const chunks = (win: Window) =>
  win.performance
    .getEntriesByType('resource')
    .map((entry) => entry.name)
    .filter((name) => name.includes('/chunks/'));
const kindChunk = (kind: string) => new RegExp(`/chunks/${kind}-[\\w-]+\\.js$`);
const shadowOf = (element: Element | null | undefined) => element?.shadowRoot ?? undefined;

describe('oncue.min.js, a chunk per kind', () => {
  afterEach(() => document.querySelectorAll('iframe').forEach((frame) => frame.remove()));

  it('fetches a kind only when it is on stage, from the script’s own origin, with one copy of lit', async () => {
    const [server, sdk] = await Promise.all([testServer(), sdkOrigin()]);
    expect(new URL(sdk.url).origin).not.to.equal(location.origin);
    const room = freshRoom('chunks');
    const win = await page(`<script src="${sdk.url}/oncue.min.js"></script>
      <oncue-stage server="${server.url}" room="${room}"></oncue-stage>`);
    const stage = win.document.querySelector('oncue-stage')!;
    await until(() => text(shadowOf(stage)?.querySelector('[part="empty"]')) === 'Waiting for the host…', 'the stage is synced');
    expect(chunks(win), 'no kind before one is on stage').to.deep.equal([]);

    await createPoll(server, room, { question: 'Split?', options: ['Yes', 'No'] });
    const poll = await until(() => shadowOf(stage)?.querySelector('oncue-poll'), 'the poll is on stage');
    await until(() => shadowOf(poll)?.querySelectorAll('button[part~="option"]').length === 2, 'the poll renders');

    const fetched = chunks(win);
    expect(
      fetched.filter((name) => kindChunk('poll').test(name)),
      'the poll chunk, once',
    ).to.have.length(1);
    expect(
      fetched.filter((name) => kindChunk('quiz').test(name) || kindChunk('lottery').test(name)),
      'no other kind',
    ).to.deep.equal([]);
    for (const name of fetched) expect(name.startsWith(`${sdk.url}/chunks/`), name).to.equal(true);
    expect(win.customElements.get('oncue-quiz'), 'the quiz stays unloaded').to.equal(undefined);
    // One lit, one reactive element: the poll chunk uses the main chunk's copy (a second would define elements twice).
    expect(win.litHtmlVersions).to.have.length(1);
    expect(win.litElementVersions).to.have.length(1);
    expect(win.reactiveElementVersions).to.have.length(1);
    expect(await win.OnCue.load('poll')).to.equal(win.customElements.get('oncue-poll'));
  });

  it('defines an element written in the page, or added later, by loading its chunk', async () => {
    const [server, sdk] = await Promise.all([testServer(), sdkOrigin()]);
    const room = freshRoom('chunks');
    const view = await createPoll(server, room, { question: 'Written in HTML?', options: ['Yes', 'No'] });
    const win = await page(`<script src="${sdk.url}/oncue.min.js"></script>
      <oncue-poll server="${server.url}" room="${room}" interaction="${view.id}"></oncue-poll>`);
    const poll = win.document.querySelector('oncue-poll')!;
    await until(() => shadowOf(poll)?.querySelectorAll('button[part~="option"]').length === 2, 'the poll renders');
    expect(chunks(win).some((name) => kindChunk('poll').test(name))).to.equal(true);
    expect(chunks(win).some((name) => kindChunk('quiz').test(name))).to.equal(false);

    const quiz = await createQuiz(server, room, [{ prompt: 'Added later?', options: ['Yes', 'No'], correct: 0 }]);
    const later = win.document.createElement('div');
    later.innerHTML = `<oncue-quiz server="${server.url}" room="${room}" interaction="${quiz.id}"></oncue-quiz>`;
    win.document.body.append(later);
    await until(() => win.customElements.get('oncue-quiz'), 'the quiz element is defined');
    await until(() => text(shadowOf(later.firstElementChild)?.querySelector('[part~="status"]')), 'the quiz renders');
    expect(chunks(win).some((name) => kindChunk('quiz').test(name))).to.equal(true);
  });

  it('loads the room’s elements as chunks of their own: the heart button alone fetches no kind, a stage with a goal fetches the goal', async () => {
    const [server, sdk] = await Promise.all([testServer(), sdkOrigin()]);
    const room = freshRoom('chunks');
    await rest(server, `${room}/goals`, { metric: 'cheers', target: 100, action: { type: 'message', text: 'Thanks!' } });
    const win = await page(`<script src="${sdk.url}/oncue.min.js"></script>
      <oncue-cheer server="${server.url}" room="${room}"></oncue-cheer>`);
    const heart = win.document.querySelector('oncue-cheer')!;
    await until(() => text(shadowOf(heart)?.querySelector('[part~="count"]')) === '0 hearts', 'the heart button renders');
    expect(chunks(win).some((name) => kindChunk('cheer').test(name))).to.equal(true);
    expect(
      chunks(win).filter((name) => ['poll', 'quiz', 'lottery', 'blindbox', 'goal', 'milestone-badge'].some((kind) => kindChunk(kind).test(name))),
    ).to.deep.equal([]);

    const stage = win.document.createElement('oncue-stage');
    stage.setAttribute('server', server.url);
    stage.setAttribute('room', room);
    win.document.body.append(stage);
    const bar = await until(() => shadowOf(stage)?.querySelector('[part~="goal"] oncue-goal'), 'the stage shows the goal bar');
    await until(() => shadowOf(bar)?.querySelector('[role="progressbar"]'), 'the goal bar renders');
    expect(chunks(win).some((name) => kindChunk('goal').test(name))).to.equal(true);
    expect(win.litElementVersions).to.have.length(1);
  });

  it('shows a localised notice where a kind fails to load, retries, and keeps the other kinds working', async () => {
    const [server, sdk] = await Promise.all([testServer(), sdkOrigin({ prefix: 'poll-', times: 2 })]);
    const room = freshRoom('chunks');
    await createQuiz(server, room, [{ prompt: 'Still here?', options: ['Yes', 'No'], correct: 0 }]);
    await createPoll(server, room, { question: 'Loaded?', options: ['Yes', 'No'] });
    const win = await page(`<script src="${sdk.url}/oncue.min.js"></script>
      <oncue-stage lang="en" server="${server.url}" room="${room}"></oncue-stage>
      <oncue-stage lang="zh-CN" server="${server.url}" room="${room}"></oncue-stage>`);
    const [en, zh] = [...win.document.querySelectorAll('oncue-stage')];
    const notice = (stage: Element) => text(shadowOf(stage)?.querySelector('[part~="load-error"]'));
    const tab = (stage: Element, name: string) =>
      [...(shadowOf(stage)?.querySelectorAll<HTMLElement>('[role="tab"]') ?? [])].find((t) => text(t).startsWith(name));
    // The running quiz question is shown first; the poll, loaded all the same, is behind its tab.
    await until(() => tab(en!, 'Poll') && tab(zh!, '投票'), 'the tabs');
    tab(en!, 'Poll')!.click();
    tab(zh!, '投票')!.click();
    await until(() => notice(en!) === 'This part of the live page could not be loaded. Retrying…', 'the English notice');
    await until(() => notice(zh!) === '这部分互动内容加载失败，正在重试…', 'the Chinese notice');
    // The quiz beside it is unaffected.
    tab(en!, 'Quiz')!.click();
    const quiz = await until(() => shadowOf(en)?.querySelector('oncue-quiz'), 'the quiz tab');
    await until(() => shadowOf(quiz)?.querySelectorAll('button[part~="option"]').length === 2, 'the quiz renders');
    tab(en!, 'Poll')!.click();

    // The third try succeeds (after about 1 s, then 2 s): the poll takes the notice's place.
    const poll = await until(
      () => shadowOf(shadowOf(en)?.querySelector('oncue-poll'))?.querySelectorAll('button[part~="option"]').length === 2,
      'the poll renders after retries',
      8000,
    );
    expect(poll).to.equal(true);
    expect(notice(en!)).to.equal('');
    await until(() => shadowOf(shadowOf(zh)?.querySelector('oncue-poll'))?.querySelector('button[part~="option"]'), 'the Chinese stage shows the poll too');
    expect(chunks(win).filter((name) => kindChunk('poll').test(name)).length, 'three tries').to.equal(3);
  });

  it('recovers when the code kinds share fails to load, not just the kind’s own chunk', async () => {
    const [server, sdk] = await Promise.all([testServer(), sdkOrigin({ prefix: 'shared-', times: 1 })]);
    const room = freshRoom('chunks');
    const view = await createPoll(server, room, { question: 'Shared?', options: ['Yes', 'No'] });
    const win = await page(`<script src="${sdk.url}/oncue.min.js"></script>
      <oncue-poll server="${server.url}" room="${room}" interaction="${view.id}"></oncue-poll>`);
    const poll = win.document.querySelector('oncue-poll')!;
    await until(() => shadowOf(poll)?.querySelectorAll('button[part~="option"]').length === 2, 'the poll renders after a retry', 8000);
    // The loader fetches a chunk's shared chunks together with it (its preload map): whether the poll chunk itself is
    // fetched again depends on which answer comes first; the failed shared chunk is always fetched again.
    const fetched = chunks(win);
    const shared = fetched.filter((name) => /\/chunks\/shared-/.test(name));
    expect(shared.length, 'the failed shared chunk fetched again').to.be.greaterThan(new Set(shared).size);
    expect(fetched.filter((name) => kindChunk('poll').test(name)).length, 'the poll chunk, once or twice').to.be.within(1, 2);
  });

  it('fetches a kind’s shared chunks together with it, not one round trip later', async () => {
    const [server, sdk] = await Promise.all([testServer(), sdkOrigin()]);
    const room = freshRoom('chunks');
    const view = await createPoll(server, room, { question: 'Together?', options: ['Yes', 'No'] });
    const win = await page(`<script src="${sdk.url}/oncue.min.js"></script>
      <oncue-poll server="${server.url}" room="${room}" interaction="${view.id}"></oncue-poll>`);
    const poll = win.document.querySelector('oncue-poll')!;
    await until(() => shadowOf(poll)?.querySelectorAll('button[part~="option"]').length === 2, 'the poll renders');
    const entries = (win.performance.getEntriesByType('resource') as PerformanceResourceTiming[]).filter((e) => e.name.includes('/chunks/'));
    const own = entries.find((e) => kindChunk('poll').test(e.name))!;
    const shared = entries.filter((e) => /\/chunks\/shared-/.test(e.name));
    expect(shared.length, 'the poll chunk imports shared chunks').to.be.greaterThan(0);
    // Requested before the poll chunk's own response was in: it was not waiting for the chunk to run.
    for (const dep of shared) expect(dep.startTime, dep.name).to.be.below(own.responseEnd);
  });
});

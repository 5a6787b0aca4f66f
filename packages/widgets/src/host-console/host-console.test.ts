import { connect, memoryStorage, type RoomConnection } from '@oncue/core';
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys, setViewport } from '@web/test-runner-commands';
import { atom } from 'nanostores';
import {
  ariaSnapshot,
  closePoll,
  createPoll,
  freshRoom,
  shadow,
  testServer,
  text,
  until,
  voteAsAnotherViewer,
  type TestServer,
} from '../../test/oncue-test-server.js';
import { buttonNamed, typeInto } from '../../test/form-input.js';
import { html as litHtml, LitElement } from 'lit';
import type { OnCuePollForm } from '../poll/poll-form.js';
import type { OnCueHostConsole } from './host-console.js';
import { hostMessages } from './host-messages.js';
import { registerHostKind } from './host-kinds.js';
import './host-console.js';

const $ = <T extends Element = HTMLElement>(el: Element, selector: string) => shadow(el).querySelector<T>(selector);
const $$ = <T extends Element = HTMLElement>(el: Element, selector: string) => [...shadow(el).querySelectorAll<T>(selector)];
const items = (el: Element) => $$(el, '[part="item"]');
/** The console's poll form (the registered form of the first kind). */
const pollForm = (el: Element) => $<OnCuePollForm>(el, 'oncue-poll-form')!;
/** An element of the poll form. */
const $f = <T extends Element = HTMLElement>(el: Element, selector: string) => $<T>(pollForm(el), selector);
const $$f = <T extends Element = HTMLElement>(el: Element, selector: string) => $$<T>(pollForm(el), selector);
const alerts = (el: Element) => $$(el, '[role="alert"]').map(text);

/** Focuses a field and types into it as a person would. */
describe('<oncue-host-console>', () => {
  let server: TestServer;

  before(async () => {
    localStorage.clear();
    server = await testServer();
  });

  async function renderConsole(room = freshRoom('host'), lang = 'en') {
    const el = await fixture<OnCueHostConsole>(
      html`<oncue-host-console lang=${lang} server=${server.url} room=${room} token=${server.hostToken}></oncue-host-console>`,
    );
    const none = lang === 'zh-CN' ? '还没有互动：用表单创建的互动会显示在这里。' : 'Nothing yet: what you create with the form shows here.';
    await until(() => text($(el, '.panel:last-child .hint')) === none || items(el).length, 'the room is loaded');
    await until(() => $(el, 'oncue-poll-form')?.shadowRoot && $f(el, '#question'), 'the poll form is loaded');
    return { el, room, form: pollForm(el) };
  }

  it('is accessible: every control is labelled', async () => {
    const { el } = await renderConsole();
    await expect(el).to.be.accessible();
    const aria = await ariaSnapshot('oncue-host-console');
    for (const expected of [
      'textbox "Question"',
      'textbox "Option 1"',
      'textbox "Image URL for option 2 (optional)"',
      'button "Remove option 1"',
      'button "Add option"',
      'checkbox "Viewers can pick several options"',
      'checkbox "Viewers can change their vote"',
      'checkbox "Signed-in viewers only (accounts your site signs; anonymous viewers can watch but not take part)"',
      'radio "Live, while voting"',
      'spinbutton "Close automatically after (seconds, optional)"',
      'button "Save as draft"',
      'button "Launch now"',
    ]) {
      expect(aria).to.include(expected);
    }
  });

  it('keeps its parts: those of the poll form are exported under the name of the console', async () => {
    const { el, form } = await renderConsole();
    const style = document.createElement('style');
    style.textContent = `
      oncue-host-console::part(form) { outline: 3px solid rgb(1, 2, 3); }
      oncue-host-console::part(field) { outline: 3px solid rgb(4, 5, 6); }
      oncue-host-console::part(primary) { outline: 3px solid rgb(7, 8, 9); }
      oncue-host-console::part(kind) { outline: 3px solid rgb(10, 11, 12); }`;
    document.head.append(style);
    try {
      const outline = (node: Element | null) => getComputedStyle(node!).outlineColor;
      expect(outline($(form, 'form'))).to.equal('rgb(1, 2, 3)');
      expect(outline($(form, '#question'))).to.equal('rgb(4, 5, 6)');
      expect(outline(buttonNamed(form, 'Launch now')!)).to.equal('rgb(7, 8, 9)');
      expect(outline($(el, '[part~="kind"]'))).to.equal('rgb(10, 11, 12)');
    } finally {
      style.remove();
    }
  });

  it('creates a draft through its poll form, launches it, shows the live tally and closes it', async () => {
    const { el, room, form } = await renderConsole();
    await typeInto($f(el, '#question'), 'Which lipstick shade?');
    await typeInto($f(el, '#option-0'), 'Ruby');
    await typeInto($f(el, '#option-1'), 'Coral');
    const created = oneEvent(el, 'oncue-create');
    buttonNamed(form, 'Save as draft')!.click();
    const view = (await created).detail.interaction;
    expect(view).to.include({ question: 'Which lipstick shade?', status: 'draft' });
    expect(view.options).to.deep.equal([{ label: 'Ruby' }, { label: 'Coral' }]);
    expect($f<HTMLTextAreaElement>(el, '#question')!.value, 'the form is reset').to.equal('');

    await until(() => items(el).length === 1, 'the draft is listed');
    expect(text(items(el)[0]!.querySelector('[part="status"]'))).to.equal('Draft');
    await expect(el).to.be.accessible();

    buttonNamed(el, 'Launch: Which lipstick shade?')!.click();
    await until(() => text(items(el)[0]!.querySelector('[part="status"]')) === 'Open', 'the poll is open');

    await voteAsAnotherViewer(server, room, view.id, [1]);
    await until(() => text(items(el)[0]).includes('1 person voted'), 'the live tally');
    const rows = [...items(el)[0]!.querySelectorAll('.tally-row')].map(text);
    expect(rows).to.deep.equal(['Ruby 0 votes · 0%', 'Coral 1 vote · 100%']);

    buttonNamed(el, 'Close: Which lipstick shade?')!.click();
    await until(() => text(items(el)[0]!.querySelector('[part="status"]')) === 'Closed', 'the poll is closed');
    expect(buttonNamed(el, 'Close: Which lipstick shade?')).to.equal(undefined);
  });

  it('launches a poll for signed-in viewers only: an anonymous viewer is refused', async () => {
    const { el, room, form } = await renderConsole();
    await typeInto($f(el, '#question'), 'Which colour for the next drop?');
    await typeInto($f(el, '#option-0'), 'Sand');
    await typeInto($f(el, '#option-1'), 'Olive');
    $f<HTMLInputElement>(el, '#signed-only')!.click();
    const created = oneEvent(el, 'oncue-create');
    buttonNamed(form, 'Launch now')!.click();
    const view = (await created).detail.interaction;
    expect($f<HTMLInputElement>(el, '#signed-only')!.checked, 'the form is reset').to.equal(false);
    let refusal = '';
    await voteAsAnotherViewer(server, room, view.id, [0]).catch((err: Error) => (refusal = err.message));
    expect(refusal).to.equal('vote refused: signed_viewer_required');
  });

  it('launches a poll with every setting at once', async () => {
    const { el, form } = await renderConsole();
    await typeInto($f(el, '#question'), 'Which gifts?');
    buttonNamed(form, 'Add option')!.click();
    await form.updateComplete;
    expect(shadow(form).activeElement, 'the new option has focus').to.equal($f(el, '#option-2'));
    await typeInto($f(el, '#option-0'), 'Mug');
    await typeInto($f(el, '#option-1'), 'Tote');
    await typeInto($f(el, '#option-2'), 'Pin');
    await typeInto($$f(el, 'input[type="url"]')[1]!, 'https://example.com/tote.png');
    $f<HTMLInputElement>(el, 'input[type="checkbox"]')!.click();
    await form.updateComplete;
    await typeInto($f(el, 'input[max="3"]'), '2');
    $$f<HTMLInputElement>(el, 'input[type="checkbox"]')[1]!.click();
    $$f<HTMLInputElement>(el, 'input[name="results"]')[1]!.click();
    await typeInto($f(el, '#duration'), '60');
    const created = oneEvent(el, 'oncue-create');
    buttonNamed(form, 'Launch now')!.click();
    const view = (await created).detail.interaction;
    expect(view).to.include({ status: 'open', multi: true, maxChoices: 2, allowChange: true, results: 'after-close', durationSeconds: 60 });
    expect(view.options[1]).to.deep.equal({ label: 'Tote', image: 'https://example.com/tote.png' });
    await until(() => /Closes in (1:00|0:5\d)/.test(text(items(el)[0])), 'the countdown');
  });

  it('works with the keyboard: Enter in a field saves a draft, never launches', async () => {
    const { el, form } = await renderConsole();
    await sendKeys({ press: 'Tab' });
    expect(shadow(el).activeElement, 'the kind switch comes first').to.equal($(el, 'input[name="new-kind"][value="poll"]'));
    await sendKeys({ press: 'Tab' });
    expect(shadow(el).activeElement, 'then the poll form').to.equal(form);
    expect(shadow(form).activeElement).to.equal($f(el, '#question'));
    await sendKeys({ type: 'Keyboard only?' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ type: 'Yes' });
    await sendKeys({ press: 'Tab' }); // image URL
    await sendKeys({ press: 'Tab' }); // option 2 (the remove button is disabled)
    expect(shadow(form).activeElement).to.equal($f(el, '#option-1'));
    await sendKeys({ type: 'No' });
    const created = oneEvent(el, 'oncue-create');
    await sendKeys({ press: 'Enter' });
    expect((await created).detail.interaction.status).to.equal('draft');
  });

  it('builds its switch and forms from the host registry: a kind registered later shows without a change to the console', async () => {
    let loads = 0;
    const unregister = registerHostKind({
      kind: 'test-counter',
      messages: { en: { ...hostMessages.en, kindLabel: 'Counter', newCounter: 'New counter' } },
      form: { tag: 'test-counter-form', attributes: { part: 'counter-form', 'data-origin': 'registry' }, heading: 'newCounter' },
      load: async () => {
        loads++;
        if (customElements.get('test-counter-form')) return;
        customElements.define(
          'test-counter-form',
          class extends LitElement {
            static override properties = { connection: { attribute: false } };
            connection?: RoomConnection;
            override render() {
              return litHtml`<label>Start at <input id="start" type="number" /></label>`;
            }
          },
        );
      },
    });
    try {
      const { el } = await renderConsole();
      const labels = $$(el, '[part~="kind"] label').map(text);
      expect(labels).to.deep.equal(['Poll', 'Quiz', 'Giveaway', 'Blind box', 'Counter']);
      expect(loads, 'nothing of the kind is loaded before it is chosen').to.equal(0);
      $<HTMLInputElement>(el, 'input[name="new-kind"][value="test-counter"]')!.click();
      const form = await until(() => $<HTMLElement & { connection?: RoomConnection }>(el, 'test-counter-form'), 'the registered form element');
      await until(() => $(form, '#start'), 'its form element renders once loaded');
      expect(loads).to.equal(1);
      expect(form.getAttribute('part')).to.equal('counter-form');
      expect(form.getAttribute('data-origin')).to.equal('registry');
      expect(form.connection, 'the console lends it its host connection').to.not.equal(undefined);
      expect(text($(el, '#test-counter-form-heading')), 'under the heading its registry line names').to.equal('New counter');
      expect(pollForm(el), 'the poll form is not shown meanwhile').to.equal(null);
      await expect(el).to.be.accessible();

      unregister();
      await until(() => !$(el, 'test-counter-form'), 'an unregistered kind leaves the console');
      expect($$(el, '[part~="kind"] label').map(text)).to.deep.equal(['Poll', 'Quiz', 'Giveaway', 'Blind box']);
      await until(() => pollForm(el), 'back to the first kind');
    } finally {
      unregister();
    }
  });

  it('says when a kind cannot be loaded, and tries again when it is chosen again', async () => {
    let attempts = 0;
    const unregister = registerHostKind({
      kind: 'test-flaky',
      messages: { en: { ...hostMessages.en, kindLabel: 'Flaky' } },
      form: { tag: 'test-flaky-form' },
      load: async () => {
        attempts++;
        if (attempts === 1) throw new Error('chunk failed to load');
        if (!customElements.get('test-flaky-form')) customElements.define('test-flaky-form', class extends HTMLElement {});
      },
    });
    try {
      const { el } = await renderConsole();
      $<HTMLInputElement>(el, 'input[name="new-kind"][value="test-flaky"]')!.click();
      await until(() => alerts(el).length, 'the failure is shown');
      expect(alerts(el)).to.deep.equal(['This form could not be loaded. Check the connection, then choose it again.']);
      $<HTMLInputElement>(el, 'input[name="new-kind"][value="poll"]')!.click();
      await until(() => pollForm(el), 'the other kinds still work');
      $<HTMLInputElement>(el, 'input[name="new-kind"][value="test-flaky"]')!.click();
      await until(() => $(el, 'test-flaky-form'), 'loaded on the second try');
      expect(attempts).to.equal(2);
      expect(alerts(el)).to.deep.equal([]);
    } finally {
      unregister();
    }
  });

  it('shows the server refusing an action', async () => {
    const room = freshRoom('host');
    const live = connect({ server: server.url, room, hostToken: server.hostToken, storage: memoryStorage() });
    try {
      const view = await createPoll(server, room, { question: 'Stale?', options: ['A', 'B'] });
      await until(() => live.$room.get().interactions.length === 1, 'the host has the room');
      // The console has not heard yet that the poll was closed elsewhere.
      const stale: RoomConnection = { ...live, $room: atom(live.$room.get()) };
      const el = await fixture<OnCueHostConsole>(html`<oncue-host-console lang="en" .connection=${stale}></oncue-host-console>`);
      await until(() => items(el).length === 1, 'the poll is listed');
      await closePoll(server, room, view.id);
      const failed = oneEvent(el, 'oncue-error');
      buttonNamed(el, 'Close: Stale?')!.click();
      expect((await failed).detail).to.deep.equal({ code: 'already_closed', message: 'That is already closed.' });
      await el.updateComplete;
      expect(alerts(el)).to.deep.equal(['That is already closed.']);
    } finally {
      live.release();
    }
  });

  /** A console with a server and a room but no token: it shows its sign-in form. */
  async function renderSignIn(lang = 'en', room = freshRoom('host')) {
    const el = await fixture<OnCueHostConsole>(html`<oncue-host-console lang=${lang} server=${server.url} room=${room}></oncue-host-console>`);
    await until(() => $(el, '[part~="sign-in"]'), 'the sign-in form');
    return { el, room };
  }

  /** Types a token into the sign-in form and submits it with Enter. */
  async function signIn(el: OnCueHostConsole, token: string): Promise<void> {
    const field = $<HTMLInputElement>(el, '#host-token')!;
    field.select();
    await typeInto(field, token);
    await sendKeys({ press: 'Enter' });
  }

  it('asks for the host token when it has none, accessibly', async () => {
    const { el } = await renderSignIn();
    await expect(el).to.be.accessible();
    const aria = await ariaSnapshot('oncue-host-console');
    expect(aria).to.include('heading "Connect as host"');
    expect(aria).to.include('textbox "Host token"');
    expect(aria).to.include('button "Connect"');
    expect($<HTMLInputElement>(el, '#host-token')!.type, 'the token is masked').to.equal('password');
    expect($(el, 'oncue-poll-form'), 'no poll form without a token').to.equal(null);
    expect(alerts(el)).to.deep.equal([]);

    // Keyboard: the field comes first; Enter on an empty field explains.
    await sendKeys({ press: 'Tab' });
    expect(shadow(el).activeElement).to.equal($(el, '#host-token'));
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(alerts(el)).to.deep.equal(['Enter the host token.']);
    expect($(el, '#host-token')!.getAttribute('aria-invalid')).to.equal('true');
    expect(el.token).to.equal('');
  });

  it('says when the host token is refused and lets the host try again', async () => {
    const { el } = await renderSignIn();
    await signIn(el, 'wrong-token');
    await until(() => alerts(el).length, 'the refusal is shown');
    expect(alerts(el)).to.deep.equal(['That host token was not accepted. Check it and try again.']);
    expect($(el, '[part~="sign-in"]'), 'the form is still there').not.to.equal(null);
    expect($(el, 'oncue-poll-form')).to.equal(null);
    expect(shadow(el).activeElement, 'the token field has focus again').to.equal($(el, '#host-token'));
    expect($(el, '#host-token')!.getAttribute('aria-invalid')).to.equal('true');
    await expect(el).to.be.accessible();

    // The same wrong token again is asked again, and refused again.
    $<HTMLButtonElement>(el, '[part~="sign-in"] button')!.click();
    await el.updateComplete;
    expect(alerts(el), 'the new attempt is under way').to.deep.equal([]);
    expect(text($(el, '[part~="sign-in"] [role="status"]'))).to.equal('Connecting…');
    await until(() => alerts(el).length, 'the second refusal is shown');
    expect(alerts(el)).to.deep.equal(['That host token was not accepted. Check it and try again.']);
  });

  it('shows the sign-in form when the token attribute is refused', async () => {
    const el = await fixture<OnCueHostConsole>(
      html`<oncue-host-console lang="en" server=${server.url} room=${freshRoom('host')} token="wrong-token"></oncue-host-console>`,
    );
    await until(() => alerts(el).length, 'the refusal is shown');
    expect(alerts(el)).to.deep.equal(['That host token was not accepted. Check it and try again.']);
    expect($(el, '[part~="sign-in"]')).not.to.equal(null);
    expect($(el, 'oncue-poll-form')).to.equal(null);
  });

  it('signs in with the right token, keeps it in memory only, and launches a poll', async () => {
    const { el, room } = await renderSignIn();
    await signIn(el, 'wrong-token');
    await until(() => alerts(el).length, 'the refusal is shown');
    await signIn(el, server.hostToken);
    await until(() => $(el, 'oncue-poll-form')?.shadowRoot && $f(el, '#question'), 'the poll form');
    expect($(el, '[part~="sign-in"]')).to.equal(null);
    expect(el.token).to.equal(server.hostToken);
    expect(el.hasAttribute('token'), 'the token stays out of the DOM').to.equal(false);
    await until(() => shadow(el).activeElement === pollForm(el) && shadow(pollForm(el)).activeElement === $f(el, '#question'), 'the question has focus');
    await until(() => text($(el, '.panel:last-child .hint')) === 'Nothing yet: what you create with the form shows here.', 'the room is loaded');

    await typeInto($f(el, '#question'), 'Signed in?');
    await typeInto($f(el, '#option-0'), 'Yes');
    await typeInto($f(el, '#option-1'), 'Very');
    const created = oneEvent(el, 'oncue-create');
    buttonNamed(pollForm(el), 'Launch now')!.click();
    const view = (await created).detail.interaction;
    expect(view).to.include({ question: 'Signed in?', status: 'open' });
    await until(() => text(items(el)[0]?.querySelector('[part="status"]')) === 'Open', 'the poll is listed, open');
    const listed = await fetch(`${server.url}/api/rooms/${room}/interactions`, {
      headers: { authorization: `Bearer ${server.hostToken}` },
    }).then((r) => r.json());
    expect(listed.interactions.map((i: { question: string }) => i.question)).to.deep.equal(['Signed in?']);

    for (const store of [localStorage, sessionStorage]) {
      for (let i = 0; i < store.length; i++) {
        expect(store.getItem(store.key(i)!), `Web Storage ${store.key(i)}`).not.to.include(server.hostToken);
      }
    }
  });

  it('speaks Chinese', async () => {
    const { el, form } = await renderConsole(freshRoom('host'), 'zh-CN');
    expect($$(el, '[part~="kind"] label').map(text)).to.deep.equal(['投票', '答题', '抽奖', '盲盒竞猜']);
    expect(text($f(el, '#form-heading'))).to.equal('新建投票');
    expect(buttonNamed(form, '保存草稿')).not.to.equal(undefined);
    expect(buttonNamed(form, '立即发起')).not.to.equal(undefined);
    expect(text($(el, '.panel:last-child .hint'))).to.equal('还没有互动：用表单创建的互动会显示在这里。');
    buttonNamed(form, '立即发起')!.click();
    await form.updateComplete;
    expect(alerts(form)).to.deep.equal(['请填写问题。']);
  });

  /** Whether `box` lies wholly within the window, as it is without scrolling. */
  const inView = (box: DOMRect) => box.top >= 0 && box.left >= 0 && box.bottom <= innerHeight && box.right <= innerWidth && box.height > 0;

  it('at 1280×800 shows the room, its links, the form and the live poll side by side, and confirms a launch', async () => {
    await setViewport({ width: 1280, height: 800 });
    try {
      const room = freshRoom('host');
      const el = await fixture<OnCueHostConsole>(
        html`<oncue-host-console
          lang="en"
          server=${server.url}
          room=${room}
          token=${server.hostToken}
          stream-url="/watch?room=${room}"
          dashboard-url="/dashboard?room=${room}"
        ></oncue-host-console>`,
      );
      await until(() => $(el, 'oncue-poll-form')?.shadowRoot && $f(el, '#question'), 'the poll form is loaded');
      const form = pollForm(el);
      expect(text($(el, '[part~="room"] strong')), 'the room is named at the top').to.equal(room);
      const links = $$<HTMLAnchorElement>(el, '[part~="header"] a');
      expect(links.map((a) => [text(a), a.getAttribute('href'), a.target])).to.deep.equal([
        ['Stream page (opens in a new tab)', `/watch?room=${room}`, '_blank'],
        ['Dashboard (opens in a new tab)', `/dashboard?room=${room}`, '_blank'],
      ]);
      expect(links.every((a) => inView(a.getBoundingClientRect()))).to.equal(true);
      expect(text($(el, '[part~="confirmation"]')), 'nothing to confirm yet').to.equal('');

      await typeInto($f(el, '#question'), 'Which shade tonight?');
      await typeInto($f(el, '#option-0'), 'Ruby');
      await typeInto($f(el, '#option-1'), 'Coral');
      buttonNamed(form, 'Launch now')!.click();
      await until(() => $(el, '[part~="live"] [part="item"]'), 'the poll is live');
      const status = $(el, '[part~="confirmation"]')!;
      expect(status.getAttribute('role')).to.equal('status');
      expect(text(status)).to.equal('Poll launched · View it live (opens in a new tab)');
      expect(status.querySelector('a')!.getAttribute('href')).to.equal(`/watch?room=${room}`);

      // Without scrolling, the launch button and the live poll are both on screen, side by side.
      scrollTo(0, 0);
      const launch = buttonNamed(form, 'Launch now')!.getBoundingClientRect();
      const live = $(el, '[part~="live"] [part="item"]')!.getBoundingClientRect();
      expect(inView(launch), `Launch now at ${launch.top}–${launch.bottom}`).to.equal(true);
      expect(inView(live), `the live poll at ${live.top}–${live.bottom}`).to.equal(true);
      expect(launch.right, 'the form on the left, the live poll on the right').to.be.at.most(live.left);
      expect(inView(status.getBoundingClientRect()), 'the confirmation too').to.equal(true);
      await expect(el).to.be.accessible();

      // A draft is confirmed as one.
      await typeInto($f(el, '#question'), 'Later?');
      await typeInto($f(el, '#option-0'), 'Yes');
      await typeInto($f(el, '#option-1'), 'No');
      buttonNamed(form, 'Save as draft')!.click();
      await until(() => text($(el, '[part~="confirmation"]')) === 'Poll saved as a draft', 'the draft is confirmed');
      await until(() => $$(el, '[aria-labelledby="list-heading"] [part="item"]').length === 1, 'the draft is in the list, not live');
      expect($$(el, '[part~="live"] [part="item"]')).to.have.length(1);
    } finally {
      await setViewport({ width: 800, height: 600 });
    }
  });

  it("at 1280×800 keeps the quiz builder's launch button on screen, however long the quiz", async () => {
    await setViewport({ width: 1280, height: 800 });
    try {
      const { el } = await renderConsole();
      $<HTMLInputElement>(el, 'input[name="new-kind"][value="quiz"]')!.click();
      const builder = await until(() => $(el, 'oncue-quiz-builder'), 'the quiz builder');
      await until(() => builder.shadowRoot && $(builder, '#prompt-0'), 'it renders');
      for (let i = 0; i < 3; i++) {
        buttonNamed(builder, 'Add question')!.click();
        await (builder as OnCuePollForm).updateComplete;
      }
      scrollTo(0, 0);
      expect(document.documentElement.scrollHeight, 'the page is taller than the window').to.be.above(800);
      expect(inView(buttonNamed(builder, 'Launch quiz')!.getBoundingClientRect())).to.equal(true);
      expect(inView($(el, '[part~="live"]')!.getBoundingClientRect())).to.equal(true);
    } finally {
      await setViewport({ width: 800, height: 600 });
    }
  });

  it('has no accessibility violations with a live poll, in English and in Chinese', async () => {
    for (const lang of ['en', 'zh-CN']) {
      const room = freshRoom('host');
      await createPoll(server, room, { question: 'Live?', options: ['A', 'B'] });
      const el = await fixture<OnCueHostConsole>(
        html`<oncue-host-console lang=${lang} server=${server.url} room=${room} token=${server.hostToken} stream-url="/" dashboard-url="/dashboard"></oncue-host-console>`,
      );
      await until(() => $(el, '[part~="live"] [part="item"]') && $(el, 'oncue-poll-form')?.shadowRoot && $f(el, '#question'), 'the console is ready');
      buttonNamed(pollForm(el), lang === 'en' ? 'Launch now' : '立即发起')!.click();
      await until(() => $f(el, '[part~="field-error"]'), 'a field error shows');
      expect(text($(el, '[part~="live"] h2'))).to.equal(lang === 'en' ? 'Live now' : '正在进行');
      await expect(el).to.be.accessible();
    }
  });

  it('asks for the host token in Chinese', async () => {
    const { el } = await renderSignIn('zh-CN');
    await expect(el).to.be.accessible();
    const aria = await ariaSnapshot('oncue-host-console');
    expect(aria).to.include('textbox "主播令牌"');
    expect(aria).to.include('button "连接"');
    await signIn(el, 'wrong-token');
    await until(() => alerts(el).length, 'the refusal is shown');
    expect(alerts(el)).to.deep.equal(['主播令牌未被接受，请检查后重试。']);
  });
});

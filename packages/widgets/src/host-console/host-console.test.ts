import { connect, memoryStorage, type RoomConnection } from '@oncue/core';
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
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
import type { OnCueHostConsole } from './host-console.js';
import './host-console.js';

const $ = <T extends Element = HTMLElement>(el: Element, selector: string) => shadow(el).querySelector<T>(selector);
const $$ = <T extends Element = HTMLElement>(el: Element, selector: string) => [...shadow(el).querySelectorAll<T>(selector)];
const buttonNamed = (el: Element, name: string) =>
  $$<HTMLButtonElement>(el, 'button').find((b) => (b.getAttribute('aria-label') ?? text(b)) === name);
const items = (el: Element) => $$(el, '[part="item"]');
const alerts = (el: Element) => $$(el, '[role="alert"]').map(text);

/** Focuses a field and types into it as a person would. */
async function typeInto(field: HTMLElement | null, value: string): Promise<void> {
  field!.focus();
  await sendKeys({ type: value });
}

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
    const none = lang === 'zh-CN' ? '还没有互动，请在上方创建投票或答题。' : 'Nothing yet. Create a poll or a quiz above.';
    await until(() => text($(el, '.panel:last-child .hint')) === none || items(el).length, 'the room is loaded');
    return { el, room };
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

  it('creates a draft, launches it, shows the live tally and closes it', async () => {
    const { el, room } = await renderConsole();
    await typeInto($(el, '#question'), 'Which lipstick shade?');
    await typeInto($(el, '#option-0'), 'Ruby');
    await typeInto($(el, '#option-1'), 'Coral');
    const created = oneEvent(el, 'oncue-create');
    buttonNamed(el, 'Save as draft')!.click();
    const view = (await created).detail.interaction;
    expect(view).to.include({ question: 'Which lipstick shade?', status: 'draft' });
    expect(view.options).to.deep.equal([{ label: 'Ruby' }, { label: 'Coral' }]);
    expect(($(el, '#question') as HTMLTextAreaElement).value, 'the form is reset').to.equal('');

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

  it('launches a poll with an alternative wording for an A/B test', async () => {
    const { el } = await renderConsole();
    await typeInto($(el, '#question'), 'Which lipstick shade?');
    await typeInto($(el, '#variant-question'), 'Pick tonight’s shade!');
    await typeInto($(el, '#option-0'), 'Ruby');
    await typeInto($(el, '#option-1'), 'Coral');
    const created = oneEvent(el, 'oncue-create');
    buttonNamed(el, 'Launch now')!.click();
    const view = (await created).detail.interaction;
    expect(view).to.include({ question: 'Which lipstick shade?', status: 'open' });
    expect((view as { variants?: string[] }).variants).to.deep.equal(['Pick tonight’s shade!']);
    expect(($(el, '#variant-question') as HTMLTextAreaElement).value, 'the form is reset').to.equal('');
  });

  it('launches a poll for signed-in viewers only: an anonymous viewer is refused', async () => {
    const { el, room } = await renderConsole();
    await typeInto($(el, '#question'), 'Which colour for the next drop?');
    await typeInto($(el, '#option-0'), 'Sand');
    await typeInto($(el, '#option-1'), 'Olive');
    $<HTMLInputElement>(el, '#signed-only')!.click();
    const created = oneEvent(el, 'oncue-create');
    buttonNamed(el, 'Launch now')!.click();
    const view = (await created).detail.interaction;
    expect($<HTMLInputElement>(el, '#signed-only')!.checked, 'the form is reset').to.equal(false);
    let refusal = '';
    await voteAsAnotherViewer(server, room, view.id, [0]).catch((err: Error) => (refusal = err.message));
    expect(refusal).to.equal('vote refused: signed_viewer_required');
  });

  it('launches a poll with every setting at once', async () => {
    const { el } = await renderConsole();
    await typeInto($(el, '#question'), 'Which gifts?');
    buttonNamed(el, 'Add option')!.click();
    await el.updateComplete;
    expect(shadow(el).activeElement, 'the new option has focus').to.equal($(el, '#option-2'));
    await typeInto($(el, '#option-0'), 'Mug');
    await typeInto($(el, '#option-1'), 'Tote');
    await typeInto($(el, '#option-2'), 'Pin');
    await typeInto($$(el, 'input[type="url"]')[1]!, 'https://example.com/tote.png');
    $<HTMLInputElement>(el, 'input[type="checkbox"]')!.click();
    await el.updateComplete;
    await typeInto($(el, 'input[max="3"]'), '2');
    $$<HTMLInputElement>(el, 'input[type="checkbox"]')[1]!.click();
    $$<HTMLInputElement>(el, 'input[name="results"]')[1]!.click();
    await typeInto($(el, '#duration'), '60');
    const created = oneEvent(el, 'oncue-create');
    buttonNamed(el, 'Launch now')!.click();
    const view = (await created).detail.interaction;
    expect(view).to.include({ status: 'open', multi: true, maxChoices: 2, allowChange: true, results: 'after-close', durationSeconds: 60 });
    expect(view.options[1]).to.deep.equal({ label: 'Tote', image: 'https://example.com/tote.png' });
    await until(() => /Closes in (1:00|0:5\d)/.test(text(items(el)[0])), 'the countdown');
  });

  it('explains what is wrong with the form', async () => {
    const { el } = await renderConsole();
    buttonNamed(el, 'Launch now')!.click();
    await el.updateComplete;
    expect(alerts(el)).to.deep.equal(['Write a question.']);
    await typeInto($(el, '#question'), 'Half done?');
    await typeInto($(el, '#option-0'), 'Yes');
    buttonNamed(el, 'Launch now')!.click();
    await el.updateComplete;
    expect(alerts(el)).to.deep.equal(['Fill in every option, or remove the empty ones (2 to 10 options).']);
    await typeInto($(el, '#option-1'), 'No');
    // The form refuses what the server refuses: no script, no plain http, no other host through `//` or `/\`.
    for (const url of ['javascript:alert(1)', 'http://example.com/a.png', '//evil.example/x.png', '/\\evil.example/x.png', 'https://']) {
      const field = $$(el, 'input[type="url"]')[0]! as HTMLInputElement;
      field.value = '';
      field.dispatchEvent(new Event('input'));
      await typeInto(field, url);
      buttonNamed(el, 'Launch now')!.click();
      await el.updateComplete;
      expect(alerts(el), url).to.deep.equal(['Image URLs must be https:// addresses, or paths on this site starting with a single /.']);
    }
    expect(items(el)).to.have.length(0);
  });

  it('adds up to 10 options and keeps at least 2', async () => {
    const { el } = await renderConsole();
    expect(buttonNamed(el, 'Remove option 1')!.disabled).to.equal(true);
    for (let i = 0; i < 8; i++) {
      buttonNamed(el, 'Add option')!.click();
      await el.updateComplete;
    }
    expect($$(el, '.option-row')).to.have.length(10);
    expect(buttonNamed(el, 'Add option')!.disabled).to.equal(true);
    buttonNamed(el, 'Remove option 4')!.click();
    await el.updateComplete;
    expect($$(el, '.option-row')).to.have.length(9);
    expect(buttonNamed(el, 'Add option')!.disabled).to.equal(false);
  });

  it('works with the keyboard: Enter in a field saves a draft, never launches', async () => {
    const { el } = await renderConsole();
    await sendKeys({ press: 'Tab' });
    expect(shadow(el).activeElement, 'the poll/quiz switch comes first').to.equal($(el, 'input[name="new-kind"][value="poll"]'));
    await sendKeys({ press: 'Tab' });
    expect(shadow(el).activeElement).to.equal($(el, '#question'));
    await sendKeys({ type: 'Keyboard only?' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ type: 'Yes' });
    await sendKeys({ press: 'Tab' }); // image URL
    await sendKeys({ press: 'Tab' }); // option 2 (the remove button is disabled)
    expect(shadow(el).activeElement).to.equal($(el, '#option-1'));
    await sendKeys({ type: 'No' });
    const created = oneEvent(el, 'oncue-create');
    await sendKeys({ press: 'Enter' });
    expect((await created).detail.interaction.status).to.equal('draft');
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
    expect($(el, '[part~="form"]'), 'no poll form without a token').to.equal(null);
    expect($(el, '#question')).to.equal(null);
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
    expect($(el, '#question')).to.equal(null);
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
    expect($(el, '#question')).to.equal(null);
  });

  it('signs in with the right token, keeps it in memory only, and launches a poll', async () => {
    const { el, room } = await renderSignIn();
    await signIn(el, 'wrong-token');
    await until(() => alerts(el).length, 'the refusal is shown');
    await signIn(el, server.hostToken);
    await until(() => $(el, '#question'), 'the poll form');
    expect($(el, '[part~="sign-in"]')).to.equal(null);
    expect(el.token).to.equal(server.hostToken);
    expect(el.hasAttribute('token'), 'the token stays out of the DOM').to.equal(false);
    expect(shadow(el).activeElement, 'the question has focus').to.equal($(el, '#question'));
    await until(() => text($(el, '.panel:last-child .hint')) === 'Nothing yet. Create a poll or a quiz above.', 'the room is loaded');

    await typeInto($(el, '#question'), 'Signed in?');
    await typeInto($(el, '#option-0'), 'Yes');
    await typeInto($(el, '#option-1'), 'Very');
    const created = oneEvent(el, 'oncue-create');
    buttonNamed(el, 'Launch now')!.click();
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
    const { el } = await renderConsole(freshRoom('host'), 'zh-CN');
    expect(text($(el, '#form-heading'))).to.equal('新建投票');
    expect(buttonNamed(el, '保存草稿')).not.to.equal(undefined);
    expect(buttonNamed(el, '立即发起')).not.to.equal(undefined);
    expect(text($(el, '.panel:last-child .hint'))).to.equal('还没有互动，请在上方创建投票或答题。');
    buttonNamed(el, '立即发起')!.click();
    await el.updateComplete;
    expect(alerts(el)).to.deep.equal(['请填写问题。']);
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

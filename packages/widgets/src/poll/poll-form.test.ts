import { connect, memoryStorage, type RoomConnection } from '@oncue/core';
import type { PollView } from '@oncue/protocol';
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { ariaSnapshot, freshRoom, shadow, testServer, text, until, type TestServer } from '../../test/oncue-test-server.js';
import { buttonNamed, typeInto } from '../../test/form-input.js';
import type { OnCuePollForm } from './poll-form.js';
import './poll-form.js';

const $ = <T extends Element = HTMLElement>(el: Element, selector: string) => shadow(el).querySelector<T>(selector);
const $$ = <T extends Element = HTMLElement>(el: Element, selector: string) => [...shadow(el).querySelectorAll<T>(selector)];
const alerts = (el: Element) => $$(el, '[role="alert"]').map(text);

/** Empties a field as a person selecting its text and typing over it would. */
async function retype(field: HTMLInputElement | HTMLTextAreaElement, value: string): Promise<void> {
  field.value = '';
  field.dispatchEvent(new Event('input'));
  await typeInto(field, value);
}

/** The message a field is described by (the first of its descriptions), when it is marked invalid and the message is on screen. */
function messageOf(form: Element, field: Element): string | undefined {
  if (field.getAttribute('aria-invalid') !== 'true') return undefined;
  const id = field.getAttribute('aria-describedby')?.split(' ')[0];
  const message = id ? $(form, `#${id}`) : null;
  return message?.checkVisibility() && message.getBoundingClientRect().height > 0 ? text(message) : undefined;
}

describe('<oncue-poll-form>', () => {
  let server: TestServer;
  let host: RoomConnection;
  let room: string;

  before(async () => {
    server = await testServer();
  });

  beforeEach(async () => {
    room = freshRoom('pollform');
    host = connect({ server: server.url, room, hostToken: server.hostToken, storage: memoryStorage() });
    await until(() => host.$connection.get() === 'open', 'the host connection is open');
  });

  afterEach(() => host.release());

  async function renderForm(lang = 'en') {
    const form = await fixture<OnCuePollForm>(html`<oncue-poll-form lang=${lang} .connection=${host}></oncue-poll-form>`);
    return form;
  }

  it('is accessible on its own: every control is labelled', async () => {
    const form = await renderForm();
    await expect(form).to.be.accessible();
    const aria = await ariaSnapshot('oncue-poll-form');
    for (const expected of [
      'heading "New poll"',
      'textbox "Question"',
      'textbox "Option 2"',
      'button "Add option"',
      'button "Save as draft"',
      'button "Launch now"',
    ]) {
      expect(aria).to.include(expected);
    }
  });

  it('creates a poll on its own against the server, and empties itself', async () => {
    const form = await renderForm();
    await typeInto($(form, '#question'), 'Which box next?');
    await typeInto($(form, '#option-0'), 'Snacks');
    await typeInto($(form, '#option-1'), 'Socks');
    const created = oneEvent(form, 'oncue-create');
    buttonNamed(form, 'Launch now')!.click();
    const view = (await created).detail.interaction as PollView;
    expect(view).to.include({ kind: 'poll', question: 'Which box next?', status: 'open' });
    expect(view.options).to.deep.equal([{ label: 'Snacks' }, { label: 'Socks' }]);
    expect($<HTMLTextAreaElement>(form, '#question')!.value).to.equal('');

    // The server has it: the room's list over REST names it.
    const listed = await fetch(`${server.url}/api/rooms/${room}/interactions`, { headers: { authorization: `Bearer ${server.hostToken}` } }).then((r) =>
      r.json(),
    );
    expect(listed.interactions.map((i: PollView) => [i.question, i.status])).to.deep.equal([['Which box next?', 'open']]);
  });

  it('launches a poll with an alternative wording for an A/B test', async () => {
    const form = await renderForm();
    await typeInto($(form, '#question'), 'Which lipstick shade?');
    await typeInto($(form, '#variant-question'), 'Pick tonight’s shade!');
    await typeInto($(form, '#option-0'), 'Ruby');
    await typeInto($(form, '#option-1'), 'Coral');
    const created = oneEvent(form, 'oncue-create');
    buttonNamed(form, 'Launch now')!.click();
    const view = (await created).detail.interaction;
    expect(view).to.include({ question: 'Which lipstick shade?', status: 'open' });
    expect((view as { variants?: string[] }).variants).to.deep.equal(['Pick tonight’s shade!']);
    expect($<HTMLTextAreaElement>(form, '#variant-question')!.value, 'the form is reset').to.equal('');
  });

  it('shows each validation message on the field it concerns, and moves the focus there', async () => {
    const form = await renderForm();
    buttonNamed(form, 'Launch now')!.click();
    await form.updateComplete;
    const question = $(form, '#question')!;
    expect(alerts(form)).to.deep.equal(['Write a question.']);
    expect(messageOf(form, question)).to.equal('Write a question.');
    expect(question.nextElementSibling, 'the message is right under the question').to.equal($(form, '[role="alert"]'));
    expect(shadow(form).activeElement).to.equal(question);

    await typeInto(question, 'Half done?');
    await typeInto($(form, '#option-0'), 'Yes');
    buttonNamed(form, 'Launch now')!.click();
    await form.updateComplete;
    expect(question.getAttribute('aria-invalid'), 'the question is fine now').to.equal('false');
    expect(messageOf(form, $(form, '#option-1')!)).to.equal('Fill in every option, or remove the empty ones (2 to 10 options).');
    expect(messageOf(form, $(form, '#option-0')!), 'only the empty option is marked').to.equal(undefined);
    expect(shadow(form).activeElement).to.equal($(form, '#option-1'));

    await typeInto($(form, '#option-1'), 'No');
    // The form refuses what the server refuses: no script, no plain http, no other host through `//` or `/\`.
    for (const url of ['javascript:alert(1)', 'http://example.com/a.png', '//evil.example/x.png', '/\\evil.example/x.png', 'https://']) {
      await retype($<HTMLInputElement>(form, '#image-option-0')!, url);
      buttonNamed(form, 'Launch now')!.click();
      await form.updateComplete;
      expect(alerts(form), url).to.deep.equal(['Image URLs must be https:// addresses, or paths on this site starting with a single /.']);
      expect(messageOf(form, $(form, '#image-option-0')!), url).to.equal(
        'Image URLs must be https:// addresses, or paths on this site starting with a single /.',
      );
      expect(messageOf(form, $(form, '#option-0')!), 'the label is fine').to.equal(undefined);
    }
    await retype($<HTMLInputElement>(form, '#image-option-0')!, '/img/yes.png');

    await typeInto($(form, '#duration'), '0');
    buttonNamed(form, 'Launch now')!.click();
    await form.updateComplete;
    expect(messageOf(form, $(form, '#duration')!)).to.equal('The duration must be a whole number of seconds from 1 to 86400.');
    expect(messageOf(form, $(form, '#image-option-0')!), 'the image is fine now').to.equal(undefined);
    await retype($<HTMLInputElement>(form, '#duration')!, '');

    $<HTMLInputElement>(form, 'input[type="checkbox"]')!.click();
    await form.updateComplete;
    await typeInto($(form, '#max-choices'), '3');
    buttonNamed(form, 'Launch now')!.click();
    await form.updateComplete;
    expect(messageOf(form, $(form, '#max-choices')!)).to.equal('“At most” must be a whole number from 1 to 2.');
    expect(alerts(form)).to.have.length(1);
    await expect(form).to.be.accessible();

    // Nothing was sent: a poll made now is the room's first.
    await retype($<HTMLInputElement>(form, '#max-choices')!, '2');
    const created = oneEvent(form, 'oncue-create');
    buttonNamed(form, 'Save as draft')!.click();
    expect((await created).detail.interaction).to.include({ question: 'Half done?', maxChoices: 2, status: 'draft' });
    expect(alerts(form)).to.deep.equal([]);
    await until(() => host.$room.get().interactions.length === 1, 'the room has the draft');
    expect(host.$room.get().interactions.map((i) => i.id)).to.deep.equal([(await created).detail.interaction.id]);
  });

  it('counts the characters of its fields and refuses text over a limit with a message, never cutting it', async () => {
    const form = await renderForm();
    const counter = (field: string) => text($(form, `#${field}-count`));
    expect(counter('question'), 'the question always shows its count').to.equal('0/280');
    expect($(form, '#option-0-count'), 'a short option shows none').to.equal(null);
    await typeInto($(form, '#question'), 'Which one?');
    expect(counter('question')).to.equal('10/280');
    expect($(form, '#question')!.getAttribute('aria-describedby')).to.equal('question-count');

    const label = 'Silk scarf in the limited spring colours, hand-rolled edges, '.repeat(4).slice(0, 200);
    await typeInto($(form, '#option-0'), label);
    await typeInto($(form, '#option-1'), 'Linen');
    expect($<HTMLInputElement>(form, '#option-0')!.value, 'nothing is cut').to.have.length(200);
    expect(counter('option-0')).to.equal('200/120');
    expect(getComputedStyle($(form, '#option-0-count')!).color, 'over the limit in the danger colour').to.equal('rgb(196, 0, 43)');
    buttonNamed(form, 'Launch now')!.click();
    await form.updateComplete;
    expect(messageOf(form, $(form, '#option-0')!)).to.equal('Too long: at most 120 characters. Shorten it to go on.');
    expect($(form, '#option-0')!.getAttribute('aria-describedby')).to.equal('option-0-error option-0-count');
    expect(shadow(form).activeElement).to.equal($(form, '#option-0'));
    await expect(form).to.be.accessible();

    await retype($<HTMLInputElement>(form, '#option-0')!, 'Silk scarf');
    const created = oneEvent(form, 'oncue-create');
    buttonNamed(form, 'Launch now')!.click();
    const view = (await created).detail.interaction;
    expect(view.options[0]).to.deep.equal({ label: 'Silk scarf' });
    // The refused label never reached the server: the poll launched now is the room's only one.
    await until(() => host.$room.get().interactions.length === 1, 'the room has the poll');
    expect(host.$room.get().interactions.map((i) => i.id)).to.deep.equal([view.id]);
  });

  it('makes its disabled × buttons look disabled', async () => {
    const form = await renderForm();
    const remove = buttonNamed(form, 'Remove option 1')!;
    expect(remove.disabled).to.equal(true);
    expect(Number(getComputedStyle(remove).opacity)).to.be.below(0.6);
    expect(getComputedStyle(remove).cursor).to.equal('not-allowed');
    buttonNamed(form, 'Add option')!.click();
    await form.updateComplete;
    expect(remove.disabled).to.equal(false);
    expect(getComputedStyle(remove).opacity).to.equal('1');
    expect(getComputedStyle(remove).cursor).to.equal('pointer');
  });

  it('adds up to 10 options and keeps at least 2', async () => {
    const form = await renderForm();
    expect(buttonNamed(form, 'Remove option 1')!.disabled).to.equal(true);
    for (let i = 0; i < 8; i++) {
      buttonNamed(form, 'Add option')!.click();
      await form.updateComplete;
    }
    expect($$(form, '.option-row')).to.have.length(10);
    expect(buttonNamed(form, 'Add option')!.disabled).to.equal(true);
    buttonNamed(form, 'Remove option 4')!.click();
    await form.updateComplete;
    expect($$(form, '.option-row')).to.have.length(9);
    expect(shadow(form).activeElement, 'the focus stays where the option was').to.equal($(form, '#option-3'));
    expect(buttonNamed(form, 'Add option')!.disabled).to.equal(false);
  });

  it('shows a server refusal above its buttons', async () => {
    const refusing = connect({ server: server.url, room: freshRoom('pollform'), hostToken: 'not-the-token', storage: memoryStorage() });
    try {
      const form = await fixture<OnCuePollForm>(html`<oncue-poll-form lang="en" .connection=${refusing}></oncue-poll-form>`);
      await typeInto($(form, '#question'), 'Refused?');
      await typeInto($(form, '#option-0'), 'Yes');
      await typeInto($(form, '#option-1'), 'No');
      const failed = oneEvent(form, 'oncue-error');
      buttonNamed(form, 'Launch now')!.click();
      const { code } = (await failed).detail;
      expect(code).to.not.equal(undefined);
      await form.updateComplete;
      expect(alerts(form)).to.have.length(1);
      expect($(form, '[role="alert"]')!.nextElementSibling, 'above the buttons').to.equal($(form, '.actions'));
    } finally {
      refusing.release();
    }
  });

  it('speaks Chinese', async () => {
    const form = await renderForm('zh-CN');
    expect(text($(form, '#form-heading'))).to.equal('新建投票');
    buttonNamed(form, '立即发起')!.click();
    await form.updateComplete;
    expect(messageOf(form, $(form, '#question')!)).to.equal('请填写问题。');
  });
});

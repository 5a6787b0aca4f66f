import { guess } from '@oncue/core';
import { expect, fixture, html } from '@open-wc/testing';
import { freshRoom, shadow, testServer, text, until, viewerConnection, type TestServer } from '../../test/oncue-test-server.js';
import { buttonNamed as named, typeInto } from '../../test/form-input.js';
import type { OnCueHostConsole } from '../host-console/host-console.js';
import '../host-console/host-console.js';
import './blindbox-form.js';
import type { OnCueBlindboxForm } from './blindbox-form.js';

const $ = <T extends Element = HTMLElement>(root: Element, selector: string) => shadow(root).querySelector<T>(selector);
const $$ = <T extends Element = HTMLElement>(root: Element, selector: string) => [...shadow(root).querySelectorAll<T>(selector)];
const formOf = (el: OnCueHostConsole) => $<OnCueBlindboxForm>(el, 'oncue-blindbox-form')!;

async function interactions(server: TestServer, room: string): Promise<{ kind: string; id: string; commitment: string }[]> {
  const response = await fetch(`${server.url}/api/rooms/${room}/interactions`, { headers: { authorization: `Bearer ${server.hostToken}` } });
  return response.ok ? ((await response.json()) as { interactions: { kind: string; id: string; commitment: string }[] }).interactions : [];
}

describe('<oncue-host-console> blind boxes and <oncue-blindbox-form>', () => {
  let server: TestServer;

  before(async () => {
    localStorage.clear();
    server = await testServer();
  });

  async function renderConsole(lang = 'en', room = freshRoom('hostbox')) {
    const el = await fixture<OnCueHostConsole>(
      html`<oncue-host-console lang=${lang} server=${server.url} room=${room} token=${server.hostToken}></oncue-host-console>`,
    );
    await until(() => $(el, 'input[name="new-kind"][value="blindbox"]'), 'the console is connected');
    $<HTMLInputElement>(el, 'input[name="new-kind"][value="blindbox"]')!.click();
    await until(() => formOf(el) && $(formOf(el), '#title'), 'the blind-box form shows');
    return { el, room, form: formOf(el) };
  }

  it('marks no option as the answer and refuses to launch until one is marked, beside the options', async () => {
    const { el, room, form } = await renderConsole();
    await expect(el).to.be.accessible();
    await typeInto($(form, '#title'), 'Box #3');
    await typeInto($(form, '#option-0'), 'Lipstick');
    await typeInto($(form, '#option-1'), 'Perfume');
    expect($$<HTMLInputElement>(form, 'input[name="answer"]').map((r) => r.checked)).to.deep.equal([false, false]);
    named(form, 'Launch now')!.click();
    await until(() => $(form, '#options-error'), 'the answer error');
    expect(text($(form, '#options-error'))).to.equal('Mark the option that is in the box.');
    expect($(form, '#answer-0')!.getAttribute('aria-invalid')).to.equal('true');
    expect(shadow(form).activeElement?.id).to.equal('answer-0');
    expect(await interactions(server, room)).to.deep.equal([]);
    await expect(el).to.be.accessible();

    $$<HTMLInputElement>(form, 'input[name="answer"]')[1]!.click();
    named(form, 'Launch now')!.click();
    await until(async () => (await interactions(server, room)).length === 1, 'the box is launched');
    const [box] = await interactions(server, room);
    expect(box).to.include({ kind: 'blindbox' });
    expect(box!.commitment).to.match(/^[0-9a-f]{64}$/);
    // Called off before the reveal: the list says so, and offers no reveal.
    await until(() => named(el, 'Cancel box (nobody wins): Box #3')?.disabled === false, 'the cancel button');
    named(el, 'Cancel box (nobody wins): Box #3')!.click();
    await until(() => text($(el, `[data-id="${box!.id}"] [part="status"]`)) === 'Cancelled', 'cancelled');
    expect(named(el, 'Reveal: Box #3')).to.equal(undefined);
  });

  it('refuses a number answer outside the range and accepted texts without a letter, at their fields', async () => {
    const { form } = await renderConsole('zh-CN');
    await typeInto($(form, '#title'), '糖果有几颗？');
    $<HTMLInputElement>(form, 'input[name="guess-type"][value="number"]')!.click();
    await form.updateComplete;
    await typeInto($(form, '#number-answer'), '5000');
    named(form, '立即发起')!.click();
    await until(() => $(form, '#number-answer-error'), 'the number error');
    expect(text($(form, '#number-answer-error'))).to.equal('盒内的数字须为范围内的整数。');
    $<HTMLInputElement>(form, 'input[name="guess-type"][value="text"]')!.click();
    await form.updateComplete;
    await typeInto($(form, '#text-answers'), '。。');
    named(form, '立即发起')!.click();
    await until(() => $(form, '#text-answers-error'), 'the text error');
    expect($(form, '#text-answers')!.getAttribute('aria-invalid')).to.equal('true');
  });

  it('shows the live guesses, locks, reveals, and names the winners in the list', async () => {
    const { el, room, form } = await renderConsole();
    await typeInto($(form, '#title'), 'Box #4');
    await typeInto($(form, '#option-0'), 'Scarf');
    await typeInto($(form, '#option-1'), 'Mug');
    $$<HTMLInputElement>(form, 'input[name="answer"]')[0]!.click();
    named(form, 'Launch now')!.click();
    await until(async () => (await interactions(server, room)).length === 1, 'launched');
    const [box] = await interactions(server, room);
    const viewer = viewerConnection(server, room);
    expect((await guess(viewer, box!.id, 0)).ok).to.equal(true);
    await until(() => text($(el, `[data-id="${box!.id}"]`)).includes('1 guess'), 'the guess count');
    named(el, 'Lock guesses: Box #4')!.click();
    await until(() => named(el, 'Reveal: Box #4')?.disabled === false, 'the reveal button');
    named(el, 'Reveal: Box #4')!.click();
    await until(() => text($(el, `[data-id="${box!.id}"]`)).includes('In the box: Scarf'), 'the answer');
    expect(text($(el, `[data-id="${box!.id}"]`))).to.match(/Winners: Entry [0-9a-f]{8}/);
    expect(named(el, 'Cancel box (nobody wins): Box #4')).to.equal(undefined);
    viewer.release();
  });
});

import { expect, fixture, html } from '@open-wc/testing';
import { blindboxCommitment, normaliseGuessText, type BlindboxView } from '@oncue/protocol';
import { emulateMedia } from '@web/test-runner-commands';
import { BLINDBOX_VECTORS as V } from '../../../protocol/test/blindbox.vectors.js';
import { expectFitsPhone } from '../../test/expect-fits-phone.js';
import { ariaSnapshot, freshRoom, rest, shadow, testServer, text, until, viewerConnection, type TestServer } from '../../test/oncue-test-server.js';
import type { OnCueBlindbox } from './blindbox.js';
import './blindbox.js';
import type { OnCueStage } from '../stage/stage.js';
import '../stage/stage.js';
import { guess } from '@oncue/core';

const part = (el: OnCueBlindbox, name: string) => shadow(el).querySelector<HTMLElement>(`[part~="${name}"]`);
const parts = (el: OnCueBlindbox, name: string) => [...shadow(el).querySelectorAll<HTMLElement>(`[part~="${name}"]`)];

const CHOICE = {
  kind: 'blindbox',
  title: "What's in box #3?",
  guess: { type: 'choice', options: [{ label: 'Lipstick' }, { label: 'Perfume' }, { label: 'Scarf' }] },
  answer: 1,
  claim: { fields: [{ id: 'contact', label: 'Phone or WeChat ID' }], seconds: 600 },
};

describe('the blind-box commitment and text rules in the browser (WebCrypto, ICU)', () => {
  it('give the fixed vectors of the independent implementation', async () => {
    for (const { box, commitment } of Object.values(V.boxes)) expect(await blindboxCommitment(box as never, V.salt)).to.equal(commitment);
    for (const [input, output] of V.normalised) expect(normaliseGuessText(input)).to.equal(output);
  });
});

describe('<oncue-blindbox>', () => {
  let server: TestServer;

  before(async () => {
    localStorage.clear();
    server = await testServer();
  });
  afterEach(() => emulateMedia({ reducedMotion: 'no-preference' }));

  async function renderBox(spec: Record<string, unknown> = {}, lang = 'en') {
    const room = freshRoom('box');
    const view = await rest<BlindboxView>(server, `${room}/interactions`, { ...CHOICE, ...spec });
    const el = await fixture<OnCueBlindbox>(
      html`<oncue-blindbox lang=${lang} server=${server.url} room=${room} interaction=${view.id} viewer-name="Ada"></oncue-blindbox>`,
    );
    await until(() => part(el, 'count'), 'the box is shown');
    return { el, room, view };
  }

  it('is accessible in English and Chinese: a region named by the title, one button per option', async () => {
    for (const lang of ['en', 'zh-CN']) {
      const { el } = await renderBox({ title: 'Box number 3' }, lang);
      await expect(el).to.be.accessible();
      const aria = await ariaSnapshot('oncue-blindbox');
      expect(aria).to.include('region "Box number 3"');
      expect(aria).to.include('button "Perfume"');
      el.remove();
    }
  });

  it('fits a 320 px phone with 44 px tap targets, options and the typed guess alike', async () => {
    await expectFitsPhone(async () => {
      const { el } = await renderBox({
        guess: { type: 'choice', options: [{ label: 'A very long option label that has to wrap on a small phone' }, { label: 'Perfume' }] },
      });
      return { el, buttons: () => parts(el, 'option') };
    });
    await expectFitsPhone(async () => {
      const { el } = await renderBox({ guess: { type: 'text' }, answer: ['口红'] });
      return { el, buttons: () => [part(el, 'submit')!, part(el, 'field')!] };
    });
  });

  it('takes a tap as the guess, shows it, and follows the others’ guesses; no distribution unless the host shows it', async () => {
    const { el, room, view } = await renderBox();
    expect(text(part(el, 'count'))).to.equal('0 guesses');
    expect(part(el, 'option-result')).to.equal(null);
    parts(el, 'option')[1]!.click();
    await until(() => text(part(el, 'hint mine') ?? shadow(el).querySelector('.mine')).startsWith('Your guess: Perfume'), 'the guess is shown');
    expect(parts(el, 'option')[1]!.getAttribute('aria-pressed')).to.equal('true');
    expect(parts(el, 'option')[0]!.getAttribute('aria-disabled')).to.equal('true');
    const other = viewerConnection(server, room);
    expect((await guess(other, view.id, 2)).ok).to.equal(true);
    await until(() => text(part(el, 'count')) === '2 guesses', 'the count follows');
    other.release();
  });

  it('shows the distribution when the host chose to', async () => {
    const { el } = await renderBox({ guess: { ...CHOICE.guess, showDistribution: true } });
    parts(el, 'option')[0]!.click();
    await until(() => text(parts(el, 'option-result')[0]) === '1 · 100%', 'the share of option 1');
  });

  it('locks, counts down "3, 2, 1", opens the box, names the winners and takes the winner’s claim', async () => {
    const { el, room, view } = await renderBox();
    parts(el, 'option')[1]!.click();
    await until(() => shadow(el).querySelector('.mine'), 'the guess is in');
    await rest(server, `${room}/interactions/${view.id}/close`);
    await until(() => text(part(el, 'status')).startsWith('Guesses locked'), 'locked');
    expect(text(el.shadowRoot!)).to.include('Guesses are locked');
    await rest(server, `${room}/interactions/${view.id}/next`);
    await until(() => part(el, 'reveal'), 'the countdown');
    expect(text(part(el, 'reveal'))).to.match(/^[123]$/);
    expect(part(el, 'answer')).to.equal(null);
    await until(() => part(el, 'answer'), 'the box opens', 6000);
    expect(text(part(el, 'answer'))).to.equal('Inside: Perfume');
    expect(parts(el, 'option')[1]!.getAttribute('part')).to.include('option-answer');
    expect(text(part(el, 'outcome'))).to.include('You won a prize!');
    expect(parts(el, 'winner').map((w) => text(w))).to.deep.equal(['Ada (you)']);

    // An empty field is refused beside the field, not under the verify button.
    part(el, 'claim')!.click();
    await until(() => part(el, 'field-error'), 'the field error');
    const field = part(el, 'field')!;
    expect(field.getAttribute('aria-invalid')).to.equal('true');
    expect(field.getAttribute('aria-describedby')).to.equal(part(el, 'field-error')!.id);
    expect(field.nextElementSibling).to.equal(part(el, 'field-error'));
    (field as HTMLInputElement).value = '+86 138 0000 0000';
    field.dispatchEvent(new Event('input'));
    part(el, 'claim')!.click();
    await until(() => text(part(el, 'outcome')).includes('Prize claimed'), 'claimed');

    part(el, 'verify')!.click();
    await until(() => text(part(el, 'verify-result')).startsWith('Verified'), 'verified');
    expect(text(part(el, 'verify-result'))).to.include('your guess is in the list');
  });

  it('opens at once under prefers-reduced-motion, and tells a wrong guesser the answer', async () => {
    await emulateMedia({ reducedMotion: 'reduce' });
    const { el, room, view } = await renderBox({}, 'zh-CN');
    parts(el, 'option')[2]!.click();
    await until(() => shadow(el).querySelector('.mine'), 'the guess is in');
    await rest(server, `${room}/interactions/${view.id}/close`);
    await rest(server, `${room}/interactions/${view.id}/next`);
    await until(() => part(el, 'answer'), 'the box opens');
    expect(part(el, 'reveal')).to.equal(null);
    expect(text(part(el, 'answer'))).to.equal('盒子里是：Perfume');
    expect(text(part(el, 'outcome'))).to.equal('很遗憾没有猜中，感谢参与！');
    expect(parts(el, 'winner')).to.have.length(0);
    expect(text(el.shadowRoot!)).to.include('本次无人获奖');
  });

  it('says so when the host cancels the box', async () => {
    const { el, room, view } = await renderBox();
    await rest(server, `${room}/interactions/${view.id}/cancel`);
    await until(() => text(part(el, 'status')).startsWith('Cancelled'), 'cancelled');
    expect(text(el.shadowRoot!)).to.include('The host called this box off: nobody wins.');
    expect(parts(el, 'option').every((o) => o.getAttribute('aria-disabled') === 'true')).to.equal(true);
    expect(part(el, 'answer')).to.equal(null);
  });

  it('takes a typed guess with a length counter, and words a refusal', async () => {
    const { el } = await renderBox({ guess: { type: 'text' }, answer: ['口红'] });
    const field = part(el, 'field') as HTMLInputElement;
    expect(field.maxLength).to.equal(40);
    field.value = '。！';
    field.dispatchEvent(new Event('input'));
    await el.updateComplete;
    expect(text(shadow(el).querySelector('#guess-hint'))).to.equal('2/40');
    part(el, 'submit')!.click();
    await until(() => part(el, 'error'), 'the refusal');
    expect(text(part(el, 'error'))).to.equal('Please type a guess with a letter or a digit.');
    field.value = ' 口红！';
    field.dispatchEvent(new Event('input'));
    part(el, 'submit')!.click();
    await until(() => text(shadow(el).querySelector('.mine')).startsWith('Your guess: 口红！'), 'the guess is in');
  });

  it('stays on the stage for a winner who has not claimed, after its linger; leaves for the others', async function () {
    this.timeout(10000);
    const room = freshRoom('box-stage');
    const stage = await fixture<OnCueStage>(html`<oncue-stage lang="en" server=${server.url} room=${room} linger="1"></oncue-stage>`);
    const view = await rest<BlindboxView>(server, `${room}/interactions`, CHOICE);
    const box = await until(() => shadow(stage).querySelector<OnCueBlindbox>('oncue-blindbox'), 'the box on stage');
    await until(() => parts(box, 'option').length === 3, 'the options');
    parts(box, 'option')[1]!.click();
    await until(() => shadow(box).querySelector('.mine'), 'the guess is in');
    await rest(server, `${room}/interactions/${view.id}/close`);
    await rest(server, `${room}/interactions/${view.id}/next`);
    await until(() => text(part(box, 'outcome')).includes('You won a prize!'), 'the win on stage', 6000);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    stage.requestUpdate();
    await stage.updateComplete;
    expect(shadow(stage).querySelector('oncue-blindbox'), 'still on stage after the linger').to.equal(box);

    const other = freshRoom('box-stage');
    const watcher = await fixture<OnCueStage>(html`<oncue-stage lang="en" server=${server.url} room=${other} linger="1"></oncue-stage>`);
    const unguessed = await rest<BlindboxView>(server, `${other}/interactions`, CHOICE);
    await until(() => shadow(watcher).querySelector('oncue-blindbox'), 'the box on stage');
    await rest(server, `${other}/interactions/${unguessed.id}/close`);
    await rest(server, `${other}/interactions/${unguessed.id}/next`);
    await until(() => !shadow(watcher).querySelector('oncue-blindbox'), 'the box leaves', 5000);
  });

  it('takes a number guess within the range', async () => {
    const { el } = await renderBox({ guess: { type: 'number', min: 0, max: 500, unit: 'candies' }, answer: 120, reward: { type: 'closest', winners: 1 } });
    expect(text(shadow(el).querySelector('#guess-hint'))).to.equal('A whole number from 0 to 500');
    const field = part(el, 'field') as HTMLInputElement;
    field.value = '501';
    field.dispatchEvent(new Event('input'));
    part(el, 'submit')!.click();
    await until(() => part(el, 'error'), 'the refusal');
    expect(text(part(el, 'error'))).to.equal('That guess is outside what this box takes.');
    field.value = '118';
    field.dispatchEvent(new Event('input'));
    part(el, 'submit')!.click();
    await until(() => text(shadow(el).querySelector('.mine')).startsWith('Your guess: 118'), 'the guess is in');
  });
});

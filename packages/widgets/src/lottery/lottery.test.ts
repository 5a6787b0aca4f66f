import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { emulateMedia } from '@web/test-runner-commands';
import { drawOrder, drawWinners, lotteryCommitment, lotteryEntryTicket, verifyDraw } from '@oncue/protocol';
import { DRAW_VECTORS as V } from '../../../protocol/test/lottery-draw.vectors.js';
import {
  ariaSnapshot,
  createLottery,
  drawLottery,
  enterAsOtherViewers,
  freshRoom,
  nextStep,
  shadow,
  testServer,
  text,
  until,
  type TestServer,
} from '../../test/oncue-test-server.js';
import { expectFitsPhone } from '../../test/expect-fits-phone.js';
import type { OnCueStage } from '../stage/stage.js';
import '../stage/stage.js';
import type { OnCueLottery } from './lottery.js';
import './lottery.js';

const part = (el: OnCueLottery, name: string) => shadow(el).querySelector<HTMLElement>(`[part~="${name}"]`);

describe('the lottery draw in the browser (WebCrypto)', () => {
  it('gives the same fixed vectors as on the server', async () => {
    expect(await lotteryCommitment(V.seed)).to.equal(V.commitment);
    expect(await lotteryEntryTicket(V.entryTicket.interaction, V.entryTicket.secret)).to.equal(V.entryTicket.ticket);
    expect(await drawOrder(V.rejection.seed, V.rejection.size, 3)).to.deep.equal(V.rejection.order3);
    expect(await drawWinners(V.seed, V.entryList, 3)).to.deep.equal(V.winners3);
    expect(await drawWinners(V.seed, V.entryList, 10)).to.deep.equal(V.winners10);
    const proof = { commitment: V.commitment, seed: V.seed, entryList: [...V.entryList], winners: [...V.winners3] };
    expect(await verifyDraw(proof)).to.deep.equal({ ok: true });
    expect(await verifyDraw({ ...proof, winners: [...V.winners3].reverse() })).to.deep.equal({ ok: false, reason: 'winners' });
  });
});

describe('<oncue-lottery>', () => {
  let server: TestServer;

  before(async () => {
    localStorage.clear();
    server = await testServer();
  });

  async function renderLottery(extra: Record<string, unknown> = {}, lang = 'en') {
    const room = freshRoom('lottery');
    const view = await createLottery(server, room, extra);
    const el = await fixture<OnCueLottery>(html`<oncue-lottery lang=${lang} server=${server.url} room=${room} interaction=${view.id}></oncue-lottery>`);
    await until(() => part(el, 'odds'), 'the odds are shown');
    return { el, room, view };
  }

  it('is accessible: a region named by the prize, with an enter button', async () => {
    const { el } = await renderLottery({ prize: 'A silk scarf' });
    await expect(el).to.be.accessible();
    const aria = await ariaSnapshot('oncue-lottery');
    expect(aria).to.include('region "A silk scarf"');
    expect(aria).to.include('button "Enter the giveaway"');
    expect(part(el, 'enter')!.getBoundingClientRect().height).to.be.at.least(44);
  });

  it('shows prizes, entries and the chance, formatted for the locale, and follows new entries', async () => {
    const { el, room, view } = await renderLottery({ winners: 3 });
    expect(text(part(el, 'odds'))).to.equal('3 prizes · 0 entries · 100% chance');
    await enterAsOtherViewers(server, room, view.id, 4);
    await until(() => text(part(el, 'odds')) === '3 prizes · 4 entries · 75% chance', 'the odds follow the entries');
    el.setAttribute('lang', 'zh-CN');
    await until(() => text(part(el, 'odds')) === '3 个奖品 · 4 人参与 · 中奖概率 75%', 'the odds in Chinese');
  });

  it('formats large counts and small chances with the locale: "3 prizes · 1,204 entries · 0.25% chance"', async () => {
    const { el } = await renderLottery({ winners: 3 });
    // The server's count is what the widget shows; a view with many entries as the room store would hold it.
    const conn = (el as unknown as { rooms: { conn: { $room: { get(): { interactions: { id: string; entries: number }[] } } } } }).rooms.conn;
    const state = conn.$room.get();
    (conn.$room as unknown as { set(v: unknown): void }).set({ ...state, interactions: state.interactions.map((i) => ({ ...i, entries: 1204 })) });
    await el.updateComplete;
    expect(text(part(el, 'odds'))).to.equal('3 prizes · 1,204 entries · 0.25% chance');
  });

  it('enters with one tap, once', async () => {
    const { el } = await renderLottery();
    const entered = oneEvent(el, 'oncue-enter');
    part(el, 'enter')!.click();
    part(el, 'enter')?.click();
    await entered;
    await until(() => text(shadow(el)).includes('You’re in! Good luck.'), 'the entry is acknowledged');
    expect(part(el, 'enter')).to.equal(null);
    await until(() => text(part(el, 'odds')).includes('1 entry'), 'one entry counted');
  });

  it('shows a winner "You won!" and the claim form; the claim is acknowledged; verify passes', async () => {
    const { el, room, view } = await renderLottery({ claim: { fields: [{ id: 'contact', label: 'Phone or WeChat' }], seconds: 600 } });
    part(el, 'enter')!.click();
    await until(() => text(shadow(el)).includes('You’re in!'), 'entered');
    await drawLottery(server, room, view.id);
    await until(() => text(part(el, 'outcome')).includes('You won!'), 'the win is shown');
    expect(text(part(el, 'winner'))).to.equal('You');
    await expect(el).to.be.accessible();

    const claimButton = part(el, 'claim')!;
    claimButton.click();
    // The empty field's error is under that field (between it and the claim button), and the field says so.
    const fieldError = await until(() => part(el, 'field-error'), 'the empty field is refused');
    expect(text(fieldError)).to.equal('Please fill this in.');
    const field = shadow(el).querySelector<HTMLInputElement>('#claim-contact')!;
    expect(field.getAttribute('aria-invalid')).to.equal('true');
    expect(field.getAttribute('aria-describedby')!.split(' ')).to.include(fieldError.id);
    expect(shadow(el).activeElement).to.equal(field);
    expect(part(el, 'error'), 'no banner for a field mistake').to.equal(null);
    const [fieldBox, errorBox, claimBox, verifyBox] = [field, fieldError, claimButton, part(el, 'verify')!].map((e) => e.getBoundingClientRect());
    expect(errorBox.top).to.be.at.least(fieldBox.bottom);
    expect(errorBox.top - fieldBox.bottom).to.be.below(40);
    expect(errorBox.bottom).to.be.at.most(claimBox.top);
    expect(errorBox.bottom).to.be.below(verifyBox.top);
    await expect(el).to.be.accessible();
    expect(shadow(el).querySelector('label[for="claim-contact"]')?.textContent).to.equal('Phone or WeChat');
    expect(part(el, 'field-count'), 'no counter far from the limit').to.equal(null);
    field.value = 'wechat: lucky-1';
    field.dispatchEvent(new Event('input'));
    await el.updateComplete;
    expect(part(el, 'field-error'), 'typing clears the error').to.equal(null);
    expect(field.hasAttribute('aria-invalid')).to.equal(false);
    expect(part(el, 'field-count')).to.equal(null);
    const claimed = oneEvent(el, 'oncue-claim');
    part(el, 'claim')!.click();
    await claimed;
    await until(() => text(part(el, 'outcome')).includes('Prize claimed'), 'the claim is acknowledged');
    expect(part(el, 'claim-form')).to.equal(null);

    const verified = oneEvent(el, 'oncue-verify');
    part(el, 'verify')!.click();
    expect((await verified).detail).to.deep.equal({ interaction: view.id, ok: true });
    expect(text(part(el, 'verify-result'))).to.equal('The draw checks out. You won.');
  });

  it('flags a claim value past its limit instead of cutting it', async () => {
    const { el, room, view } = await renderLottery({ claim: { fields: [{ id: 'contact', label: 'Phone' }], seconds: 600 } });
    part(el, 'enter')!.click();
    await until(() => text(shadow(el)).includes('You’re in!'), 'entered');
    await drawLottery(server, room, view.id);
    const field = await until(() => shadow(el).querySelector<HTMLInputElement>('#claim-contact'), 'the claim form');
    field.value = 'x'.repeat(230);
    field.dispatchEvent(new Event('input'));
    await el.updateComplete;
    expect(field.value.length, 'not cut').to.equal(230);
    expect(text(part(el, 'field-count'))).to.equal('230/200');
    part(el, 'claim')!.click();
    await until(() => text(part(el, 'field-error')) === 'Please keep it to 200 characters.', 'the limit is named');
    expect(field.getAttribute('aria-invalid')).to.equal('true');
  });

  it('enters under a ticket derived from its own stored secret, and finds itself in the proof by it', async () => {
    const { el, room, view } = await renderLottery();
    await enterAsOtherViewers(server, room, view.id, 3);
    part(el, 'enter')!.click();
    await until(() => text(shadow(el)).includes('You’re in!'), 'entered');
    await drawLottery(server, room, view.id);
    await until(() => part(el, 'verify'), 'the verify button');
    const secrets = Object.keys(localStorage).filter((k) => k.startsWith(`oncue:entry-secret:${server.url}:`));
    expect(secrets).to.have.length(1);
    const secret = localStorage.getItem(secrets[0]!)!;
    expect(secret).to.match(/^[0-9a-f]{64}$/);
    const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(`${view.id}:${secret}`));
    const ticket = [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
    const proof = await (await fetch(`${server.url}/api/rooms/${room}/interactions/${view.id}/proof`)).json();
    expect(proof.entryList).to.include(ticket);
    expect(proof.entryList).to.have.length(4);
    part(el, 'verify')!.click();
    const expected = proof.winners.includes(ticket) ? 'The draw checks out. You won.' : 'The draw checks out. You took part but were not drawn this time.';
    await until(() => text(part(el, 'verify-result')) === expected, 'verified with the own ticket');
  });

  it('shows a winner without a display name by its entry ticket to a viewer who did not enter, and verifies the draw', async () => {
    const { el, room, view } = await renderLottery();
    await enterAsOtherViewers(server, room, view.id, 3);
    await drawLottery(server, room, view.id);
    await until(() => part(el, 'winners'), 'the winners are shown');
    expect(text(part(el, 'winner'))).to.match(/^Entry [0-9a-f]{8}$/);
    expect(text(shadow(el))).to.include('You did not enter this giveaway.');
    part(el, 'verify')!.click();
    await until(
      () => text(part(el, 'verify-result')) === 'The draw checks out: the winners follow from the committed seed and the published entry list.',
      'verified',
    );
  });

  it('shows the winners by their display names, this viewer’s own as “(you)”, in English and Chinese, accessibly', async () => {
    const room = freshRoom('lottery');
    const view = await createLottery(server, room, { winners: 5, claim: { fields: [{ id: 'contact', label: 'Phone' }], seconds: 600 } });
    const el = await fixture<OnCueLottery>(
      html`<oncue-lottery lang="en" viewer-name="Mei Lin" server=${server.url} room=${room} interaction=${view.id}></oncue-lottery>`,
    );
    await until(() => part(el, 'enter'), 'the enter button');
    part(el, 'enter')!.click();
    await until(() => text(shadow(el)).includes('You’re in!'), 'entered');
    // Five prizes for five entrants: everyone wins, one of them without a name.
    await enterAsOtherViewers(server, room, view.id, 4, ['Ana', 'Bo', 'Chen Jing']);
    await drawLottery(server, room, view.id);
    await until(() => shadow(el).querySelectorAll('[part~="winner"]').length === 5, 'the winners');
    const shown = () => [...shadow(el).querySelectorAll('[part~="winner"] .who')].map(text).sort();
    expect(shown().filter((name) => !name.startsWith('Entry '))).to.deep.equal(['Ana', 'Bo', 'Chen Jing', 'Mei Lin (you)']);
    expect(shown().filter((name) => /^Entry [0-9a-f]{8}$/.test(name))).to.have.length(1);
    expect(text(part(el, 'winner-mine'))).to.equal('Mei Lin (you)');
    await expect(el).to.be.accessible();
    el.setAttribute('lang', 'zh-CN');
    await until(() => text(part(el, 'winner-mine')) === 'Mei Lin（你）', 'the own row in Chinese');
    expect(shown().filter((name) => name.startsWith('参与编号 '))).to.have.length(1);
    await expect(el).to.be.accessible();
  });

  it('tells an entrant who was not drawn that the draw checks out and that it was not drawn, in English and Chinese', async function () {
    this.timeout(30_000);
    // One prize among four entries: a round where this viewer loses comes within a few tries.
    for (let attempt = 0; attempt < 10; attempt++) {
      const { el, room, view } = await renderLottery();
      part(el, 'enter')!.click();
      await until(() => text(shadow(el)).includes('You’re in!'), 'entered');
      await enterAsOtherViewers(server, room, view.id, 3);
      await drawLottery(server, room, view.id);
      const outcome = await until(() => part(el, 'outcome'), 'the outcome');
      if (text(outcome) !== 'Not this time. Thanks for taking part!') continue;
      part(el, 'verify')!.click();
      await until(() => text(part(el, 'verify-result')) === 'The draw checks out. You took part but were not drawn this time.', 'the verdict');
      expect(part(el, 'verify-result')!.classList.contains('ok')).to.equal(true);
      el.setAttribute('lang', 'zh-CN');
      await until(() => text(part(el, 'verify-result')) === '开奖验证无误。你参与了抽奖，但这次没有被抽中。', 'the verdict in Chinese');
      await expect(el).to.be.accessible();
      return;
    }
    expect.fail('this viewer won every one of 10 draws');
  });

  it('plays a short draw moment for a viewer watching, then shows all winners at once', async () => {
    const { el, room, view } = await renderLottery({ winners: 3 });
    await enterAsOtherViewers(server, room, view.id, 5);
    await until(() => text(part(el, 'odds')).includes('5 entries'), 'the entries');
    await drawLottery(server, room, view.id);
    const moment = await until(() => part(el, 'draw-moment'), 'the draw moment');
    const started = performance.now();
    expect(moment.getAttribute('aria-hidden')).to.equal('true');
    expect(getComputedStyle(moment.firstElementChild!).animationName).to.equal('shuffle');
    expect(text(part(el, 'status'))).to.include('Drawing winners…');
    expect(part(el, 'winners'), 'no winner during the moment').to.equal(null);
    // The winners come all together, the moment over.
    const count = await until(() => part(el, 'winners') && shadow(el).querySelectorAll('[part~="winner"]').length, 'the winners');
    expect(count).to.equal(3);
    expect(part(el, 'draw-moment')).to.equal(null);
    expect(performance.now() - started).to.be.at.least(1000);
  });

  it('skips the draw moment under prefers-reduced-motion, and for a viewer who arrives after the draw', async () => {
    await emulateMedia({ reducedMotion: 'reduce' });
    try {
      const { el, room, view } = await renderLottery({ winners: 2 });
      await enterAsOtherViewers(server, room, view.id, 3);
      let seen = false;
      const watch = new MutationObserver(() => (seen ||= !!part(el, 'draw-moment')));
      watch.observe(shadow(el), { childList: true, subtree: true });
      await drawLottery(server, room, view.id);
      await until(() => shadow(el).querySelectorAll('[part~="winner"]').length === 2, 'the winners');
      watch.disconnect();
      expect(seen, 'no draw moment').to.equal(false);
    } finally {
      await emulateMedia({ reducedMotion: 'no-preference' });
    }
    const room = freshRoom('lottery');
    const view = await createLottery(server, room);
    await enterAsOtherViewers(server, room, view.id, 2);
    await drawLottery(server, room, view.id);
    const late = await fixture<OnCueLottery>(html`<oncue-lottery lang="en" server=${server.url} room=${room} interaction=${view.id}></oncue-lottery>`);
    await until(() => part(late, 'odds'), 'the late viewer sees the giveaway');
    expect(part(late, 'draw-moment')).to.equal(null);
    expect(shadow(late).querySelectorAll('[part~="winner"]').length).to.equal(1);
  });

  it('shows everyone a redraw of an expired prize, with the replaced winner struck through, and it verifies', async function () {
    this.timeout(8000);
    const { el, room, view } = await renderLottery({ claim: { seconds: 1 } });
    await enterAsOtherViewers(server, room, view.id, 2);
    await drawLottery(server, room, view.id);
    await until(() => shadow(el).querySelectorAll('[part~="winner"]').length === 1, 'one winner');
    await new Promise((resolve) => setTimeout(resolve, 1100));
    await nextStep(server, room, view.id);
    await until(() => text(shadow(el)).includes('Redraw 1: prizes not claimed in time went to new winners.'), 'the redraw is announced');
    const winners = [...shadow(el).querySelectorAll('[part~="winner"]')];
    expect(winners.map((w) => w.classList.contains('replaced'))).to.deep.equal([true, false]);
    part(el, 'verify')!.click();
    await until(
      () => text(part(el, 'verify-result')) === 'The draw checks out: the winners follow from the committed seed and the published entry list.',
      'the redraw verifies too',
    );
  });

  it('says so when the draw does not check out', async () => {
    const { el, room, view } = await renderLottery();
    await enterAsOtherViewers(server, room, view.id, 2);
    await drawLottery(server, room, view.id);
    await until(() => part(el, 'verify'), 'the verify button');
    // A proof whose seed is not the committed one, as a cheating server would send it.
    const realFetch = window.fetch;
    window.fetch = async (input, init) => {
      const response = await realFetch(input, init);
      const proof = await response.json();
      return new Response(JSON.stringify({ ...proof, seed: '00'.repeat(32) }), { status: 200 });
    };
    try {
      const verified = oneEvent(el, 'oncue-verify');
      part(el, 'verify')!.click();
      expect((await verified).detail.ok).to.equal(false);
    } finally {
      window.fetch = realFetch;
    }
    expect(text(part(el, 'verify-result'))).to.equal('Check failed: the revealed seed does not match the commitment.');
  });

  it('refuses a viewer who did not take part when the lottery is for participants', async () => {
    const room = freshRoom('lottery');
    const other = await createLottery(server, room, { prize: 'First' });
    const view = await createLottery(server, room, { eligibility: { type: 'participated', interaction: other.id } });
    const el = await fixture<OnCueLottery>(html`<oncue-lottery lang="en" server=${server.url} room=${room} interaction=${view.id}></oncue-lottery>`);
    await until(() => part(el, 'enter'), 'the enter button');
    expect(text(shadow(el))).to.include('Open to viewers who took part');
    const refused = oneEvent(el, 'oncue-error');
    part(el, 'enter')!.click();
    expect((await refused).detail.code).to.equal('not_eligible');
    expect(text(part(el, 'error'))).to.equal('This giveaway is only for viewers who took part earlier.');
  });

  it('fits a 320 px phone', async () => {
    await expectFitsPhone(async () => {
      const { el } = await renderLottery({ prize: 'A very long prize description that has to wrap on a small phone screen' });
      return { el, buttons: () => [part(el, 'enter')!] };
    });
  });
});

describe('<oncue-lottery> on <oncue-stage>', () => {
  let server: TestServer;

  before(async () => {
    server = await testServer();
  });

  it('shows a launched lottery, and keeps it after the linger for an entrant while the prize can be claimed', async function () {
    this.timeout(8000);
    const room = freshRoom('lottery-stage');
    const stage = await fixture<OnCueStage>(html`<oncue-stage lang="en" server=${server.url} room=${room} linger="1"></oncue-stage>`);
    const view = await createLottery(server, room, { prize: 'Stage prize', claim: { seconds: 600 } });
    const lottery = await until(() => shadow(stage).querySelector<OnCueLottery>('oncue-lottery'), 'the lottery on stage');
    expect(lottery.getAttribute('interaction')).to.equal(view.id);
    await until(() => part(lottery, 'enter'), 'the enter button');
    part(lottery, 'enter')!.click();
    await until(() => text(shadow(lottery)).includes('You’re in!'), 'entered');
    await drawLottery(server, room, view.id);
    await until(() => text(part(lottery, 'outcome')).includes('You won!'), 'the win on stage');
    await new Promise((resolve) => setTimeout(resolve, 1500));
    stage.requestUpdate();
    await stage.updateComplete;
    expect(shadow(stage).querySelector('oncue-lottery'), 'still on stage after the linger').to.equal(lottery);
  });

  it('lets a lottery the viewer did not enter leave after the linger', async function () {
    this.timeout(8000);
    const room = freshRoom('lottery-stage');
    const stage = await fixture<OnCueStage>(html`<oncue-stage lang="en" server=${server.url} room=${room} linger="1"></oncue-stage>`);
    const view = await createLottery(server, room);
    await until(() => shadow(stage).querySelector('oncue-lottery'), 'the lottery on stage');
    await drawLottery(server, room, view.id);
    await until(() => !shadow(stage).querySelector('oncue-lottery'), 'the lottery leaves', 4000);
  });
});

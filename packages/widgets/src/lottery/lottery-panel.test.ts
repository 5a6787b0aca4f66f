import { connect, memoryStorage, type RoomConnection } from '@oncue/core';
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import type { LotteryView } from '@oncue/protocol';
import {
  createLottery,
  createPoll,
  createQuiz,
  drawLottery,
  enterAsOtherViewers,
  freshRoom,
  shadow,
  testServer,
  text,
  until,
  type TestServer,
} from '../../test/oncue-test-server.js';
import { buttonNamed, typeInto } from '../../test/form-input.js';
import type { OnCueLotteryPanel } from './lottery-panel.js';
import './lottery-panel.js';
import { claim, enter, vote } from '@oncue/core';

const $ = <T extends Element = HTMLElement>(el: Element, selector: string) => shadow(el).querySelector<T>(selector);

describe('<oncue-lottery-panel>', () => {
  let server: TestServer;
  const connections: RoomConnection[] = [];

  before(async () => {
    server = await testServer();
  });
  afterEach(() => {
    for (const conn of connections.splice(0)) conn.release();
  });

  const open = (room: string, hostToken?: string) => {
    const conn = connect({ server: server.url, room, hostToken, storage: memoryStorage() });
    connections.push(conn);
    return conn;
  };

  async function renderPanel(room = freshRoom('panel')) {
    const host = open(room, server.hostToken);
    const el = await fixture<OnCuePanel>(html`<oncue-lottery-panel lang="en" .connection=${host}></oncue-lottery-panel>`);
    await until(() => text($(el, '[aria-labelledby="lotteries-heading"] .hint')) === 'No giveaways yet.', 'the room is loaded');
    return { el, room, host };
  }
  type OnCuePanel = OnCueLotteryPanel;

  it('launches a giveaway for signed-in viewers only: an anonymous viewer is refused', async () => {
    const { el, room } = await renderPanel();
    await typeInto($(el, '#prize'), 'Gift card');
    const box = $<HTMLInputElement>(el, '#signed-only')!;
    expect(box.checked).to.equal(false);
    box.click();
    const created = oneEvent(el, 'oncue-create');
    buttonNamed(el, 'Launch giveaway')!.click();
    const lottery = (await created).detail.interaction as LotteryView;
    expect(box.checked, 'the form is reset after a launch').to.equal(false);
    const viewer = open(room);
    const entry = await enter(viewer, lottery.id);
    expect(entry.ok).to.equal(false);
    expect(!entry.ok && entry.error.code).to.equal('signed_viewer_required');
  });

  it('is accessible, launches a lottery for participants of a poll, draws, shows claims and exports them as CSV', async () => {
    const room = freshRoom('panel');
    const poll = await createPoll(server, room, { question: 'Tea or coffee?', options: ['Tea', 'Coffee'] });
    await createQuiz(server, room, [{ prompt: 'Which leaf?', options: ['Oolong', 'Sencha'], correct: 0 }]);
    const { el, host } = await renderPanel(room);
    await expect(el).to.be.accessible();

    await typeInto($(el, '#prize'), 'Silk scarf');
    await until(() => [...shadow(el).querySelectorAll('#eligibility option')].length === 3, 'the poll and the quiz are offered for eligibility');
    // Each is named as its kind's host registry line names it.
    expect([...shadow(el).querySelectorAll('#eligibility option')].map(text)).to.deep.equal([
      'Anyone in the room',
      'Only viewers who took part in: Tea or coffee?',
      'Only viewers who took part in: Quiz (1 question)',
    ]);
    const select = $<HTMLSelectElement>(el, '#eligibility')!;
    select.value = poll.id;
    select.dispatchEvent(new Event('change'));
    const claimLabel = $<HTMLInputElement>(el, '#claim-label')!;
    await typeInto(claimLabel, 'WeChat ID');
    const created = oneEvent(el, 'oncue-create');
    buttonNamed(el, 'Launch giveaway')!.click();
    const lottery = (await created).detail.interaction as LotteryView;
    expect(lottery).to.include({ kind: 'lottery', prize: 'Silk scarf', prizes: 1 });
    expect(lottery.eligibility).to.deep.equal({ type: 'participated', interaction: poll.id });
    expect(lottery.claim.fields).to.deep.equal([{ id: 'contact', label: 'WeChat ID' }]);

    const viewer = open(room);
    expect((await vote(viewer, poll.id, [0])).ok).to.equal(true);
    expect((await enter(viewer, lottery.id)).ok).to.equal(true);
    await until(() => text($(el, '[part="item"] .hint')).startsWith('1 entry · 1 prize'), 'the entry is counted');

    buttonNamed(el, 'Close entries and draw: Silk scarf')!.click();
    await until(() => $(el, '[part="claims"] tbody tr'), 'the winner row');
    expect(text($(el, '[part="claims"] tbody tr'))).to.include('Waiting, until');

    expect((await claim(viewer, lottery.id, { contact: '=cmd|calc' })).ok).to.equal(true);
    await until(() => text($(el, '[part="claims"] tbody tr')).includes('=cmd|calc'), 'the claim with its contact');
    expect(text($(el, '[part="claims"] tbody tr'))).to.include('Claimed');

    // The CSV the download button saves.
    let href = '';
    const realClick = HTMLAnchorElement.prototype.click;
    HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
      href = this.href;
      expect(this.download).to.equal(`${lottery.id}-claims.csv`);
    };
    try {
      buttonNamed(el, 'Download CSV')!.click();
    } finally {
      HTMLAnchorElement.prototype.click = realClick;
    }
    const csv = await (await fetch(href)).text();
    expect(csv.split('\r\n')[0]).to.equal('round,entry,name,claim_by,claimed_at,WeChat ID');
    expect(csv.split('\r\n')[1]).to.match(/^0,[0-9a-f]{64},,.*Z,.*Z,'=cmd\|calc$/);
    void host;
  });

  /** The error shown for a field: found through the field's `aria-describedby`, and right under the field. */
  function errorOf(el: Element, id: string): string {
    const field = $<HTMLInputElement>(el, `#${id}`)!;
    const error = $(el, `#${id}-error`);
    if (!error) return '';
    expect(field.getAttribute('aria-invalid')).to.equal('true');
    expect(field.getAttribute('aria-describedby')!.split(' ')).to.include(`${id}-error`);
    expect(error.getAttribute('part')).to.equal('field-error');
    const gap = error.getBoundingClientRect().top - field.getBoundingClientRect().bottom;
    expect(gap, `the error of #${id} is under it`).to.be.within(0, 48);
    return text(error);
  }

  it('checks the form before sending, showing each mistake under its field', async () => {
    const { el } = await renderPanel();
    buttonNamed(el, 'Launch giveaway')!.click();
    await until(() => errorOf(el, 'prize') === 'Describe the prize.', 'the prize is required');
    expect(shadow(el).activeElement?.id, 'the first wrong field has the focus').to.equal('prize');
    expect($(el, '[part="error"]'), 'no banner').to.equal(null);
    await expect(el).to.be.accessible();
    await typeInto($(el, '#prize'), 'Mug');
    expect($(el, '#prize-error'), 'typing clears the error').to.equal(null);
    expect($(el, '#prize')!.hasAttribute('aria-invalid')).to.equal(false);
    const prizes = $<HTMLInputElement>(el, '#prizes')!;
    prizes.value = '0';
    prizes.dispatchEvent(new Event('input'));
    const hours = $<HTMLInputElement>(el, '#claim-hours')!;
    hours.value = '0';
    hours.dispatchEvent(new Event('input'));
    buttonNamed(el, 'Launch giveaway')!.click();
    await until(() => errorOf(el, 'prizes').startsWith('The number of prizes'), 'the number of prizes is checked');
    expect(errorOf(el, 'claim-hours')).to.equal('The claim window must be a whole number of hours from 1 to 720.');
    expect(errorOf(el, 'prize')).to.equal('');
    el.setAttribute('lang', 'zh-CN');
    await until(() => errorOf(el, 'prizes') === '奖品数量须为 1 到 100 之间的整数。', 'the error in Chinese');
    await expect(el).to.be.accessible();
  });

  it('shows a refusal of the server that names a field under that field', async () => {
    const { el } = await renderPanel();
    const prize = $<HTMLInputElement>(el, '#prize')!;
    // A right-to-left override: the form does not check it, the server refuses it naming `prize`.
    prize.value = '\u202eMug';
    prize.dispatchEvent(new Event('input'));
    let refused = '';
    el.addEventListener('oncue-error', (e) => (refused = (e as CustomEvent<{ code: string }>).detail.code));
    buttonNamed(el, 'Launch giveaway')!.click();
    await until(() => errorOf(el, 'prize').startsWith('The server refused this request. (prize has a bidirectional'), 'the refusal under the prize');
    expect(refused).to.equal('bad_request');
    expect($(el, '[part="error"]'), 'no banner').to.equal(null);
    expect(shadow(el).activeElement?.id).to.equal('prize');
  });

  it('counts the characters of the prize and the claim label, and flags a label past 120 instead of cutting it', async () => {
    const { el } = await renderPanel();
    expect(text($(el, '#prize-count'))).to.equal('0/280');
    await typeInto($(el, '#prize'), 'Mug');
    expect(text($(el, '#prize-count'))).to.equal('3/280');
    expect($(el, '#prize')!.getAttribute('aria-describedby')).to.equal('prize-count');
    const label = $<HTMLInputElement>(el, '#claim-label')!;
    label.value = 'W'.repeat(200);
    label.dispatchEvent(new Event('input'));
    await el.updateComplete;
    expect(label.value.length, 'not cut').to.equal(200);
    expect(text($(el, '#claim-label-count'))).to.equal('200/120');
    expect($(el, '#claim-label-count')!.classList.contains('over')).to.equal(true);
    let created = false;
    el.addEventListener('oncue-create', () => (created = true));
    buttonNamed(el, 'Launch giveaway')!.click();
    await until(() => errorOf(el, 'claim-label') === 'Too long: at most 120 characters.', 'the label is refused');
    expect(created).to.equal(false);
  });

  it('names winners by display name, says which draw gave each prize, and enables the redraw only once a prize expired unclaimed', async function () {
    this.timeout(15_000);
    const room = freshRoom('panel');
    const { el } = await renderPanel(room);
    const view = await createLottery(server, room, { prize: 'Tea set', winners: 2, claim: { fields: [{ id: 'contact', label: 'Phone' }], seconds: 2 } });
    await enterAsOtherViewers(server, room, view.id, 3, ['Ana', 'Bo']);
    await drawLottery(server, room, view.id);
    const rows = () => [...shadow(el).querySelectorAll('[part="claims"] tbody tr')].map((tr) => [...tr.querySelectorAll('td')].map(text));
    await until(() => rows().length === 2, 'the winner rows');
    expect([...shadow(el).querySelectorAll('[part="claims"] th')].map(text).slice(0, 3)).to.deep.equal(['Draw', 'Winner', 'Entry']);
    expect(rows().map((r) => r[0])).to.deep.equal(['First draw', 'First draw']);
    // Two of the three entrants have names: at least one winner is shown by name, and an unnamed one says so.
    const winners = rows().map((r) => r[1]);
    expect(winners.filter((w) => w === 'Ana' || w === 'Bo').length).to.be.at.least(1);
    expect(winners.every((w) => ['Ana', 'Bo', 'No name'].includes(w!))).to.equal(true);
    expect(rows().every((r) => /^[0-9a-f]{8}$/.test(r[2]!))).to.equal(true);

    const redraw = buttonNamed(el, 'Redraw expired prizes')!;
    expect(redraw.disabled, 'nothing has expired yet').to.equal(true);
    const why = $(el, `#${redraw.getAttribute('aria-describedby')}`);
    expect(text(why)).to.equal('Nothing to redraw yet: this turns on when a winner’s claim time ends unclaimed.');
    expect(redraw.title).to.equal(text(why));
    await expect(el).to.be.accessible();

    await until(() => !buttonNamed(el, 'Redraw expired prizes')!.disabled, 'the redraw turns on when the claim windows end', 5000);
    expect(buttonNamed(el, 'Redraw expired prizes')!.hasAttribute('aria-describedby')).to.equal(false);
    buttonNamed(el, 'Redraw expired prizes')!.click();
    await until(() => rows().length === 3, 'the redrawn winner');
    expect(rows()[2]![0]).to.equal('Redraw 1');
    el.setAttribute('lang', 'zh-CN');
    await until(() => rows()[2]![0] === '第 1 次补抽', 'the rounds in Chinese');
    expect(rows()[0]![0]).to.equal('首次开奖');
    await expect(el).to.be.accessible();
  });
});

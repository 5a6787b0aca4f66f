import { connect, memoryStorage, type RoomConnection } from '@oncue/core';
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { LotteryView } from '@oncue/protocol';
import { createPoll, createQuiz, freshRoom, shadow, testServer, text, until, type TestServer } from '../../test/oncue-test-server.js';
import type { OnCueLotteryPanel } from './lottery-panel.js';
import './lottery-panel.js';
import { claim, enter, vote } from '@oncue/core';

const $ = <T extends Element = HTMLElement>(el: Element, selector: string) => shadow(el).querySelector<T>(selector);
const buttonNamed = (el: Element, name: string) =>
  [...shadow(el).querySelectorAll<HTMLButtonElement>('button')].find((b) => (b.getAttribute('aria-label') ?? text(b)) === name);

async function typeInto(field: HTMLElement | null, value: string): Promise<void> {
  field!.focus();
  await sendKeys({ type: value });
}

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
    expect(csv.split('\r\n')[0]).to.equal('round,entry,claim_by,claimed_at,WeChat ID');
    expect(csv.split('\r\n')[1]).to.match(/^0,[0-9a-f]{64},.*Z,.*Z,'=cmd\|calc$/);
    void host;
  });

  it('checks the form before sending', async () => {
    const { el } = await renderPanel();
    buttonNamed(el, 'Launch giveaway')!.click();
    await until(() => text($(el, '[role="alert"]')) === 'Describe the prize.', 'the prize is required');
    await typeInto($(el, '#prize'), 'Mug');
    const prizes = $<HTMLInputElement>(el, '#prizes')!;
    prizes.value = '0';
    prizes.dispatchEvent(new Event('input'));
    buttonNamed(el, 'Launch giveaway')!.click();
    await until(() => text($(el, '[role="alert"]')).startsWith('The number of prizes'), 'the number of prizes is checked');
  });
});

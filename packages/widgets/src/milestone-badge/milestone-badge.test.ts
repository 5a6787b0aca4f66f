import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { cheer, connect, memoryStorage, vote, type RoomConnection } from '@oncue/core';
import { expectFitsPhone } from '../../test/expect-fits-phone.js';
import { ariaSnapshot, createPoll, freshRoom, privateServer, shadow, text, until, type TestServer } from '../../test/oncue-test-server.js';
import type { OnCueMilestoneBadge } from './milestone-badge.js';
import './milestone-badge.js';

const part = (el: Element, name: string) => shadow(el).querySelector<HTMLElement>(`[part~="${name}"]`);
const parts = (el: Element, name: string) => [...shadow(el).querySelectorAll<HTMLElement>(`[part~="${name}"]`)];
/** Irregular pauses between a viewer's votes (a person's pace: evenly spaced actions look automated to the server). */
const PAUSES = [35, 80, 10, 120, 55, 5, 95, 25, 140, 60, 15, 105];

describe('<oncue-milestone-badge>', () => {
  // A server of its own: every browser test is a viewer from 127.0.0.1, and many viewers from one address lose
  // their rewards (the credit signal's `shared_address`).
  let server: TestServer & { stop(): Promise<void> };
  const opened: RoomConnection[] = [];

  before(async () => {
    server = await privateServer();
  });
  after(() => server.stop());
  afterEach(() => {
    for (const conn of opened.splice(0)) conn.release();
  });

  /** A fresh channel's room, a viewer in it and the element on that viewer's connection. */
  async function renderBadge(lang = 'en') {
    const room = freshRoom('badge');
    await createPoll(server, room, { question: 'Warm-up?', options: ['Yes', 'No'], draft: true });
    const conn = connect({ server: server.url, room, storage: memoryStorage() });
    opened.push(conn);
    const el = await fixture<OnCueMilestoneBadge>(html`<oncue-milestone-badge lang=${lang} .connection=${conn}></oncue-milestone-badge>`);
    await until(() => conn.$room.get().synced, 'the room is synced');
    await el.updateComplete;
    return { el, room, conn };
  }

  /** `count` polls launched one after the other, the viewer voting in each (valid interactions, a streak). */
  async function voteIn(conn: RoomConnection, room: string, count: number): Promise<void> {
    for (let i = 0; i < count; i++) {
      const poll = await createPoll(server, room, { question: `Question ${i + 1}?`, options: ['A', 'B'] });
      await new Promise((resolve) => setTimeout(resolve, PAUSES[i % PAUSES.length]));
      const result = await vote(conn, poll.id, [i % 2]);
      if (!result.ok) throw new Error(`vote refused: ${result.error.code}`);
    }
  }

  it('is accessible in English and Chinese, and invites a new viewer to take part', async () => {
    for (const [lang, name, hint] of [
      ['en', 'No badge yet', 'Take part in the live interactions to earn badges and rewards.'],
      ['zh-CN', '还没有徽章', '参与直播互动即可获得徽章和奖励。'],
    ] as const) {
      const { el } = await renderBadge(lang);
      await expect(el).to.be.accessible();
      expect(text(part(el, 'name'))).to.equal(name);
      expect(text(part(el, 'next'))).to.equal(hint);
      expect(await ariaSnapshot('oncue-milestone-badge')).to.include(`region "${name}"`);
      el.remove();
    }
  });

  it('says the way to the next badge, in English and Chinese', async () => {
    const { el, room, conn } = await renderBadge();
    await voteIn(conn, room, 7);
    await until(() => text(part(el, 'next')) === '3 more to Bronze', 'the way to Bronze');
    expect(text(part(el, 'count'))).to.equal('7 valid interactions');
    el.setAttribute('lang', 'zh-CN');
    await until(() => text(part(el, 'next')) === '还差 3 次升级到 Bronze', 'the way to Bronze in Chinese');
    expect(text(part(el, 'count'))).to.equal('有效互动 7 次');
  });

  it('shows the unlock moment when a badge is earned, with the signed credential in the event', async function () {
    this.timeout(20000);
    const { el, room, conn } = await renderBadge();
    await voteIn(conn, room, 9);
    await until(() => text(part(el, 'next')) === '1 more to Bronze', 'one to go');
    expect(part(el, 'moment')).to.equal(null);
    const earned = oneEvent(el, 'oncue-badge-earned');
    await voteIn(conn, room, 1);
    const { detail } = await earned;
    expect(detail.tier.name).to.equal('Bronze');
    expect(detail.credential?.split('.')).to.have.length(3);
    await el.updateComplete;
    expect(text(part(el, 'moment'))).to.equal('You earned the Bronze badge!');
    expect(text(part(el, 'name'))).to.equal('Bronze');
    expect(text(part(el, 'next'))).to.equal('10 more to Silver');
    expect(part(el, 'badge-drawn')).to.not.equal(null);
    await expect(el).to.be.accessible();
    // Not on the next page: badges earned before are no moment.
    const again = await fixture<OnCueMilestoneBadge>(html`<oncue-milestone-badge .connection=${conn}></oncue-milestone-badge>`);
    expect(text(part(again, 'name'))).to.equal('Bronze');
    expect(part(again, 'moment')).to.equal(null);
  });

  it('lists the rewards: the coupon code to copy, and the item’s claim form with each error beside its field', async function () {
    this.timeout(20000);
    const { el, room, conn } = await renderBadge();
    await voteIn(conn, room, 3);
    await until(() => part(el, 'claim-form'), 'the three-in-a-row item can be claimed');
    expect(parts(el, 'reward').map((r) => text(r.querySelector('.reward-name')))).to.include.members(['Welcome coupon', 'Limited merch']);
    expect(text(part(el, 'code'))).to.equal('WELCOME10');
    part(el, 'claim')!.click();
    await el.updateComplete;
    const field = part(el, 'field') as HTMLInputElement;
    expect(field.getAttribute('aria-invalid')).to.equal('true');
    expect(text(part(el, 'field-error'))).to.equal('Please fill this in.');
    expect(field.getAttribute('aria-describedby')).to.equal(`${field.id}-error`);
    expect(shadow(el).activeElement).to.equal(field);
    field.value = 'ada@example.com';
    field.dispatchEvent(new Event('input'));
    await el.updateComplete;
    expect(part(el, 'field-error')).to.equal(null);
    const claimed = oneEvent(el, 'oncue-claim');
    part(el, 'claim')!.click();
    await claimed;
    await until(() => text(shadow(el)).includes('Claimed. The host will be in touch.'), 'the item is claimed');
    expect(part(el, 'claim-form')).to.equal(null);
  });

  it('says plainly why rewards are paused for a viewer whose hearts come faster than a person can tap', async function () {
    this.timeout(20000);
    const { el, conn } = await renderBadge();
    // Far over the per-viewer cap: the dropped taps flag the viewer (`cheer_rate`).
    for (let i = 0; i < 4; i++) cheer(conn).tap(100);
    await until(() => part(el, 'flagged'), 'the pause is shown', 10000);
    expect(text(part(el, 'flagged'))).to.equal('Rewards are paused for this account: hearts were sent faster than a person can tap.');
  });

  it('fits a 320 px phone, the claim form’s field and button 44 px tall', async function () {
    this.timeout(20000);
    await expectFitsPhone(async () => {
      const { el, room, conn } = await renderBadge();
      await voteIn(conn, room, 3);
      await until(() => part(el, 'claim-form'), 'the claim form is shown');
      return { el, buttons: () => [part(el, 'field')!, part(el, 'claim')!, part(el, 'copy')!] };
    });
  });
});

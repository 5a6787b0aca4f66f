import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { cheer, connect, memoryStorage, type RoomConnection } from '@oncue/core';
import { emulateMedia } from '@web/test-runner-commands';
import { expectFitsPhone } from '../../test/expect-fits-phone.js';
import { ariaSnapshot, createPoll, freshRoom, shadow, testServer, text, until, viewerConnection, type TestServer } from '../../test/oncue-test-server.js';
import type { OnCueCheer } from './cheer.js';
import './cheer.js';

const part = (el: OnCueCheer, name: string) => shadow(el).querySelector<HTMLElement>(`[part~="${name}"]`);
const parts = (el: OnCueCheer, name: string) => [...shadow(el).querySelectorAll<HTMLElement>(`[part~="${name}"]`)];

describe('<oncue-cheer>', () => {
  let server: TestServer;
  const opened: RoomConnection[] = [];

  before(async () => {
    server = await testServer();
  });
  afterEach(async () => {
    for (const conn of opened.splice(0)) conn.release();
    await emulateMedia({ reducedMotion: 'no-preference' });
  });

  /** A room the host opened (a poll in it), a viewer connection whose `act` calls are counted, and the element on it. */
  async function renderCheer(lang = 'en') {
    const room = freshRoom('cheer');
    await createPoll(server, room, { question: 'Warm-up?', options: ['Yes', 'No'] });
    const real = connect({ server: server.url, room, storage: memoryStorage() });
    opened.push(real);
    const acts: unknown[] = [];
    const conn: RoomConnection = { ...real, act: (interaction, action, payload) => (acts.push(payload), real.act(interaction, action, payload)) };
    // The batcher of the connection is made with the counting `act` (one per shared connection).
    cheer(conn);
    const el = await fixture<OnCueCheer>(html`<oncue-cheer lang=${lang} .connection=${conn}></oncue-cheer>`);
    await until(() => real.$room.get().synced, 'the room is synced');
    return { el, room, acts };
  }

  it('is accessible in English and Chinese: one button named for what it does, the count beside it', async () => {
    for (const [lang, name, count] of [
      ['en', 'Send a heart', '0 hearts'],
      ['zh-CN', '点赞', '0 个赞'],
    ] as const) {
      const { el } = await renderCheer(lang);
      await expect(el).to.be.accessible();
      expect(await ariaSnapshot('oncue-cheer')).to.include(`button "${name}"`);
      expect(text(part(el, 'count'))).to.equal(count);
      el.remove();
    }
  });

  it('counts fast taps at once, sends them in few batches, and the room count reaches them', async () => {
    const { el, room, acts } = await renderCheer();
    const tapped = oneEvent(el, 'oncue-cheer');
    for (let i = 0; i < 9; i++) part(el, 'button')!.click();
    expect((await tapped).detail.pending).to.be.at.least(1);
    await el.updateComplete;
    expect(text(part(el, 'count'))).to.equal('9 hearts');
    const other = viewerConnection(server, room);
    opened.push(other);
    await until(() => other.$room.get().milestones?.cheers === 9, 'another viewer sees the 9 hearts');
    expect(acts.length).to.be.within(1, 2);
    await until(
      () => text(part(el, 'count')) === '9 hearts' && cheer({ act: other.act, $room: el.connection!.$room }).$pending.get() === 0,
      'the count settles on the server’s',
    );
  });

  it('follows the hearts of other viewers', async () => {
    const { el, room } = await renderCheer();
    const other = viewerConnection(server, room);
    opened.push(other);
    cheer(other).tap(4);
    await until(() => text(part(el, 'count')) === '4 hearts', 'the other viewer’s hearts are counted');
  });

  it('floats a heart on each tap, and none under reduced motion', async () => {
    const { el } = await renderCheer();
    part(el, 'button')!.click();
    part(el, 'button')!.click();
    await el.updateComplete;
    expect(parts(el, 'heart')).to.have.length(2);
    await until(() => parts(el, 'heart').length === 0, 'the hearts are gone after their float', 3000);
    await emulateMedia({ reducedMotion: 'reduce' });
    part(el, 'button')!.click();
    await el.updateComplete;
    expect(parts(el, 'heart')).to.have.length(0);
    expect(text(part(el, 'count'))).to.equal('3 hearts');
  });

  it('fits a 320 px phone with a 44 px button', async () => {
    await expectFitsPhone(async () => {
      const { el } = await renderCheer();
      return { el, buttons: () => [part(el, 'button')!] };
    });
    const { el } = await renderCheer();
    const box = part(el, 'button')!.getBoundingClientRect();
    expect(box.width).to.be.at.least(44);
  });
});

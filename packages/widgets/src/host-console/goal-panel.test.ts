import { connect, memoryStorage, type RoomConnection } from '@oncue/core';
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { freshRoom, shadow, testServer, text, until, type TestServer } from '../../test/oncue-test-server.js';
import { buttonNamed, typeInto } from '../../test/form-input.js';
import type { OnCueLotteryPanel } from '../lottery/lottery-panel.js';
import '../lottery/lottery-panel.js';
import type { OnCueGoalPanel } from './goal-panel.js';
import './goal-panel.js';

const $ = <T extends Element = HTMLElement>(el: Element, selector: string) => shadow(el).querySelector<T>(selector);

describe('<oncue-goal-panel>', () => {
  let server: TestServer;
  const connections: RoomConnection[] = [];

  before(async () => {
    server = await testServer();
  });
  afterEach(() => {
    for (const conn of connections.splice(0)) conn.release();
  });

  async function renderPanel(lang = 'en') {
    const room = freshRoom('goal-panel');
    const host = connect({ server: server.url, room, hostToken: server.hostToken, storage: memoryStorage() });
    connections.push(host);
    const el = await fixture<OnCueGoalPanel>(html`<oncue-goal-panel lang=${lang} .connection=${host}></oncue-goal-panel>`);
    await until(() => host.$connection.get() === 'open' && host.$room.get().synced, 'the host is connected');
    await el.updateComplete;
    return { el, room, host };
  }

  it('is accessible, and shows each mistake beside its field with the focus on it', async () => {
    const { el } = await renderPanel();
    await expect(el).to.be.accessible();
    buttonNamed(el, 'Set goal')!.click();
    await until(() => $(el, '#goal-target-error'), 'the target is refused');
    const target = $(el, '#goal-target')!;
    expect(text($(el, '#goal-target-error'))).to.equal('Enter a whole number from 1 to 1000000000.');
    expect(target.getAttribute('aria-invalid')).to.equal('true');
    expect(target.getAttribute('aria-describedby')).to.equal('goal-target-error');
    expect(shadow(el).activeElement).to.equal(target);
    await typeInto(target, '50');
    buttonNamed(el, 'Set goal')!.click();
    // No draft in the room: launching one is not possible yet.
    await until(() => text($(el, '#goal-draft-error')) === 'Choose the draft to launch.', 'the draft is missing');
    expect(text($(el, 'p#goal-draft'))).to.equal('No drafts in this room yet: save a giveaway as a draft first.');
    $<HTMLInputElement>(el, 'input[name="goal-action"][value="coupon"]')!.click();
    await el.updateComplete;
    buttonNamed(el, 'Set goal')!.click();
    await until(() => text($(el, '#goal-text-error')) === 'Please fill this in.', 'the code is missing');
    await typeInto($(el, '#goal-minutes'), '0');
    await typeInto($(el, '#goal-text'), 'LIKE50');
    buttonNamed(el, 'Set goal')!.click();
    await until(() => $(el, '#goal-minutes-error'), 'the deadline is refused');
    await expect(el).to.be.accessible();
  });

  it('sets a goal that launches a giveaway saved as a draft, lists it with its progress, and cancels it', async () => {
    const { el, host } = await renderPanel();
    // The giveaway form saves a draft for the goal to launch.
    const lottery = await fixture<OnCueLotteryPanel>(html`<oncue-lottery-panel lang="en" show="form" .connection=${host}></oncue-lottery-panel>`);
    await typeInto($(lottery, '#prize'), 'Signed poster');
    const drafted = oneEvent(lottery, 'oncue-create');
    buttonNamed(lottery, 'Save as draft')!.click();
    const draft = (await drafted).detail.interaction;
    expect(draft.status).to.equal('draft');
    const select = await until(() => $<HTMLSelectElement>(el, 'select#goal-draft'), 'the draft can be chosen');
    expect([...select.options].map((o) => o.text)).to.include('Signed poster');
    select.value = draft.id;
    select.dispatchEvent(new Event('change'));
    await typeInto($(el, '#goal-title'), 'Likes unlock the poster');
    await typeInto($(el, '#goal-target'), '3');
    const set = oneEvent(el, 'oncue-goal');
    buttonNamed(el, 'Set goal')!.click();
    const { goal } = (await set).detail;
    expect([goal.metric, goal.target, goal.action.type, goal.action.interaction]).to.deep.equal(['cheers', 3, 'launch', draft.id]);
    const item = await until(() => $(el, `[part~="item"][data-id="${goal.id}"]`), 'the goal is listed');
    expect(text(item.querySelector('.item-question'))).to.equal('Likes unlock the poster');
    expect(text(item.querySelector('[part~="status"]'))).to.equal('Active');
    expect(item.querySelector('[role="progressbar"]')!.getAttribute('aria-valuetext')).to.equal('0 / 3');
    expect($<HTMLInputElement>(el, '#goal-target')!.value).to.equal('');
    buttonNamed(el, 'Cancel goal: Likes unlock the poster')!.click();
    await until(() => text($(el, `[data-id="${goal.id}"] [part~="status"]`)) === 'Cancelled', 'the goal is cancelled');
    expect(buttonNamed(el, 'Cancel goal: Likes unlock the poster')).to.equal(undefined);
  });

  it('lets the host launch a giveaway saved as a draft from the giveaways list', async () => {
    const { host } = await renderPanel();
    const lottery = await fixture<OnCueLotteryPanel>(html`<oncue-lottery-panel lang="en" .connection=${host}></oncue-lottery-panel>`);
    await typeInto($(lottery, '#prize'), 'Mug');
    const drafted = oneEvent(lottery, 'oncue-create');
    buttonNamed(lottery, 'Save as draft')!.click();
    const draft = (await drafted).detail.interaction;
    const launch = await until(() => buttonNamed(lottery, 'Launch: Mug'), 'the draft can be launched');
    launch.click();
    await until(() => host.$room.get().interactions.find((i) => i.id === draft.id)?.status === 'open', 'the giveaway is open');
    await until(() => !buttonNamed(lottery, 'Launch: Mug') && buttonNamed(lottery, 'Close entries and draw: Mug'), 'it can be drawn now');
  });

  it('speaks Chinese', async () => {
    const { el } = await renderPanel('zh-CN');
    expect(text($(el, '#goal-form-heading'))).to.equal('设置目标');
    expect(buttonNamed(el, '设置目标')).to.not.equal(undefined);
    expect(text($(el, '#goals-heading + .hint'))).to.equal('本直播间还没有目标。');
  });
});

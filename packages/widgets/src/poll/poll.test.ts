import type { RoomConnection } from '@oncue/core';
import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { emulateMedia, sendKeys } from '@web/test-runner-commands';
import { atom } from 'nanostores';
import {
  ariaSnapshot,
  closePoll,
  createPoll,
  freshRoom,
  privateServer,
  shadow,
  testServer,
  text,
  until,
  viewerConnection,
  voteAsAnotherViewer,
  type TestServer,
} from '../../test/oncue-test-server.js';
import { expectFitsPhone } from '../../test/expect-fits-phone.js';
import { colourContrast, textContrast } from '../../test/contrast.js';
import { expectBarsProportional, settle } from '../../test/result-bars.js';
import type { OnCuePoll } from './poll.js';
import './poll.js';

type PollInput = Parameters<typeof createPoll>[2];

const options = (el: OnCuePoll) => [...shadow(el).querySelectorAll<HTMLButtonElement>('button[part~="option"]')];
const part = (el: OnCuePoll, name: string) => shadow(el).querySelector<HTMLElement>(`[part~="${name}"]`);
const parts = (el: OnCuePoll, name: string) => [...shadow(el).querySelectorAll<HTMLElement>(`[part~="${name}"]`)];
/** The result lines as shown ("2 votes · 67%"), once they have counted up to `expected`. */
const resultsReach = (el: OnCuePoll, expected: string[]) =>
  until(() => parts(el, 'option-result').map(text).join('|') === expected.join('|'), `the results read ${expected.join(', ')}`);
/** The text of the element that names a button (`aria-labelledby`). */
const labelOf = (button: HTMLButtonElement) => text((button.getRootNode() as ShadowRoot).getElementById(button.getAttribute('aria-labelledby')!));

describe('<oncue-poll>', () => {
  let server: TestServer;

  before(async () => {
    localStorage.clear();
    server = await testServer();
  });

  async function renderPoll(poll: PollInput, lang = 'en') {
    const room = freshRoom('poll');
    const view = await createPoll(server, room, poll);
    const el = await fixture<OnCuePoll>(html`<oncue-poll lang=${lang} server=${server.url} room=${room} interaction=${view.id}></oncue-poll>`);
    await until(() => options(el).length, 'the options are rendered');
    return { el, room, view };
  }

  it('is accessible: a region named by the question, one button per option named by its label', async () => {
    const { el } = await renderPoll({ question: 'Which colour next?', options: ['Red', 'Ocean blue', 'Green'] });
    await expect(el).to.be.accessible();
    const aria = await ariaSnapshot('oncue-poll');
    expect(aria).to.include('region "Which colour next?"');
    expect(aria).to.include('button "Red"');
    expect(aria).to.include('button "Ocean blue"');
    expect(aria).to.include('button "Green"');
    for (const button of options(el)) {
      expect(button.getAttribute('aria-pressed')).to.equal('false');
      expect(button.getBoundingClientRect().height).to.be.at.least(44);
    }
    expect(options(el).map(labelOf)).to.deep.equal(['Red', 'Ocean blue', 'Green']);
  });

  it('votes when an option is tapped, marks it and locks the others', async () => {
    const { el, view } = await renderPoll({ question: 'Best snack?', options: ['Chips', 'Nuts'] });
    const voted = oneEvent(el, 'oncue-vote');
    options(el)[1]!.click();
    const event = await voted;
    expect(event.detail).to.deep.equal({ interaction: view.id, choices: [1] });
    await el.updateComplete;
    const [chips, nuts] = options(el);
    expect(nuts!.getAttribute('aria-pressed')).to.equal('true');
    expect(chips!.getAttribute('aria-disabled')).to.equal('true');
    expect(nuts!.getAttribute('aria-disabled')).to.equal('true');
    expect(text(part(el, 'hint'))).to.equal('Thanks for voting!');
    // A locked poll ignores further taps.
    chips!.click();
    await el.updateComplete;
    expect(part(el, 'pending')).to.equal(null);
    expect(chips!.getAttribute('aria-pressed')).to.equal('false');
  });

  it('shows the results as counts, percentages and bars, and announces them politely', async () => {
    const { el, room, view } = await renderPoll({ question: 'Which size?', options: ['S', 'M', 'L'] });
    await voteAsAnotherViewer(server, room, view.id, [0]);
    await voteAsAnotherViewer(server, room, view.id, [1]);
    options(el)[0]!.click();
    await until(() => text(part(el, 'status')).includes('3 people voted'), 'three voters are counted');
    await resultsReach(el, ['2 votes · 67%', '1 vote · 33%', '0 votes · 0%']);
    expect(parts(el, 'option-count').map(text)).to.deep.equal(['2 votes', '1 vote', '0 votes']);
    expect(parts(el, 'option-percent').map(text)).to.deep.equal(['67%', '33%', '0%']);
    const bar = part(el, 'bar')!;
    expect(bar.style.getPropertyValue('--share')).to.equal(String(2 / 3));
    expect(options(el)[0]!.getAttribute('aria-describedby')).to.equal('result-0');
    const live = shadow(el).querySelector('[aria-live="polite"]')!;
    await until(() => text(live).includes('S: 2 votes, 67%'), 'the summary is announced');
    expect(text(live)).to.equal('Voting open. S: 2 votes, 67%; M: 1 vote, 33%; L: 0 votes, 0%');
    await expect(el).to.be.accessible();
  });

  it('shows a multi-choice poll’s percentages as shares of voters, not of votes', async () => {
    const { el, room, view } = await renderPoll({ question: 'Which colours?', options: ['Red', 'Blue', 'Green', 'Pink'], multi: true });
    // 3 voters, 6 votes: Red 3, Blue 2, Green 1, Pink 0.
    await voteAsAnotherViewer(server, room, view.id, [0, 1, 2]);
    await voteAsAnotherViewer(server, room, view.id, [0, 1]);
    await voteAsAnotherViewer(server, room, view.id, [0]);
    await until(() => text(part(el, 'status')).includes('3 people voted'), 'three voters are counted');
    await resultsReach(el, ['3 votes · 100%', '2 votes · 67%', '1 vote · 33%', '0 votes · 0%']);
    expect(part(el, 'bar')!.style.getPropertyValue('--share')).to.equal('1');
  });

  it('lets a viewer pick several options up to maxChoices, then submit', async () => {
    const { el, view } = await renderPoll({ question: 'Which colours?', options: ['Red', 'Blue', 'Green', 'Pink'], multi: true, maxChoices: 2 });
    expect(text(part(el, 'hint'))).to.equal('Choose up to 2 options');
    await expect(el).to.be.accessible();
    const submit = part(el, 'submit') as HTMLButtonElement;
    expect(text(submit)).to.equal('Vote');
    expect(submit.getAttribute('aria-disabled')).to.equal('true');
    options(el)[0]!.click();
    await el.updateComplete;
    options(el)[2]!.click();
    await el.updateComplete;
    const [red, blue, green, pink] = options(el);
    expect(red!.getAttribute('aria-pressed')).to.equal('true');
    expect(green!.getAttribute('aria-pressed')).to.equal('true');
    expect(blue!.getAttribute('aria-disabled'), 'a third choice is not allowed').to.equal('true');
    expect(pink!.getAttribute('aria-disabled')).to.equal('true');
    blue!.click();
    await el.updateComplete;
    expect(blue!.getAttribute('aria-pressed')).to.equal('false');
    const voted = oneEvent(el, 'oncue-vote');
    submit.click();
    expect((await voted).detail).to.deep.equal({ interaction: view.id, choices: [0, 2] });
    await until(() => !part(el, 'submit'), 'the submit button goes away once the vote is in');
    expect(options(el).map((b) => b.getAttribute('aria-pressed'))).to.deep.equal(['true', 'false', 'true', 'false']);
  });

  it('lets a viewer change the vote when the poll allows it', async () => {
    const { el } = await renderPoll({ question: 'Tea or coffee?', options: ['Tea', 'Coffee'], allowChange: true });
    options(el)[0]!.click();
    await oneEvent(el, 'oncue-vote');
    await el.updateComplete;
    expect(options(el)[1]!.getAttribute('aria-disabled')).to.equal('false');
    const changed = oneEvent(el, 'oncue-vote');
    options(el)[1]!.click();
    expect((await changed).detail.choices).to.deep.equal([1]);
    await until(() => text(part(el, 'status')).includes('1 person voted'), 'still one voter');
    await until(() => options(el)[1]!.getAttribute('aria-pressed') === 'true', 'the new choice is marked');
    expect(options(el)[0]!.getAttribute('aria-pressed')).to.equal('false');
  });

  it('says the results come after voting, and shows them when the host closes the poll', async () => {
    const { el, room, view } = await renderPoll({ question: 'Secret ballot?', options: ['Yes', 'No'], results: 'after-close' });
    expect(text(shadow(el))).to.include('Results will be shown when voting closes.');
    expect(part(el, 'option-result')).to.equal(null);
    options(el)[0]!.click();
    await oneEvent(el, 'oncue-vote');
    await closePoll(server, room, view.id);
    await until(() => part(el, 'option-result'), 'the results appear');
    expect(text(part(el, 'status'))).to.include('Voting closed');
    expect(text(part(el, 'option-result'))).to.equal('1 vote · 100%');
    expect(text(shadow(el))).not.to.include('Results will be shown');
    expect(options(el).every((b) => b.getAttribute('aria-disabled') === 'true')).to.equal(true);
  });

  it('shows image options with the label as alt text and as visible text', async () => {
    const { el } = await renderPoll({
      question: 'Which bag?',
      options: [
        { label: 'Red tote', image: '/packages/widgets/test/fixtures/bag.svg' },
        { label: 'Canvas', image: '/packages/widgets/test/fixtures/bag.svg?canvas' },
      ],
    });
    const img = options(el)[0]!.querySelector('img')!;
    expect(img.getAttribute('alt')).to.equal('Red tote');
    expect(img.getAttribute('part')).to.equal('option-image');
    expect(text(options(el)[0]!.querySelector('[part="option-label"]'))).to.equal('Red tote');
    expect(labelOf(options(el)[0]!)).to.equal('Red tote');
    expect(await ariaSnapshot('oncue-poll')).to.include('button "Red tote"');
  });

  it('shows a localised typed error when the host closed the poll before the vote arrived', async () => {
    const room = freshRoom('poll');
    const view = await createPoll(server, room, { question: 'Too late?', options: ['Yes', 'No'] });
    const live = viewerConnection(server, room);
    try {
      await until(() => live.$room.get().interactions.length, 'the viewer has the room');
      // A viewer whose copy of the room is stale: the close has not reached it yet.
      const stale: RoomConnection = { ...live, $room: atom(live.$room.get()) };
      const el = await fixture<OnCuePoll>(html`<oncue-poll lang="en" interaction=${view.id} .connection=${stale}></oncue-poll>`);
      await until(() => options(el).length, 'the options are rendered');
      await closePoll(server, room, view.id);
      const failed = oneEvent(el, 'oncue-error');
      options(el)[0]!.click();
      const { detail } = await failed;
      expect(detail.code).to.be.oneOf(['not_open', 'already_closed']);
      expect(detail.message).to.equal('Sorry, voting has closed.');
      await el.updateComplete;
      const alert = shadow(el).querySelector('[role="alert"]')!;
      expect(alert.getAttribute('part')).to.equal('error');
      expect(text(alert)).to.equal('Sorry, voting has closed.');
    } finally {
      live.release();
    }
  });

  it('counts down to closesAt with the server clock', async () => {
    const { el } = await renderPoll({ question: 'Quick one?', options: ['Yes', 'No'], durationSeconds: 90 });
    const countdown = shadow(el).querySelector('.countdown')!;
    expect(text(countdown)).to.match(/^Closes in 1:(30|29|28)$/);
    const first = text(countdown);
    await until(() => text(countdown) !== first, 'the countdown ticks', 3000);
  });

  it('shows connection trouble, keeps the vote pending, and recovers', async function () {
    this.timeout(30000);
    const own = await privateServer();
    const room = freshRoom('poll');
    const view = await createPoll(own, room, { question: 'Still there?', options: ['Yes', 'No'] });
    const el = await fixture<OnCuePoll>(html`<oncue-poll lang="en" server=${own.url} room=${room} interaction=${view.id}></oncue-poll>`);
    await until(() => options(el).length, 'the options are rendered');
    const connection = part(el, 'connection')!;
    expect(connection.getAttribute('role')).to.equal('status');
    expect(text(connection)).to.equal('');
    await own.stop();
    // Told before any tap, and told that taps are not lost.
    await until(() => text(connection).startsWith('Connection lost. Reconnecting…'), 'the viewer is told');
    expect(text(connection)).to.equal('Connection lost. Reconnecting… What you tap now is kept and sent when the connection is back.');
    expect(connection.getBoundingClientRect().height).to.be.above(0);
    options(el)[0]!.click();
    await until(() => text(part(el, 'pending')) === 'Sending…', 'the vote waits in the outbox');
    const voted = oneEvent(el, 'oncue-vote');
    await own.restart();
    expect((await voted).detail.choices).to.deep.equal([0]);
    await until(() => text(connection) === '', 'the notice goes away');
    expect(part(el, 'pending')).to.equal(null);
  });

  it('draws every result bar on one track, its width the percentage, whatever the label length', async () => {
    const long = 'A much longer option label that wraps onto a second line of the card';
    const { el, room, view } = await renderPoll({ question: 'Which one?', options: ['A', long, 'Another option'] });
    // 67/33 with the long label winning: its bar is twice the short one's, on the same track.
    await voteAsAnotherViewer(server, room, view.id, [1]);
    await voteAsAnotherViewer(server, room, view.id, [1]);
    await voteAsAnotherViewer(server, room, view.id, [0]);
    await resultsReach(el, ['1 vote · 33%', '2 votes · 67%', '0 votes · 0%']);
    expectBarsProportional(shadow(el), parts(el, 'option-row'), [1 / 3, 2 / 3, 0]);
    // The numbers sit in their own columns: every count ends, and every percentage starts, at the same x.
    const counts = parts(el, 'option-count').map((c) => c.getBoundingClientRect().right);
    const percents = parts(el, 'option-percent').map((p) => p.getBoundingClientRect().left);
    for (const right of counts) expect(right).to.be.closeTo(counts[0]!, 0.5);
    for (const left of percents) expect(left).to.be.closeTo(percents[0]!, 0.5);
    expect(getComputedStyle(part(el, 'option-count')!).fontVariantNumeric).to.equal('tabular-nums');

    // 50/50 between a one-letter label with 10 votes' worth of digits and a long one: equal bars.
    const even = await renderPoll({ question: 'Even?', options: ['B', long] });
    await voteAsAnotherViewer(server, even.room, even.view.id, [0]);
    await voteAsAnotherViewer(server, even.room, even.view.id, [1]);
    await resultsReach(even.el, ['1 vote · 50%', '1 vote · 50%']);
    expectBarsProportional(shadow(even.el), parts(even.el, 'option-row'), [0.5, 0.5]);
  });

  it('keeps the image options’ result bars on the common track', async () => {
    const image = '/packages/widgets/test/fixtures/bag.svg';
    const { el, room, view } = await renderPoll({
      question: 'Which bag?',
      options: [
        { label: 'Red tote', image },
        { label: 'Canvas', image: `${image}?canvas` },
      ],
    });
    await voteAsAnotherViewer(server, room, view.id, [0]);
    await voteAsAnotherViewer(server, room, view.id, [0]);
    await voteAsAnotherViewer(server, room, view.id, [0]);
    await voteAsAnotherViewer(server, room, view.id, [1]);
    await resultsReach(el, ['3 votes · 75%', '1 vote · 25%']);
    expectBarsProportional(shadow(el), parts(el, 'option-row'), [0.75, 0.25]);
    expect(options(el)[0]!.querySelector('img')!.getBoundingClientRect().width).to.be.above(40);
  });

  it('marks the winners of a closed poll, all of them on a tie', async () => {
    const { el, room, view } = await renderPoll({ question: 'Which flavour?', options: ['Mango', 'Lychee', 'Durian'] });
    for (const choice of [0, 1, 0, 1, 2]) await voteAsAnotherViewer(server, room, view.id, [choice]);
    await resultsReach(el, ['2 votes · 40%', '2 votes · 40%', '1 vote · 20%']);
    expect(parts(el, 'option-winner').length, 'no winner while voting is open').to.equal(0);
    await closePoll(server, room, view.id);
    await until(() => parts(el, 'option-winner').length, 'the winners are marked');
    const winners = parts(el, 'option-winner').map((b) => text(b.querySelector('[part="option-label"]')));
    expect(winners).to.deep.equal(['Mango', 'Lychee']);
    expect(parts(el, 'option-tag').map(text)).to.deep.equal(['Top choice', 'Top choice']);
    expect(parts(el, 'option-row-winner').length).to.equal(2);
    // The tag is part of the button's name, for screen readers too.
    expect(options(el).map((b) => b.getAttribute('aria-labelledby'))).to.deep.equal(['label-0 tag-0', 'label-1 tag-1', 'label-2']);
    expect(await ariaSnapshot('oncue-poll')).to.include('button "Mango Top choice"');
    settle(shadow(el));
    const [mango, , durian] = options(el);
    expect(getComputedStyle(mango!).borderTopColor).not.to.equal(getComputedStyle(durian!).borderTopColor);
    await expect(el).to.be.accessible();
  });

  it('marks one winner, and is accessible in Chinese', async () => {
    const { el, room, view } = await renderPoll({ question: '下一个开箱什么？', options: ['口红', '耳机'] }, 'zh-CN');
    await voteAsAnotherViewer(server, room, view.id, [1]);
    await closePoll(server, room, view.id);
    await until(() => part(el, 'option-winner'), 'the winner is marked');
    expect(text(part(el, 'option-winner')!.querySelector('[part="option-label"]'))).to.equal('耳机');
    expect(text(part(el, 'option-tag'))).to.equal('票数最多');
    await expect(el).to.be.accessible();
  });

  it('has default colours that pass WCAG AA: the "Voting open" badge, text, option borders', async () => {
    const { el } = await renderPoll({ question: 'Contrast?', options: ['Yes', 'No'] });
    const badge = shadow(el).querySelector('.badge-open')!;
    expect(text(badge)).to.equal('Voting open');
    expect(textContrast(badge), 'badge text on its background').to.be.at.least(4.5);
    expect(textContrast(part(el, 'status')!), 'muted status line').to.be.at.least(4.5);
    expect(textContrast(part(el, 'option-label')!), 'option label').to.be.at.least(4.5);
    const option = options(el)[0]!;
    expect(colourContrast(option, getComputedStyle(option).borderTopColor), 'option border (a UI component)').to.be.at.least(3);
  });

  it('keeps text on the accent readable when a page sets a light accent and --oncue-on-accent', async () => {
    const room = freshRoom('poll');
    const view = await createPoll(server, room, { question: 'Light accent?', options: ['Yes', 'No'] });
    const wrapper = await fixture<HTMLDivElement>(html`<div style="--oncue-accent: #ffd400; --oncue-on-accent: #161823">
      <oncue-poll lang="en" server=${server.url} room=${room} interaction=${view.id}></oncue-poll>
    </div>`);
    const el = wrapper.querySelector('oncue-poll')!;
    await until(() => options(el).length, 'the options are rendered');
    expect(textContrast(shadow(el).querySelector('.badge-open')!)).to.be.at.least(4.5);
  });

  it('shows the connection notice on its own surface, readable on a dark page', async function () {
    this.timeout(30000);
    const own = await privateServer();
    const room = freshRoom('poll');
    const view = await createPoll(own, room, { question: 'Dark page?', options: ['Yes', 'No'] });
    // A dark page that lets the widget sit on it (no card colour of its own), as the demo stream page does.
    const page = await fixture<HTMLDivElement>(html`<div style="background: #0c0c10; color: #f4f4f6; padding: 8px; --oncue-surface: transparent">
      <oncue-poll lang="en" server=${own.url} room=${room} interaction=${view.id}></oncue-poll>
    </div>`);
    const el = page.querySelector('oncue-poll')!;
    try {
      await until(() => options(el).length, 'the options are rendered');
      await own.stop();
      const connection = await until(() => text(part(el, 'connection')) && part(el, 'connection'), 'the notice shows');
      for (const line of connection.querySelectorAll('span')) expect(textContrast(line), text(line)).to.be.at.least(4.5);
      // Themable: a page's own notice colours are used.
      page.style.setProperty('--oncue-notice-surface', 'rgb(255, 255, 255)');
      page.style.setProperty('--oncue-on-notice', 'rgb(0, 0, 0)');
      expect(getComputedStyle(connection).backgroundColor).to.equal('rgb(255, 255, 255)');
      expect(getComputedStyle(connection).color).to.equal('rgb(0, 0, 0)');
    } finally {
      await own.restart();
    }
  });

  it('hovers only where a pointer can hover, and makes locked options look locked', async () => {
    const { el } = await renderPoll({ question: 'Touch?', options: ['Yes', 'No'] });
    const rules = (list: CSSRuleList, media = ''): { selector: string; media: string }[] =>
      [...list].flatMap((rule) =>
        rule instanceof CSSMediaRule
          ? rules(rule.cssRules, rule.media.mediaText)
          : rule instanceof CSSStyleRule
            ? [{ selector: rule.selectorText, media }]
            : [],
      );
    const all = shadow(el).adoptedStyleSheets.flatMap((sheet) => rules(sheet.cssRules));
    const hover = all.filter((r) => r.selector.includes(':hover'));
    expect(hover.length, 'the option has a hover style').to.be.above(0);
    for (const rule of hover) expect(rule.media, rule.selector).to.equal('(hover: hover)');

    const voted = oneEvent(el, 'oncue-vote');
    options(el)[0]!.click();
    await voted;
    await el.updateComplete;
    const [yes, no] = options(el);
    expect(no!.getAttribute('aria-disabled')).to.equal('true');
    const locked = getComputedStyle(no!);
    expect(locked.borderTopStyle).to.equal('dashed');
    expect(locked.cursor).to.equal('default');
    expect(locked.color).not.to.equal(getComputedStyle(yes!).color);
    expect(getComputedStyle(yes!).borderTopStyle, 'the chosen option stays solid').to.equal('solid');
  });

  it('counts the numbers up and glides the bars to a new tally, and does neither with reduced motion', async () => {
    const { el, room, view } = await renderPoll({ question: 'Motion?', options: ['Up', 'Down'] });
    await voteAsAnotherViewer(server, room, view.id, [0]);
    await resultsReach(el, ['1 vote · 100%', '0 votes · 0%']);
    settle(shadow(el));
    const bar = parts(el, 'bar')[1]!;
    const seen = new Set<string>();
    await voteAsAnotherViewer(server, room, view.id, [1]);
    await until(() => (seen.add(text(parts(el, 'option-percent')[0])), bar.getAnimations().length > 0 || seen.has('50%')), 'the change starts');
    await until(() => (seen.add(text(parts(el, 'option-percent')[0])), seen.has('50%')), 'the numbers reach the tally');
    expect(seen.size, `percentages shown on the way: ${[...seen].join(', ')}`).to.be.above(2);

    await emulateMedia({ reducedMotion: 'reduce' });
    try {
      await voteAsAnotherViewer(server, room, view.id, [1]);
      await until(() => text(part(el, 'status')).includes('3 people voted'), 'the third voter is counted');
      await el.updateComplete;
      expect(parts(el, 'option-result').map(text)).to.deep.equal(['1 vote · 33%', '2 votes · 67%']);
      expect(bar.getAnimations().length, 'no bar transition').to.equal(0);
    } finally {
      await emulateMedia({ reducedMotion: 'no-preference' });
    }
  });

  it('works with the keyboard: Tab to an option, Enter votes', async () => {
    const { el } = await renderPoll({ question: 'Keyboard?', options: ['One', 'Two'] });
    const voted = oneEvent(el, 'oncue-vote');
    await sendKeys({ press: 'Tab' });
    expect(shadow(el).activeElement).to.equal(options(el)[0]);
    await sendKeys({ press: 'Tab' });
    expect(shadow(el).activeElement).to.equal(options(el)[1]);
    await sendKeys({ press: 'Enter' });
    expect((await voted).detail.choices).to.deep.equal([1]);
  });

  it('works with the keyboard for several choices: Space toggles, Enter submits', async () => {
    const { el } = await renderPoll({ question: 'Pick some', options: ['A', 'B', 'C'], multi: true });
    expect(text(part(el, 'hint'))).to.equal('Choose one or more options');
    const voted = oneEvent(el, 'oncue-vote');
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Space' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Space' });
    await el.updateComplete;
    expect(options(el).map((b) => b.getAttribute('aria-pressed'))).to.deep.equal(['true', 'false', 'true']);
    await sendKeys({ press: 'Tab' });
    expect(shadow(el).activeElement).to.equal(part(el, 'submit'));
    await sendKeys({ press: 'Enter' });
    expect((await voted).detail.choices).to.deep.equal([0, 2]);
  });

  it('speaks Chinese with lang="zh-CN"', async () => {
    const { el, room, view } = await renderPoll({ question: '下一个开箱什么？', options: ['口红', '耳机'], multi: true, maxChoices: 1 }, 'zh-CN');
    expect(text(part(el, 'status'))).to.include('投票进行中');
    expect(text(part(el, 'status'))).to.include('0 人参与');
    expect(text(part(el, 'hint'))).to.equal('请选择 1 项');
    expect(text(part(el, 'submit'))).to.equal('投票');
    expect(text(part(el, 'option-result'))).to.equal('0 票 · 0%');
    await voteAsAnotherViewer(server, room, view.id, [1]);
    await closePoll(server, room, view.id);
    await until(() => text(part(el, 'status')).includes('投票已结束'), 'the closed status');
    expect(text(part(el, 'status'))).to.include('1 人参与');
  });

  it('fits a 320px wide phone', async () => {
    await expectFitsPhone(async () => {
      const { el } = await renderPoll({
        question: 'A rather long question that has to wrap on a small phone screen, doesn’t it?',
        options: ['A very long option label that keeps going and going', 'Short'],
      });
      return { el, buttons: () => options(el) };
    });
  });

  it('shares a connection given as a property, and says when the poll is unknown', async () => {
    const room = freshRoom('poll');
    const conn = viewerConnection(server, room);
    try {
      const el = await fixture<OnCuePoll>(html`<oncue-poll lang="en" interaction="nope" .connection=${conn}></oncue-poll>`);
      await until(() => text(part(el, 'status')) === 'This poll is not available.', 'the unknown poll is reported');
      const view = await createPoll(server, room, { question: 'Shared?', options: ['Yes', 'No'] });
      el.interaction = view.id;
      await until(() => options(el).length === 2, 'the poll shows up');
    } finally {
      conn.release();
    }
  });
});

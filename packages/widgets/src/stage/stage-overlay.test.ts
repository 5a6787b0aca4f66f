import { expect, fixture, html } from '@open-wc/testing';
import { sendMouse, setViewport } from '@web/test-runner-commands';
import { createPoll, createQuiz, freshRoom, shadow, testServer, text, until, type TestServer } from '../../test/oncue-test-server.js';
import type { OnCueStage } from './stage.js';
import './stage.js';
import '../poll/poll.js';
import '../quiz/quiz.js';

const part = (el: Element, name: string) => shadow(el).querySelector<HTMLElement>(`[part~="${name}"]`);
const shownWidget = (el: OnCueStage) => shadow(el).querySelector<HTMLElement>('[part~="item"]:not([hidden]) > *');

/** Area of `a` ∩ `b`. */
function overlap(a: DOMRect, b: { left: number; top: number; right: number; bottom: number }): number {
  return Math.max(0, Math.min(a.right, b.right) - Math.max(a.left, b.left)) * Math.max(0, Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top));
}

describe('<oncue-stage overlay> on phones', () => {
  let server: TestServer;

  before(async () => {
    server = await testServer();
  });
  after(async () => {
    await setViewport({ width: 800, height: 600 });
  });

  /** A phone page: a full-screen video with the stage after it, as the demo stream page has. */
  async function phonePage(room: string, lang = 'en') {
    const page = await fixture<HTMLElement>(html`<div>
      <div id="phone-video" style="inline-size: 100%; block-size: 100vh; background: #222"></div>
      <oncue-stage lang=${lang} overlay="#phone-video" server=${server.url} room=${room}></oncue-stage>
    </div>`);
    return { video: page.querySelector<HTMLElement>('#phone-video')!, el: page.querySelector<OnCueStage>('oncue-stage')! };
  }

  for (const [width, height] of [
    [390, 844],
    [320, 568],
  ] as const) {
    it(`at ${width}×${height}: every option of the poll is on screen and most of the video stays visible`, async function () {
      this.timeout(30000);
      await setViewport({ width, height });
      const room = freshRoom('overlay');
      await createPoll(server, room, { question: 'Which outfit should I try on next?', options: ['Red dress', 'Blue suit', 'Green coat'] });
      const { el, video } = await phonePage(room);
      const rows = await until(() => {
        const widget = shownWidget(el);
        const found = widget ? [...shadow(widget).querySelectorAll('[part~="option-row"]')] : [];
        return found.length === 3 && found;
      }, 'the poll renders over the video');
      expect(part(el, 'overlay'), 'placed over the video').not.to.equal(null);
      expect(scrollY).to.equal(0);
      for (const row of rows) {
        const box = row.getBoundingClientRect();
        expect(box.top, 'option top').to.be.at.least(0);
        expect(box.left, 'option left').to.be.at.least(0);
        expect(box.bottom, 'option bottom').to.be.at.most(innerHeight);
        expect(box.right, 'option right').to.be.at.most(innerWidth);
      }
      const screen = { left: 0, top: 0, right: innerWidth, bottom: innerHeight };
      const videoBox = video.getBoundingClientRect();
      const visibleVideo = overlap(videoBox, screen);
      const sheet = part(el, 'base')!.getBoundingClientRect();
      // What hides the video: the card and the chips (handle, tabs), not the transparent gaps between them.
      const pieces = [...shadow(el).querySelectorAll('.chip, [part~="item"]:not([hidden])')].filter((n) => n.getClientRects().length);
      const covered = pieces.reduce((sum, n) => sum + overlap(n.getBoundingClientRect(), videoBox), 0);
      expect(pieces.length).to.be.at.least(2);
      expect(covered / visibleVideo, 'share of the video the sheet covers').to.be.below(0.5);
      expect(sheet.left).to.be.at.least(videoBox.left - 1);
      expect(sheet.right).to.be.at.most(videoBox.right + 1);
      expect(Math.round(sheet.bottom)).to.equal(Math.round(Math.min(videoBox.bottom, innerHeight)));

      // Tap to fold: a pill says what is live; the video is almost all visible.
      part(el, 'toggle')!.click();
      await el.updateComplete;
      expect(text(part(el, 'toggle'))).to.equal('Poll live');
      expect(part(el, 'items')!.hidden).to.equal(true);
      expect(overlap(part(el, 'toggle')!.getBoundingClientRect(), videoBox) / visibleVideo, 'the pill covers little').to.be.below(0.05);
      expect(getComputedStyle(part(el, 'base')!).pointerEvents, 'taps around the pill reach the video').to.equal('none');
      await expect(el).to.be.accessible();

      // Tap the pill to unfold; a swipe down from the handle folds again.
      part(el, 'toggle')!.click();
      await el.updateComplete;
      expect(part(el, 'items')!.hidden).to.equal(false);
      const grip = part(el, 'toggle')!.getBoundingClientRect();
      const [x, y] = [Math.round(grip.left + grip.width / 2), Math.round(grip.top + grip.height / 2)];
      await sendMouse({ type: 'move', position: [x, y] });
      await sendMouse({ type: 'down' });
      await sendMouse({ type: 'move', position: [x, y + 80] });
      await sendMouse({ type: 'up' });
      await until(() => el.collapsed, 'the swipe folds the sheet');
      expect(text(part(el, 'toggle'))).to.equal('Poll live');
    });
  }

  it('follows the video when the page lays out again, and puts the pill’s countdown in the viewer’s language', async () => {
    await setViewport({ width: 390, height: 844 });
    const room = freshRoom('overlay');
    await createQuiz(server, room, [{ prompt: 'Capital of France?', options: ['Paris', 'Lyon'], correct: 0, seconds: 60 }]);
    const { el, video } = await phonePage(room, 'zh-CN');
    el.collapsed = true;
    const pill = await until(() => /^答题进行中 · [01]:\d\d$/.test(text(part(el, 'toggle'))) && part(el, 'toggle'), 'the Chinese pill with a countdown');
    video.style.inlineSize = '300px';
    await until(() => Math.round(part(el, 'base')!.getBoundingClientRect().width) === 300, 'the sheet narrows with the video');
    expect(pill.getAttribute('aria-expanded')).to.equal('false');
    await expect(el).to.be.accessible();
  });

  it('stays a side panel on a wide screen', async () => {
    await setViewport({ width: 1280, height: 800 });
    const room = freshRoom('overlay');
    await createPoll(server, room, { question: 'Wide?', options: ['Yes', 'No'] });
    const { el, video } = await phonePage(room);
    await until(() => shadow(el).querySelector('[part~="item"] oncue-poll'), 'the poll shows');
    expect(part(el, 'overlay')).to.equal(null);
    expect(getComputedStyle(part(el, 'base')!).position).to.equal('static');
    expect(el.getBoundingClientRect().top, 'after the video, as the page put it').to.be.at.least(video.getBoundingClientRect().bottom);
    expect(part(el, 'toggle'), 'no fold button without collapsible').to.equal(null);
  });
});

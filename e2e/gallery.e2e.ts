import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { useDemoSession } from './demo-session.js';
import { seriousViolations } from './serious-violations.js';

const demo = useDemoSession();

type Lang = 'en' | 'zh-CN';
const reconnecting = { en: ['Connection lost. Reconnecting…'], 'zh-CN': ['连接中断，正在重连…'] };

/**
 * What each cell of the gallery (widget/state) must show, in each language: the texts that tell its state. The
 * fixtures' clocks stand still, so countdowns read as the fixtures set them. Written here, not read from the page, so
 * that a fixture or a widget that stops showing its state fails.
 */
const EXPECTED: Record<string, Record<Lang, string[]>> = {
  'oncue-poll/open': { en: ['Voting open', 'Closes in 0:45', '22 people voted'], 'zh-CN': ['投票进行中', '0:45 后结束', '22 人参与'] },
  'oncue-poll/voted': { en: ['Thanks for voting!'], 'zh-CN': ['感谢参与投票！'] },
  'oncue-poll/multi-choice, results after close': {
    en: ['Choose up to 2 options', 'Results will be shown when voting closes.'],
    'zh-CN': ['最多可选 2 项', '投票结束后公布结果。'],
  },
  'oncue-poll/closed': {
    en: ['Voting closed', '54 people voted', 'Top choice', '30 votes · 56%'],
    'zh-CN': ['投票已结束', '54 人参与', '票数最多', '30 票 · 56%'],
  },
  'oncue-poll/error': { en: ['Sorry, voting has closed.'], 'zh-CN': ['抱歉，投票已结束。'] },
  'oncue-poll/offline': reconnecting,
  'oncue-quiz/open': { en: ['Question 1 of 2', 'Time left: 0:20'], 'zh-CN': ['第 1 题 / 共 2 题', '剩余时间：0:20'] },
  'oncue-quiz/answered': { en: ['Answer locked in. Results come when time is up.'], 'zh-CN': ['答案已锁定，时间到后公布结果。'] },
  'oncue-quiz/reveal: right': { en: ['Correct answer', 'Correct! +850 points'], 'zh-CN': ['正确答案', '回答正确！+850 分'] },
  'oncue-quiz/reveal: wrong': { en: ['Wrong answer, 0 points'], 'zh-CN': ['回答错误，0 分'] },
  'oncue-quiz/closed': {
    en: ['Quiz over', 'Leaderboard', 'You finished #3 with 850 points.'],
    'zh-CN': ['答题已结束', '排行榜', '你获得第 3 名，共 850 分。'],
  },
  'oncue-quiz/error': { en: ['Time is up for this question.'], 'zh-CN': ['这道题的答题时间已到。'] },
  'oncue-quiz/offline': reconnecting,
  'oncue-lottery/open': { en: ['Giveaway open', 'Closes in 1:30', 'Enter the giveaway'], 'zh-CN': ['抽奖进行中', '1:30 后结束', '参与抽奖'] },
  'oncue-lottery/entered': { en: ['You’re in! Good luck.'], 'zh-CN': ['已参与，祝你好运！'] },
  'oncue-lottery/drawing': { en: ['Drawing winners…'], 'zh-CN': ['正在开奖…'] },
  'oncue-lottery/won': { en: ['You won!', 'Claim within 23:53:20', 'Claim prize'], 'zh-CN': ['恭喜你中奖了！', '请在 23:53:20 内领奖', '领取奖品'] },
  'oncue-lottery/claimed': { en: ['Prize claimed. The host will be in touch.'], 'zh-CN': ['已领奖，主播会尽快联系你。'] },
  'oncue-lottery/lost': { en: ['Not this time. Thanks for taking part!', 'Winners'], 'zh-CN': ['很遗憾没有中奖，感谢参与！', '中奖名单'] },
  'oncue-lottery/error': { en: ['This giveaway is only for viewers who took part earlier.'], 'zh-CN': ['本次抽奖仅限参与过之前互动的观众。'] },
  'oncue-lottery/offline': reconnecting,
  'oncue-blindbox/open': { en: ['Tap what you think is inside.', 'Closes in 2:00'], 'zh-CN': ['点选你认为盒子里的东西。', '2:00 后结束'] },
  'oncue-blindbox/open: a number': { en: ['A whole number from 0 to 500'], 'zh-CN': ['0 到 500 之间的整数'] },
  'oncue-blindbox/guessed': { en: ['Your guess: Perfume'], 'zh-CN': ['你的竞猜：Perfume'] },
  'oncue-blindbox/locked': { en: ['Guesses are locked. The box opens soon…'], 'zh-CN': ['竞猜已锁定，马上开盒…'] },
  'oncue-blindbox/won': { en: ['Inside: Lipstick', 'You won a prize!'], 'zh-CN': ['盒子里是：Lipstick', '恭喜你获奖了！'] },
  'oncue-blindbox/lost': { en: ['Not this time. Thanks for guessing!'], 'zh-CN': ['很遗憾没有猜中，感谢参与！'] },
  'oncue-blindbox/cancelled': { en: ['The host called this box off: nobody wins.'], 'zh-CN': ['主播已取消本次盲盒竞猜，无人获奖。'] },
  'oncue-blindbox/error': { en: ['Sorry, guessing is closed.'], 'zh-CN': ['抱歉，竞猜已截止。'] },
  'oncue-blindbox/offline': reconnecting,
  'oncue-cheer/open': { en: ['12,480 hearts'], 'zh-CN': ['12,480 个赞'] },
  'oncue-cheer/offline': reconnecting,
  'oncue-goal/open': { en: ['6,420 of 10,000 hearts', 'Ends in 15:00'], 'zh-CN': ['6,420 / 10,000 个赞', '15:00 后结束'] },
  'oncue-goal/reached: coupon': { en: ['Goal reached!', 'LIVE-20-OFF'], 'zh-CN': ['目标达成！', 'LIVE-20-OFF'] },
  'oncue-goal/reached: giveaway': { en: ['The giveaway is on'], 'zh-CN': ['抽奖开始了'] },
  'oncue-goal/expired': { en: ['Time’s up: the goal was not reached.'], 'zh-CN': ['时间到，目标未达成。'] },
  'oncue-goal/offline': reconnecting,
  'oncue-milestone-badge/no badge yet': {
    en: ['Take part in the live interactions to earn badges and rewards.'],
    'zh-CN': ['参与直播互动即可获得徽章和奖励。'],
  },
  'oncue-milestone-badge/open': { en: ['4 more to Bronze'], 'zh-CN': ['还差 4 次升级到 Bronze'] },
  'oncue-milestone-badge/won': { en: ['3 more to Silver', 'Your rewards', 'BRONZE-10'], 'zh-CN': ['还差 3 次升级到 Silver', '我的奖励', 'BRONZE-10'] },
  'oncue-milestone-badge/every badge': { en: ['Every badge earned!'], 'zh-CN': ['所有徽章均已获得！'] },
  'oncue-milestone-badge/error': { en: ['Rewards are paused for this account:'], 'zh-CN': ['该账号的奖励暂停发放：'] },
  'oncue-milestone-badge/offline': reconnecting,
  'oncue-stage/waiting': { en: ['Waiting for the host…'], 'zh-CN': ['等待主播发起互动…'] },
  'oncue-stage/open': { en: ['Closes in 0:45'], 'zh-CN': ['0:45 后结束'] },
  'oncue-stage/several open': { en: ['Question 1 of 2', 'Giveaway'], 'zh-CN': ['第 1 题 / 共 2 题', '抽奖'] },
  'oncue-stage/closed': { en: ['Dismiss', 'Top choice'], 'zh-CN': ['关闭', '票数最多'] },
  'oncue-stage/folded': { en: ['Poll live · 0:45'], 'zh-CN': ['投票进行中 · 0:45'] },
  'oncue-stage/offline': reconnecting,
  'oncue-stage/error': { en: ['Can’t connect to the live room.'], 'zh-CN': ['无法连接直播间。'] },
  'oncue-poll-form/open': { en: ['New poll'], 'zh-CN': ['新建投票'] },
  'oncue-poll-form/error': { en: ['Write a question.'], 'zh-CN': ['请填写问题。'] },
  'oncue-quiz-builder/open': { en: ['Add question'], 'zh-CN': ['添加题目'] },
  'oncue-quiz-builder/error': { en: ['Write question 1.'], 'zh-CN': ['请填写第 1 题。'] },
  'oncue-lottery-panel/open': { en: ['New giveaway'], 'zh-CN': ['新建抽奖'] },
  'oncue-lottery-panel/error': { en: ['Describe the prize.'], 'zh-CN': ['请填写奖品。'] },
  'oncue-blindbox-form/open': { en: ['New blind box'], 'zh-CN': ['新建盲盒竞猜'] },
  'oncue-blindbox-form/error': { en: ['Write a title.'], 'zh-CN': ['请填写标题。'] },
  'oncue-goal-panel/open': { en: ['Set a goal'], 'zh-CN': ['设置目标'] },
  'oncue-goal-panel/error': { en: ['Enter a whole number from 1 to 1000000000.'], 'zh-CN': ['请输入 1 到 1000000000 之间的整数。'] },
};

/** The page's cells and the text each shows, shadow roots included (style sheets left out): one short string per cell. */
async function cellTexts(page: Page): Promise<Record<string, string>> {
  return page.evaluate(() => {
    const deep = (node: Node): string => {
      if (node.nodeType === Node.TEXT_NODE) return node.textContent ?? '';
      if (node.nodeName === 'STYLE' || node.nodeName === 'SCRIPT') return '';
      const children = [...((node as Element).shadowRoot?.childNodes ?? []), ...node.childNodes];
      return children.map(deep).join(' ');
    };
    const texts: Record<string, string> = {};
    for (const cell of document.querySelectorAll<HTMLElement>('[data-cell]')) {
      texts[cell.dataset.cell!] = deep(cell.querySelector('h3')!.nextElementSibling!).replace(/\s+/g, ' ').trim();
    }
    return texts;
  });
}

/** The cells missing one of their expected texts, as "cell: text" lines (short, so that a failure reads). */
function missing(texts: Record<string, string>, lang: Lang): string[] {
  return Object.entries(EXPECTED).flatMap(([cell, expected]) =>
    expected[lang].filter((text) => !texts[cell]?.includes(text)).map((text) => `${cell}: ${text} (shows "${(texts[cell] ?? 'no cell').slice(0, 160)}")`),
  );
}

describe('the component gallery (/gallery)', () => {
  let context: BrowserContext;
  let page: Page;
  const errors: string[] = [];

  beforeAll(async () => {
    // Reduced motion: the result bars and counts are drawn at their values at once.
    context = await demo.browser.newContext({ viewport: { width: 1280, height: 900 }, reducedMotion: 'reduce' });
    page = await context.newPage();
    page.on('pageerror', (e) => errors.push(String(e)));
    // The gallery needs no server connection: any WebSocket or API call would be a fixture leaking to the network.
    page.on('request', (request) => {
      if (/\/socket\.io\/|\/api\//.test(request.url())) errors.push(`request to ${request.url()}`);
    });
  });
  afterAll(async () => {
    await context?.close();
  });

  /** Opens the gallery with a theme and a language, once every cell rendered and every scripted tap (a refusal) happened. */
  async function open(query: string): Promise<void> {
    await page.goto(`${demo.server.url}/gallery?${query}`);
    await page.waitForFunction(() => {
      const cells = [...document.querySelectorAll<HTMLElement>('[data-cell]')];
      return cells.length > 0 && cells.every((cell) => (cell.querySelector('h3')?.nextElementSibling as Element | null)?.shadowRoot?.childElementCount);
    });
    // The refusals are shown after a scripted tap: wait for them, and for each one's message.
    await page.waitForFunction(() => document.body.dataset.played === 'true');
    // Up to 10 s, without failing here: the test's own assertion then says which cell misses which text.
    const lang = (new URLSearchParams(query).get('lang') ?? 'en') as Lang;
    for (const until = Date.now() + 10_000; Date.now() < until && missing(await cellTexts(page), lang).length; ) await page.waitForTimeout(100);
  }

  it('shows exactly the cells it promises, each under a heading naming its state', async () => {
    await open('lang=en&theme=light');
    const cells = Object.keys(await cellTexts(page));
    expect(cells.sort()).toEqual(Object.keys(EXPECTED).sort());
    // The page's own headings (Playwright's locators would also find the widgets' headings, in their shadow roots).
    const [widgets, states] = await page.evaluate(() => [
      document.querySelectorAll('main > section > h2').length,
      [...document.querySelectorAll('[data-cell] > h3')].filter((h) => h.textContent === h.closest<HTMLElement>('[data-cell]')!.dataset.cell!.split('/')[1])
        .length,
    ]);
    expect(widgets).toBe(13);
    expect(states).toBe(cells.length);
  });

  for (const lang of ['en', 'zh-CN'] as const) {
    for (const theme of ['light', 'dark'] as const) {
      it(`renders every widget × state in ${lang}, ${theme} theme, with no serious or critical axe violation`, async () => {
        await open(`lang=${lang}&theme=${theme}`);
        expect(await page.evaluate(() => [document.documentElement.lang, document.documentElement.dataset.theme])).toEqual([lang, theme]);
        expect(missing(await cellTexts(page), lang)).toEqual([]);
        expect(await seriousViolations(page)).toEqual([]);
        expect(errors).toEqual([]);
      });
    }
  }

  it('switches theme and language from its controls, without reloading', async () => {
    await open('lang=en&theme=light');
    const surface = () =>
      page
        .locator('oncue-poll')
        .first()
        .evaluate((el) => getComputedStyle(el.shadowRoot!.querySelector('[part~="base"]')!).backgroundColor);
    const light = await surface();
    await page.getByLabel('Dark').check();
    await expect.poll(surface).not.toBe(light);
    await page.getByLabel('简体中文').check();
    await expect.poll(async () => missing(await cellTexts(page), 'zh-CN')).toEqual([]);
    expect(new URL(page.url()).search).toBe('?lang=zh-CN&theme=dark');
    expect(errors).toEqual([]);
  });
});

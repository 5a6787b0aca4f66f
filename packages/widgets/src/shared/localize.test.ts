import { expect, fixture, html } from '@open-wc/testing';
import { LitElement } from 'lit';
import { Localize, matchLocale, requestedLocale, setLocale } from './localize.js';
import { viewerMessages } from './viewer-messages.js';
import { cheerMessages } from '../cheer/cheer-messages.js';
import { goalMessages } from '../goal/goal-messages.js';
import { milestoneBadgeMessages } from '../milestone-badge/milestone-badge-messages.js';
import { goalPanelMessages } from '../host-console/goal-panel-messages.js';
import { hostMessages } from '../host-console/host-messages.js';
import { lotteryPanelMessages } from '../lottery/lottery-panel-messages.js';
import { pollHostMessages } from '../poll/poll-host-messages.js';
import { quizHostMessages } from '../quiz/quiz-host-messages.js';
import { lotteryMessages } from '../lottery/lottery-messages.js';
import { pollMessages } from '../poll/poll-messages.js';
import { quizMessages } from '../quiz/quiz-messages.js';
import { stageMessages } from '../stage/stage-messages.js';

class Greeter extends LitElement {
  readonly l10n = new Localize(this, viewerMessages);
  override render() {
    return html`<p>${this.l10n.t('votes', 2, '2')}</p>`;
  }
}
customElements.define('localize-greeter', Greeter);

const said = (el: Greeter) => el.shadowRoot!.querySelector('p')!.textContent;

describe('localiser', () => {
  afterEach(() => setLocale());

  it('matches a requested language to a catalogue, falling back to English', () => {
    const available = ['en', 'zh-CN'];
    expect(matchLocale('zh-CN', available)).to.equal('zh-CN');
    expect(matchLocale('zh', available)).to.equal('zh-CN');
    expect(matchLocale('zh-Hans-CN', available)).to.equal('zh-CN');
    expect(matchLocale('en-GB', available)).to.equal('en');
    expect(matchLocale('fr', available)).to.equal('en');
  });

  it('reads the element lang, then the closest [lang] across shadow roots', async () => {
    const outer = await fixture(html`<div lang="zh-CN"><span></span></div>`);
    const inner = document.createElement('b');
    outer.querySelector('span')!.attachShadow({ mode: 'open' }).append(inner);
    expect(requestedLocale(inner)).to.equal('zh-CN');
    inner.setAttribute('lang', 'en');
    expect(requestedLocale(inner)).to.equal('en');
  });

  it('re-renders when an ancestor lang changes or setLocale() is called', async () => {
    const wrapper = await fixture(html`<div lang="en"><localize-greeter></localize-greeter></div>`);
    const el = wrapper.querySelector<Greeter>('localize-greeter')!;
    await el.updateComplete;
    expect(said(el)).to.equal('2 votes');
    wrapper.setAttribute('lang', 'zh-CN');
    await new Promise((r) => setTimeout(r));
    await el.updateComplete;
    expect(said(el)).to.equal('2 票');
    wrapper.setAttribute('lang', 'en');
    setLocale('zh-CN');
    await el.updateComplete;
    expect(said(el)).to.equal('2 票');
    el.setAttribute('lang', 'en');
    await new Promise((r) => setTimeout(r));
    await el.updateComplete;
    expect(said(el), 'own lang beats setLocale').to.equal('2 votes');
  });

  it('uses plural functions', () => {
    expect(viewerMessages.en.votes(1, '1')).to.equal('1 vote');
    expect(viewerMessages.en.votes(3, '3')).to.equal('3 votes');
    expect(viewerMessages.en.chooseUpTo(2)).to.equal('Choose up to 2 options');
  });

  it('has every message in zh-CN, for viewers and hosts', () => {
    // Each element's own catalogue (what the loader and each kind's chunk carry) and the whole sets.
    for (const catalogues of [
      stageMessages,
      pollMessages,
      quizMessages,
      lotteryMessages,
      cheerMessages,
      goalMessages,
      milestoneBadgeMessages,
      viewerMessages,
      hostMessages,
      pollHostMessages,
      quizHostMessages,
      lotteryPanelMessages,
      goalPanelMessages,
    ] as Array<{
      en: object;
      'zh-CN'?: object;
    }>) {
      const zh = catalogues['zh-CN']!;
      for (const key of Object.keys(catalogues.en)) expect(zh, key).to.have.property(key);
    }
  });
});

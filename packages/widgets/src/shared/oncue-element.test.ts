import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { OnCueElement } from './oncue-element.js';

class FirstCopy extends OnCueElement {}
class SecondCopy extends OnCueElement {}

describe('OnCueElement', () => {
  it('defines a tag once and ignores a second definition (a bundle loaded twice)', () => {
    FirstCopy.define('oncue-define-test');
    expect(() => SecondCopy.define('oncue-define-test')).not.to.throw();
    expect(customElements.get('oncue-define-test')).to.equal(FirstCopy);
  });

  it('emits events that bubble out of shadow roots with a typed detail', async () => {
    FirstCopy.define('oncue-define-test');
    const host = await fixture(html`<div></div>`);
    const el = document.createElement('oncue-define-test') as FirstCopy;
    host.attachShadow({ mode: 'open' }).append(el);
    setTimeout(() => el.emit('oncue-vote', { interaction: 'p1', choices: [0] }));
    const event = await oneEvent(host, 'oncue-vote');
    expect(event.detail).to.deep.equal({ interaction: 'p1', choices: [0] });
    expect(event.composed).to.equal(true);
  });
});

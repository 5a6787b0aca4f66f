import { expect, fixture, html } from '@open-wc/testing';
import { LitElement } from 'lit';
import { atom, type WritableAtom } from 'nanostores';
import { StoreController } from './store-controller.js';

class StoreHost extends LitElement {
  readonly counter: WritableAtom<number> = atom(1);
  readonly controller = new StoreController(this, this.counter);
  renders = 0;

  override render() {
    this.renders++;
    return html`<output>${this.controller.value}</output>`;
  }
}
customElements.define('store-controller-host', StoreHost);

const listeners = (store: unknown) => (store as { lc: number }).lc;
const shown = (el: StoreHost) => el.shadowRoot!.querySelector('output')!.textContent;

describe('StoreController', () => {
  it('renders the store value and re-renders when it changes', async () => {
    const el = await fixture<StoreHost>(html`<store-controller-host></store-controller-host>`);
    expect(shown(el)).to.equal('1');
    el.counter.set(2);
    await el.updateComplete;
    expect(shown(el)).to.equal('2');
  });

  it('listens only while the host is connected', async () => {
    const el = await fixture<StoreHost>(html`<store-controller-host></store-controller-host>`);
    expect(listeners(el.counter)).to.equal(1);
    const parent = el.parentElement!;
    el.remove();
    expect(listeners(el.counter)).to.equal(0);
    const renders = el.renders;
    el.counter.set(5);
    await el.updateComplete;
    expect(el.renders).to.equal(renders);
    parent.append(el);
    await el.updateComplete;
    expect(listeners(el.counter)).to.equal(1);
    expect(shown(el)).to.equal('5');
  });

  it('follows a swapped store and lets go of the old one', async () => {
    const el = await fixture<StoreHost>(html`<store-controller-host></store-controller-host>`);
    const other = atom(10);
    el.controller.store = other;
    await el.updateComplete;
    expect(shown(el)).to.equal('10');
    expect(listeners(el.counter)).to.equal(0);
    other.set(11);
    await el.updateComplete;
    expect(shown(el)).to.equal('11');
  });
});

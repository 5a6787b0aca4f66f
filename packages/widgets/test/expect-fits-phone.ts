import { expect } from '@open-wc/testing';
import { setViewport } from '@web/test-runner-commands';

/**
 * Renders a widget on a 320 px wide phone and checks that it, each of its
 * option buttons and the page fit the width, and that every button is a
 * ≥ 44 px tap target. Restores the default viewport afterwards.
 */
export async function expectFitsPhone(render: () => Promise<{ el: Element; buttons: () => Element[] }>): Promise<void> {
  await setViewport({ width: 320, height: 640 });
  try {
    const { el, buttons } = await render();
    expect(el.getBoundingClientRect().width).to.be.at.most(320);
    for (const button of buttons()) {
      expect(button.getBoundingClientRect().right).to.be.at.most(320);
      expect(button.getBoundingClientRect().height).to.be.at.least(44);
    }
    expect(document.documentElement.scrollWidth).to.be.at.most(320);
  } finally {
    await setViewport({ width: 800, height: 600 });
  }
}

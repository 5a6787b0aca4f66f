import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** Viewports narrower than this (CSS px) get the overlay; wider ones keep the stage where the page put it. */
export const OVERLAY_BELOW = 820;

/**
 * Places `<oncue-stage overlay="…">` over the page's video on narrow screens: a fixed box as wide as the video,
 * its bottom on the video's bottom edge, or on the viewport's when the video runs past it (a bottom sheet within
 * the video's bounds). Fixed positioning rather than moving the element: the page's layout stays as written, and
 * the box follows the video through a `ResizeObserver` on it and the window's `resize` and `scroll`.
 */
export class OverlayPlacement implements ReactiveController {
  /** The inline style of the fixed box while overlaid; `''` when not (a wide screen, no such element). */
  style = '';
  private target: Element | null = null;
  private readonly observer = new ResizeObserver(() => this.place());

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly selector: () => string,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    addEventListener('resize', this.place);
    addEventListener('scroll', this.place, true);
  }

  hostDisconnected(): void {
    removeEventListener('resize', this.place);
    removeEventListener('scroll', this.place, true);
    this.observer.disconnect();
    this.target = null;
  }

  /** After each render: the video may have come (or gone) since. */
  hostUpdated(): void {
    this.place();
  }

  private readonly place = (): void => {
    const selector = this.selector();
    const target = selector && innerWidth < OVERLAY_BELOW ? (this.host.getRootNode() as ParentNode).querySelector(selector) : null;
    if (target !== this.target) {
      this.observer.disconnect();
      if (target) this.observer.observe(target);
      this.target = target;
    }
    let style = '';
    if (target) {
      const box = target.getBoundingClientRect();
      // Never above the middle of the viewport: with the video scrolled away the sheet stays in reach.
      const bottom = Math.max(0, Math.min(innerHeight - box.bottom, innerHeight / 2));
      style = `left:${box.left}px;width:${box.width}px;bottom:${bottom}px`;
    }
    if (style !== this.style) {
      this.style = style;
      this.host.requestUpdate();
    }
  };
}

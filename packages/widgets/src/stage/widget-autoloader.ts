import { interactionWidgetKindOfTag, onInteractionWidgetRegistered } from './interaction-widgets.js';
import { loadInteractionWidget } from './widget-loader.js';

/** Loads the kinds whose elements are in `root` and not yet defined. */
function discover(root: ParentNode): void {
  const candidates = root instanceof Element ? [root, ...root.querySelectorAll(':not(:defined)')] : [...root.querySelectorAll(':not(:defined)')];
  for (const element of candidates) {
    if (!element.localName.includes('-') || customElements.get(element.localName)) continue;
    const entry = interactionWidgetKindOfTag(element.localName);
    if (entry?.load) void loadInteractionWidget(entry.kind);
  }
}

/**
 * Loads a kind's element the first time it appears in the page (`<oncue-poll>` written in the HTML or added later),
 * like Shoelace's autoloader: one look at the document, then a `MutationObserver` on every added node. Returns the
 * function that stops watching. The stage loads what it shows itself; this covers elements a page uses directly.
 */
export function autoloadInteractionWidgets(root: Document | ShadowRoot = document): () => void {
  discover(root);
  const observer = new MutationObserver((mutations) => {
    for (const mutation of mutations) for (const node of mutation.addedNodes) if (node instanceof Element) discover(node);
  });
  observer.observe(root, { childList: true, subtree: true });
  const unsubscribe = onInteractionWidgetRegistered(() => discover(root));
  return () => {
    observer.disconnect();
    unsubscribe();
  };
}

import { map } from 'nanostores';
import { interactionWidgetKind, type ViewerKind } from './interaction-widgets.js';

/** Where loading a kind's element stands: `failed` while it waits to retry. */
export type WidgetLoadState = 'loading' | 'ready' | 'failed';

/** The load state of each kind whose element was asked for (by kind). The stage shows `failed` in the widget's place. */
export const $widgetLoads = map<Record<string, WidgetLoadState>>({});

/** Retry delays after a failed load, in ms: doubling from `first` up to `max`, with ±20 % jitter. */
export const widgetRetry = { first: 1000, max: 30_000 };

const loading = new Map<string, Promise<CustomElementConstructor>>();

/**
 * Loads the element of `kind` (its registered loader, once), and resolves with its class once defined. A failed
 * load marks the kind `failed` and retries with backoff until it succeeds; the promise resolves then. Rejects only
 * for a kind that is not registered or has no loader while its element is undefined.
 */
export function loadInteractionWidget(kind: string): Promise<CustomElementConstructor> {
  const entry = interactionWidgetKind(kind);
  if (!entry) return Promise.reject(new Error(`OnCue: no element is registered for "${kind}"`));
  const defined = customElements.get(entry.tag);
  if (defined) return Promise.resolve(defined);
  let pending = loading.get(entry.tag);
  if (!pending) {
    pending = attempt(entry);
    loading.set(entry.tag, pending);
  }
  return pending;
}

async function attempt(entry: ViewerKind): Promise<CustomElementConstructor> {
  const { kind, tag, load } = entry;
  if (!load) return customElements.whenDefined(tag);
  for (let delay = widgetRetry.first; ; delay = Math.min(delay * 2, widgetRetry.max)) {
    $widgetLoads.setKey(kind, 'loading');
    try {
      await load();
      const defined = await customElements.whenDefined(tag);
      $widgetLoads.setKey(kind, 'ready');
      return defined;
    } catch (error) {
      $widgetLoads.setKey(kind, 'failed');
      console.warn(`OnCue: could not load the "${kind}" element; retrying`, error);
      await new Promise((resolve) => setTimeout(resolve, delay * (0.8 + Math.random() * 0.4)));
    }
  }
}

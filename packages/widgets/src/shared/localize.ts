import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** A message: a string, or a function of its parameters (plurals, numbers, names). */
export type Message = string | ((...args: never[]) => string);
export type Catalogue = Record<string, Message>;
/** Catalogues by locale; `en` is the reference and the fallback for missing keys. */
export type Catalogues<M extends Catalogue> = { en: M } & Record<string, Partial<M>>;
type Args<F> = F extends (...args: infer A) => string ? A : [];

let override: string | undefined;
const active = new Set<ReactiveControllerHost>();
let observer: MutationObserver | undefined;

function refreshAll(): void {
  for (const host of active) host.requestUpdate();
}

/**
 * Makes every OnCue element speak `locale` (e.g. `'zh-CN'`), unless it has its
 * own `lang` attribute. `setLocale()` without an argument goes back to the page language.
 */
export function setLocale(locale?: string | null): void {
  override = locale || undefined;
  refreshAll();
}

/**
 * The language an element asks for: its own `lang` attribute, then the
 * {@link setLocale} override, then the closest `[lang]` ancestor (across
 * shadow roots, up to `<html lang>`), then `navigator.language`.
 */
export function requestedLocale(element: Element): string {
  const own = element.getAttribute('lang');
  if (own) return own;
  if (override) return override;
  for (let node: Node | null = element; node; node = node.parentNode ?? (node as ShadowRoot).host ?? null) {
    const lang = node instanceof Element && node.getAttribute('lang');
    if (lang) return lang;
  }
  return navigator.language || 'en';
}

/** The best available locale for a BCP 47 tag: exact, then same language (`zh-TW` → `zh-CN`), else `en`. */
export function matchLocale(requested: string, available: readonly string[]): string {
  const want = requested.toLowerCase();
  const language = want.split('-')[0];
  return available.find((l) => l.toLowerCase() === want) ?? available.find((l) => l.split('-')[0].toLowerCase() === language) ?? 'en';
}

/**
 * Translates for one element. Resolves the locale before each render and
 * re-renders when `setLocale()` is called or a `lang` attribute changes.
 */
export class Localize<M extends Catalogue> implements ReactiveController {
  /** The locale of the last render (a key of the catalogues). */
  locale = 'en';

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly catalogues: Catalogues<M>,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    active.add(this.host);
    if (!observer && typeof MutationObserver !== 'undefined') {
      observer = new MutationObserver(refreshAll);
      observer.observe(document.documentElement, { attributes: true, attributeFilter: ['lang'], subtree: true });
    }
  }

  hostDisconnected(): void {
    active.delete(this.host);
  }

  hostUpdate(): void {
    this.locale = matchLocale(requestedLocale(this.host), Object.keys(this.catalogues));
  }

  /** The message `key` in the current locale, falling back to English. */
  t = <K extends keyof M & string>(key: K, ...args: Args<M[K]>): string => {
    const message = (this.catalogues[this.locale]?.[key] ?? this.catalogues.en[key]) as Message;
    return typeof message === 'function' ? (message as (...a: unknown[]) => string)(...args) : message;
  };

  /** Formats a number for the current locale (`{ style: 'percent' }` for shares). */
  number = (value: number, options?: Intl.NumberFormatOptions): string => new Intl.NumberFormat(this.locale, options).format(value);
}

import { matchLocale, type Catalogue, type Catalogues, type Localize } from '../shared/localize.js';

/** What the console lends a kind's list item: the kind's own words in the console's language, the server clock and the shared actions. */
export interface HostItemContext<M extends Catalogue = Catalogue> {
  /** The kind's host catalogue in the console's locale (English for missing keys). */
  t: Localize<M>['t'];
  /** Formats a number for the console's locale (`{ style: 'percent' }` for shares). */
  number: (value: number, options?: Intl.NumberFormatOptions) => string;
  /** The server's clock, ms since the epoch (for countdowns). */
  now: number;
  /** A host action on this interaction is in flight: its buttons are disabled. */
  busy: boolean;
  /** Launches (`open`) or closes the interaction. A refusal shows above the list. */
  transition(to: 'open' | 'close'): void;
  /** Moves the interaction on (`host:next`: the kind's next step), from the step the host sees. A refusal shows above the list. */
  next(step?: { from?: number; reveal?: boolean; cancel?: boolean }): void;
}

/** The translate and number functions of a catalogue in `locale` (matched as `Localize` does), for code that renders inside another element. */
export function wordsOf<M extends Catalogue>(
  catalogues: Catalogues<M>,
  locale: string,
): { locale: string; t: Localize<M>['t']; number: HostItemContext['number'] } {
  const matched = matchLocale(locale, Object.keys(catalogues));
  const t = ((key: keyof M & string, ...args: unknown[]) => {
    const message = catalogues[matched]?.[key] ?? catalogues.en[key];
    return typeof message === 'function' ? (message as (...a: unknown[]) => string)(...args) : message;
  }) as Localize<M>['t'];
  return { locale: matched, t, number: (value, options) => new Intl.NumberFormat(matched, options).format(value) };
}

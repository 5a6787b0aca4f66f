import type { BlindboxView, InteractionView, LotteryView } from '@oncue/protocol';
import type { TemplateResult } from 'lit';
import { atom, type ReadableAtom } from 'nanostores';
import { blindboxHostMessages } from '../blindbox/blindbox-host-messages.js';
import { blindboxItem } from '../blindbox/blindbox-item.js';
import { lotteryPanelMessages } from '../lottery/lottery-panel-messages.js';
import { pollHostMessages } from '../poll/poll-host-messages.js';
import { pollItem } from '../poll/poll-item.js';
import { quizHostMessages } from '../quiz/quiz-host-messages.js';
import { quizItem } from '../quiz/quiz-item.js';
import type { Catalogues, Localize } from '../shared/localize.js';
import { wordsOf, type HostItemContext } from './host-item.js';
import type { HostMessages } from './host-messages.js';

/** A kind's host catalogue: every console message (refusals in the list are worded from it) and `kindLabel`, its name in the switch. */
export type HostKindMessages = HostMessages & { kindLabel: string };

/** An element the console shows for a kind, created once per console and given the console's host `connection`. */
export interface HostKindElement {
  /** The custom element's tag (defined by the kind's `load`). */
  tag: string;
  /** Attributes set when it is created (`part`, `exportparts`, options of the element). */
  attributes?: Readonly<Record<string, string>>;
  /** A message key of the kind's catalogue: the console puts the element in a panel under this heading (for an element without its own). */
  heading?: string;
}

/** Everything the host console knows of a kind of interaction: one entry of the host registry. */
export interface HostKind<V = never, M extends HostKindMessages = HostKindMessages> {
  /** The interaction kind (`InteractionView['kind']`), also the value of its radio button in the switch. */
  kind: string;
  /** The kind's host words, en + zh-CN. */
  messages: Catalogues<M>;
  /** The form that creates an interaction of the kind, shown when the kind is chosen in the switch. */
  form: HostKindElement;
  /** One interaction of the kind in the console's list: an `<li part="item">` (see `poll-item.ts`). Without it the kind is left out of the list (its `panel` lists it). */
  item?: (view: V, c: HostItemContext<M>) => TemplateResult;
  /** How the host's menus name an interaction of the kind (e.g. a giveaway's "only viewers who took part in: …"); its id without it. */
  name?: (view: V, t: Localize<M>['t']) => string;
  /** An element shown above the list once the room has an interaction of the kind, or while its form is chosen (e.g. the giveaways with their draws and claims). */
  panel?: HostKindElement;
  /** Defines the kind's host elements (`import('…/x-form.js')`); called the first time one is shown. */
  load: () => Promise<unknown>;
}

/** The registry's entries, with their view and catalogue types forgotten. */
export type AnyHostKind = HostKind<any, any>;

/** Types a registry line against its view and catalogue. */
export const hostKind = <V extends InteractionView, M extends HostKindMessages>(kind: HostKind<V, M>): AnyHostKind => kind;

/** The host registry: one line per kind, in the order of the console's switch. */
const $kinds = atom<readonly AnyHostKind[]>([
  hostKind({
    kind: 'poll',
    messages: pollHostMessages,
    form: { tag: 'oncue-poll-form', attributes: { exportparts: 'form, field, button, primary, error, field-error, counter' } },
    item: pollItem,
    name: (view) => view.question,
    load: () => import('../poll/poll-form.js'),
  }),
  hostKind({
    kind: 'quiz',
    messages: quizHostMessages,
    form: { tag: 'oncue-quiz-builder', attributes: { part: 'quiz-builder' }, heading: 'newQuiz' },
    item: quizItem,
    name: (view, t) => t('quizName', view.questions.length),
    load: () => import('../quiz/quiz-builder.js'),
  }),
  hostKind({
    kind: 'lottery',
    messages: lotteryPanelMessages,
    form: { tag: 'oncue-lottery-panel', attributes: { part: 'lottery-form', exportparts: 'form: lottery-form', show: 'form' } },
    name: (view: LotteryView) => view.prize,
    panel: { tag: 'oncue-lottery-panel', attributes: { part: 'lottery-list', exportparts: 'list: lottery-list', show: 'list' } },
    load: () => import('../lottery/lottery-panel.js'),
  }),
  hostKind({
    kind: 'blindbox',
    messages: blindboxHostMessages,
    form: { tag: 'oncue-blindbox-form', attributes: { exportparts: 'form, field, button, primary, error, field-error, counter' } },
    item: blindboxItem,
    name: (view: BlindboxView) => view.title,
    load: () => import('../blindbox/blindbox-form.js'),
  }),
]);

/** The host registry, read by every `<oncue-host-console>` (which re-renders when it changes) and by menus that name interactions. */
export const hostKinds: ReadableAtom<readonly AnyHostKind[]> = $kinds;

/**
 * Adds a kind to every host console (or replaces the registered kind of the same name, in place).
 * Returns a function that removes it again.
 */
export function registerHostKind(kind: AnyHostKind): () => void {
  const current = $kinds.get();
  const at = current.findIndex((k) => k.kind === kind.kind);
  $kinds.set(at < 0 ? [...current, kind] : current.map((k, i) => (i === at ? kind : k)));
  return () => $kinds.set($kinds.get().filter((k) => k !== kind));
}

/** How the host's menus name `view`, in `locale`, through its kind's registry line (its id for a kind not registered). */
export function hostName(view: { kind: string; id: string }, locale: string): string {
  const kind = $kinds.get().find((k) => k.kind === view.kind);
  return kind?.name ? kind.name(view, wordsOf(kind.messages, locale).t) : view.id;
}

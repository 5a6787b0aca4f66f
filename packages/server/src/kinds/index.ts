import { KindRegistry, type AnyKindHandler } from './interaction-kind.js';
import { blindboxKind } from './blindbox/blindbox-kind.js';
import { lotteryKind } from './lottery/lottery-kind.js';
import { pollKind } from './poll/poll-kind.js';
import { quizKind } from './quiz/quiz-kind.js';

/**
 * The server's kind registry: the one list of the kinds this server runs. A new kind adds its handler here
 * (one line; docs/adding-a-kind.md); nothing else on the server names a kind.
 */
export const BUILTIN_KINDS: readonly AnyKindHandler[] = [pollKind, quizKind, lotteryKind, blindboxKind];

/** A registry of the built-in kinds and `extra` ones (a server's `kinds` option: kinds an integrator or a test adds). */
export function createKindRegistry(extra: readonly AnyKindHandler[] = []): KindRegistry {
  return new KindRegistry([...BUILTIN_KINDS, ...extra]);
}

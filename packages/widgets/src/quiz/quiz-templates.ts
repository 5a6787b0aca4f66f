import { defaultStorage, readItem, writeItem, type KeyValueStorage } from '@oncue/core';
import type { QuizSpecInput } from '@oncue/protocol';

/** A saved question set: everything of a quiz launch but whether it starts as a draft. */
export interface QuizTemplate {
  name: string;
  /** When it was last saved, ms since the epoch. */
  savedAt: number;
  quiz: Omit<QuizSpecInput, 'draft'>;
}

const KEY = 'oncue:quiz-templates';
/** Most templates kept; saving one more drops the oldest. */
export const MAX_QUIZ_TEMPLATES = 50;

/**
 * The host's saved question sets, in this browser's storage (`localStorage`
 * where it works). A template is the JSON body of a quiz launch, so one can
 * also be kept in a file and sent to the REST API as is.
 */
export class QuizTemplates {
  constructor(private readonly storage: KeyValueStorage = defaultStorage()) {}

  /** Newest first. Entries that are not templates (an older or damaged save) are left out. */
  list(): QuizTemplate[] {
    try {
      const parsed: unknown = JSON.parse(readItem(this.storage, KEY) ?? '[]');
      return Array.isArray(parsed) ? parsed.filter(isTemplate).sort((a, b) => b.savedAt - a.savedAt) : [];
    } catch {
      return [];
    }
  }

  get(name: string): QuizTemplate | undefined {
    return this.list().find((t) => t.name === name);
  }

  /** Saves under `name`, replacing a template of the same name. */
  save(name: string, quiz: Omit<QuizSpecInput, 'draft'>, now = Date.now()): QuizTemplate {
    const template: QuizTemplate = { name, savedAt: now, quiz };
    this.write([template, ...this.list().filter((t) => t.name !== name)].slice(0, MAX_QUIZ_TEMPLATES));
    return template;
  }

  remove(name: string): void {
    this.write(this.list().filter((t) => t.name !== name));
  }

  private write(templates: QuizTemplate[]): void {
    writeItem(this.storage, KEY, JSON.stringify(templates));
  }
}

function isTemplate(value: unknown): value is QuizTemplate {
  const t = value as QuizTemplate | null;
  return typeof t?.name === 'string' && typeof t.savedAt === 'number' && Array.isArray(t.quiz?.questions);
}

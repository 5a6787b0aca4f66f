import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { OUTBOX_LIMIT } from '@oncue/core';
import { createPoll, freshRoom, privateServer, shadow, until } from '../../test/oncue-test-server.js';
import type { OnCuePoll } from '../poll/poll.js';
import '../poll/poll.js';

const optionButtons = (el: OnCuePoll) => [...shadow(el).querySelectorAll<HTMLButtonElement>('button[part~="option"]')];

describe('a full outbox in a widget', () => {
  it('shows the refusal at once, localised, and reports it as an oncue-error', async () => {
    const own = await privateServer();
    const room = freshRoom('outbox');
    const view = await createPoll(own, room, { question: 'Offline?', options: ['A', 'B'] });
    const key = `oncue:outbox:${own.url}:${room}`;
    try {
      const el = await fixture<OnCuePoll>(html`<oncue-poll lang="en" server=${own.url} room=${room} interaction=${view.id}></oncue-poll>`);
      await until(() => optionButtons(el).length, 'the poll renders');
      await own.stop();
      // The outbox this page shares with its other tabs already holds as many unanswered actions as it keeps.
      const now = Date.now();
      const waiting = Array.from({ length: OUTBOX_LIMIT }, (_, n) => ({
        key: `waiting-key-${n}`,
        type: 'vote',
        interaction: 'other',
        choices: [0],
        createdAt: now,
      }));
      localStorage.setItem(key, JSON.stringify(waiting));

      const refused = oneEvent(el, 'oncue-error');
      optionButtons(el)[0]!.click();
      expect((await refused).detail).to.deep.equal({
        code: 'outbox_full',
        message: 'Too many actions are still being sent. Please wait a moment and try again.',
      });
      await until(() => shadow(el).querySelector('[part="error"]'), 'the error shown');
      expect(JSON.parse(localStorage.getItem(key)!)).to.have.length(OUTBOX_LIMIT);
    } finally {
      localStorage.removeItem(key);
      await own.stop();
    }
  });
});

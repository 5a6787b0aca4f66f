import { useState } from 'react';
import { OnCueStage } from '@oncue/react';
// <oncue-cheer> as a plain tag (typed by jsx.d.ts): importing its entry registers it.
import '@oncue/widgets/cheer';
import { firstRoom, oncueServer } from './oncue-server.js';

/** What the stage's `oncue-vote` event said last. */
interface Vote {
  interaction: string;
  choices: number[];
}

/**
 * A room picker, the room's stage (the live poll, quiz, giveaway… as the host launches them) and its cheer button.
 * The stage's events come up as React props (`onVote`, from `@oncue/react`): the last vote is React state.
 */
export function App() {
  const [room, setRoom] = useState(firstRoom);
  const [lastVote, setLastVote] = useState<Vote>();
  const [taps, setTaps] = useState(0);

  return (
    <main>
      <h1>OnCue in React</h1>
      <label>
        Room <input value={room} onChange={(event) => setRoom(event.target.value.trim() || 'demo')} />
      </label>
      <OnCueStage server={oncueServer} room={room} onVote={(event) => setLastVote(event.detail)} />
      <p id="last-vote" aria-live="polite">
        {lastVote ? `You voted for option ${lastVote.choices.map((c) => c + 1).join(', ')}.` : 'No vote yet.'}
      </p>
      <oncue-cheer server={oncueServer} room={room} ononcue-cheer={() => setTaps((n) => n + 1)} />
      <p id="taps">{taps} cheers from you</p>
    </main>
  );
}

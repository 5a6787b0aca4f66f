// React components for the OnCue widgets (made with @lit/react): properties are set as properties, and each event an
// element dispatches is an `onXxx` prop with its typed `CustomEvent` (`onVote`, `onError`, `onCheer`, …).
// Importing a component registers its tag (`@oncue/widgets/<element>`), and nothing else.
export * from './components.js';

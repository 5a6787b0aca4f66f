/**
 * The OnCue server this page talks to: `?server=` in the page's URL, else `VITE_ONCUE_SERVER` at build time, else a
 * local `npm start` (`http://localhost:8787`).
 */
export const oncueServer: string = new URLSearchParams(location.search).get('server') || import.meta.env.VITE_ONCUE_SERVER || 'http://localhost:8787';

/** The room to show first: `?room=`, else `demo`. */
export const firstRoom: string = new URLSearchParams(location.search).get('room') || 'demo';

import type { RoomConnection } from '../room-connection.js';

/** How long an action that needs the viewer id (an entry ticket) waits for it (the server's `welcome`) before going without, ms. */
export const VIEWER_WAIT_MS = 8000;

/** Resolves once the connection knows its viewer id, has failed for good, or after `timeoutMs`. */
export function viewerKnown(conn: Pick<RoomConnection, '$viewer' | '$connection'>, timeoutMs: number): Promise<void> {
  if (conn.$viewer.get() !== undefined || conn.$connection.get() === 'failed') return Promise.resolve();
  return new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      stopViewer();
      stopConnection();
      resolve();
    };
    const timer = setTimeout(done, timeoutMs);
    const stopViewer = conn.$viewer.listen((viewer) => viewer !== undefined && done());
    const stopConnection = conn.$connection.listen((state) => state === 'failed' && done());
  });
}

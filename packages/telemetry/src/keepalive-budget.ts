/**
 * Browsers cap what `fetch(…, { keepalive: true })` may have in flight: about
 * 64 KiB of bodies in total per page, and a handful of requests. We stay under
 * both; a request that does not fit is sent without `keepalive` (it may then
 * die with the page: its events stay queued and go out on the next page load).
 */
export const KEEPALIVE_MAX_BYTES = 60 * 1024;
export const KEEPALIVE_MAX_REQUESTS = 8;

let bytes = 0;
let requests = 0;

/** Reserves room for one keepalive request of `size` bytes: a release function, or `undefined` when it does not fit. */
export function reserveKeepalive(size: number): (() => void) | undefined {
  if (size + bytes > KEEPALIVE_MAX_BYTES || requests >= KEEPALIVE_MAX_REQUESTS) return undefined;
  bytes += size;
  requests += 1;
  let released = false;
  return () => {
    if (released) return;
    released = true;
    bytes -= size;
    requests -= 1;
  };
}

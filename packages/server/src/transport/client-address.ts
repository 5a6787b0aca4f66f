import type { IncomingHttpHeaders } from 'node:http';

/**
 * Whether to believe `X-Forwarded-For`: `false` (the default) uses the TCP
 * peer's address; `true` trusts every proxy in front (the leftmost address of
 * the header is the client's); a number `n` trusts the `n` proxies nearest
 * the server (the `n`-th address from the right is the client's).
 */
export type TrustProxy = boolean | number;

/** What a request (HTTP or the socket.io handshake's) tells about its sender. */
export interface AddressedRequest {
  headers: IncomingHttpHeaders;
  socket?: { remoteAddress?: string } | null;
}

/**
 * The address budgets are kept by: the client's address (through trusted
 * proxies only), with IPv4-mapped IPv6 addresses as plain IPv4 and IPv6
 * addresses grouped by their /64 (one subscriber usually holds a whole /64).
 */
export function clientAddress(request: AddressedRequest, trustProxy: TrustProxy = false): string {
  let address = request.socket?.remoteAddress ?? 'unknown';
  const forwarded = request.headers['x-forwarded-for'];
  if (trustProxy !== false && trustProxy !== 0 && forwarded !== undefined) {
    const hops = (Array.isArray(forwarded) ? forwarded.join(',') : forwarded)
      .split(',')
      .map((hop) => hop.trim())
      .filter(Boolean);
    const chosen = trustProxy === true ? hops[0] : hops[Math.max(0, hops.length - trustProxy)];
    if (chosen) address = chosen;
  }
  return addressGroup(address);
}

/** IPv4 as is; IPv4-mapped IPv6 as IPv4; other IPv6 as its /64 (`2001:db8:0:1::/64`). */
export function addressGroup(address: string): string {
  const bare = address
    .replace(/^\[|\]$/g, '')
    .replace(/%.*$/, '')
    .toLowerCase();
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(bare);
  if (mapped) return mapped[1]!;
  if (!bare.includes(':')) return bare;
  const [head = '', tail] = bare.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = tail === undefined ? left : [...left, ...Array<string>(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right];
  return `${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, '') || '0')
    .join(':')}::/64`;
}

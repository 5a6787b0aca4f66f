import { describe, expect, it } from 'vitest';
import { addressGroup, clientAddress } from './client-address.js';

const request = (remoteAddress: string, forwarded?: string) => ({
  socket: { remoteAddress },
  headers: forwarded === undefined ? {} : { 'x-forwarded-for': forwarded },
});

describe('clientAddress', () => {
  it('uses the TCP peer and ignores X-Forwarded-For unless the proxy is trusted', () => {
    expect(clientAddress(request('10.0.0.5', '203.0.113.7'))).toBe('10.0.0.5');
    expect(clientAddress(request('10.0.0.5', '203.0.113.7'), false)).toBe('10.0.0.5');
    expect(clientAddress(request('10.0.0.5', '203.0.113.7'), 0)).toBe('10.0.0.5');
  });

  it('takes the leftmost forwarded address when every proxy is trusted, the n-th from the right with n trusted hops', () => {
    const req = request('10.0.0.5', '198.51.100.9, 203.0.113.7,192.0.2.1');
    expect(clientAddress(req, true)).toBe('198.51.100.9');
    expect(clientAddress(req, 1)).toBe('192.0.2.1');
    expect(clientAddress(req, 2)).toBe('203.0.113.7');
    expect(clientAddress(req, 9)).toBe('198.51.100.9');
    expect(clientAddress(request('10.0.0.5'), 1), 'no header: the peer').toBe('10.0.0.5');
  });

  it('counts IPv4-mapped addresses as IPv4 and IPv6 by /64', () => {
    expect(addressGroup('::ffff:127.0.0.1')).toBe('127.0.0.1');
    expect(addressGroup('2001:db8:0:1:aaaa:bbbb:cccc:dddd')).toBe('2001:db8:0:1::/64');
    expect(addressGroup('2001:0db8:0000:0001::1')).toBe('2001:db8:0:1::/64');
    expect(addressGroup('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(addressGroup('[2001:DB8:0:1::2]')).toBe('2001:db8:0:1::/64');
    expect(addressGroup('::1')).toBe('0:0:0:0::/64');
  });
});

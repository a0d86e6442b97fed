import { BlockList, isIP } from 'node:net';

/** 127.0.0.0/8 and ::1 (an IPv4-mapped `::ffff:127.x.x.x` is checked against the IPv4 rule). */
const LOOPBACK = new BlockList();
LOOPBACK.addSubnet('127.0.0.0', 8, 'ipv4');
LOOPBACK.addAddress('::1', 'ipv6');

/**
 * Whether a host name or address can only mean this machine: `localhost` and its
 * subdomains (RFC 6761: resolvers and browsers keep them on loopback), 127.0.0.0/8
 * and ::1, with or without the brackets of a URL's IPv6 host. No lookup is made: a
 * name that merely resolves to 127.0.0.1 today is not loopback by name.
 */
export function isLoopbackHost(host: string): boolean {
  const name = host.toLowerCase().replace(/^\[(.*)\]$/, '$1');
  if (name === 'localhost' || name.endsWith('.localhost')) return true;
  const family = isIP(name);
  if (family === 0) return false;
  return LOOPBACK.check(name, family === 4 ? 'ipv4' : 'ipv6');
}

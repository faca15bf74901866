// The address a client is counted under by the rate limits. An IPv4 address is one client; an
// IPv6 address is not: a host (a home line, a phone, a cloud server) is given a /64, 2^64
// addresses it may use in turn, so counted by full address it would never reach a limit and
// would push everyone else's counters out of the store. ipaddr.js parses the forms an address
// comes in (compressed, with a zone, IPv4-mapped); Fastify's own proxy-addr uses it too.
import ipaddr from 'ipaddr.js';

/** `ip` as the rate limits count it: an IPv4 address as it is (also one mapped into IPv6), an IPv6 one by its /64. */
export function clientAddress(ip: string): string {
  // The common case, on every anonymous request: Node gives IPv4 addresses in their one form.
  if (!ip.includes(':') || !ipaddr.isValid(ip)) return ip;
  const address = ipaddr.process(ip);
  if (address.kind() === 'ipv4') return address.toString();
  const parts = (address as ipaddr.IPv6).parts.slice(0, 4);
  return `${parts.map((part) => part.toString(16)).join(':')}::/64`;
}

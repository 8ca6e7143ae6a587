import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { BlockList, isIP } from 'node:net';

/** Resolves a host name to every address it has (node's dns.lookup; tests inject their own). */
export type HostResolver = (host: string) => Promise<LookupAddress[]>;

export const systemResolver: HostResolver = (host) =>
  new Promise((resolve, reject) =>
    dnsLookup(host, { all: true, verbatim: true }, (error, addresses) => (error ? reject(error) : resolve(addresses))),
  );

// Where a webhook must not reach unless ALLOW_PRIVATE_WEBHOOKS=1: loopback, private (RFC 1918, ULA),
// link-local (with the cloud metadata address 169.254.169.254), carrier-grade NAT, unspecified,
// multicast and reserved ranges.
const internal = new BlockList();
for (const [net, bits] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 3],
] as const)
  internal.addSubnet(net, bits, 'ipv4');
for (const [net, bits] of [
  ['::', 127],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
  ['64:ff9b::', 96],
] as const)
  internal.addSubnet(net, bits, 'ipv6');

/** Whether an address is one a webhook must not reach (an IPv4-mapped IPv6 address counts as its IPv4). */
export function isInternalAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  if (mapped) return internal.check(mapped, 'ipv4');
  const family = isIP(address);
  if (family === 4) return internal.check(address, 'ipv4');
  if (family === 6) return internal.check(address, 'ipv6');
  return true;
}

/** The refusal, worded so it tells nothing about which internal host or address a name led to. */
export class WebhookAddressRefused extends Error {
  constructor() {
    super('webhook address refused: it does not resolve to a public address (ALLOW_PRIVATE_WEBHOOKS=1 permits it)');
  }
}

/**
 * The addresses `host` resolves to, all of them public unless `allowPrivate`; a name that resolves
 * to nothing, or to any internal address, is refused (an attacker controls a name's other records).
 */
export async function publicAddresses(
  host: string,
  allowPrivate: boolean,
  resolve: HostResolver = systemResolver,
): Promise<LookupAddress[]> {
  const bare = host.replace(/^\[(.*)\]$/, '$1');
  const addresses = isIP(bare) ? [{ address: bare, family: isIP(bare) }] : await resolve(bare).catch(() => []);
  if (!addresses.length) throw new WebhookAddressRefused();
  if (!allowPrivate && addresses.some((a) => isInternalAddress(a.address))) throw new WebhookAddressRefused();
  return addresses;
}

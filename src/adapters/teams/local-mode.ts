import { BlockList, isIP } from 'node:net';

// node:net's BlockList matches IPv4-mapped IPv6 peers (::ffff:127.0.0.1) against IPv4 subnets too.
const LOOPBACK = new BlockList();
LOOPBACK.addSubnet('127.0.0.0', 8, 'ipv4');
LOOPBACK.addAddress('::1', 'ipv6');

/** Whether an IP address (a socket's remoteAddress) is on the loopback network: 127.0.0.0/8 or ::1. */
export function isLoopbackAddress(address: string | undefined): boolean {
  const family = address ? isIP(address) : 0;
  if (!address || family === 0) return false;
  return LOOPBACK.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

/** Whether a URL points at this machine's loopback (127.0.0.0/8, [::1], localhost); 0.0.0.0 does not count. */
export function isLoopbackUrl(url: string): boolean {
  let host: string;
  try {
    host = new URL(url).hostname.toLowerCase();
  } catch {
    return false;
  }
  if (host === 'localhost') return true;
  return isLoopbackAddress(host.replace(/^\[(.*)\]$/, '$1'));
}

/**
 * docs/security.md, local mode (no app id, so no Bot Framework authentication): only a peer on loopback may post
 * activities, and only to a loopback serviceUrl may the bot reply. Returns why a request is refused, or null.
 */
export function localModeRefusal(input: {
  remoteAddress: string | undefined;
  serviceUrl?: string;
}): string | null {
  if (!isLoopbackAddress(input.remoteAddress))
    return 'Local mode (no MicrosoftAppId) answers only requests from this machine.';
  if (input.serviceUrl !== undefined && !isLoopbackUrl(input.serviceUrl))
    return 'Local mode (no MicrosoftAppId) replies only to a serviceUrl on this machine (127.0.0.1, ::1, localhost).';
  return null;
}

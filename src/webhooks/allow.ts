import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';

/** Addresses a webhook may not be sent to unless WEBHOOK_ALLOW_HOSTS names them. */
const PRIVATE = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8], // "this" network
  ['10.0.0.0', 8], // RFC 1918
  ['100.64.0.0', 10], // CGNAT (RFC 6598)
  ['127.0.0.0', 8], // loopback
  ['169.254.0.0', 16], // link-local
  ['172.16.0.0', 12], // RFC 1918
  ['192.168.0.0', 16], // RFC 1918
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, broadcast
] as const)
  PRIVATE.addSubnet(net, prefix, 'ipv4');
for (const [net, prefix] of [
  ['::', 128], // unspecified
  ['::1', 128], // loopback
  ['fc00::', 7], // unique local
  ['fe80::', 10], // link-local
  ['ff00::', 8], // multicast
] as const)
  PRIVATE.addSubnet(net, prefix, 'ipv6');

/** WEBHOOK_ALLOW_HOSTS: host names, addresses and CIDRs a webhook may be sent to although private. */
export interface AllowList {
  hosts: Set<string>;
  nets: BlockList;
}

/** Parses `host,10.0.0.0/8,127.0.0.1`; throws with the entry that is neither a host name nor an address/CIDR. */
export function parseAllowList(entries: readonly string[]): AllowList {
  const list: AllowList = { hosts: new Set(), nets: new BlockList() };
  for (const raw of entries.map((e) => e.trim().toLowerCase()).filter((e) => e !== '')) {
    const [addr, bits, ...rest] = raw.replace(/^\[|\]$/g, '').split('/');
    const family = isIP(addr ?? '');
    if (family !== 0 && rest.length === 0) {
      const prefix = bits === undefined ? (family === 4 ? 32 : 128) : Number(bits);
      if (!Number.isInteger(prefix) || prefix < 0 || prefix > (family === 4 ? 32 : 128))
        throw new Error(`${raw}: the prefix length must be 0–${family === 4 ? 32 : 128}`);
      list.nets.addSubnet(addr as string, prefix, family === 4 ? 'ipv4' : 'ipv6');
    } else if (/^[a-z0-9]([a-z0-9-]{0,62}\.)*[a-z0-9-]{1,63}$/.test(raw)) list.hosts.add(raw);
    else throw new Error(`${JSON.stringify(raw)} is neither a host name nor an address or CIDR`);
  }
  return list;
}

/** Why a URL may not be delivered to: the rule and a sentence; undefined when it may. */
export interface Refusal {
  rule: 'http-or-https' | 'public-address' | 'resolvable-host';
  message: string;
}

const familyOf = (address: string): 'ipv4' | 'ipv6' => (isIP(address) === 6 ? 'ipv6' : 'ipv4');

/** Whether an address may be delivered to: public, or allowed by the list. */
export function addressRefusal(address: string, allow: AllowList): Refusal | undefined {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  const a = mapped ?? address;
  if (allow.nets.check(a, familyOf(a))) return undefined;
  if (!PRIVATE.check(a, familyOf(a))) return undefined;
  return {
    rule: 'public-address',
    message: `resolves to ${a}, a loopback, private, link-local, CGNAT or unique-local address (allow it with WEBHOOK_ALLOW_HOSTS)`,
  };
}

/**
 * Whether `url` may be delivered to: http(s), and every address its host resolves to public or
 * allowed by WEBHOOK_ALLOW_HOSTS (a host name listed there is allowed whatever it resolves to).
 */
export async function urlRefusal(url: string, allow: AllowList): Promise<Refusal | undefined> {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return { rule: 'http-or-https', message: 'must be an absolute http(s) URL' };
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:')
    return { rule: 'http-or-https', message: `must be http or https, not ${u.protocol.replace(':', '')}` };
  if (u.username !== '' || u.password !== '')
    return { rule: 'http-or-https', message: 'must not carry a user name or password' };
  const host = u.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (allow.hosts.has(host)) return undefined;
  let addresses: string[];
  try {
    addresses = isIP(host) !== 0 ? [host] : (await lookup(host, { all: true })).map((a) => a.address);
  } catch (err) {
    return {
      rule: 'resolvable-host',
      message: `${host} does not resolve (${(err as { code?: string }).code ?? 'error'})`,
    };
  }
  for (const a of addresses) {
    const refusal = addressRefusal(a, allow);
    if (refusal !== undefined) return refusal;
  }
  return undefined;
}

import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import { addressRefusal, type AllowList } from './allow.ts';

/** The answer of a receiver: its status, or the error that kept the request from being answered. */
export type PostOutcome = { status: number } | { error: string };

/**
 * A lookup that refuses the addresses a webhook may not reach, checked on the address the
 * connection is made to (a host that resolves differently between the check and the request
 * still cannot reach a private address).
 */
function checkedLookup(allow: AllowList, allowedHost: boolean): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (err, addresses: LookupAddress[]) => {
      if (err) return callback(err, '', 0);
      const refused = allowedHost ? undefined : addresses.map((a) => addressRefusal(a.address, allow)).find(Boolean);
      if (refused !== undefined) return callback(new Error(`${hostname} ${refused.message}`), '', 0);
      if (options.all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, addresses);
      const first = addresses[0] as LookupAddress;
      callback(null, first.address, first.family);
    });
  };
}

/** POSTs `body` to `url` with `headers`; the answer's body is read and dropped (at most 64 KiB kept for the error). */
export function postJson(
  url: string,
  headers: Record<string, string>,
  body: string,
  allow: AllowList,
  timeoutMs: number,
  signal: AbortSignal,
): Promise<PostOutcome> {
  const u = new URL(url);
  const host = u.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  const lib = u.protocol === 'https:' ? https : http;
  return new Promise((resolve) => {
    const req = lib.request(
      u,
      {
        method: 'POST',
        headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
        lookup: checkedLookup(allow, allow.hosts.has(host)),
        timeout: timeoutMs,
        signal,
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode ?? 0 }));
        res.on('error', (err) => resolve({ error: err.message }));
      },
    );
    req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    req.on('error', (err) => resolve({ error: err.message }));
    req.end(body);
  });
}

// Verifies a webhook delivery of the Cooperative Action Month service (the Standard Webhooks
// scheme, https://www.standardwebhooks.com): copy it into a receiver. No dependency but Node.
import { createHmac, timingSafeEqual } from 'node:crypto';

/** How far a delivery's timestamp may be from the receiver's clock (seconds): older ones are replays. */
export const TOLERANCE_SECONDS = 5 * 60;

/**
 * Whether `body` (the raw request body, exactly as received: a string or Buffer) was signed with
 * `secret` (`whsec_…`, shown once at registration) within the last five minutes.
 *
 * @param {string} secret
 * @param {Record<string, string | string[] | undefined> | Headers} headers the request's headers
 * @param {string | Buffer} body
 * @param {number} [nowSeconds] the receiver's clock (unix seconds)
 * @returns {boolean}
 */
export function verify(secret, headers, body, nowSeconds = Math.floor(Date.now() / 1000)) {
  const header = (name) => {
    const v = typeof headers.get === 'function' ? headers.get(name) : headers[name];
    return Array.isArray(v) ? v[0] : (v ?? undefined);
  };
  const id = header('webhook-id');
  const timestamp = header('webhook-timestamp');
  const signatures = header('webhook-signature');
  if (!id || !timestamp || !signatures || !/^\d{1,12}$/.test(timestamp)) return false;
  if (Math.abs(nowSeconds - Number(timestamp)) > 5 * 60) return false; // TOLERANCE_SECONDS
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  const expected = createHmac('sha256', key).update(`${id}.${timestamp}.`).update(body).digest();
  // Several signatures may be sent, separated by spaces (while a secret is rotated): one must match.
  for (const signature of signatures.split(' ')) {
    const [version, value] = signature.split(',');
    if (version !== 'v1' || value === undefined) continue;
    const given = Buffer.from(value, 'base64');
    if (given.length === expected.length && timingSafeEqual(given, expected)) return true;
  }
  return false;
}

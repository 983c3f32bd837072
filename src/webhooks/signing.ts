import { createHash, createHmac, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * A subscription's signing secret, derived and never stored: HMAC-SHA256(WEBHOOK_SIGNING_KEY,
 * subscription id), given to its receiver in the Standard Webhooks form `whsec_<base64>`.
 */
export function webhookSecret(signingKey: string, webhookId: string): string {
  return `whsec_${createHmac('sha256', signingKey).update(webhookId).digest('base64')}`;
}

/** `v1,<base64 HMAC-SHA256(secret bytes, "<id>.<timestamp>.<body>")>`: the Standard Webhooks signature. */
export function signWebhook(secret: string, id: string, timestamp: number, body: string): string {
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  return `v1,${createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest('base64')}`;
}

/** The delivery id of a batch: the same for every retry of it (receivers de-duplicate on it or on event ids). */
export function deliveryId(webhookId: string, first: number, last: number): string {
  return `msg_${createHash('sha256').update(`${webhookId}:${first}:${last}`).digest('hex').slice(0, 32)}`;
}

/**
 * The key subscription secrets are derived from: WEBHOOK_SIGNING_KEY, else (development) a random
 * key kept in DATA_DIR/dev-webhook-key, else (an in-memory store) one that lives as long as the process.
 */
export function resolveWebhookKey(configured: string | undefined, dataDir: string | null): string {
  if (configured !== undefined) return configured;
  if (dataDir === null) return randomBytes(32).toString('hex');
  const file = join(dataDir, 'dev-webhook-key');
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600 });
  }
  return readFileSync(file, 'utf8').trim();
}

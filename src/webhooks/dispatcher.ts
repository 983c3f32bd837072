import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { FastifyBaseLogger } from 'fastify';
import { Counter, Gauge, type Registry } from 'prom-client';
import { recordedFor } from '../auth/claims.ts';
import { canLease, type Lease } from '../eventstore/lease.ts';
import type {
  AppendResult,
  EventFilter,
  EventMetadata,
  EventStore,
  ReplayedEvent,
  StoredEvent,
  Subscription,
} from '../eventstore/types.ts';
import type { AllowList } from './allow.ts';
import { urlRefusal } from './allow.ts';
import {
  WEBHOOK_EVENTS,
  WEBHOOK_STREAM_PREFIX,
  evolveWebhook,
  webhookEvent,
  webhookStream,
  type WebhookEventData,
  type WebhookEventType,
  type WebhookState,
} from './events.ts';
import { postJson } from './post.ts';
import { deliveryId, signWebhook, webhookSecret } from './signing.ts';

/** How deliveries are paced; the defaults suit the service, tests make the delays milliseconds. */
export interface WebhookTuning {
  /** The first retry's delay (ms); each next one doubles, with ±20 % jitter. */
  baseDelayMs: number;
  /** No retry waits longer than this (ms). */
  maxDelayMs: number;
  /** After this many consecutive failures the subscription is paused. */
  maxAttempts: number;
  /** A receiver that has not answered within this long (ms) has failed. */
  timeoutMs: number;
  /** At most this many events per request. */
  batchSize: number;
  /** How long a partial batch waits for more events before it is sent (ms). */
  lingerMs: number;
  /** How often an instance without the lease tries to take it (ms). */
  leaseRetryMs: number;
}

export const WEBHOOK_DEFAULTS: WebhookTuning = {
  baseDelayMs: 1000,
  maxDelayMs: 300_000,
  maxAttempts: 10,
  timeoutMs: 10_000,
  batchSize: 100,
  lingerMs: 50,
  leaseRetryMs: 5000,
};

export interface WebhookOptions {
  /** WEBHOOK_SIGNING_KEY: what each subscription's secret is derived from; null: webhooks are off. */
  signingKey: string | null;
  allow: AllowList;
  /** Whether this instance delivers (with a store that leases, only while it holds the lease). */
  deliver: boolean;
  tuning: WebhookTuning;
  now: () => Date;
  log: FastifyBaseLogger;
  metrics?: Registry;
}

/** The delay before retry number `attempt` (1-based): base·2^(attempt−1), ±20 %, capped. */
export function backoff(attempt: number, t: Pick<WebhookTuning, 'baseDelayMs' | 'maxDelayMs'>): number {
  const exp = t.baseDelayMs * 2 ** Math.min(attempt - 1, 30);
  return Math.round(Math.min(t.maxDelayMs, exp * (0.8 + Math.random() * 0.4)));
}

const ACTOR = { actor: 'service:webhooks' };

interface Meters {
  delivered: Counter<'webhook'>;
  failures: Counter<'webhook'>;
  retries: Counter<'webhook'>;
}

/**
 * The webhook subscriptions, folded from their `webhook-<id>` streams on every instance (the API
 * lists them from here), and their deliveries, run by the one instance that delivers: each active
 * subscription has a worker following the log from its checkpoint.
 */
export class Webhooks {
  readonly states = new Map<string, WebhookState>();
  /** The log position the subscriptions are folded up to. */
  private folded = 0;
  private readonly waiters = new Set<{ position: number; resolve: () => void }>();
  private control?: Subscription;
  private readonly workers = new Map<string, Worker>();
  private holding = false;
  private stopped = false;
  /** The first read of the subscriptions is done: workers start from complete states only. */
  private loaded = false;
  private reconciling: Promise<void> = Promise.resolve();
  private lease?: Lease;
  private leaseTimer?: NodeJS.Timeout;
  private readonly meters?: Meters;

  constructor(
    readonly store: EventStore,
    readonly options: WebhookOptions,
  ) {
    if (options.metrics !== undefined) this.meters = this.registerMetrics(options.metrics);
  }

  /** Folds the subscriptions from the log, then follows it; takes the lease (or not) and starts the workers. */
  start(): void {
    this.follow().catch((err: unknown) => {
      if (!this.stopped) this.options.log.error({ err }, 'webhook subscriptions: following the log failed');
    });
    if (!this.options.deliver || this.options.signingKey === null) return;
    if (canLease(this.store)) {
      this.lease = this.store.lease('webhook-deliveries');
      void this.tryLease();
    } else {
      this.holding = true;
      this.reconcile();
    }
  }

  /**
   * Reads the webhook streams once (by their prefix), then follows them from the head it read
   * before; the subscription's checkpoint moves with the log's head (src/eventstore/subscription.ts),
   * so a commit of other streams costs one read of what it added, not of the log since the last
   * webhook event.
   */
  private async follow(): Promise<void> {
    const head = await this.store.headPosition();
    const page = 1000;
    for (let from = 1; !this.stopped;) {
      const events = await this.store.readAll({
        fromPosition: from,
        maxCount: page,
        filter: { streamPrefix: WEBHOOK_STREAM_PREFIX },
      });
      for (const e of events) this.fold(e);
      if (events.length < page) break;
      from = (events.at(-1) as StoredEvent).position + 1;
    }
    if (this.stopped) return;
    this.advance(head);
    this.loaded = true;
    this.reconcile();
    // Only the webhook streams: the store skips the rest, and the checkpoint still moves with the head.
    this.control = this.store.subscribeReplay({
      fromCheckpoint: head,
      batchSize: page,
      filter: { streamPrefix: WEBHOOK_STREAM_PREFIX },
      handler: (e) => this.fold(e),
    });
    await this.control.done;
  }

  /** Folds one event of a webhook stream (once: the read and the subscription may both give it). */
  private fold(e: ReplayedEvent): void {
    const id = e.stream.slice(WEBHOOK_STREAM_PREFIX.length);
    const before = this.states.get(id);
    if (before !== undefined && e.position <= before.position) return;
    const next = evolveWebhook(before, e);
    if (next !== undefined) this.states.set(id, next);
    this.advance(e.position);
    this.reconcile();
  }

  private advance(position: number): void {
    if (position <= this.folded) return;
    this.folded = position;
    for (const w of [...this.waiters])
      if (w.position <= position) {
        this.waiters.delete(w);
        w.resolve();
      }
  }

  /** Resolves once the subscriptions are folded up to `position` (false after `timeoutMs`). */
  async waitFor(position: number, timeoutMs = 2000): Promise<boolean> {
    if (this.folded >= position) return true;
    let entry: { position: number; resolve: () => void } | undefined;
    const reached = new Promise<boolean>((resolve) => {
      entry = { position, resolve: () => resolve(true) };
      this.waiters.add(entry);
    });
    const timer = sleep(timeoutMs, false, { ref: false });
    const ok = await Promise.race([reached, timer]);
    if (entry !== undefined) this.waiters.delete(entry);
    return ok;
  }

  /** The last position each subscription has passed: its checkpoint, or further where its worker skipped events. */
  passed(state: WebhookState): number {
    return Math.max(state.checkpoint, this.workers.get(state.id)?.idleAt ?? 0);
  }

  /** Whether this instance delivers now (it holds the lease, or needs none). */
  get delivering(): boolean {
    return this.holding;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.leaseTimer);
    await this.control?.stop();
    this.holding = false;
    this.reconcile();
    await this.reconciling;
    await this.lease?.release();
  }

  private async tryLease(): Promise<void> {
    if (this.stopped || this.lease === undefined) return;
    try {
      this.holding = await this.lease.tryAcquire(() => {
        this.options.log.warn('webhook deliveries: the lease was lost; deliveries stop until it is taken again');
        this.holding = false;
        this.reconcile();
        this.leaseTimer = setTimeout(() => void this.tryLease(), this.options.tuning.leaseRetryMs);
      });
    } catch (err) {
      this.options.log.warn({ err }, 'webhook deliveries: the lease could not be asked for');
    }
    if (this.stopped) {
      await this.lease.release();
      this.holding = false;
      return;
    }
    if (this.holding) {
      this.options.log.info('webhook deliveries: this instance holds the lease and delivers');
      this.reconcile();
    } else this.leaseTimer = setTimeout(() => void this.tryLease(), this.options.tuning.leaseRetryMs);
  }

  /** Starts a worker for each active subscription and stops the others, one change at a time. */
  private reconcile(): void {
    this.reconciling = this.reconciling.then(async () => {
      for (const [id, worker] of [...this.workers]) {
        const s = this.states.get(id);
        if (!this.holding || this.stopped || s?.state !== 'active' || worker.failed) {
          this.workers.delete(id);
          await worker.stop();
        }
      }
      if (!this.holding || this.stopped || !this.loaded) return;
      for (const s of this.states.values()) {
        if (s.state !== 'active' || this.workers.has(s.id)) continue;
        const worker = new Worker(s, this, this.meters, () => {
          setTimeout(() => this.reconcile(), 1000).unref();
        });
        this.workers.set(s.id, worker);
        worker.start();
      }
    });
  }

  /**
   * Appends an event to a subscription's stream, its data checked: the worker's facts (deliveries,
   * failures, pauses, as the service) and the administrators' (with their metadata).
   */
  async record<T extends WebhookEventType>(
    id: string,
    type: T,
    data: WebhookEventData<T>,
    options: { metadata?: EventMetadata; expectedRevision?: 'no_stream' | 'exists' } = {},
  ): Promise<AppendResult> {
    const e = webhookEvent(type, data);
    return this.store.append(webhookStream(id), [{ id: randomUUID(), ...e, metadata: options.metadata ?? ACTOR }], {
      expectedRevision: options.expectedRevision ?? 'exists',
    });
  }

  private registerMetrics(register: Registry): Meters {
    const states = this.states;
    const store = this.store;
    new Gauge({
      name: 'cam_webhook_lag_events',
      help: "Events of the log after a webhook subscription's checkpoint (head − checkpoint)",
      labelNames: ['webhook'],
      registers: [register],
      collect: async function (this: Gauge<'webhook'>) {
        let head: number;
        try {
          head = await store.headPosition();
        } catch {
          return;
        }
        this.reset();
        for (const s of states.values())
          if (s.state !== 'removed') this.set({ webhook: s.id }, Math.max(0, head - webhooks.passed(s)));
      },
    });
    const webhooks = this;
    const counter = (name: string, help: string) =>
      new Counter({ name, help, labelNames: ['webhook'], registers: [register] });
    return {
      delivered: counter('cam_webhook_deliveries_total', 'Batches a webhook receiver acknowledged (2xx)'),
      failures: counter('cam_webhook_failures_total', 'Delivery attempts that failed (no 2xx, timeout, refused)'),
      retries: counter('cam_webhook_retries_total', 'Retries scheduled after a failed attempt'),
    };
  }
}

/** Delivers one subscription's events, in log order, in batches, until it is stopped. */
class Worker {
  private sub?: Subscription;
  private pending: StoredEvent[] = [];
  private chain: Promise<void> = Promise.resolve();
  private timer?: NodeJS.Timeout;
  private readonly abort = new AbortController();
  private halted = false;
  /** Batches handed to the chain and not yet settled. */
  private busy = 0;
  private attempts: number;
  private waitUntil: number;
  /** The subscription failed (the store did not answer): the worker is replaced. */
  failed = false;
  /** Where the subscription has read to while nothing waits to be delivered (the rest was skipped); else 0. */
  get idleAt(): number {
    return this.pending.length === 0 && this.busy === 0 ? (this.sub?.checkpoint ?? 0) : 0;
  }

  constructor(
    private readonly w: WebhookState,
    private readonly hub: Webhooks,
    private readonly meters: Meters | undefined,
    private readonly onFailure: () => void,
  ) {
    this.attempts = w.attempts;
    this.waitUntil = w.nextAttemptAt !== undefined ? Date.parse(w.nextAttemptAt) : 0;
  }

  start(): void {
    const f = this.w.filters;
    // The subscriptions' own streams pass the filter too (and are skipped below): the worker then
    // sees the log's newest events, which are mostly its own, and its lag comes back to 0 when idle.
    const filter: EventFilter = {
      ...(f.types ? { types: [...f.types, ...Object.keys(WEBHOOK_EVENTS)] } : {}),
      ...(f.kinds ? { streamPrefixes: [...f.kinds.map((k) => `${k}-`), WEBHOOK_STREAM_PREFIX] } : {}),
    };
    const t = this.hub.options.tuning;
    this.sub = this.hub.store.subscribe({
      fromCheckpoint: this.w.checkpoint,
      filter,
      batchSize: t.batchSize,
      handler: (e) => this.take(e),
    });
    this.sub.done.catch((err: unknown) => {
      if (this.halted) return;
      this.hub.options.log.warn({ err, webhook: this.w.id }, 'webhook deliveries: following the log failed; retrying');
      this.failed = true;
      this.onFailure();
    });
  }

  async stop(): Promise<void> {
    this.halted = true;
    clearTimeout(this.timer);
    this.abort.abort();
    await this.sub?.stop().catch(() => undefined);
    await this.chain;
  }

  private take(e: StoredEvent): Promise<void> | undefined {
    if (this.halted) return undefined;
    const province = this.w.filters.province;
    const skip =
      e.stream.startsWith(WEBHOOK_STREAM_PREFIX) ||
      (province !== undefined && !recordedFor(e.metadata.province, province));
    if (skip) return undefined;
    this.pending.push(e);
    if (this.pending.length >= this.hub.options.tuning.batchSize) return this.flush();
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.flush(), this.hub.options.tuning.lingerMs);
    return undefined;
  }

  private flush(): Promise<void> {
    clearTimeout(this.timer);
    const batch = this.pending;
    this.pending = [];
    if (batch.length === 0) return this.chain;
    this.busy++;
    this.chain = this.chain.then(() => this.deliver(batch)).finally(() => this.busy--);
    return this.chain;
  }

  /** Sends one batch until a 2xx, then records it; pauses the subscription after too many failures or a 410. */
  private async deliver(batch: StoredEvent[]): Promise<void> {
    const { tuning: t, signingKey, allow, now, log } = this.hub.options;
    const first = (batch[0] as StoredEvent).position;
    const last = (batch.at(-1) as StoredEvent).position;
    const id = deliveryId(this.w.id, first, last);
    const body = JSON.stringify({ webhookId: this.w.id, events: batch });
    const secret = webhookSecret(signingKey as string, this.w.id);
    const label = { webhook: this.w.id };
    for (;;) {
      if (this.halted) return;
      const wait = this.waitUntil - Date.now();
      if (wait > 0 && !(await pause(wait, this.abort.signal))) return;
      const timestamp = Math.floor(Date.now() / 1000);
      const refusal = await urlRefusal(this.w.url, allow);
      const outcome =
        refusal !== undefined
          ? { error: `the URL is refused: ${refusal.message}` }
          : await postJson(
              this.w.url,
              {
                'content-type': 'application/json',
                'user-agent': 'cam-webhooks/1',
                'webhook-id': id,
                'webhook-timestamp': String(timestamp),
                'webhook-signature': signWebhook(secret, id, timestamp, body),
              },
              body,
              allow,
              t.timeoutMs,
              this.abort.signal,
            );
      if (this.halted) return;
      if ('status' in outcome && outcome.status >= 200 && outcome.status < 300) {
        this.attempts = 0;
        this.waitUntil = 0;
        this.meters?.delivered.inc(label);
        await this.recordSafely('WebhookDelivered', { upTo: last, count: batch.length, at: now().toISOString() });
        return;
      }
      this.attempts++;
      this.meters?.failures.inc(label);
      const error = 'status' in outcome ? `the receiver answered ${outcome.status}` : outcome.error;
      const gone = 'status' in outcome && outcome.status === 410;
      if (gone || this.attempts >= t.maxAttempts) {
        this.halted = true;
        log.warn({ webhook: this.w.id, error, attempts: this.attempts }, 'webhook paused');
        await this.recordSafely('WebhookPaused', {
          reason: gone ? 'gone' : 'failures',
          attempts: this.attempts,
          lastError: error.slice(0, 1000),
          at: now().toISOString(),
        });
        return;
      }
      const delay = backoff(this.attempts, t);
      this.waitUntil = Date.now() + delay;
      this.meters?.retries.inc(label);
      await this.recordSafely('WebhookDeliveryFailed', {
        attempt: this.attempts,
        error: error.slice(0, 1000),
        nextAt: new Date(this.waitUntil).toISOString(),
      });
    }
  }

  /** Records a fact of the delivery; a store that does not take it now costs at most a redelivery. */
  private async recordSafely<T extends WebhookEventType>(type: T, data: WebhookEventData<T>): Promise<void> {
    try {
      await this.hub.record(this.w.id, type, data);
    } catch (err) {
      this.hub.options.log.warn({ err, webhook: this.w.id, type }, 'webhook deliveries: a fact could not be recorded');
    }
  }
}

/** Waits `ms`; false when aborted first. */
async function pause(ms: number, signal: AbortSignal): Promise<boolean> {
  try {
    await sleep(ms, undefined, { signal });
    return true;
  } catch {
    return false;
  }
}

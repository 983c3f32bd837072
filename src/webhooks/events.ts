import { z } from 'zod';
import type { ReplayedEvent } from '../eventstore/types.ts';

/** The stream of one webhook subscription: its registration, pauses and deliveries. */
export const webhookStream = (id: string): string => `webhook-${id}`;
export const WEBHOOK_STREAM_PREFIX = 'webhook-';

export const WebhookFiltersSchema = z
  .object({
    province: z
      .string()
      .regex(/^\d{2}$/, 'a two-digit province code')
      .optional()
      .describe("a province's events, with those of the pre-2025 provinces that became part of it"),
    kinds: z
      .array(z.string().regex(/^[a-z][a-z0-9-]*$/, "a stream kind such as campaign: the part before the first '-'"))
      .min(1)
      .max(50)
      .optional()
      .describe('stream kinds (campaign, outreach, …)'),
    types: z
      .array(z.string().regex(/^[A-Za-z][A-Za-z0-9]*$/, 'an event type such as MeetingRecorded'))
      .min(1)
      .max(100)
      .optional()
      .describe('event types'),
  })
  .strict();
export type WebhookFilters = z.infer<typeof WebhookFiltersSchema>;

const Instant = z.iso.datetime({ offset: true });

/** The data of each event of a `webhook-<id>` stream, by type (docs/events.md). */
export const WEBHOOK_EVENTS = {
  WebhookRegistered: z.object({
    webhookId: z.uuid(),
    url: z.url(),
    filters: WebhookFiltersSchema,
    description: z.string().max(500).optional(),
    at: Instant,
  }),
  WebhookPaused: z.object({
    reason: z.enum(['admin', 'failures', 'gone']),
    /** The failed attempts in a row that made it pause (reasons failures and gone). */
    attempts: z.number().int().positive().optional(),
    lastError: z.string().max(1000).optional(),
    at: Instant,
  }),
  WebhookResumed: z.object({ at: Instant }),
  WebhookRemoved: z.object({ at: Instant }),
  WebhookDelivered: z.object({
    upTo: z.number().int().positive(),
    count: z.number().int().positive(),
    at: Instant,
  }),
  WebhookDeliveryFailed: z.object({
    attempt: z.number().int().positive(),
    error: z.string().max(1000),
    nextAt: Instant,
  }),
} as const;
export type WebhookEventType = keyof typeof WEBHOOK_EVENTS;
export type WebhookEventData<T extends WebhookEventType> = z.infer<(typeof WEBHOOK_EVENTS)[T]>;

/** A new event of a webhook stream, its data checked against its schema. */
export function webhookEvent<T extends WebhookEventType>(
  type: T,
  data: WebhookEventData<T>,
): { type: T; data: WebhookEventData<T> } {
  return { type, data: WEBHOOK_EVENTS[type].parse(data) as WebhookEventData<T> };
}

/** What a subscription is, folded from its stream. */
export interface WebhookState {
  id: string;
  url: string;
  filters: WebhookFilters;
  description?: string;
  registeredAt: string;
  state: 'active' | 'paused' | 'removed';
  pausedBecause?: 'admin' | 'failures' | 'gone';
  /** The last log position delivered (acknowledged by a 2xx); 0 before the first. */
  checkpoint: number;
  /** Failed attempts since the last delivery or resume. */
  attempts: number;
  lastError?: { message: string; at: string };
  nextAttemptAt?: string;
  lastDeliveredAt?: string;
  /** The stream's revision (for appends) and the log position of its last event. */
  revision: number;
  position: number;
}

/** Folds one event of a webhook stream into the subscription's state (undefined before registration). */
export function evolveWebhook(s: WebhookState | undefined, e: ReplayedEvent): WebhookState | undefined {
  const type = e.type as WebhookEventType;
  if (!(type in WEBHOOK_EVENTS)) return s;
  const at = { revision: e.revision, position: e.position };
  if (type === 'WebhookRegistered') {
    const d = e.data as WebhookEventData<'WebhookRegistered'>;
    return {
      id: d.webhookId,
      url: d.url,
      filters: d.filters,
      ...(d.description !== undefined ? { description: d.description } : {}),
      registeredAt: d.at,
      state: 'active',
      checkpoint: 0,
      attempts: 0,
      ...at,
    };
  }
  if (s === undefined) return undefined;
  switch (type) {
    case 'WebhookPaused': {
      const d = e.data as WebhookEventData<'WebhookPaused'>;
      const { nextAttemptAt: _next, ...rest } = s;
      return {
        ...rest,
        state: s.state === 'removed' ? 'removed' : 'paused',
        pausedBecause: d.reason,
        ...(d.attempts !== undefined ? { attempts: d.attempts } : {}),
        ...(d.lastError !== undefined ? { lastError: { message: d.lastError, at: d.at } } : {}),
        ...at,
      };
    }
    case 'WebhookResumed': {
      const { pausedBecause: _p, nextAttemptAt: _n, ...rest } = s;
      return { ...rest, state: s.state === 'removed' ? 'removed' : 'active', attempts: 0, ...at };
    }
    case 'WebhookRemoved': {
      const { nextAttemptAt: _n, ...rest } = s;
      return { ...rest, state: 'removed', ...at };
    }
    case 'WebhookDelivered': {
      const d = e.data as WebhookEventData<'WebhookDelivered'>;
      const { nextAttemptAt: _n, ...rest } = s;
      return { ...rest, checkpoint: Math.max(s.checkpoint, d.upTo), attempts: 0, lastDeliveredAt: d.at, ...at };
    }
    case 'WebhookDeliveryFailed': {
      const d = e.data as WebhookEventData<'WebhookDeliveryFailed'>;
      return {
        ...s,
        attempts: d.attempt,
        lastError: { message: d.error, at: e.recordedAt },
        nextAttemptAt: d.nextAt,
        ...at,
      };
    }
    default:
      return s;
  }
}

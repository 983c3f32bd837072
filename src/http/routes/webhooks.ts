import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { urlRefusal } from '../../webhooks/allow.ts';
import type { Webhooks } from '../../webhooks/dispatcher.ts';
import { WebhookFiltersSchema, evolveWebhook, webhookStream, type WebhookState } from '../../webhooks/events.ts';
import type { WebhookEventData, WebhookEventType } from '../../webhooks/events.ts';
import { webhookSecret } from '../../webhooks/signing.ts';
import { HttpProblem, ProblemSchema } from '../problems.ts';
import { actorOf, type Kit } from '../kit.ts';

const WebhookSchema = z
  .object({
    id: z.uuid(),
    url: z.string(),
    filters: WebhookFiltersSchema,
    description: z.string().optional(),
    state: z.enum(['active', 'paused', 'removed']),
    pausedBecause: z
      .enum(['admin', 'failures', 'gone'])
      .optional()
      .describe('admin: paused by an administrator; failures: too many failures in a row; gone: the receiver said 410'),
    registeredAt: z.string(),
    checkpoint: z.number().int().describe('the last log position the receiver acknowledged (0: none yet)'),
    lag: z.number().int().describe("positions of the log after the subscription's checkpoint (head − checkpoint)"),
    attempts: z.number().int().describe('failed attempts since the last delivery or resume'),
    lastError: z.object({ message: z.string(), at: z.string() }).nullable(),
    nextAttemptAt: z.string().nullable(),
    lastDeliveredAt: z.string().nullable(),
  })
  .meta({ id: 'Webhook' });

const Params = z.object({ webhookId: z.uuid() });
const problems = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema };
const tags = ['webhooks'];

/** Webhook subscriptions, registered and managed by administrators; the deliveries are src/webhooks/dispatcher.ts's. */
export const webhookRoutes: FastifyPluginAsyncZod<{ kit: Kit; webhooks: Webhooks }> = async (
  app,
  { kit, webhooks },
) => {
  const store = kit.deps.store;
  const now = kit.deps.now;

  const view = async (s: WebhookState, head?: number): Promise<z.infer<typeof WebhookSchema>> => {
    const { revision: _revision, position: _position, ...rest } = s;
    return {
      ...rest,
      lag: Math.max(0, (head ?? (await store.headPosition())) - webhooks.passed(s)),
      lastError: s.lastError ?? null,
      nextAttemptAt: s.nextAttemptAt ?? null,
      lastDeliveredAt: s.lastDeliveredAt ?? null,
    };
  };

  /** Appends one event to a subscription's stream and waits until the subscriptions have folded it. */
  const record = async <T extends WebhookEventType>(
    req: FastifyRequest,
    id: string,
    type: T,
    data: WebhookEventData<T>,
    expectedRevision: 'no_stream' | 'exists',
  ): Promise<WebhookState> => {
    const r = await webhooks.record(id, type, data, { metadata: actorOf(req), expectedRevision });
    return settled(id, r.position);
  };

  /** The subscription as of `position`: from the fold every instance keeps, else (it lags) from its stream. */
  const settled = async (id: string, position: number): Promise<WebhookState> => {
    if (await webhooks.waitFor(position)) return webhooks.states.get(id) as WebhookState;
    let s: WebhookState | undefined;
    for (const e of await store.readStream(webhookStream(id))) s = evolveWebhook(s, e);
    return s as WebhookState;
  };

  const found = (id: string): WebhookState => {
    const s = webhooks.states.get(id);
    if (s === undefined || s.state === 'removed') throw new HttpProblem('not-found', `webhook ${id} does not exist`);
    return s;
  };

  app.post(
    '/admin/webhooks',
    {
      config: { access: 'admin' },
      schema: {
        tags,
        operationId: 'registerWebhook',
        summary:
          "Register a webhook: the log's events (filtered) are POSTed to the URL, signed; the secret is shown once",
        description:
          'The answer carries the signing secret (`whsec_…`, Standard Webhooks); it is derived from the ' +
          "service's WEBHOOK_SIGNING_KEY and not stored, and no other answer shows it. The URL must be " +
          'http(s) and resolve to public addresses unless WEBHOOK_ALLOW_HOSTS allows it (422 ' +
          '`webhook-url-refused` otherwise). Deliveries start at the beginning of the log. See docs/api.md, "Webhooks".',
        body: z.object({
          url: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).max(2000),
          filters: WebhookFiltersSchema.default({}),
          description: z.string().min(1).max(500).optional(),
        }),
        response: {
          201: WebhookSchema.extend({
            secret: z.string().describe('whsec_<base64>: verify each delivery with it; shown only here'),
          }).meta({ id: 'RegisteredWebhook' }),
          ...problems,
          409: ProblemSchema,
          422: ProblemSchema,
        },
      },
    },
    async (req, reply) => {
      const { url, filters, description } = req.body;
      const key = webhooks.options.signingKey;
      if (key === null)
        throw new HttpProblem('webhooks-off', 'set WEBHOOK_SIGNING_KEY (32 characters or more) to register webhooks');
      const refusal = await urlRefusal(url, webhooks.options.allow);
      if (refusal !== undefined)
        throw new HttpProblem('webhook-url-refused', `url ${refusal.message}`, {
          errors: [{ in: 'body', field: 'url', rule: refusal.rule, message: refusal.message }],
        });
      const id = randomUUID();
      const s = await record(
        req,
        id,
        'WebhookRegistered',
        {
          webhookId: id,
          url,
          filters,
          ...(description !== undefined ? { description } : {}),
          at: now().toISOString(),
        },
        'no_stream',
      );
      void reply.code(201).header('location', `/admin/webhooks/${id}`);
      return { ...(await view(s)), secret: webhookSecret(key, id) };
    },
  );

  app.get(
    '/admin/webhooks',
    {
      config: { access: 'admin' },
      schema: {
        tags,
        operationId: 'listWebhooks',
        summary: 'The webhook subscriptions with their state, checkpoint, lag, failed attempts and last error',
        response: { 200: z.object({ items: z.array(WebhookSchema) }).meta({ id: 'WebhookList' }), ...problems },
      },
    },
    async () => {
      const head = await store.headPosition();
      const items = [...webhooks.states.values()].filter((s) => s.state !== 'removed');
      items.sort((a, b) => a.registeredAt.localeCompare(b.registeredAt) || a.id.localeCompare(b.id));
      return { items: await Promise.all(items.map((s) => view(s, head))) };
    },
  );

  app.get(
    '/admin/webhooks/:webhookId',
    {
      config: { access: 'admin' },
      schema: {
        tags,
        operationId: 'getWebhook',
        summary: 'One webhook subscription',
        params: Params,
        response: { 200: WebhookSchema, ...problems, 404: ProblemSchema },
      },
    },
    async (req) => view(found(req.params.webhookId)),
  );

  const change = (
    path: 'pause' | 'resume' | 'remove',
    operationId: string,
    summary: string,
    apply: (req: FastifyRequest, s: WebhookState) => Promise<WebhookState> | WebhookState,
  ): void => {
    app.post(
      `/admin/webhooks/:webhookId/${path}`,
      {
        config: { access: 'admin' },
        schema: {
          tags,
          operationId,
          summary,
          params: Params,
          response: { 200: WebhookSchema, ...problems, 404: ProblemSchema },
        },
      },
      async (req) => view(await apply(req, found(req.params.webhookId))),
    );
  };

  const at = () => ({ at: now().toISOString() });
  change(
    'pause',
    'pauseWebhook',
    'Pause deliveries (nothing is sent until resumed; the checkpoint is kept)',
    (req, s) => (s.state === 'paused' ? s : record(req, s.id, 'WebhookPaused', { reason: 'admin', ...at() }, 'exists')),
  );
  change('resume', 'resumeWebhook', 'Resume deliveries from the checkpoint, with the failure count reset', (req, s) =>
    s.state === 'active' ? s : record(req, s.id, 'WebhookResumed', at(), 'exists'),
  );
  change('remove', 'removeWebhook', 'Remove a subscription: nothing more is delivered to it', (req, s) =>
    record(req, s.id, 'WebhookRemoved', at(), 'exists'),
  );
};

import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Decider, DomainEvent } from '../../domain/shared/decider.ts';
import type { CampaignState } from '../../domain/campaign/campaign.ts';
import { campaignDocuments, type IndexedKind } from '../../projections/catalog.ts';
import type { KeptOnceView } from '../../projections/kept-once.ts';
import { commandRoute } from './command-route.ts';
import type { Kit } from './kit.ts';
import { keep } from './paging.ts';
import { readRoute } from './read-route.ts';
import { CampaignParams } from './routes/campaigns.ts';
import { campaignPlan, ofCampaign } from './routes/loaders.ts';
import { PageQuery, ReadQuery, pageSchema } from './schemas.ts';

/**
 * The routes of a kept-once capability (domain/campaign/kept-once.ts): record, list (by its day,
 * without the retracted unless asked), read one, retract; each command with its page form.
 */
export function keptOnceRoutes<
  IdField extends string,
  F extends Record<IdField, string> & { activityId?: string | undefined },
  C,
  E extends DomainEvent,
  S,
>(p: {
  /** The path under a campaign: `visits`. */
  segment: string;
  kind: IndexedKind;
  id: IdField;
  record: { type: string; body: z.ZodType<F>; operationId: string; summary: string; form: string };
  retract: { type: string; body: z.ZodType<{ reason: string }>; operationId: string; summary: string; form: string };
  list: { operationId: string; summary: string };
  get: { operationId: string; summary: string };
  view: z.ZodType;
  decider: Decider<C, E, S, { campaign: CampaignState }>;
  stream: (organiser: string, year: number, id: string) => string;
  day: (x: F) => string;
}): FastifyPluginAsyncZod<{ kit: Kit }> {
  return async (app, { kit }) => {
    const base = `/provinces/:code/campaigns/:year/${p.segment}`;
    // Typed as the campaign's parameters: the record's id is read by name (idOf).
    const Params = CampaignParams.extend({ [p.id]: z.uuid() }) as unknown as typeof CampaignParams;
    type Doc = KeptOnceView<F>;
    const docs = (c: Parameters<typeof campaignDocuments>[0]) => c[p.kind] as unknown as Map<string, Doc>;
    const plan = (c: { code: string; year: number }, id: string) =>
      campaignPlan(kit.streams, c, p.stream(c.code, c.year, id), p.decider);
    const idOf = (params: object): string => (params as Record<IdField, string>)[p.id];

    commandRoute(app, kit, {
      path: base,
      tags: ['outreach'],
      operationId: p.record.operationId,
      form: { title: p.record.form, ownId: p.id },
      summary: p.record.summary,
      params: CampaignParams,
      body: p.record.body,
      location: (c, b) => `/provinces/${c.code}/campaigns/${c.year}/${p.segment}/${b[p.id]}`,
      recordOn: (c, b) => ({ organiser: c.code, date: p.day(b), units: ['alliance'] }),
      plan: (c, b) => ({
        ...plan(c, b[p.id]),
        command: { type: p.record.type, ...b } as C,
      }),
    });
    readRoute(app, kit, {
      path: base,
      tags: ['outreach'],
      operationId: p.list.operationId,
      summary: p.list.summary,
      params: CampaignParams,
      querystring: PageQuery.extend({
        from: z.string().optional().describe('from this day (yyyy-MM-dd)'),
        to: z.string().optional().describe('up to this day'),
        includeRetracted: z.coerce.boolean().default(false),
      }),
      page: pageSchema(p.view, `${p.view.meta()?.id ?? p.segment}Page`),
      paging: 'in-order',
      items: (c, params, q, after) =>
        keep(campaignDocuments(c, params.code, params.year, p.kind, after), (x) => {
          const d = x as unknown as Doc;
          const day = p.day(d);
          return (
            (q.includeRetracted || d.status === 'recorded') &&
            (q.from === undefined || day >= q.from) &&
            (q.to === undefined || day <= q.to)
          );
        }),
    });
    readRoute(app, kit, {
      path: `${base}/:${p.id}`,
      tags: ['outreach'],
      operationId: p.get.operationId,
      summary: p.get.summary,
      params: Params,
      querystring: ReadQuery,
      resource: p.view,
      answer: (c, params) => ofCampaign(docs(c).get(idOf(params)), params),
      what: (params) => `${p.segment} ${idOf(params)}`,
    });
    commandRoute(app, kit, {
      path: `${base}/:${p.id}/retraction`,
      tags: ['outreach'],
      operationId: p.retract.operationId,
      form: { title: p.retract.form },
      summary: p.retract.summary,
      params: Params,
      body: p.retract.body,
      recordOn: (params, _b, c) => {
        const x = docs(c).get(idOf(params));
        return x === undefined || x.organiser !== params.code
          ? undefined
          : { organiser: params.code, date: p.day(x), units: ['alliance'] };
      },
      plan: (params, b) => ({
        ...plan(params, idOf(params)),
        command: { type: p.retract.type, [p.id]: idOf(params), reason: b.reason } as C,
      }),
    });
  };
}

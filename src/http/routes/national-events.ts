import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AttendNationalEvent, HoldNationalEvent, nationalEventDecider, nationalEventStream } from '../../../domain/national-event/national-event.ts';
import { campaignKey } from '../../../projections/catalog.ts';
import { CommandHeaders, CommandResultSchema, ReadQuery, commandProblems, readProblems, type Kit } from '../kit.ts';
import { CampaignParams } from './campaigns.ts';
import { loadCampaign } from './loaders.ts';

/** National events: the national alliance records those it holds (organiser VN); provinces the ones they attend. */
export const nationalEventRoutes: FastifyPluginAsyncZod<{ kit: Kit }> = async (app, { kit }) => {
  const base = '/provinces/:code/campaigns/:year';
  const events = (p: { code: string; year: number }) => ({
    stream: nationalEventStream(p.code, p.year),
    decider: nationalEventDecider,
    context: async () => ({ campaign: await loadCampaign(kit.streams, p.code, p.year) }),
  });

  app.post(`${base}/national-events`, {
    config: { access: 'write' },
    schema: { tags: ['national events'], operationId: 'holdNationalEvent', summary: 'The national alliance (code VN) records a national event it held: the honouring conference, a forum, a fair (HoldNationalEvent)', params: CampaignParams, headers: CommandHeaders, body: HoldNationalEvent, response: { 201: CommandResultSchema, ...commandProblems } },
  }, async (req, reply) => kit.command(req, reply, { ...events(req.params), command: { type: 'HoldNationalEvent', ...req.body } }, { status: 201, province: req.params.code }));
  app.post(`${base}/national-event-attendances`, {
    config: { access: 'write' },
    schema: { tags: ['national events'], operationId: 'attendNationalEvent', summary: "A province records its delegation at a national event; counted by the plan's events-attended target (AttendNationalEvent)", params: CampaignParams, headers: CommandHeaders, body: AttendNationalEvent, response: { 201: CommandResultSchema, ...commandProblems } },
  }, async (req, reply) => kit.command(req, reply, { ...events(req.params), command: { type: 'AttendNationalEvent', ...req.body } }, { status: 201, province: req.params.code }));
  app.get(`${base}/national-events`, {
    config: { access: 'read' },
    schema: {
      tags: ['national events'], operationId: 'listNationalEvents', summary: 'National events the organiser held (VN) or attended (a province)', params: CampaignParams, querystring: ReadQuery,
      response: {
        200: z.object({
          held: z.array(HoldNationalEvent.extend({ organiser: z.string(), year: z.number().int() })),
          attended: z.array(AttendNationalEvent.extend({ organiser: z.string(), year: z.number().int() })),
        }).meta({ id: 'NationalEvents' }),
        ...readProblems,
      },
    },
  }, async (req) => {
    const { code, year } = req.params;
    const c = await kit.catalog(req.query.minPosition);
    const held = [...c.nationalEvents.values()].filter((x) => x.organiser === code && x.year === year).map(({ revision: _r, updatedAt: _u, lastPosition: _l, position: _p, ...x }) => x);
    return { held, attended: c.records.get(campaignKey(code, year))?.attendances ?? [] };
  });
};

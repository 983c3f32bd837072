import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { vnDayNumber } from '../../../domain/shared/time.ts';
import { ProvinceCode } from '../../../domain/shared/units.ts';
import {
  CampaignDashboard,
  NationalDashboard,
  RANK_METRICS,
  campaignDashboard,
  cooperativeProfile,
  nationalDashboard,
} from '../../../projections/dashboard.ts';
import { campaignDashboardBook } from '../../../projections/reports.ts';
import { HttpProblem, ProblemSchema } from '../problems.ts';
import { Format, formatOf, sendBook } from '../books.ts';
import { Clocks, pastCatalog } from '../clocks.ts';
import { ReadQuery, readProblems } from '../schemas.ts';
import { CachedJson, sendCachedJson, sendJson } from '../cached-json.ts';
import type { Kit } from '../kit.ts';
import { CampaignParams } from './campaigns.ts';

/** Dashboards for the peak period and the whole year, cooperative profiles; rebuilding the read models. */
export const dashboardRoutes: FastifyPluginAsyncZod<{ kit: Kit }> = async (app, { kit }) => {
  const now = () => kit.deps.now().toISOString();

  // Dashboards are served from a cache of their JSON text, valid until the next event or the next Vietnam
  // day. A hit reads the clock as a number: the instant as text is made only for a dashboard computed anew.
  const cache = new Map<string, { position: number; day: number; body: CachedJson }>();
  const cached = (name: string, position: number, make: (now: string) => unknown): CachedJson | undefined => {
    const at = kit.deps.now();
    const day = vnDayNumber(at);
    const hit = cache.get(name);
    if (hit !== undefined && hit.position === position && hit.day === day) return hit.body;
    const value = make(at.toISOString());
    if (value === undefined) return undefined;
    const body = new CachedJson(JSON.stringify(value));
    if (cache.size > 2000) cache.clear();
    cache.set(name, { position, day, body });
    return body;
  };

  app.get(
    '/provinces/:code/campaigns/:year/dashboard',
    {
      config: { access: 'read' },
      schema: {
        tags: ['dashboards'],
        operationId: 'getCampaignDashboard',
        summary:
          'Campaign dashboard: targets, peak (29/3–29/4) vs rest of year, timeline, breakdowns; asOf (business ' +
          'date) and knownAt/atPosition (recording time)',
        params: CampaignParams,
        querystring: ReadQuery.extend(Clocks.shape).extend(Format.shape),
        response: { 200: CampaignDashboard, ...readProblems },
      },
    },
    async (req, reply) => {
      const { code, year } = req.params;
      const then = await pastCatalog(kit, req.query, { code, year });
      const format = formatOf(req.query.format, req.headers.accept);
      if (format !== 'json') {
        const c = then?.catalog ?? (await kit.catalog(req.query.minPosition));
        const d = campaignDashboard(c, code, year, then?.now ?? now(), undefined, req.query.asOf);
        if (d === undefined) throw new HttpProblem('not-found', `the ${year} campaign of ${code} does not exist`);
        return sendBook(reply, campaignDashboardBook(d), format, `bang-dieu-khien-${code}-${year}`);
      }
      if (then !== undefined) {
        const d = campaignDashboard(then.catalog, code, year, then.now, undefined, req.query.asOf);
        if (d === undefined)
          throw new HttpProblem(
            'not-found',
            `the ${year} campaign of ${code} did not exist at position ${then.position}`,
          );
        return sendJson(reply.header('x-as-of-position', String(then.position)), JSON.stringify(d));
      }
      const c = await kit.catalog(req.query.minPosition);
      const asOf = req.query.asOf;
      const body = cached(`d:${code}:${year}:${asOf ?? ''}`, c.position, (t) =>
        campaignDashboard(c, code, year, t, undefined, asOf),
      );
      if (body === undefined) throw new HttpProblem('not-found', `the ${year} campaign of ${code} does not exist`);
      return sendCachedJson(req, reply, body);
    },
  );

  app.get(
    '/national/dashboards/:year',
    {
      config: { access: 'national' },
      schema: {
        tags: ['dashboards'],
        operationId: 'getNationalDashboard',
        summary:
          'Every province for a year: totals, ranking, peak vs year; as recorded and rolled up to current provinces',
        params: z.object({ year: z.coerce.number().int().min(2000).max(2100) }),
        querystring: ReadQuery.extend({ rankBy: z.enum(RANK_METRICS).default('meetings') }).extend(Clocks.shape),
        response: { 200: NationalDashboard, ...readProblems },
      },
    },
    async (req, reply) => {
      const then = await pastCatalog(kit, req.query, { year: req.params.year });
      const asOf = req.query.asOf;
      if (then !== undefined)
        return sendJson(
          reply.header('x-as-of-position', String(then.position)),
          JSON.stringify(nationalDashboard(then.catalog, req.params.year, then.now, req.query.rankBy, asOf)),
        );
      const c = await kit.catalog(req.query.minPosition);
      const body = cached(`n:${req.params.year}:${req.query.rankBy}:${asOf ?? ''}`, c.position, (t) =>
        nationalDashboard(c, req.params.year, t, req.query.rankBy, asOf),
      ) as CachedJson;
      return sendCachedJson(req, reply, body);
    },
  );

  app.get(
    '/provinces/:code/cooperatives/:cooperativeId/profile',
    {
      config: { access: 'read' },
      schema: {
        tags: ['dashboards'],
        operationId: 'getCooperativeProfile',
        summary: 'Every approval, disbursement, appraisal, nomination, meeting and petition of one cooperative',
        params: z.object({ code: ProvinceCode, cooperativeId: z.uuid() }),
        querystring: ReadQuery,
        response: {
          200: z
            .object({
              cooperative: z.object({ cooperativeId: z.string(), name: z.string() }).loose(),
              approvals: z.array(z.unknown()),
              disbursements: z.array(z.unknown()),
              appraisals: z.array(z.unknown()),
              nominations: z.array(z.unknown()),
              meetings: z.array(z.unknown()),
              petitions: z.array(z.unknown()),
            })
            .meta({ id: 'CooperativeProfile' }),
          ...readProblems,
        },
      },
    },
    async (req, reply) => {
      const c = await kit.catalog(req.query.minPosition);
      const p = cooperativeProfile(c, req.params.cooperativeId);
      if (p === undefined || p.cooperative.provinceCode !== req.params.code)
        throw new HttpProblem('not-found', `cooperative ${req.params.cooperativeId} does not exist here`);
      return sendJson(reply, JSON.stringify(p));
    },
  );

  app.post(
    '/admin/projections/rebuild',
    {
      config: { access: 'admin' },
      schema: {
        tags: ['operations'],
        operationId: 'rebuildProjections',
        summary: 'Rebuild every read model from the event log (reads keep being served meanwhile)',
        response: {
          200: z.object({ events: z.number().int(), seconds: z.number() }).meta({ id: 'RebuildResult' }),
          401: ProblemSchema,
          403: ProblemSchema,
        },
      },
    },
    async () => {
      const r = await kit.deps.projector.rebuild();
      cache.clear();
      return r;
    },
  );
};

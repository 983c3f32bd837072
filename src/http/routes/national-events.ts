import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  AttendNationalEvent,
  HoldNationalEvent,
  nationalEventDecider,
  nationalEventStream,
} from '../../../domain/national-event/national-event.ts';
import { campaignKey } from '../../../projections/catalog.ts';
import { PageQuery, pageSchema } from '../schemas.ts';
import type { Kit } from '../kit.ts';
import { commandRoute } from '../command-route.ts';
import { readRoute } from '../read-route.ts';
import { CampaignParams } from './campaigns.ts';
import { campaignPlan } from './loaders.ts';
import { NationalEventItem } from '../../../projections/folds/national-event.ts';

/** National events: the national alliance records those it holds (organiser VN); provinces the ones they attend. */
export const nationalEventRoutes: FastifyPluginAsyncZod<{ kit: Kit }> = async (app, { kit }) => {
  const base = '/provinces/:code/campaigns/:year';
  const events = (p: { code: string; year: number }) =>
    campaignPlan(kit.streams, p, nationalEventStream(p.code, p.year), nationalEventDecider);

  commandRoute(app, kit, {
    path: `${base}/national-events`,
    tags: ['national events'],
    operationId: 'holdNationalEvent',
    form: { title: 'Ghi sự kiện của Liên minh HTX Việt Nam', ownId: 'eventId' },
    summary:
      'The national alliance (code VN) records a national event it held: the honouring conference, a forum, a ' +
      'fair (HoldNationalEvent)',
    params: CampaignParams,
    body: HoldNationalEvent,
    created: true,
    plan: (p, b) => ({ ...events(p), command: { type: 'HoldNationalEvent' as const, ...b } }),
  });
  commandRoute(app, kit, {
    path: `${base}/national-event-attendances`,
    tags: ['national events'],
    operationId: 'attendNationalEvent',
    form: { title: 'Ghi đoàn của tỉnh dự sự kiện quốc gia', ownId: 'attendanceId' },
    summary:
      "A province records its delegation at a national event; counted by the plan's events-attended target " +
      '(AttendNationalEvent)',
    params: CampaignParams,
    body: AttendNationalEvent,
    created: true,
    plan: (p, b) => ({ ...events(p), command: { type: 'AttendNationalEvent' as const, ...b } }),
  });
  readRoute(app, kit, {
    path: `${base}/national-events`,
    tags: ['national events'],
    operationId: 'listNationalEvents',
    summary: 'National events the organiser held (VN), then those it attended (a province), each in the order recorded',
    params: CampaignParams,
    querystring: PageQuery,
    page: pageSchema(NationalEventItem, 'NationalEventPage'),
    paging: 'by-count',
    items: (c, { code, year }) => {
      const held = [...c.nationalEvents.values()]
        .filter((x) => x.organiser === code && x.year === year)
        .sort((a, b) => a.position - b.position)
        .map(({ revision: _r, updatedAt: _u, lastPosition: _l, position: _p, ...x }) => ({
          role: 'held' as const,
          ...x,
        }));
      const attended = (c.records.get(campaignKey(code, year))?.attendances ?? []).map((x) => ({
        role: 'attended' as const,
        ...x,
      }));
      return [...held, ...attended];
    },
  });
};

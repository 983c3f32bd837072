import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { isPublicationFormat } from '../../../domain/outreach/outreach.ts';
import {
  PublicationKind,
  RecordPublication,
  RetractPublication,
  publicationDecider,
  publicationStream,
} from '../../../domain/publication/publication.ts';
import { campaignDocuments, type Catalog } from '../../../projections/catalog.ts';
import type { MeetingView } from '../../../projections/folds/outreach.ts';
import { PublicationItem, type PublicationView } from '../../../projections/folds/publication.ts';
import { PageQuery, ReadQuery, pageSchema } from '../schemas.ts';
import { keep } from '../paging.ts';
import type { Kit } from '../kit.ts';
import { commandRoute } from '../command-route.ts';
import { readRoute } from '../read-route.ts';
import { CampaignParams } from './campaigns.ts';
import { campaignPlan, ofCampaign } from './loaders.ts';

type PublicationOut = z.infer<typeof PublicationItem>;

function fromPublication(p: PublicationView): PublicationOut {
  const { lastPosition: _l, ...rest } = p;
  return { ...rest, recordedAs: 'publication' };
}

/** A meeting of a publication format (recorded before RecordPublication existed), as the publication it is. */
function fromMeeting(m: MeetingView): PublicationOut {
  return {
    publicationId: m.meetingId,
    organiser: m.organiser,
    year: m.year,
    kind: m.format as z.infer<typeof PublicationKind>,
    outlet: m.organisedBy,
    date: m.date,
    title: m.title ?? m.organisedBy,
    topics: m.topics,
    ...(m.activityId !== undefined ? { activityId: m.activityId } : {}),
    status: m.status,
    recordedAs: 'outreach-meeting',
    revision: m.revision,
    updatedAt: m.updatedAt,
    position: m.position,
  };
}

/**
 * Every publication of a campaign recorded after `after`, in the order recorded: its own records
 * and the older meetings of a publication format, two ordered lists merged by position.
 */
function* publicationsOf(c: Catalog, code: string, year: number, after: number): Generator<PublicationOut> {
  const own = campaignDocuments(c, code, year, 'publications', after);
  let p = own.next();
  for (const m of campaignDocuments(c, code, year, 'meetings', after)) {
    if (!isPublicationFormat(m.format)) continue;
    for (; p.done !== true && p.value.position < m.position; p = own.next()) yield fromPublication(p.value);
    yield fromMeeting(m);
  }
  for (; p.done !== true; p = own.next()) yield fromPublication(p.value);
}

/** Publications: bulletins, press, radio and television, websites — counted apart from meetings. */
export const publicationRoutes: FastifyPluginAsyncZod<{ kit: Kit }> = async (app, { kit }) => {
  const base = '/provinces/:code/campaigns/:year/publications';
  const PublicationParams = CampaignParams.extend({ publicationId: z.uuid() });
  const publication = (p: { code: string; year: number }, publicationId: string) =>
    campaignPlan(kit.streams, p, publicationStream(p.code, p.year, publicationId), publicationDecider);

  commandRoute(app, kit, {
    path: base,
    tags: ['outreach'],
    operationId: 'recordPublication',
    form: { title: 'Ghi tin, bài, bản tin', ownId: 'publicationId' },
    summary:
      'Record a publication: bulletin issue, press article, radio or TV programme, web article (RecordPublication)',
    params: CampaignParams,
    body: RecordPublication,
    location: (p, b) => `/provinces/${p.code}/campaigns/${p.year}/publications/${b.publicationId}`,
    recordOn: (p, b) => ({ organiser: p.code, date: b.date, units: ['alliance'] }),
    plan: (p, b) => ({ ...publication(p, b.publicationId), command: { type: 'RecordPublication' as const, ...b } }),
  });
  readRoute(app, kit, {
    path: base,
    tags: ['outreach'],
    operationId: 'listPublications',
    summary:
      'Publications of a campaign, oldest first (with meetings of a publication format recorded before ' +
      'publications had their own command)',
    params: CampaignParams,
    querystring: PageQuery.extend({
      kind: PublicationKind.optional(),
      from: z.string().optional(),
      to: z.string().optional(),
      includeRetracted: z.coerce.boolean().default(false),
    }),
    page: pageSchema(PublicationItem, 'PublicationPage'),
    paging: 'in-order',
    items: (c, p, q, after) =>
      keep(
        publicationsOf(c, p.code, p.year, after),
        (x) =>
          (q.includeRetracted || x.status === 'recorded') &&
          (q.kind === undefined || x.kind === q.kind) &&
          (q.from === undefined || x.date >= q.from) &&
          (q.to === undefined || x.date <= q.to),
      ),
  });
  readRoute(app, kit, {
    path: `${base}/:publicationId`,
    tags: ['outreach'],
    operationId: 'getPublication',
    summary: 'One publication',
    params: PublicationParams,
    querystring: ReadQuery,
    resource: PublicationItem,
    answer: (c, { code, year, publicationId }) => {
      const p = c.publications.get(publicationId);
      const m = c.meetings.get(publicationId);
      const found =
        p !== undefined
          ? fromPublication(p)
          : m !== undefined && isPublicationFormat(m.format)
            ? fromMeeting(m)
            : undefined;
      return ofCampaign(found, { code, year });
    },
    what: (p) => `publication ${p.publicationId}`,
  });
  commandRoute(app, kit, {
    path: `${base}/:publicationId/retraction`,
    tags: ['outreach'],
    operationId: 'retractPublication',
    form: { title: 'Thu hồi tin, bài ghi nhầm' },
    summary: 'Retract a publication recorded by mistake (RetractPublication)',
    params: PublicationParams,
    body: RetractPublication,
    recordOn: (p, _b, c) => {
      const x = c.publications.get(p.publicationId);
      return x === undefined || x.organiser !== p.code
        ? undefined
        : { organiser: p.code, date: x.date, units: ['alliance'] };
    },
    plan: (p, b) => ({
      ...publication(p, p.publicationId),
      command: { type: 'RetractPublication' as const, publicationId: p.publicationId, ...b },
    }),
  });
};

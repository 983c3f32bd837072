import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  CorrectOutreachMeeting,
  MeetingFormat,
  RecordOutreachMeeting,
  RetractOutreachMeeting,
  isPublicationFormat,
  outreachDecider,
  outreachStream,
} from '../../../domain/outreach/outreach.ts';
import { campaignDocuments } from '../../../projections/catalog.ts';
import { PageQuery, ReadQuery, pageSchema } from '../schemas.ts';
import { keep } from '../paging.ts';
import type { Kit } from '../kit.ts';
import { commandRoute } from '../command-route.ts';
import { readRoute } from '../read-route.ts';
import { CampaignParams } from './campaigns.ts';
import { campaignPlan, ofCampaign } from './loaders.ts';
import { MeetingView } from '../../../projections/folds/outreach.ts';
import { todayOf } from '../../../domain/shared/communes.ts';
import { resolvePlace } from '../../../domain/shared/place.ts';

/** Whether a meeting took place in the commune `code` (as recorded, or rolled up to today's). */
function inCommune(m: MeetingView, code: string, today: boolean): boolean {
  const c = resolvePlace(m.place, m.organiser, m.year, m.date);
  if (c === undefined) return false;
  return today ? todayOf(c).some((t) => t.code === code) : c.code === code;
}

/**
 * Outreach meetings: conferences, seminars, launch ceremonies and dialogues. Meetings recorded
 * with a publication format before publications had their own command are listed with
 * publications (routes/publications.ts), not here.
 */
export const outreachRoutes: FastifyPluginAsyncZod<{ kit: Kit }> = async (app, { kit }) => {
  const base = '/provinces/:code/campaigns/:year';
  const MeetingParams = CampaignParams.extend({ meetingId: z.uuid() });
  const outreach = (p: { code: string; year: number }, meetingId: string) =>
    campaignPlan(kit.streams, p, outreachStream(p.code, p.year, meetingId), outreachDecider);
  const meetings = `${base}/outreach-meetings`;
  commandRoute(app, kit, {
    path: meetings,
    tags: ['outreach'],
    operationId: 'recordOutreachMeeting',
    form: { title: 'Ghi hội nghị, tọa đàm tuyên truyền', ownId: 'meetingId' },
    summary: 'Record an outreach meeting (RecordOutreachMeeting)',
    params: CampaignParams,
    body: RecordOutreachMeeting,
    location: (p, b) => `/provinces/${p.code}/campaigns/${p.year}/outreach-meetings/${b.meetingId}`,
    access: 'write-local',
    localTo: (_p, b) => ({ communeCode: b.place.communeCode, date: b.date }),
    recordOn: (p, b) => ({
      organiser: p.code,
      date: b.date,
      units: ['alliance', ...(b.place.communeCode !== undefined ? [b.place.communeCode] : [])],
    }),
    plan: (p, b) => ({ ...outreach(p, b.meetingId), command: { type: 'RecordOutreachMeeting' as const, ...b } }),
  });
  readRoute(app, kit, {
    path: `${base}/outreach-meetings`,
    tags: ['outreach'],
    operationId: 'listOutreachMeetings',
    summary: 'Meetings of a campaign, oldest first, with filters',
    params: CampaignParams,
    querystring: PageQuery.extend({
      format: MeetingFormat.optional(),
      commune: z.string().optional().describe('the commune’s name exactly as recorded'),
      communeCode: z
        .string()
        .regex(/^\d{5}$/, 'must be a five-digit commune code')
        .optional()
        .describe('a commune: meetings recorded in it (its code read on the map of each meeting’s date)'),
      unmapped: z
        .enum(['true', 'false'])
        .transform((v) => v === 'true')
        .default(false)
        .describe(
          'true: only meetings recorded before commune codes whose free-text place names no one commune of the ' +
            'province (correct them with a place.communeCode)',
        ),
      today: z
        .enum(['true', 'false'])
        .transform((v) => v === 'true')
        .default(false)
        .describe(
          'true: communeCode is one of today’s communes, and meetings in the old communes it was formed from count too',
        ),
      from: z.string().optional(),
      to: z.string().optional(),
      includeRetracted: z.coerce.boolean().default(false),
    }),
    page: pageSchema(MeetingView, 'OutreachMeetingPage'),
    paging: 'in-order',
    items: (c, p, q, after) =>
      keep(
        campaignDocuments(c, p.code, p.year, 'meetings', after),
        (m) =>
          (q.includeRetracted || m.status === 'recorded') &&
          !isPublicationFormat(m.format) &&
          (q.format === undefined || m.format === q.format) &&
          (q.commune === undefined || m.place.commune === q.commune) &&
          (q.communeCode === undefined || inCommune(m, q.communeCode, q.today)) &&
          (!q.unmapped || resolvePlace(m.place, m.organiser, m.year, m.date) === undefined) &&
          (q.from === undefined || m.date >= q.from) &&
          (q.to === undefined || m.date <= q.to),
      ),
  });
  readRoute(app, kit, {
    path: `${base}/outreach-meetings/:meetingId`,
    tags: ['outreach'],
    operationId: 'getOutreachMeeting',
    summary: 'One meeting with its current (corrected) fields',
    params: MeetingParams,
    querystring: ReadQuery,
    resource: MeetingView,
    answer: (c, p) => ofCampaign(c.meetings.get(p.meetingId), p),
    what: (p) => `meeting ${p.meetingId}`,
  });
  commandRoute(app, kit, {
    path: `${meetings}/:meetingId/corrections`,
    tags: ['outreach'],
    operationId: 'correctOutreachMeeting',
    form: { title: 'Đính chính hội nghị' },
    summary: 'Correct a meeting (CorrectOutreachMeeting)',
    params: MeetingParams,
    body: CorrectOutreachMeeting,
    // The meeting's day as recorded, and the day it is moved to: both periods change.
    recordOn: (p, b, c) => {
      const m = c.meetings.get(p.meetingId);
      if (m === undefined || m.organiser !== p.code) return undefined;
      const units = ['alliance', ...[m.place.communeCode, b.changes.place?.communeCode].filter((x) => x !== undefined)];
      return [m.date, b.changes.date ?? m.date].map((date) => ({ organiser: p.code, date, units }));
    },
    plan: (p, b) => ({
      ...outreach(p, p.meetingId),
      command: { type: 'CorrectOutreachMeeting' as const, meetingId: p.meetingId, ...b },
    }),
  });
  commandRoute(app, kit, {
    path: `${meetings}/:meetingId/retraction`,
    tags: ['outreach'],
    operationId: 'retractOutreachMeeting',
    form: { title: 'Thu hồi hội nghị ghi nhầm' },
    summary: 'Retract a meeting (RetractOutreachMeeting)',
    params: MeetingParams,
    body: RetractOutreachMeeting,
    recordOn: (p, _b, c) => {
      const m = c.meetings.get(p.meetingId);
      return m === undefined || m.organiser !== p.code
        ? undefined
        : {
            organiser: p.code,
            date: m.date,
            units: ['alliance', ...(m.place.communeCode ? [m.place.communeCode] : [])],
          };
    },
    plan: (p, b) => ({
      ...outreach(p, p.meetingId),
      command: { type: 'RetractOutreachMeeting' as const, meetingId: p.meetingId, ...b },
    }),
  });
};

import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { assistanceStream } from '../../../domain/assistance/assistance.ts';
import { attachmentStream, AttachmentRecordKind } from '../../../domain/attachment/attachment.ts';
import { consultationStream } from '../../../domain/consultation/consultation.ts';
import { cooperativeStream } from '../../../domain/cooperative/cooperative.ts';
import { dialogueStream } from '../../../domain/dialogue/dialogue.ts';
import { honourStream } from '../../../domain/honour/honour.ts';
import { nominationsStream } from '../../../domain/nomination/nomination.ts';
import { outreachStream } from '../../../domain/outreach/outreach.ts';
import { publicationStream } from '../../../domain/publication/publication.ts';
import { supportStream } from '../../../domain/support/support.ts';
import { taskStream } from '../../../domain/task/task.ts';
import { tradePromotionStream } from '../../../domain/trade-promotion/trade-promotion.ts';
import { trainingStream } from '../../../domain/training/training.ts';
import { visitStream } from '../../../domain/visit/visit.ts';
import type { Catalog } from '../../../projections/catalog.ts';
import { domainEvent } from '../../app/replay.ts';
import { streamPages } from '../../eventstore/pages.ts';
import type { StoredEvent } from '../../eventstore/types.ts';
import type { Kit } from '../kit.ts';
import { HttpProblem } from '../problems.ts';
import { ReadQuery, readProblems } from '../schemas.ts';
import { OrganiserParams } from './campaigns.ts';

/** The kinds of record whose history the page shows, named as in their routes. */
export const HistoryRecordKind = z.enum([
  'outreach-meetings',
  'publications',
  'trainings',
  'cooperatives',
  'petitions',
  'support-approvals',
  'disbursements',
  'nominations',
  'honours',
  'visits',
  'trade-promotions',
  'support-in-kind',
  'tasks',
  'consultations',
]);
export type HistoryRecordKind = z.infer<typeof HistoryRecordKind>;

/**
 * Where a record's events are: its own stream, or the campaign's stream it shares with the
 * campaign's other records of its kind (then only the events that name it are its history).
 */
interface Where {
  stream: string;
  shared: boolean;
}

/** The record's stream, when the record is one of `code`'s; undefined otherwise (a 404). */
function whereIs(c: Catalog, code: string, kind: HistoryRecordKind, id: string): Where | undefined {
  const own = (d: { organiser: string; year: number } | undefined, stream: (o: string, y: number) => string) =>
    d === undefined || d.organiser !== code ? undefined : { stream: stream(d.organiser, d.year), shared: false };
  const shared = (d: { organiser: string; year: number } | undefined, stream: (o: string, y: number) => string) =>
    d === undefined || d.organiser !== code ? undefined : { stream: stream(d.organiser, d.year), shared: true };
  switch (kind) {
    case 'outreach-meetings':
      return own(c.meetings.get(id), (o, y) => outreachStream(o, y, id));
    case 'publications':
      return own(c.publications.get(id), (o, y) => publicationStream(o, y, id));
    case 'trainings':
      return own(c.trainings.get(id), (o, y) => trainingStream(o, y, id));
    case 'honours':
      return own(c.honours.get(id), (o, y) => honourStream(o, y, id));
    case 'visits':
      return own(c.visits.get(id), (o, y) => visitStream(o, y, id));
    case 'trade-promotions':
      return own(c.tradePromotions.get(id), (o, y) => tradePromotionStream(o, y, id));
    case 'support-in-kind':
      return own(c.assistances.get(id), (o, y) => assistanceStream(o, y, id));
    case 'petitions':
      return shared(c.petitions.get(id), dialogueStream);
    case 'support-approvals':
      return shared(c.approvals.get(id), supportStream);
    case 'disbursements':
      return shared(c.disbursements.get(id), supportStream);
    case 'nominations':
      return shared(c.nominations.get(id), nominationsStream);
    case 'tasks': {
      const t = c.tasks.get(id);
      return t === undefined || t.organiser !== code ? undefined : { stream: taskStream(code, id), shared: false };
    }
    case 'consultations': {
      const x = c.consultations.get(id);
      return x === undefined || x.organiser !== code
        ? undefined
        : { stream: consultationStream(code, id), shared: false };
    }
    case 'cooperatives': {
      const x = c.cooperatives.get(id);
      return x === undefined || x.provinceCode !== code ? undefined : { stream: cooperativeStream(id), shared: false };
    }
  }
}

/** An event of a shared stream is the record's when one of its fields holds the record's id. */
const names = (data: Record<string, unknown>, id: string): boolean =>
  Object.values(data).some((v) => v === id || (Array.isArray(v) && v.includes(id)));

const HistoryItem = z
  .object({
    position: z.number().int().describe("the event's place in the log"),
    recordedAt: z.string().describe('when it was recorded (ISO 8601, UTC)'),
    type: z.string().describe('the event, as docs/events.md names it (OutreachMeetingRecorded, FileAttached, …)'),
    data: z.record(z.string(), z.unknown()).describe("the event's facts, in their current shape"),
    actor: z.string().optional().describe('who recorded it (the subject of their token)'),
    actorName: z.string().optional().describe("their name, as the organisation's sign-in gave it"),
    role: z.string().optional(),
    app: z.string().optional().describe('the application that sent it'),
  })
  .meta({ id: 'RecordHistoryItem' });
const RecordHistory = z
  .object({
    recordKind: HistoryRecordKind,
    recordId: z.string(),
    items: z.array(HistoryItem).describe('oldest first: the record, each change to it, and the files attached to it'),
  })
  .meta({ id: 'RecordHistory' });

/** At most this many events of a shared stream are read for one history (a campaign's support or nominations). */
const PAGE = 1000;

/**
 * A record's history for the people who read it: every event that made or changed it (a meeting
 * recorded, corrected, retracted; an approval and the disbursements against it), and the files
 * attached to it, oldest first, with who recorded each and when. Auditors read whole streams with
 * every header at /audit; this is the record's own part of them, under the record's read access.
 */
export const historyRoutes: FastifyPluginAsyncZod<{ kit: Kit }> = async (app, { kit }) => {
  const store = kit.deps.store;
  async function eventsOf(stream: string, keep: (e: StoredEvent) => boolean): Promise<StoredEvent[]> {
    const out: StoredEvent[] = [];
    for await (const page of streamPages(store, stream, { pageSize: PAGE }))
      for (const e of page) if (keep(e)) out.push(e);
    return out;
  }
  app.get(
    '/provinces/:code/records/:recordKind/:recordId/history',
    {
      config: { access: 'read' },
      schema: {
        tags: ['history'],
        operationId: 'getRecordHistory',
        summary: "A record's history: the events that made and changed it, and its files, with who and when",
        params: OrganiserParams.extend({
          recordKind: HistoryRecordKind.describe('the kind of record, named as in its own route'),
          recordId: z.string().min(1).max(80).describe("the record's id (meetingId, approvalId, cooperativeId, …)"),
        }),
        querystring: ReadQuery,
        response: { 200: RecordHistory, ...readProblems },
      },
    },
    async (req) => {
      const { code, recordKind, recordId } = req.params;
      const where = whereIs(await kit.catalog(req.query.minPosition), code, recordKind, recordId);
      if (where === undefined) throw new HttpProblem('not-found', `no ${recordKind} ${recordId} in ${code}`);
      const own = await eventsOf(where.stream, (e) => !where.shared || names(e.data, recordId));
      const attachable = AttachmentRecordKind.safeParse(recordKind);
      const files = attachable.success
        ? await eventsOf(attachmentStream(code, attachable.data, recordId), () => true)
        : [];
      const items = [...own, ...files]
        .sort((a, b) => a.position - b.position)
        .map((e) => {
          const m = e.metadata;
          return {
            position: e.position,
            recordedAt: e.recordedAt,
            type: e.type,
            data: domainEvent(e).data as Record<string, unknown>,
            ...(m.actor !== undefined ? { actor: m.actor } : {}),
            ...(m.actorName !== undefined ? { actorName: m.actorName } : {}),
            ...(m.role !== undefined ? { role: m.role } : {}),
            ...(m.app !== undefined ? { app: m.app } : {}),
          };
        });
      return { recordKind, recordId, items };
    },
  );
};

import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { commune } from '../../../domain/shared/communes.ts';
import { ProvinceCode, province } from '../../../domain/shared/units.ts';
import { campaignDocuments } from '../../../projections/catalog.ts';
import { CommuneTable, communeTable } from '../../../projections/communes.ts';
import { HttpProblem } from '../problems.ts';
import { readProblems } from '../schemas.ts';
import type { Kit } from '../kit.ts';
import { resolvePlace } from '../../../domain/shared/place.ts';
import { todayOf } from '../../../domain/shared/communes.ts';

const Years = z
  .object({
    from: z.coerce.number().int().min(2000).max(2100).optional().describe('first campaign year; by default 2024'),
    to: z.coerce.number().int().min(2000).max(2100).optional().describe('last campaign year; by default this year'),
    minPosition: z.coerce.number().int().min(0).optional(),
  })
  .refine((q) => q.from === undefined || q.to === undefined || q.from <= q.to, {
    message: 'from must not be after to',
    path: ['from'],
  });

const CommuneDetail = z
  .object({
    commune: z.object({ code: z.string(), name: z.string() }),
    province: z.object({ code: z.string(), name: z.string() }),
    formedFrom: z.array(z.object({ code: z.string(), name: z.string(), district: z.string().optional() })),
    total: z.object({ meetings: z.number(), attendees: z.number() }),
    byYear: z.array(z.object({ year: z.number().int(), meetings: z.number(), attendees: z.number() })),
    asRecorded: CommuneTable.shape.asRecorded.describe('the rows, as recorded, that roll up to this commune'),
    meetings: z
      .array(
        z.object({
          organiser: z.string(),
          year: z.number().int(),
          meetingId: z.string(),
          date: z.string(),
          title: z.string().nullable(),
          format: z.string(),
          commune: z.string().describe('as recorded'),
          district: z.string().nullable(),
          attendees: z.number(),
        }),
      )
      .describe('its meetings, newest first (up to 500)'),
    split: z
      .array(CommuneTable.shape.today.element)
      .describe('old communes split between this commune and others: their meetings are not counted above'),
  })
  .meta({ id: 'CommuneDetail' });

/** A province's meetings by commune across years, and one commune's drill-down. */
export const communeRoutes: FastifyPluginAsyncZod<{ kit: Kit }> = async (app, { kit }) => {
  const years = (q: { from?: number | undefined; to?: number | undefined }) => {
    const thisYear = Number(kit.deps.now().toISOString().slice(0, 4));
    return { from: q.from ?? Math.min(2024, q.to ?? thisYear), to: q.to ?? Math.max(thisYear, q.from ?? thisYear) };
  };
  const todayProvince = (code: string) => {
    const p = province('current', code);
    if (p === undefined)
      throw new HttpProblem(
        'not-found',
        `${code} is not one of today’s 34 provinces: ask for the province it became part of`,
      );
    return p;
  };

  app.get(
    '/provinces/:code/communes',
    {
      config: { access: 'read' },
      schema: {
        tags: ['dashboards'],
        operationId: 'getCommuneTable',
        summary: 'Meetings by commune across campaign years: as recorded, and rolled up to today’s communes',
        description:
          'Every row as recorded lands in exactly one row of `today`: one of today’s communes, an old commune ' +
          'split between several (kept apart, never guessed), or free text that names no one commune.',
        params: z.object({ code: ProvinceCode }),
        querystring: Years,
        response: { 200: CommuneTable, ...readProblems },
      },
    },
    async (req) => {
      const p = todayProvince(req.params.code);
      const { from, to } = years(req.query);
      const c = await kit.catalog(req.query.minPosition);
      return communeTable(c, p.code, from, to) as CommuneTable;
    },
  );

  app.get(
    '/provinces/:code/communes/:communeCode',
    {
      config: { access: 'read-commune' },
      schema: {
        tags: ['dashboards'],
        operationId: 'getCommuneDetail',
        summary: 'One of today’s communes: its meetings by year, including those in the old communes that formed it',
        params: z.object({
          code: ProvinceCode,
          communeCode: z.string().regex(/^\d{5}$/, 'must be a five-digit commune code'),
        }),
        querystring: Years,
        response: { 200: CommuneDetail, ...readProblems },
      },
    },
    async (req) => {
      const p = todayProvince(req.params.code);
      const here = commune('current', req.params.communeCode);
      if (here === undefined || here.province.id !== p.id)
        throw new HttpProblem('not-found', `${req.params.communeCode} is not a commune of ${p.name} today`);
      const { from, to } = years(req.query);
      const c = await kit.catalog(req.query.minPosition);
      const table = communeTable(c, p.code, from, to) as CommuneTable;
      const asRecorded = table.asRecorded.filter((r) => r.today.length === 1 && r.today[0]?.code === here.code);
      const byYear = new Map<number, { year: number; meetings: number; attendees: number }>();
      for (const r of asRecorded) {
        const y = byYear.get(r.year) ?? { year: r.year, meetings: 0, attendees: 0 };
        y.meetings += r.meetings;
        y.attendees += r.attendees;
        byYear.set(r.year, y);
      }
      const meetings: z.infer<typeof CommuneDetail>['meetings'] = [];
      for (const campaign of table.campaigns)
        for (const m of campaignDocuments(c, campaign.organiser, campaign.year, 'meetings')) {
          if (m.status !== 'recorded' || !m.place) continue;
          const at = resolvePlace(m.place, m.organiser, m.year, m.date);
          const now = at === undefined ? [] : todayOf(at);
          if (now.length !== 1 || now[0]?.code !== here.code) continue;
          meetings.push({
            organiser: m.organiser,
            year: m.year,
            meetingId: m.meetingId,
            date: m.date,
            title: m.title ?? null,
            format: m.format,
            commune: m.place.commune,
            district: m.place.district ?? null,
            attendees: m.attendees,
          });
        }
      meetings.sort((a, b) => b.date.localeCompare(a.date));
      return {
        commune: { code: here.code, name: here.name },
        province: { code: p.code, name: p.name },
        formedFrom: here.predecessors.map((code) => {
          const o = commune('pre2025', code);
          return { code, name: o?.name ?? `huyện ${code}`, ...(o?.district ? { district: o.district.name } : {}) };
        }),
        total: {
          meetings: asRecorded.reduce((n, r) => n + r.meetings, 0),
          attendees: asRecorded.reduce((n, r) => n + r.attendees, 0),
        },
        byYear: [...byYear.values()].sort((a, b) => a.year - b.year),
        asRecorded,
        meetings: meetings.slice(0, 500),
        split: table.today.filter((r) => r.kind === 'split' && r.splitInto?.some((s) => s.code === here.code)),
      };
    },
  );
};

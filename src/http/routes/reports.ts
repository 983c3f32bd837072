import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ExpectReports,
  ReportKind,
  SubmitReport,
  reportingDecider,
  reportingStream,
} from '../../../domain/reporting/reporting.ts';
import { LocalDate, vnDateOf } from '../../../domain/shared/time.ts';
import {
  NationalReport,
  ProvinceReport,
  nationalReport,
  nationalReportBook,
  provinceReport,
  provinceReportBook,
} from '../../../projections/reports.ts';
import {
  NationalSubmissions,
  ReportSubmissions,
  nationalSubmissions,
  reportSubmissions,
} from '../../../projections/report-submissions.ts';
import { Format, formatOf, sendBook } from '../books.ts';
import { sendJson } from '../cached-json.ts';
import { Clocks, pastCatalog } from '../clocks.ts';
import { HttpProblem } from '../problems.ts';
import { ReadQuery, readProblems } from '../schemas.ts';
import type { Kit } from '../kit.ts';
import { commandRoute } from '../command-route.ts';
import { readRoute } from '../read-route.ts';
import { OrganiserParams } from './campaigns.ts';

const Year = z.coerce.number().int().min(2000).max(2100);
const ReportParams = OrganiserParams.extend({ year: Year, kind: ReportKind });
const AsOfDate = z.object({
  asOf: LocalDate.optional().describe(
    'business date: submissions dated on or before it; missing once due by then (default: today)',
  ),
});

/**
 * Reports: the 6-month and year-end report books (JSON, CSV, XLSX), and who must send them, who
 * did, who was late, who has not.
 */
export const reportRoutes: FastifyPluginAsyncZod<{ kit: Kit }> = async (app, { kit }) => {
  const now = () => kit.deps.now().toISOString();
  const today = () => vnDateOf(now());
  app.get(
    '/provinces/:code/reports/:year/:kind',
    {
      config: { access: 'read' },
      schema: {
        tags: ['reports'],
        operationId: 'getProvinceReport',
        summary: 'The 6-month (1/1–30/6) or year-end report (due before 20/12), JSON, CSV or XLSX',
        params: OrganiserParams.extend({
          year: z.coerce.number().int().min(2000).max(2100),
          kind: z.enum(['half-year', 'year-end']),
        }),
        querystring: ReadQuery.extend(Format.shape).extend(Clocks.shape),
        response: {
          200: ProvinceReport.describe('JSON; text/csv or an .xlsx workbook when format= or Accept asks for one'),
          ...readProblems,
        },
      },
    },
    async (req, reply) => {
      const then = await pastCatalog(kit, req.query, { code: req.params.code, year: req.params.year });
      const c = then?.catalog ?? (await kit.catalog(req.query.minPosition));
      const r = provinceReport(
        c,
        req.params.code,
        req.params.year,
        req.params.kind,
        then?.now ?? now(),
        req.query.asOf,
      );
      if (r === undefined)
        throw new HttpProblem('not-found', `the ${req.params.year} campaign of ${req.params.code} does not exist`);
      const format = formatOf(req.query.format, req.headers.accept);
      if (format !== 'json')
        return sendBook(
          reply,
          provinceReportBook(r),
          format,
          `bao-cao-${req.params.kind}-${req.params.code}-${req.params.year}`,
        );
      return sendJson(reply, JSON.stringify(r));
    },
  );

  app.get(
    '/national/reports/:year',
    {
      config: { access: 'national' },
      schema: {
        tags: ['reports'],
        operationId: 'getNationalReport',
        summary: 'National summary of a year, one row per province, JSON, CSV or XLSX',
        params: z.object({ year: z.coerce.number().int().min(2000).max(2100) }),
        querystring: ReadQuery.extend(Format.shape).extend(Clocks.shape),
        response: { 200: NationalReport, ...readProblems },
      },
    },
    async (req, reply) => {
      const then = await pastCatalog(kit, req.query, { year: req.params.year });
      const c = then?.catalog ?? (await kit.catalog(req.query.minPosition));
      const r = nationalReport(c, req.params.year, then?.now ?? now(), req.query.asOf);
      const format = formatOf(req.query.format, req.headers.accept);
      if (format !== 'json') return sendBook(reply, nationalReportBook(r), format, `tong-hop-${req.params.year}`);
      return sendJson(reply, JSON.stringify(r));
    },
  );
  const base = '/provinces/:code/reports/:year/:kind';
  const reporting = (p: z.infer<typeof ReportParams>) => ({
    stream: reportingStream(p.code, p.year, p.kind),
    decider: reportingDecider,
  });

  commandRoute(app, kit, {
    path: `${base}/expected`,
    tags: ['reports'],
    operationId: 'expectReports',
    summary:
      'Name the departments and districts (before 2025) that must send this report, and its due day (ExpectReports)',
    params: ReportParams,
    body: ExpectReports,
    plan: (p, b) => ({
      ...reporting(p),
      command: { type: 'ExpectReports' as const, organiser: p.code, year: p.year, kind: p.kind, ...b },
    }),
  });
  commandRoute(app, kit, {
    path: `${base}/submissions`,
    tags: ['reports'],
    operationId: 'submitReport',
    form: { title: 'Ghi nộp báo cáo', ownId: 'submissionId' },
    summary:
      "Record a report received from a department or district, or the province's own sent to the national " +
      'alliance (SubmitReport)',
    params: ReportParams,
    body: SubmitReport,
    location: (p) => `/provinces/${p.code}/reports/${p.year}/${p.kind}/submissions`,
    plan: (p, b) => ({
      ...reporting(p),
      command: { type: 'SubmitReport' as const, organiser: p.code, year: p.year, kind: p.kind, ...b },
    }),
  });
  readRoute(app, kit, {
    path: `${base}/submissions`,
    tags: ['reports'],
    operationId: 'getReportSubmissions',
    summary: 'Who was to send this report, who did (late or on time), who has not',
    params: ReportParams,
    querystring: ReadQuery.extend(AsOfDate.shape),
    response: ReportSubmissions,
    answer: (c, p, q) => reportSubmissions(c, p.code, p.year, p.kind, q.asOf ?? today()),
  });
  readRoute(app, kit, {
    path: '/national/reports/:year/:kind/submissions',
    access: 'national',
    tags: ['reports'],
    operationId: 'getNationalReportSubmissions',
    summary: 'Which provinces have sent their report to the national alliance, when and how late; which have not',
    params: z.object({ year: Year, kind: ReportKind }),
    querystring: ReadQuery.extend(AsOfDate.shape),
    response: NationalSubmissions,
    answer: (c, p, q) => nationalSubmissions(c, p.year, p.kind, q.asOf ?? today()),
  });
};

import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ExpectReports, ReportKind, Reporter, SubmitReport, reportingDecider, reportingStream } from '../../../domain/reporting/reporting.ts';
import { LocalDate, vnDateOf } from '../../../domain/shared/time.ts';
import { nationalSubmissions, reportSubmissions } from '../../../projections/reporting.ts';
import { CommandHeaders, CommandResultSchema, ReadQuery, commandProblems, readProblems } from '../schemas.ts';
import type { Kit } from '../kit.ts';
import { OrganiserParams } from './campaigns.ts';

const Year = z.coerce.number().int().min(2000).max(2100);
const ReportParams = OrganiserParams.extend({ year: Year, kind: ReportKind });
const Submission = z.object({ submissionId: z.string(), reporter: Reporter, submittedOn: z.string(), documentNumber: z.string().optional(), note: z.string().optional(), daysLate: z.number().int() });
const SubmissionsSchema = z
  .object({
    organiser: z.string(),
    year: z.number().int(),
    kind: ReportKind,
    title: z.string(),
    dueBy: z.string(),
    asOf: z.string(),
    due: z.boolean().describe('the due day had passed on asOf'),
    expected: z.array(z.object({ reporter: Reporter, submission: Submission.nullable(), late: z.boolean(), missing: z.boolean() })),
    others: z.array(Submission).describe("submissions from reporters not on the expected list, the province's own among them"),
    counts: z.object({ expected: z.number().int(), submitted: z.number().int(), onTime: z.number().int(), late: z.number().int(), missing: z.number().int() }),
  })
  .meta({ id: 'ReportSubmissions' });
const AsOfDate = z.object({ asOf: LocalDate.optional().describe('business date: submissions dated on or before it; missing once due by then (default: today)') });

/** Reports submitted: who must send the 6-month and year-end reports, who did, who was late, who has not. */
export const reportingRoutes: FastifyPluginAsyncZod<{ kit: Kit }> = async (app, { kit }) => {
  const today = () => vnDateOf(kit.deps.now().toISOString());
  const base = '/provinces/:code/reports/:year/:kind';
  const reporting = (p: z.infer<typeof ReportParams>) => ({ stream: reportingStream(p.code, p.year, p.kind), decider: reportingDecider });

  app.post(`${base}/expected`, {
    config: { access: 'write' },
    schema: { tags: ['reports'], operationId: 'expectReports', summary: 'Name the departments and districts (before 2025) that must send this report, and its due day (ExpectReports)', params: ReportParams, headers: CommandHeaders, body: ExpectReports, response: { 200: CommandResultSchema, ...commandProblems } },
  }, async (req, reply) => {
    const p = req.params;
    return kit.command(req, reply, { ...reporting(p), command: { type: 'ExpectReports', organiser: p.code, year: p.year, kind: p.kind, ...req.body } }, { province: p.code });
  });
  app.post(`${base}/submissions`, {
    config: { access: 'write' },
    schema: { tags: ['reports'], operationId: 'submitReport', summary: "Record a report received from a department or district, or the province's own sent to the national alliance (SubmitReport)", params: ReportParams, headers: CommandHeaders, body: SubmitReport, response: { 201: CommandResultSchema, ...commandProblems } },
  }, async (req, reply) => {
    const p = req.params;
    return kit.command(req, reply, { ...reporting(p), command: { type: 'SubmitReport', organiser: p.code, year: p.year, kind: p.kind, ...req.body } }, { status: 201, location: `/provinces/${p.code}/reports/${p.year}/${p.kind}/submissions`, province: p.code });
  });
  app.get(`${base}/submissions`, {
    config: { access: 'read' },
    schema: { tags: ['reports'], operationId: 'getReportSubmissions', summary: 'Who was to send this report, who did (late or on time), who has not', params: ReportParams, querystring: ReadQuery.extend(AsOfDate.shape), response: { 200: SubmissionsSchema, ...readProblems } },
  }, async (req) => {
    const c = await kit.catalog(req.query.minPosition);
    return reportSubmissions(c, req.params.code, req.params.year, req.params.kind, req.query.asOf ?? today());
  });
  app.get('/national/reports/:year/:kind/submissions', {
    config: { access: 'national' },
    schema: {
      tags: ['reports'], operationId: 'getNationalReportSubmissions', summary: 'Which provinces have sent their report to the national alliance, when and how late; which have not',
      params: z.object({ year: Year, kind: ReportKind }), querystring: ReadQuery.extend(AsOfDate.shape),
      response: {
        200: z.object({
          year: z.number().int(), kind: ReportKind, title: z.string(), dueBy: z.string(), asOf: z.string(),
          provinces: z.array(z.object({ organiser: z.string(), province: z.string(), current: z.string(), reported: z.object({ submittedOn: z.string(), daysLate: z.number().int(), documentNumber: z.string().optional() }).nullable(), missing: z.boolean() })),
          counts: z.object({ provinces: z.number().int(), reported: z.number().int(), late: z.number().int(), missing: z.number().int() }),
        }).meta({ id: 'NationalReportSubmissions' }),
        ...readProblems,
      },
    },
  }, async (req) => {
    const c = await kit.catalog(req.query.minPosition);
    return nationalSubmissions(c, req.params.year, req.params.kind, req.query.asOf ?? today());
  });
};

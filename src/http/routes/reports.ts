import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ApproveReport,
  ExpectReports,
  ReportKind,
  RequestReports,
  ReturnReport,
  SubmitReport,
  SubmitUnitReport,
  UnlockReportPeriod,
  reportingDecider,
  reportingStream,
} from '../../../domain/reporting/reporting.ts';
import { ReportPeriod, ReportingUnit } from '../../../domain/reporting/chain.ts';
import {
  ReportingStatus,
  ReviewInbox,
  UnitReport,
  reportingStatus,
  reportingStatusSheet,
  reviewInbox,
  unitFigures,
  unitReport,
} from '../../../projections/unit-reports.ts';
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
import { reminderDocument, reminderLetter } from '../../../projections/reminder-letter.ts';
import { DOCX_TYPE } from '../../app/official-document.ts';
import { sendDocument } from './documents.ts';
import { HttpProblem, ProblemSchema } from '../problems.ts';
import { Format, formatOf, sendBook } from '../books.ts';
import { sendJson } from '../cached-json.ts';
import { Clocks, pastCatalog, recordedBy } from '../clocks.ts';
import { catalogAt } from '../../app/replay.ts';
import type { Catalog } from '../../../projections/catalog.ts';
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
      if (format !== 'json') {
        // The workbook carries who is late with the chain's reports of the year, on its own sheet.
        const book = provinceReportBook(r);
        const status = reportingStatus(
          c,
          req.params.code,
          req.params.year,
          req.query.asOf ?? vnDateOf(then?.now ?? now()),
          then?.now ?? now(),
        );
        if (status.rows.length > 0) book.sheets.push(reportingStatusSheet(status));
        return sendBook(reply, book, format, `bao-cao-${req.params.kind}-${req.params.code}-${req.params.year}`);
      }
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
    form: { title: 'Giao báo cáo định kỳ cho các đơn vị' },
    summary:
      'Note who is to send this report, by level and name, and its due day (ExpectReports): the receipt book kept ' +
      'for the records made with it; units along the reporting chain are asked with requestReports',
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
      "Note a report received on paper, or the province's own sent to the national alliance (SubmitReport): a " +
      'receipt without content; a unit of the reporting chain sends its own with submitUnitReport',
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

  // The reporting chain (domain/reporting/chain.ts): units asked for a report, each sending its
  // own with figures and a narrative, the province's officers returning or approving it.
  const chain = '/provinces/:code/reporting/:year/:period';
  const PeriodParams = OrganiserParams.extend({ year: Year, period: ReportPeriod });
  const UnitParams = PeriodParams.extend({ unit: ReportingUnit });
  const SubmissionParams = UnitParams.extend({ submissionId: z.uuid() });
  const onPeriod = (p: z.infer<typeof PeriodParams>) => ({
    stream: reportingStream(p.code, p.year, p.period),
    decider: reportingDecider,
  });
  /** The read models, or the organiser's reports and tasks as the log held them at knownAt/atPosition. */
  const recorded = async (
    code: string,
    q: { knownAt?: string | undefined; atPosition?: number | undefined; minPosition?: number | undefined },
  ): Promise<{ c: Catalog; now: string }> => {
    const at = await recordedBy(kit.deps.store, q, now);
    if (at === undefined) return { c: await kit.catalog(q.minPosition), now: now() };
    return { c: await catalogAt(kit.deps.store, at.position, [`reports-${code}-`, `task-${code}-`]), now: at.knownAt };
  };
  const PastQuery = ReadQuery.extend({ knownAt: Clocks.shape.knownAt, atPosition: Clocks.shape.atPosition });
  const on = (p: z.infer<typeof UnitParams>) => ({
    organiser: p.code,
    year: p.year,
    period: p.period,
    unit: p.unit,
  });

  commandRoute(app, kit, {
    path: `${chain}/requests`,
    tags: ['reports'],
    operationId: 'requestReports',
    form: { title: 'Yêu cầu các đơn vị gửi báo cáo' },
    summary:
      'Ask the units the reporting chain names for a report: the 6-month or year-end one (its due day a ' +
      'setting of the year), or an ad-hoc one (đột xuất) with its title, days and due day (RequestReports)',
    params: PeriodParams,
    body: RequestReports,
    plan: (p, b) => ({
      ...onPeriod(p),
      command: { type: 'RequestReports' as const, organiser: p.code, year: p.year, period: p.period, ...b },
    }),
  });
  commandRoute(app, kit, {
    path: `${chain}/units/:unit/submissions`,
    access: 'report',
    tags: ['reports'],
    operationId: 'submitUnitReport',
    form: { title: 'Gửi báo cáo', ownId: 'submissionId' },
    summary:
      "A unit sends its report to the recipients the chain names: its narrative, and figures the service takes from the unit's " +
      'records at the current log position (SubmitUnitReport); sent again after a return',
    params: UnitParams,
    body: SubmitUnitReport,
    location: (p) => `/provinces/${p.code}/reporting/${p.year}/${p.period}/units/${p.unit}`,
    plan: (p, b) => ({
      ...onPeriod(p),
      command: { type: 'SubmitUnitReport' as const, ...on(p), ...b },
      context: async () => {
        const c = await kit.catalog(undefined);
        const window = c.records.get(`${p.code}-${p.year}`)?.reports?.[p.period]?.window ?? {
          from: `${p.year}-01-01`,
          to: `${p.year}-12-31`,
        };
        return unitFigures(c, p.code, p.year, p.period, window, p.unit, now());
      },
    }),
  });
  readRoute(app, kit, {
    path: `${chain}/units/:unit`,
    access: 'report-read',
    tags: ['reports'],
    operationId: 'getUnitReport',
    summary:
      "A unit's report of a period: each submission with its figures, narrative and review; the lock; the unlocks; " +
      'as the log held it at knownAt/atPosition when asked',
    params: UnitParams,
    querystring: PastQuery,
    response: UnitReport,
    from: (p, q) => recorded(p.code, q),
    answer: ({ c }, p) => unitReport(c, p.code, p.year, p.period, p.unit),
  });
  commandRoute(app, kit, {
    path: `${chain}/units/:unit/submissions/:submissionId/return`,
    tags: ['reports'],
    operationId: 'returnReport',
    form: { title: 'Trả lại báo cáo' },
    summary: 'Return a submission awaiting review, with the reason; the unit may then send it again (ReturnReport)',
    params: SubmissionParams,
    body: ReturnReport,
    plan: (p, b) => ({
      ...onPeriod(p),
      command: { type: 'ReturnReport' as const, ...on(p), submissionId: p.submissionId, ...b },
    }),
  });
  commandRoute(app, kit, {
    path: `${chain}/units/:unit/submissions/:submissionId/approve`,
    tags: ['reports'],
    operationId: 'approveReport',
    form: { title: 'Phê duyệt báo cáo' },
    summary:
      "Approve a submission awaiting review: the unit's period is locked, and its records dated in it are refused " +
      'until an unlock is recorded (ApproveReport)',
    params: SubmissionParams,
    body: ApproveReport,
    plan: (p, b) => ({
      ...onPeriod(p),
      command: { type: 'ApproveReport' as const, ...on(p), submissionId: p.submissionId, ...b },
    }),
  });
  commandRoute(app, kit, {
    path: `${chain}/units/:unit/unlock`,
    tags: ['reports'],
    operationId: 'unlockReportPeriod',
    form: { title: 'Mở khóa kỳ báo cáo' },
    summary:
      "Unlock an approved report's period, saying who and why: the unit's records of the period are accepted again, " +
      'and it may send its report again; a new approval locks it again (UnlockReportPeriod)',
    params: UnitParams,
    body: UnlockReportPeriod,
    plan: (p, b) => ({ ...onPeriod(p), command: { type: 'UnlockReportPeriod' as const, ...on(p), ...b } }),
  });
  readRoute(app, kit, {
    path: '/provinces/:code/reporting/:year/status',
    tags: ['reports'],
    operationId: 'getReportingStatus',
    summary:
      "Who is late with the chain's reports of a year, per unit and report: expected, received, returned, approved, " +
      "days late, missing; a department's overdue tasks",
    params: OrganiserParams.extend({ year: Year }),
    querystring: PastQuery.extend(AsOfDate.shape),
    response: ReportingStatus,
    from: (p, q) => recorded(p.code, q),
    answer: ({ c, now: at }, p, q) => reportingStatus(c, p.code, p.year, q.asOf ?? vnDateOf(at), at),
  });
  app.get(
    '/provinces/:code/reporting/:year/reminders',
    {
      config: { access: 'read' },
      schema: {
        tags: ['reports'],
        operationId: 'getReminderLetter',
        summary:
          'The reminder letter (văn bản đôn đốc) to the units late with a report of the year, as a Word document ' +
          '(.docx): those that sent nothing, whose report was returned and not sent again, or that sent it late',
        description:
          'Laid out as an administrative letter (Decree 30/2020/NĐ-CP): the alliance, its number and the subject; ' +
          'the national title and the date line; Kính gửi the late units; a table of each unit with the report, ' +
          "its due day, its state and the days late; the day to send by; Nơi nhận; the signer's block. Who is late " +
          'is counted as of `date`, as getReportingStatus counts it. A report nobody is late with answers 409 ' +
          'nothing-to-remind, never an empty letter.',
        params: OrganiserParams.extend({ year: Year }),
        querystring: ReadQuery.extend({
          period: ReportPeriod,
          date: LocalDate.optional().describe(
            "the letter's date, and the day who is late is counted on (default: today in Vietnam)",
          ),
          sendBy: LocalDate.optional().describe(
            'the day the units are asked to send their report by, after `date` (default: 5 working days after it, Monday to Friday)',
          ),
          number: z
            .string()
            .trim()
            .min(1)
            .max(40)
            .regex(/^[\p{L}\p{N}/.\- ]+$/u, 'letters, digits, /, ., - and spaces, such as 45/LMHTX-VP')
            .optional()
            .describe("the letter's number, such as 45/LMHTX-VP (default: left blank for the clerk)"),
          signer: z
            .string()
            .trim()
            .min(1)
            .max(100)
            .optional()
            .describe("the signer's name under the signature (default: blank)"),
        }),
        response: {
          200: z.string().describe(`the letter (${DOCX_TYPE})`),
          ...readProblems,
          409: ProblemSchema.describe('nothing-to-remind: no unit is late with this report on that day'),
        },
      },
    },
    async (req, reply) => {
      const { code, year } = req.params;
      const { period } = req.query;
      const date = req.query.date ?? today();
      if (req.query.sendBy !== undefined && req.query.sendBy <= date)
        throw new HttpProblem('validation', `sendBy ${req.query.sendBy} is not after the letter's date ${date}`, {
          errors: [
            {
              in: 'querystring',
              field: 'sendBy',
              rule: 'after-date',
              message: `must be after the letter's date, ${date}`,
            },
          ],
        });
      const c = await kit.catalog(req.query.minPosition);
      const answer = reminderLetter(c, code, year, period, {
        date,
        now: now(),
        number: req.query.number,
        sendBy: req.query.sendBy,
        signer: req.query.signer,
      });
      if ('nothing' in answer) {
        if (answer.nothing === 'not-requested')
          throw new HttpProblem(
            'not-found',
            `the ${period} report of ${year} was not requested of the units of ${code}`,
          );
        throw new HttpProblem(
          'nothing-to-remind',
          `no unit is late for this report (${answer.title ?? period}, due ${answer.dueBy ?? '?'}) on ${date}: no reminder to send`,
          { period, date, dueBy: answer.dueBy },
        );
      }
      // The shared layout, with the document's SHA-256 in Repr-Digest, X-Document-SHA256 and the ETag.
      return sendDocument(req, reply, reminderDocument(answer.letter), 'docx');
    },
  );
  readRoute(app, kit, {
    path: '/provinces/:code/reporting/inbox',
    access: 'review',
    tags: ['reports'],
    operationId: 'getReviewInbox',
    summary:
      "The reviewer's inbox: the units' submissions awaiting the province's review, with their figures and narrative",
    params: OrganiserParams,
    querystring: ReadQuery,
    response: ReviewInbox,
    answer: (c, p) => reviewInbox(c, p.code),
  });
};

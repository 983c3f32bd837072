import { z } from 'zod';
import { ReportKind, Reporter, reportDue, reporterKey } from '../domain/reporting/reporting.ts';
import { PROVINCES, rollUp } from '../domain/shared/units.ts';
import { campaignKey, type Catalog } from './catalog.ts';

const Submission = z.object({
  submissionId: z.string(),
  reporter: Reporter,
  submittedOn: z.string(),
  documentNumber: z.string().optional(),
  note: z.string().optional(),
  daysLate: z.number().int(),
});

/** Who was to send a report and who did, as of a business date. */
export const ReportSubmissions = z
  .object({
    organiser: z.string(),
    year: z.number().int(),
    kind: ReportKind,
    title: z.string(),
    dueBy: z.string(),
    asOf: z.string(),
    due: z.boolean().describe('the due day had passed on asOf'),
    expected: z.array(
      z.object({ reporter: Reporter, submission: Submission.nullable(), late: z.boolean(), missing: z.boolean() }),
    ),
    others: z
      .array(Submission)
      .describe("submissions from reporters not on the expected list, the province's own among them"),
    counts: z.object({
      expected: z.number().int(),
      submitted: z.number().int(),
      onTime: z.number().int(),
      late: z.number().int(),
      missing: z.number().int(),
    }),
  })
  .meta({ id: 'ReportSubmissions' });
export type ReportSubmissions = z.infer<typeof ReportSubmissions>;

export const Reported = z.object({
  submittedOn: z.string(),
  daysLate: z.number().int(),
  documentNumber: z.string().optional(),
});
/** A province's own report to the national alliance: when, how late. */
export type Reported = z.infer<typeof Reported>;

/** Which provinces have sent a report to the national alliance, when and how late; which have not. */
export const NationalSubmissions = z
  .object({
    year: z.number().int(),
    kind: ReportKind,
    title: z.string(),
    dueBy: z.string(),
    asOf: z.string(),
    provinces: z.array(
      z.object({
        organiser: z.string(),
        province: z.string(),
        current: z.string(),
        reported: Reported.nullable(),
        missing: z.boolean(),
      }),
    ),
    counts: z.object({
      provinces: z.number().int(),
      reported: z.number().int(),
      late: z.number().int(),
      missing: z.number().int(),
    }),
  })
  .meta({ id: 'NationalReportSubmissions' });
export type NationalSubmissions = z.infer<typeof NationalSubmissions>;

/**
 * The submissions of one report as of `asOf` (a Vietnam date): a submission dated after it is not
 * counted; a reporter is missing once the due day has passed without one, and late when it came
 * after the due day.
 */
export function reportSubmissions(
  c: Catalog,
  organiser: string,
  year: number,
  kind: ReportKind,
  asOf: string,
): ReportSubmissions {
  const ledger = c.records.get(campaignKey(organiser, year))?.reports?.[kind];
  const { title, dueBy: defaultDue } = reportDue(kind, year);
  const dueBy = ledger?.dueBy ?? defaultDue;
  const due = asOf > dueBy;
  const submissions = (ledger?.submissions ?? []).filter((s) => s.submittedOn <= asOf);
  const byReporter = new Map(submissions.map((s) => [reporterKey(s.reporter), s]));
  const expected = (ledger?.expected ?? []).map((reporter) => {
    const submission = byReporter.get(reporterKey(reporter)) ?? null;
    byReporter.delete(reporterKey(reporter));
    return {
      reporter,
      submission,
      late: submission !== null && submission.daysLate > 0,
      missing: submission === null && due,
    };
  });
  const submitted = submissions.length;
  const late = submissions.filter((s) => s.daysLate > 0).length;
  return {
    organiser,
    year,
    kind,
    title,
    dueBy,
    asOf,
    due,
    expected,
    others: [...byReporter.values()],
    counts: {
      expected: expected.length,
      submitted,
      onTime: submitted - late,
      late,
      missing: expected.filter((x) => x.missing).length,
    },
  };
}

/** Whether a province's alliance sent its own report (level province) to the national alliance, as of a date. */
export function provinceReported(
  c: Catalog,
  organiser: string,
  year: number,
  kind: ReportKind,
  asOf: string,
): Reported | null {
  const s = c.records
    .get(campaignKey(organiser, year))
    ?.reports?.[kind]?.submissions.find((x) => x.reporter.level === 'province' && x.submittedOn <= asOf);
  return s === undefined
    ? null
    : {
        submittedOn: s.submittedOn,
        daysLate: s.daysLate,
        ...(s.documentNumber !== undefined ? { documentNumber: s.documentNumber } : {}),
      };
}

/** Every province with a campaign in the year: whether it reported, when, how late; missing once due. */
export function nationalSubmissions(c: Catalog, year: number, kind: ReportKind, asOf: string): NationalSubmissions {
  const { dueBy, title } = reportDue(kind, year);
  const provinces = [...c.campaigns.values()]
    .filter((x) => x.year === year && x.organiser !== 'VN')
    .map((x) => {
      const unit = x.provinceId === null ? undefined : PROVINCES.get(x.provinceId);
      const reported = provinceReported(c, x.organiser, year, kind, asOf);
      return {
        organiser: x.organiser,
        province: unit?.name ?? x.organiser,
        current: unit === undefined ? x.organiser : rollUp(unit).name,
        reported,
        missing: reported === null && asOf > dueBy,
      };
    })
    .sort((a, b) => a.organiser.localeCompare(b.organiser));
  return {
    year,
    kind,
    title,
    dueBy,
    asOf,
    provinces,
    counts: {
      provinces: provinces.length,
      reported: provinces.filter((p) => p.reported !== null).length,
      late: provinces.filter((p) => (p.reported?.daysLate ?? 0) > 0).length,
      missing: provinces.filter((p) => p.missing).length,
    },
  };
}

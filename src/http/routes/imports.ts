import multipart from '@fastify/multipart';
import type { FastifyBaseLogger, FastifyInstance, FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { PassThrough } from 'node:stream';
import { z } from 'zod';
import { campaignDocuments, campaignKey, type Catalog } from '../../../projections/catalog.ts';
import { FUNDS_VI, MEETING_FORMATS_VI, SUPPORT_FORMS_VI, TOPICS_VI } from '../../../domain/shared/names-vi.ts';
import { communesOf } from '../../../domain/shared/communes.ts';
import { PROVINCES, rollUp } from '../../../domain/shared/units.ts';
import {
  IMPORT_KINDS,
  IMPORT_MAX_BYTES,
  IMPORT_SPECS,
  ImportFileError,
  fileHash,
  importRows,
  importTemplate,
  labelled,
  rowId,
  type ImportRow,
  type ImportSpec,
  type Lists,
} from '../../app/imports.ts';
import { XLSX_TYPE } from '../../app/spreadsheet.ts';
import { HttpProblem, ProblemSchema } from '../problems.ts';
import { ReadQuery, commandProblems, readProblems } from '../schemas.ts';
import type { Kit } from '../kit.ts';
import { CampaignParams } from './campaigns.ts';

const Params = CampaignParams.extend({
  records: z.enum(IMPORT_KINDS).describe('the kind of records: meetings, approvals, disbursements or admission-rounds'),
});
const CellProblem = z.object({
  row: z.number().int(),
  column: z.string().nullable(),
  field: z.string().nullable(),
  message: z.string(),
});
const ImportReport = z
  .object({
    kind: z.enum(IMPORT_KINDS),
    mode: z.enum(['check', 'apply']),
    atomic: z.boolean(),
    rows: z.number().int().describe('rows read (blank rows are skipped)'),
    problems: z.array(CellProblem).describe('each problem by sheet row and column, in Vietnamese'),
    applied: z.number().int().describe('rows recorded by this upload'),
    alreadyApplied: z.number().int().describe('rows this file had recorded before (the same file again adds nothing)'),
    position: z
      .number()
      .int()
      .describe('log position of the last row written; pass it as minPosition to read your writes'),
  })
  .meta({ id: 'ImportReport' });
type Report = z.infer<typeof ImportReport>;

/**
 * Spreadsheet imports (src/app/imports.ts): a template per record kind, and an upload that is
 * checked row by row without writing (mode=check), then applied through the very command route a
 * form or an API client uses — so every row meets the same validation, rules and answers — with
 * the Idempotency-Key `import-<file hash>-<row>` and an id made from the file and row: the same
 * file uploaded again records nothing new. atomic=true (the default) writes nothing unless every
 * row passes the check; atomic=false writes the rows that pass and reports the others.
 */
/**
 * The communes a row of the campaign may name, by name (with the district before 1 July 2025,
 * where names repeat: "Phường 1 (Thành phố Đà Lạt)") or code: the campaign's province on its
 * year's map, and for a 2025 campaign also today's communes (its rows from 1 July).
 */
function communeChoices(provinceId: string | null, year: number): { label: string; value: string }[] {
  const p = provinceId === null ? undefined : PROVINCES.get(provinceId);
  if (p === undefined) return [];
  const units = p.map === 'pre2025' && year >= 2025 ? [p, rollUp(p)] : [p];
  return units.flatMap((u) =>
    communesOf(u).map((c) => ({ label: c.district ? `${c.name} (${c.district.name})` : c.name, value: c.code })),
  );
}

export const importRoutes: FastifyPluginAsyncZod<{ kit: Kit }> = async (app, { kit }) => {
  await app.register(multipart, { limits: { fileSize: IMPORT_MAX_BYTES, files: 1, fields: 4 } });

  const lists = (c: Catalog, code: string, year: number): Lists => {
    const campaign = c.campaigns.get(campaignKey(code, year));
    return {
      formats: labelled(MEETING_FORMATS_VI),
      topics: labelled(TOPICS_VI),
      communes: communeChoices(campaign?.provinceId ?? null, year),
      activities: (campaign?.activities ?? []).map((a) => ({ label: a.title, value: a.id })),
      approvals: [...campaignDocuments(c, code, year, 'approvals')].map((a) => ({
        label: a.decision.number,
        value: a.approvalId,
      })),
      // The campaign's own funds (its budget lines) first, named as officials name them.
      funds: labelled(FUNDS_VI).sort(
        (a, b) =>
          Number(!(campaign?.budgets ?? []).some((x) => x.fund === a.value)) -
          Number(!(campaign?.budgets ?? []).some((x) => x.fund === b.value)),
      ),
      supportForms: labelled(SUPPORT_FORMS_VI),
      // The province's cooperatives, by name and registration number (either map's code).
      cooperatives: [...c.cooperatives.values()]
        .filter((x) => x.provinceCode === code && x.status === 'active')
        .map((x) => ({ label: `${x.name} (${x.registrationNumber})`, value: x.cooperativeId })),
    };
  };

  app.get(
    '/provinces/:code/campaigns/:year/imports/:records/template',
    {
      config: { access: 'read' },
      schema: {
        tags: ['imports'],
        operationId: 'getImportTemplate',
        summary:
          'An XLSX template for importing records of a kind: Vietnamese headings, lists to pick from, dd/mm/yyyy ' +
          'dates, an example row',
        params: Params,
        querystring: ReadQuery,
        response: { 200: z.string().describe(`the workbook (${XLSX_TYPE})`), ...readProblems },
      },
    },
    async (req, reply) => {
      const { code, year, records: kind } = req.params;
      const c = await kit.catalog(req.query.minPosition);
      if (!c.campaigns.has(campaignKey(code, year))) throw new HttpProblem('not-found', `no campaign ${code} ${year}`);
      const file = await importTemplate(IMPORT_SPECS[kind], lists(c, code, year));
      return reply
        .type(XLSX_TYPE)
        .header('content-disposition', `attachment; filename="mau-nhap-${kind}-${code}-${year}.xlsx"`)
        .send(file as never);
    },
  );

  app.post(
    '/provinces/:code/campaigns/:year/imports/:records',
    {
      config: { access: 'write' },
      schema: {
        tags: ['imports'],
        operationId: 'importRecords',
        summary:
          'Import records from a filled template (multipart/form-data, field "file", .xlsx up to 10 MB): check ' +
          'every row, or apply them',
        description:
          'mode=check reads every row and checks it as its command would be decided, writing nothing. ' +
          'mode=apply writes the rows through their commands, ' +
          'each with Idempotency-Key import-<file hash>-<row>: the same file again adds nothing. ' +
          'atomic=true writes nothing unless every row passes. ' +
          'With Accept: application/x-ndjson the answer streams progress lines ({"phase","done"}) and ends with ' +
          '{"report": …}.',
        params: Params,
        querystring: z.object({
          mode: z.enum(['check', 'apply']).default('check'),
          atomic: z.enum(['true', 'false']).default('true').describe('all or nothing (true), or row by row'),
        }),
        consumes: ['multipart/form-data'],
        response: {
          200: ImportReport,
          413: ProblemSchema.describe('the file is larger than 10 MB'),
          ...commandProblems,
        },
      },
    },
    async (req, reply) => {
      const { code, year, records: kind } = req.params;
      const spec = IMPORT_SPECS[kind];
      const part = await req.file().catch((err: unknown) => {
        if ((err as { code?: string }).code === 'FST_INVALID_MULTIPART_CONTENT_TYPE') {
          throw new HttpProblem('unsupported-media-type', 'send the workbook as multipart/form-data, field "file"');
        }
        throw err;
      });
      if (part === undefined || part.fieldname !== 'file') {
        throw new HttpProblem('validation', 'send the workbook as the multipart field "file"', {
          errors: [{ in: 'body', field: 'file', rule: 'required', message: 'is required (multipart/form-data)' }],
        });
      }
      const file = await part.toBuffer();
      const c = await kit.catalog(undefined);
      if (!c.campaigns.has(campaignKey(code, year))) throw new HttpProblem('not-found', `no campaign ${code} ${year}`);
      // A row whose record (its id is made from the file and row) is in the read models came with this file before.
      const recorded = (id: string): boolean =>
        kind === 'meetings'
          ? c.meetings.has(id)
          : kind === 'approvals'
            ? c.approvals.has(id)
            : kind === 'disbursements'
              ? c.disbursements.has(id)
              : (c.records.get(campaignKey(code, year))?.rounds ?? []).some((r) => r.roundId === id);
      const target = { url: `/provinces/${code}/campaigns/${year}/${spec.route}`, recorded };
      const run = new ImportRun(
        app,
        kit.internalSecret,
        req.headers.authorization ?? '',
        spec,
        target,
        file,
        lists(c, code, year),
        req.query.mode,
        req.query.atomic === 'true',
      );
      // File-level problems (not a workbook, missing columns) answer as problems before anything is streamed.
      await run.open(req.log);
      if (!(req.headers.accept ?? '').includes('application/x-ndjson')) {
        const report = await run.all(() => undefined);
        return reportReply(reply, report);
      }
      const out = new PassThrough();
      void reply.type('application/x-ndjson; charset=utf-8').send(out as never);
      const report = await run
        .all((phase, done) => out.write(`${JSON.stringify({ phase, done })}\n`))
        .catch((err: unknown) => ({ error: err instanceof Error ? err.message : String(err) }));
      const last = 'error' in report ? { problem: { title: 'Lỗi hệ thống', detail: report.error } } : { report };
      out.end(`${JSON.stringify(last)}\n`);
      return reply;
    },
  );
};

/** An atomic apply whose check found problems writes nothing: 422 with every problem; otherwise the report. */
function reportReply(reply: FastifyReply, report: Report): FastifyReply | Report {
  if (report.mode === 'apply' && report.atomic && report.applied === 0 && report.problems.length > 0) {
    throw new HttpProblem(
      'import-rows-invalid',
      `${report.problems.length} problems in ${report.rows} rows; nothing was written`,
      {
        errors: report.problems.slice(0, 1000).map((p) => ({
          in: 'file',
          field: `row ${p.row}${p.column ? `, ${p.column}` : ''}`,
          rule: 'row',
          message: p.message,
        })),
        report,
      },
    );
  }
  return reply.send(report);
}

/** One upload being checked and applied: the file read twice as a stream (check, then apply). */
class ImportRun {
  private readonly hash: string;
  private first: AsyncGenerator<ImportRow> | null = null;
  private peeked: IteratorResult<ImportRow> | null = null;

  constructor(
    private readonly app: FastifyInstance,
    private readonly secret: string,
    private readonly authorization: string,
    private readonly spec: ImportSpec,
    private readonly target: { url: string; recorded: (id: string) => boolean },
    private readonly file: Buffer,
    private readonly lists: Lists,
    private readonly mode: 'check' | 'apply',
    private readonly atomic: boolean,
  ) {
    this.hash = fileHash(file);
  }

  /** Reads the heading row (and the first record): a file that cannot be imported throws here. */
  async open(log: FastifyBaseLogger): Promise<void> {
    this.first = importRows(this.file, this.spec, this.lists);
    try {
      this.peeked = await this.first.next();
    } catch (err) {
      if (!(err instanceof ImportFileError)) throw err;
      // Why the reader gave up stays in the logs (the answer names the rule only).
      if (err.reason !== undefined)
        log.warn({ err: err.reason, bytes: this.file.length }, 'import: workbook unreadable');
      throw new HttpProblem(err.code, err.message, err.details);
    }
  }

  /** The rows: the first pass goes on from the opened reader, the second reads the file again. */
  private async *rows(reuse: boolean): AsyncGenerator<ImportRow> {
    if (reuse && this.first !== null && this.peeked !== null) {
      if (this.peeked.done !== true) yield this.peeked.value;
      yield* this.first;
      return;
    }
    yield* importRows(this.file, this.spec, this.lists);
  }

  private bodyOf(r: { row: number; body: Record<string, unknown> }): Record<string, unknown> {
    return { ...r.body, [this.spec.ownId]: rowId(this.hash, r.row, this.spec.kind) };
  }

  /** Sends one row through its command route, as this process's own request. */
  private send(body: Record<string, unknown>, extra: Record<string, string>) {
    return this.app.inject({
      method: 'POST',
      url: this.target.url,
      payload: body,
      headers: {
        authorization: this.authorization,
        'content-type': 'application/json',
        'accept-language': 'vi',
        'x-cam-internal': this.secret,
        ...extra,
      },
    });
  }

  /** The problem of a refused row, by the column its field (or the rule's detail) names. */
  private problemsOf(row: number, answer: { statusCode: number; body: string }): Report['problems'] {
    let p: { detail?: string; title?: string; errors?: { field: string; message: string }[]; [k: string]: unknown } =
      {};
    try {
      p = JSON.parse(answer.body) as typeof p;
    } catch {
      // not JSON: said by status below
    }
    const column = (field: string) =>
      this.spec.columns.find(
        (c) => c.field === field || field.startsWith(`${c.field}.`) || c.field.startsWith(`${field}.`),
      );
    if (p.errors !== undefined && p.errors.length > 0) {
      return p.errors.map((e) => ({
        row,
        column: column(e.field)?.header ?? null,
        field: e.field,
        message: e.message,
      }));
    }
    const named = this.spec.columns.find((c) => Object.hasOwn(p, c.field.split('.')[0] as string));
    return [
      {
        row,
        column: named?.header ?? null,
        field: named?.field ?? null,
        message: p.detail ?? p.title ?? `HTTP ${answer.statusCode}`,
      },
    ];
  }

  async all(progress: (phase: 'check' | 'apply', done: number) => void): Promise<Report> {
    const report: Report = {
      kind: this.spec.kind,
      mode: this.mode,
      atomic: this.atomic,
      rows: 0,
      problems: [],
      applied: 0,
      alreadyApplied: 0,
      position: 0,
    };
    const failed = new Set<number>();
    const before = new Set<number>();
    // The check: every row, decided as its command would be, nothing written.
    for await (const r of this.rows(true)) {
      report.rows += 1;
      if (this.target.recorded(rowId(this.hash, r.row, this.spec.kind))) {
        before.add(r.row);
        report.alreadyApplied += 1;
      } else if (r.problems.length > 0) {
        failed.add(r.row);
        report.problems.push(...r.problems.map((p) => ({ row: r.row, ...p })));
      } else {
        const answer = await this.send(this.bodyOf(r), { 'x-cam-dry-run': this.secret });
        if (answer.statusCode >= 400) {
          failed.add(r.row);
          report.problems.push(...this.problemsOf(r.row, answer));
        }
      }
      if (report.rows % 100 === 0) progress('check', report.rows);
    }
    progress('check', report.rows);
    if (this.mode === 'check' || (this.atomic && failed.size > 0)) return report;
    let done = 0;
    for await (const r of this.rows(false)) {
      if (failed.has(r.row) || before.has(r.row)) continue;
      const answer = await this.send(this.bodyOf(r), {
        'idempotency-key': `import-${this.hash.slice(0, 48)}-${r.row}`,
      });
      if (answer.statusCode < 300) {
        if (answer.headers['idempotent-replayed'] === 'true') report.alreadyApplied += 1;
        else report.applied += 1;
        report.position = Math.max(report.position, (JSON.parse(answer.body) as { position: number }).position);
      } else {
        report.problems.push(...this.problemsOf(r.row, answer));
        // All or nothing: a row refused now (the log moved since the check) stops the import.
        if (this.atomic) break;
      }
      if (++done % 100 === 0) progress('apply', done);
    }
    progress('apply', done);
    return report;
  }
}

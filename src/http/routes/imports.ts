import multipart from '@fastify/multipart';
import type { FastifyBaseLogger, FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { createHash } from 'node:crypto';
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
  type Column,
  type ImportRow,
  type ImportSpec,
  type Lists,
} from '../../app/imports.ts';
import type { CommandPlan, IdempotentRequest } from '../../app/commands.ts';
import type { DomainEvent } from '../../../domain/shared/decider.ts';
import type { EventMetadata } from '../../eventstore/types.ts';
import { allowed } from '../../auth/claims.ts';
import { canonicalJson } from '../canonical.ts';
import { inProcessCommand, type InProcessCommand } from '../command-route.ts';
import { fieldMessageVi, languageOf, type Lang } from '../problem-texts.ts';
import { actorOf } from '../kit.ts';
import { XLSX_TYPE } from '../../app/spreadsheet.ts';
import { HttpProblem, ProblemSchema, toProblem } from '../problems.ts';
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
    rows: z.number().int().describe('rows read (blank rows and the template’s example row are not counted)'),
    examples: z
      .number()
      .int()
      .describe('rows skipped as the template’s example row, marked "Dòng mẫu" and left as the template wrote it'),
    problems: z
      .array(CellProblem)
      .describe(
        'each problem by sheet row and column, every field’s at once, one a column, in the language asked ' +
          '(Accept-Language: vi or en)',
      ),
    toApply: z
      .number()
      .int()
      .describe(
        'rows that pass the check and were not recorded before: what an apply records (all or nothing: only ' +
          'when no row has a problem)',
      ),
    applied: z.number().int().describe('rows recorded by this upload'),
    alreadyApplied: z.number().int().describe('rows this file had recorded before (the same file again adds nothing)'),
    position: z
      .number()
      .int()
      .describe('log position of the last row written; pass it as minPosition to read your writes'),
  })
  .meta({ id: 'ImportReport' });
type Report = z.infer<typeof ImportReport>;
type RowProblem = Omit<z.infer<typeof CellProblem>, 'row'>;

/**
 * Spreadsheet imports (src/app/imports.ts): a template per record kind, and an upload that is
 * checked row by row without writing (mode=check), then applied as the very command route a form
 * or an API client uses runs it (its schema, plan, period locks and rules, in this process) — so
 * every row meets the same validation, rules and answers — with the Idempotency-Key
 * `import-<file hash>-<row>` and an id made from the file and row: the same file uploaded again
 * records nothing new. atomic=true (the default) writes nothing unless every row passes the check;
 * atomic=false writes the rows that pass and reports the others. The template's example row
 * ("Dòng mẫu") is never imported.
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
          'mode=check reads every row and checks it as its command would be decided, writing nothing: every ' +
          'field’s problem at once, one a column, and how many rows an apply would record (toApply). ' +
          'The template’s example row (marked "Dòng mẫu") is skipped; typed over, it is a problem of its row. ' +
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
      // The record kind's command route, run in this process as a request to it would run.
      const command = inProcessCommand(kit, `/provinces/:code/campaigns/:year/${spec.route}`);
      if (command === undefined) throw new Error(`no command route for ${spec.route}`);
      const claims = req.claims;
      if (claims === null || !allowed(command.access, claims, code))
        throw new HttpProblem('forbidden', `recording ${kind} in province ${code} is not allowed to this token`);
      // A row whose record (its id is made from the file and row) is in the read models came with this file before.
      const recorded = (id: string): boolean =>
        kind === 'meetings'
          ? c.meetings.has(id)
          : kind === 'approvals'
            ? c.approvals.has(id)
            : kind === 'disbursements'
              ? c.disbursements.has(id)
              : (c.records.get(campaignKey(code, year))?.rounds ?? []).some((r) => r.roundId === id);
      const run = new ImportRun(kit, {
        spec,
        command,
        params: { code, year },
        url: `/provinces/${code}/campaigns/${year}/${spec.route}`,
        recorded,
        metadata: { ...actorOf(req), ...(/^\d{2}$/.test(code) ? { province: code } : {}) },
        file,
        lists: lists(c, code, year),
        mode: req.query.mode,
        atomic: req.query.atomic === 'true',
        lang: languageOf(req.headers),
      });
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

/** Rows run at once: each its own stream for most kinds, so their appends share the store's group commits. */
const CHUNK = 256;

/** A row that passed the check: its command's body (as the schema read it) and plan. */
interface ReadyRow {
  row: number;
  body: unknown;
  plan: CommandPlan<unknown, DomainEvent, unknown, unknown>;
}

interface RunOptions {
  spec: ImportSpec;
  command: InProcessCommand;
  params: { code: string; year: number };
  /** The command route's URL for these params (the Idempotency-Key's fingerprint is made with it). */
  url: string;
  recorded: (id: string) => boolean;
  metadata: EventMetadata;
  file: Buffer;
  lists: Lists;
  mode: 'check' | 'apply';
  atomic: boolean;
  lang: Lang;
}

/**
 * One upload being checked and applied. The file is read once, as a stream: each row is read
 * into its command's body, checked by the command's schema (every field's problem at once) and,
 * when its fields are right, decided as its command would be, writing nothing. The rows that
 * passed are then run as their command route runs them (the same schema, plan, period locks and
 * rules) with the Idempotency-Key import-<file hash>-<row>, CHUNK at a time: rows of different
 * streams at once (their appends share group commits), rows of one stream in order. Nothing is
 * answered before every write it reports is durable.
 */
class ImportRun {
  private readonly hash: string;
  private first: AsyncGenerator<ImportRow> | null = null;
  private peeked: IteratorResult<ImportRow> | null = null;

  constructor(
    private readonly kit: Kit,
    private readonly o: RunOptions,
  ) {
    this.hash = fileHash(o.file);
  }

  /** Reads the heading row (and the first record): a file that cannot be imported throws here. */
  async open(log: FastifyBaseLogger): Promise<void> {
    this.first = importRows(this.o.file, this.o.spec, this.o.lists);
    try {
      this.peeked = await this.first.next();
    } catch (err) {
      if (!(err instanceof ImportFileError)) throw err;
      // Why the reader gave up stays in the logs (the answer names the rule only).
      if (err.reason !== undefined)
        log.warn({ err: err.reason, bytes: this.o.file.length }, 'import: workbook unreadable');
      throw new HttpProblem(err.code, err.message, err.details);
    }
  }

  /** The rows, going on from the opened reader. */
  private async *rows(): AsyncGenerator<ImportRow> {
    if (this.first === null || this.peeked === null) return;
    if (this.peeked.done !== true) yield this.peeked.value;
    yield* this.first;
  }

  /** The column a field of the command's body comes from. */
  private columnOf(field: string | null): Column | undefined {
    if (field === null) return undefined;
    return this.o.spec.columns.find(
      (c) => c.field === field || field.startsWith(`${c.field}.`) || c.field.startsWith(`${field}.`),
    );
  }

  /** A refused command's problems, by the column its field (or the rule's detail) names, in the caller's language. */
  private problemsOf(err: unknown): { status: number; problems: RowProblem[] } {
    const { status, problem } = toProblem(err, undefined, '', this.o.lang);
    const p = problem as typeof problem & { errors?: { field: string; message: string }[] };
    if (p.errors !== undefined && p.errors.length > 0) {
      // One problem a column, the first the command names.
      const problems = new Map<string, RowProblem>();
      for (const e of p.errors) {
        const column = this.columnOf(e.field)?.header ?? null;
        if (!problems.has(column ?? e.field))
          problems.set(column ?? e.field, { column, field: e.field, message: e.message });
      }
      return { status, problems: [...problems.values()] };
    }
    const named = this.o.spec.columns.find((c) => Object.hasOwn(p, c.field.split('.')[0] as string));
    return {
      status,
      problems: [
        {
          column: named?.header ?? null,
          field: named?.field ?? null,
          message: p.detail ?? p.title ?? `HTTP ${status}`,
        },
      ],
    };
  }

  /**
   * A row's problems, every field's at once and one a column: what its cells could not say, then
   * what the command's schema refuses; when both find nothing, the rules its command decides.
   * Returns the row ready to run, or its problems.
   */
  private async check(
    r: Extract<ImportRow, { example: false }>,
    id: string,
  ): Promise<{ ready: ReadyRow } | { problems: RowProblem[] }> {
    const problems: RowProblem[] = r.problems.map((p) => ({
      column: p.column,
      field: p.field,
      message: this.o.lang === 'vi' ? p.vi : p.en,
    }));
    const seen = new Set(problems.map((p) => p.column ?? p.field));
    const parsed = this.o.command.body.safeParse({ ...r.body, [this.o.spec.ownId]: id });
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = issue.path.map(String).join('.');
        const column = this.columnOf(field === '' ? null : field);
        const key = column?.header ?? field;
        if (seen.has(key)) continue;
        seen.add(key);
        problems.push({
          column: column?.header ?? null,
          field: field === '' ? null : field,
          message:
            this.o.lang === 'vi'
              ? fieldMessageVi(issue.message, issue as unknown as Record<string, unknown>)
              : issue.message,
        });
      }
    }
    if (problems.length > 0 || !parsed.success) return { problems };
    const plan = this.o.command.plan(this.o.params, parsed.data);
    try {
      await this.kit.decide(plan);
    } catch (err) {
      const refused = this.problemsOf(err);
      // The store could not be read: not the row's fault, and no answer about it can be given.
      if (refused.status >= 500) throw err;
      return { problems: refused.problems };
    }
    return { ready: { row: r.row, body: parsed.data, plan } };
  }

  /** A row's Idempotency-Key and what is recorded with it, as a request to the command route would have them. */
  private idempotencyOf(r: ReadyRow): IdempotentRequest {
    const location = this.o.command.location?.(this.o.params, r.body);
    return {
      key: `import-${this.hash.slice(0, 48)}-${r.row}`,
      fingerprint: createHash('sha256')
        .update(`POST ${this.o.url}\n${canonicalJson(r.body)}`)
        .digest('hex'),
      status: this.o.command.status,
      ...(location !== undefined ? { location } : {}),
    };
  }

  async all(progress: (phase: 'check' | 'apply', done: number) => void): Promise<Report> {
    const { spec, mode, atomic } = this.o;
    const report: Report = {
      kind: spec.kind,
      mode,
      atomic,
      rows: 0,
      examples: 0,
      problems: [],
      toApply: 0,
      applied: 0,
      alreadyApplied: 0,
      position: 0,
    };
    const ready: ReadyRow[] = [];
    let failed = 0;
    // The check: every row, read, validated and decided as its command would be, nothing written.
    const checkChunk = async (chunk: Extract<ImportRow, { example: false }>[]) => {
      const results = await Promise.all(
        chunk.map(async (r) => {
          const id = rowId(this.hash, r.row, spec.kind);
          if (this.o.recorded(id)) return 'before' as const;
          const checked = await this.check(r, id);
          return checked;
        }),
      );
      results.forEach((x, i) => {
        const row = (chunk[i] as { row: number }).row;
        if (x === 'before') report.alreadyApplied += 1;
        else if ('ready' in x) ready.push(x.ready);
        else {
          failed += 1;
          report.problems.push(...x.problems.map((p) => ({ row, ...p })));
        }
        report.rows += 1;
        if (report.rows % 100 === 0) progress('check', report.rows);
      });
    };
    let chunk: Extract<ImportRow, { example: false }>[] = [];
    for await (const r of this.rows()) {
      if (r.example) {
        report.examples += 1;
        continue;
      }
      chunk.push(r);
      if (chunk.length >= CHUNK) {
        await checkChunk(chunk);
        chunk = [];
      }
    }
    await checkChunk(chunk);
    progress('check', report.rows);
    report.toApply = ready.length;
    if (mode === 'check' || (atomic && failed > 0)) return report;

    // The apply: CHUNK rows at a time, rows of one stream in order, the others at once.
    let done = 0;
    let stop = false;
    for (let i = 0; i < ready.length && !stop; i += CHUNK) {
      const byStream = new Map<string, ReadyRow[]>();
      for (const r of ready.slice(i, i + CHUNK)) {
        const same = byStream.get(r.plan.stream);
        if (same === undefined) byStream.set(r.plan.stream, [r]);
        else same.push(r);
      }
      await Promise.all(
        [...byStream.values()].map(async (rows) => {
          for (const r of rows) {
            if (stop) return;
            try {
              const idempotency = this.idempotencyOf(r);
              const ran = await this.kit.execute(r.plan, {
                metadata: { ...this.o.metadata, idempotencyKey: idempotency.key },
                idempotency,
              });
              if (ran.kind === 'replayed') report.alreadyApplied += 1;
              else report.applied += 1;
              const position = ran.kind === 'replayed' ? ran.record.position : ran.result.position;
              report.position = Math.max(report.position, position);
            } catch (err) {
              const refused = this.problemsOf(err);
              report.problems.push(...refused.problems.map((p) => ({ row: r.row, ...p })));
              // All or nothing: a row refused now (the log moved since the check) stops the import;
              // so does a store that cannot take writes. The rows under way finish first.
              if (atomic || refused.status >= 500) stop = true;
            }
            if (++done % 100 === 0) progress('apply', done);
          }
        }),
      );
    }
    report.problems.sort((a, b) => a.row - b.row);
    progress('apply', done);
    return report;
  }
}

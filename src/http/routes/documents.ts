import contentDisposition from 'content-disposition';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  DocumentKind,
  WriteReportNarrative,
  narrativeDecider,
  narrativeStream,
  type NarrativeOf,
} from '../../../domain/narrative/narrative.ts';
import { ReportingUnit } from '../../../domain/reporting/chain.ts';
import { LocalDate, vnDateOf } from '../../../domain/shared/time.ts';
import type { Catalog } from '../../../projections/catalog.ts';
import {
  campaignResultDocument,
  narrativeOf,
  nationalSummaryDocument,
  provinceReportDocument,
  unitReportDocument,
  type DrawnAt,
  type NoDocument,
} from '../../../projections/documents.ts';
import { NarrativeView } from '../../../projections/folds/narrative.ts';
import type { OfficialDocument } from '../../../projections/official-document.ts';
import { renderDocument } from '../../app/document-renderer.ts';
import { MEDIA_TYPES, type DocumentFormat } from '../../app/official-document.ts';
import { Clocks, pastCatalog } from '../clocks.ts';
import { commandRoute } from '../command-route.ts';
import { matchesNoneOf } from '../conditional.ts';
import type { Kit } from '../kit.ts';
import { HttpProblem } from '../problems.ts';
import { readRoute } from '../read-route.ts';
import { ReadQuery, readProblems } from '../schemas.ts';
import { OrganiserParams } from './campaigns.ts';

const Year = z.coerce.number().int().min(2000).max(2100);
/** The documents a province issues; its reporting units issue their 6-month and year-end reports. */
const ProvinceDocument = z
  .enum(['campaign-result', 'half-year', 'year-end'])
  .describe(
    'campaign-result: the peak period and the whole year (the campaign dashboard); half-year, year-end: the ' +
      'periodic reports (the report book)',
  );
const UnitDocument = z.enum(['half-year', 'year-end']).describe("the unit's 6-month or year-end report");
const Format = z
  .enum(['docx', 'pdf', 'html'])
  .optional()
  .describe('docx (Word), pdf, or html (the preview); else as Accept asks; Word by default');

/** What every document query takes: the format, the two clocks, the document's date, number and signer. */
export const DocumentQuery = ReadQuery.extend({
  format: Format,
  asOf: LocalDate.optional().describe(
    'business date of the figures: records dated on or before it (default: the document date); printed',
  ),
  knownAt: Clocks.shape.knownAt,
  atPosition: Clocks.shape.atPosition.describe(
    'the log position to draw the figures and the narrative at (default: the read models now); printed',
  ),
  date: LocalDate.optional().describe("the document's date, on its date line (default: today in Vietnam)"),
  number: WriteReportNarrative.shape.number.describe(
    "the document's number, such as 45/BC-LMHTX (default: the narrative's, else blank for the clerk)",
  ),
  signer: z
    .string()
    .trim()
    .min(1)
    .max(100)
    .optional()
    .describe("the signer's name under the signature (default: the narrative's, else blank)"),
});
type DocumentQuery = z.infer<typeof DocumentQuery>;

/** A document answer's description, for the OpenAPI document. */
const FILE = z
  .string()
  .describe(
    'the document, Word (.docx), PDF or HTML; Repr-Digest, X-Document-SHA256 and the ETag carry its SHA-256, ' +
      'X-As-Of-Position the log position its figures were drawn at',
  );

/** The format asked for: `format=`, else the first Accept names, else Word. */
export function documentFormat(format: DocumentFormat | undefined, accept: string | undefined): DocumentFormat {
  if (format !== undefined) return format;
  const a = accept ?? '';
  const at = (type: string) => {
    const i = a.indexOf(type);
    return i < 0 ? Number.POSITIVE_INFINITY : i;
  };
  const order = (['docx', 'pdf', 'html'] as const)
    .map((f) => [f, at(f === 'html' ? 'text/html' : MEDIA_TYPES[f])] as const)
    .filter(([, i]) => Number.isFinite(i))
    .sort((x, y) => x[1] - y[1]);
  return order[0]?.[0] ?? 'docx';
}

/**
 * Sends a document: its bytes, their SHA-256 (Repr-Digest per RFC 9530, X-Document-SHA256 in hex,
 * and the strong ETag), the log position and business date it was drawn at, and a file name
 * (RFC 6266, the UTF-8 name beside an ASCII one).
 */
export async function sendDocument(
  req: FastifyRequest,
  reply: FastifyReply,
  d: OfficialDocument,
  format: DocumentFormat,
  position?: number,
): Promise<FastifyReply> {
  const file = await renderDocument(d, format);
  const hex = file.sha256.toString('hex');
  const etag = `"sha256-${hex}"`;
  reply
    .header('etag', etag)
    .header('repr-digest', `sha-256=:${file.sha256.toString('base64')}:`)
    .header('x-document-sha256', hex)
    .header('vary', 'Accept')
    .header(
      'content-disposition',
      contentDisposition(file.filename, { type: format === 'html' ? 'inline' : 'attachment' }),
    );
  if (position !== undefined) reply.header('x-as-of-position', String(position));
  if (!matchesNoneOf(req.headers['if-none-match'], etag)) return reply.code(304).send();
  return reply.type(file.type).send(file.body);
}

/**
 * Official documents in the layout of Decree 30/2020/NĐ-CP, as Word, PDF or HTML, drawn from the
 * read models at a stated log position and business date; and the narrative officials write for
 * them (WriteReportNarrative), kept version by version.
 */
export const narrativeRoutes: FastifyPluginAsyncZod<{ kit: Kit }> = async (app, { kit }) => {
  const now = () => kit.deps.now().toISOString();
  const base = '/provinces/:code/documents/:year/:document';
  const NarrativeParams = OrganiserParams.extend({
    year: Year,
    document: DocumentKind.describe(
      'campaign-result, half-year, year-end (a province), national-summary (the national alliance, code VN)',
    ),
  });
  const UnitNarrativeParams = OrganiserParams.extend({ year: Year, document: UnitDocument, unit: ReportingUnit });

  /** The national summary is the national alliance's (VN), the other documents a province's. */
  const organiserFits = (p: { code: string; document: DocumentKind }): void => {
    const national = p.document === 'national-summary';
    if (national === (p.code === 'VN')) return;
    throw new HttpProblem(
      'validation',
      national
        ? 'the national summary is written by the national alliance: code VN'
        : `the ${p.document} document is a province's: the national alliance (VN) writes national-summary`,
      {
        errors: [
          {
            in: 'params',
            field: 'document',
            rule: 'organiser',
            message: national
              ? 'national-summary is the national alliance’s document (code VN)'
              : 'with code VN, the document is national-summary',
          },
        ],
      },
    );
  };
  const plan = (n: NarrativeOf, b: WriteReportNarrative) => ({
    stream: narrativeStream(n),
    decider: narrativeDecider,
    command: { type: 'WriteReportNarrative' as const, ...n, ...b },
  });

  commandRoute(app, kit, {
    path: `${base}/narrative`,
    tags: ['documents'],
    operationId: 'writeReportNarrative',
    summary:
      "Write the narrative of a province's document (or, with code VN, the national summary): the commentary on " +
      'the results, the shortcomings and causes, the tasks ahead, the proposals; its number and signer. Each version ' +
      'replaces the last in the document; all are kept (WriteReportNarrative)',
    params: NarrativeParams,
    body: WriteReportNarrative,
    plan: (p, b) => {
      organiserFits(p);
      return plan({ organiser: p.code, year: p.year, document: p.document, unit: null }, b);
    },
  });
  commandRoute(app, kit, {
    path: `${base}/units/:unit/narrative`,
    access: 'report',
    tags: ['documents'],
    operationId: 'writeUnitReportNarrative',
    summary:
      "A reporting unit writes the narrative of its own 6-month or year-end report document; it replaces the submission's " +
      'narrative in the document (WriteReportNarrative)',
    params: UnitNarrativeParams,
    body: WriteReportNarrative,
    plan: (p, b) => plan({ organiser: p.code, year: p.year, document: p.document, unit: p.unit }, b),
  });
  readRoute(app, kit, {
    path: `${base}/narrative`,
    tags: ['documents'],
    operationId: 'getReportNarrative',
    summary: "A document's narrative: every version written, the last one current",
    params: NarrativeParams,
    querystring: ReadQuery,
    resource: NarrativeView,
    answer: (c, p) =>
      c.narratives.get(narrativeStream({ organiser: p.code, year: p.year, document: p.document, unit: null })),
    what: (p) => `a narrative of the ${p.document} document of ${p.code} for ${p.year}`,
  });
  readRoute(app, kit, {
    path: `${base}/units/:unit/narrative`,
    access: 'report-read',
    tags: ['documents'],
    operationId: 'getUnitReportNarrative',
    summary: 'The narrative a reporting unit wrote for its report document: every version, the last one current',
    params: UnitNarrativeParams,
    querystring: ReadQuery,
    resource: NarrativeView,
    answer: (c, p) =>
      c.narratives.get(narrativeStream({ organiser: p.code, year: p.year, document: p.document, unit: p.unit })),
    what: (p) => `a narrative of the ${p.document} report of unit ${p.unit} of ${p.code} for ${p.year}`,
  });

  /**
   * The catalog a document is drawn from, its position, and the dates: the read models as the log
   * held them at knownAt/atPosition (time travel), else as they are (after minPosition).
   */
  const drawnAt = async (
    q: DocumentQuery,
    scope: { code: string; year: number } | { year: number },
    narrative: NarrativeOf,
  ): Promise<{ c: Catalog; at: DrawnAt }> => {
    const then = await pastCatalog(kit, q, scope);
    const c = then?.catalog ?? (await kit.catalog(q.minPosition));
    const position = then?.position ?? c.position;
    // The narratives of a past position: the versions the live read models keep, up to it.
    const narratives = then === undefined ? c : await kit.catalog(position);
    const date = q.date ?? vnDateOf(now());
    return {
      c,
      at: {
        position,
        asOf: q.asOf ?? date,
        date,
        now: then?.now ?? now(),
        narrative: narrativeOf(
          narratives,
          narrative.organiser,
          narrative.year,
          narrative.document,
          narrative.unit,
          position,
        ),
        number: q.number,
        signer: q.signer,
      },
    };
  };
  const found = (d: OfficialDocument | NoDocument, what: string): OfficialDocument => {
    if ('missing' in d) throw new HttpProblem('not-found', what);
    return d;
  };

  const documentResponse = {
    200: FILE,
    ...readProblems,
    304: z.null().describe('If-None-Match names this document’s ETag: the client has these bytes'),
  };
  app.get(
    base,
    {
      config: { access: 'read' },
      schema: {
        tags: ['documents'],
        operationId: 'getProvinceDocument',
        summary:
          "A province's report as an administrative document (Decree 30/2020/NĐ-CP): the campaign result report, " +
          'or the 6-month or year-end report; Word, PDF or HTML',
        description:
          'The figures are the read models’ at a log position (atPosition or knownAt; default: now) and a business ' +
          'date (asOf; default: the document date), both printed on it ("Số liệu tính đến ngày …, vị trí nhật ký …"); ' +
          'the narrative is the last version written by that position. The same query at the same position gives ' +
          'the same bytes: their SHA-256 is in Repr-Digest (RFC 9530), X-Document-SHA256 and the ETag.',
        params: OrganiserParams.extend({ year: Year, document: ProvinceDocument }),
        querystring: DocumentQuery,
        response: documentResponse,
      },
    },
    async (req, reply) => {
      const { code, year, document } = req.params;
      const { c, at } = await drawnAt(req.query, { code, year }, { organiser: code, year, document, unit: null });
      const d =
        document === 'campaign-result'
          ? campaignResultDocument(c, code, year, at)
          : provinceReportDocument(c, code, year, document, at);
      return sendDocument(
        req,
        reply,
        found(d, `the ${year} campaign of ${code} does not exist`),
        documentFormat(req.query.format, req.headers.accept),
        at.position,
      );
    },
  );
  app.get(
    `${base}/units/:unit`,
    {
      config: { access: 'report-read' },
      schema: {
        tags: ['documents'],
        operationId: 'getUnitReportDocument',
        summary:
          "A reporting unit's 6-month or year-end report as an administrative document: its last submission's " +
          'figures and narrative (or its figures now, before it sent one); Word, PDF or HTML',
        description:
          'The unit is one the province asked for the report (requestReports). The narrative the unit wrote for the ' +
          "document (writeUnitReportNarrative) replaces its submission's. Hashes and clocks as getProvinceDocument.",
        params: OrganiserParams.extend({ year: Year, document: UnitDocument, unit: ReportingUnit }),
        querystring: DocumentQuery,
        response: documentResponse,
      },
    },
    async (req, reply) => {
      const { code, year, document, unit } = req.params;
      const { c, at } = await drawnAt(req.query, { code, year }, { organiser: code, year, document, unit });
      return sendDocument(
        req,
        reply,
        found(
          unitReportDocument(c, code, year, document, unit, at),
          `unit ${unit} was not asked for the ${document} report of ${code} for ${year}`,
        ),
        documentFormat(req.query.format, req.headers.accept),
        at.position,
      );
    },
  );
  app.get(
    '/national/documents/:year/summary',
    {
      config: { access: 'national' },
      schema: {
        tags: ['documents'],
        operationId: 'getNationalSummaryDocument',
        summary:
          'The national summary of a year as an administrative document of the national alliance: a row per ' +
          'provincial campaign and the totals; Word, PDF or HTML',
        description: 'Clocks and hashes as getProvinceDocument; its narrative is written with code VN.',
        params: z.object({ year: Year }),
        querystring: DocumentQuery,
        response: documentResponse,
      },
    },
    async (req, reply) => {
      const { year } = req.params;
      const { c, at } = await drawnAt(
        req.query,
        { year },
        { organiser: 'VN', year, document: 'national-summary', unit: null },
      );
      return sendDocument(
        req,
        reply,
        nationalSummaryDocument(c, year, at),
        documentFormat(req.query.format, req.headers.accept),
        at.position,
      );
    },
  );
};

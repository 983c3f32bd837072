/**
 * What the OpenAPI document says every operation answers, besides its routes' own schemas: the
 * statuses any request can get (rate limit, overload, start-up, body limits), the headers the
 * service sends, the content types of files and streams, and an example body for every command.
 * `describeAnswers` runs on the generated document (swagger's transformObject); the route files
 * keep declaring their own bodies and problems. test/api.scenario.test.ts walks real answers
 * against the result.
 */
import { XLSX_TYPE } from '../app/spreadsheet.ts';
import { DOCX_TYPE } from '../app/reminder-letter.ts';
import { COMMAND_EXAMPLES } from './examples.ts';
import { ATTACHMENT_TYPES } from '../files/upload.ts';

/** An operation of the document, as far as this module reads and writes it. */
interface Operation {
  operationId?: string;
  parameters?: { name?: string; in?: string; $ref?: string }[];
  requestBody?: { required?: boolean; content?: Record<string, { schema?: unknown; example?: unknown }> };
  responses?: Record<string, Response>;
}
interface Response {
  description?: string;
  content?: Record<string, { schema?: unknown }>;
  headers?: Record<string, unknown>;
}
interface Document {
  paths?: Record<string, Record<string, Operation>>;
  components?: {
    schemas?: Record<string, unknown>;
    headers?: Record<string, unknown>;
    parameters?: Record<string, unknown>;
  };
}

const header = (description: string, schema: object): { description: string; schema: object } => ({
  description,
  schema,
});
/** Every header the service sends that a client may read, by name. */
const HEADERS = {
  'X-Request-Id': header('the id of this request in the service log: the one sent in X-Request-Id, or one made here', {
    type: 'string',
  }),
  'X-RateLimit-Limit': header('requests allowed a minute for this token (or address, without one)', {
    type: 'integer',
  }),
  'X-RateLimit-Remaining': header('requests left in the current minute', { type: 'integer' }),
  'X-RateLimit-Reset': header('seconds until the minute ends', { type: 'integer' }),
  'WWW-Authenticate': header('Bearer, with the reason the token was not accepted (RFC 6750)', { type: 'string' }),
  'Retry-After': header('seconds to wait before retrying; nothing was done', { type: 'integer' }),
  ETag: header(
    'the revision of the stream the resource lives in, quoted ("3"): ' +
      'send it as If-Match with a command, or If-None-Match with a read',
    { type: 'string', example: '"3"' },
  ),
  Location: header('where the created resource is read', { type: 'string' }),
  'Idempotent-Replayed': header(
    'true when this is the stored answer to an earlier request with the same Idempotency-Key',
    { type: 'string', enum: ['true'] },
  ),
  'Content-Disposition': header('attachment, with a file name officials can keep', { type: 'string' }),
  'X-Accel-Buffering': header('`no`: a reverse proxy (nginx) passes each message of the feed on at once', {
    type: 'string',
  }),
  'X-As-Of-Position': header('with knownAt or atPosition: the last log position the answer includes', {
    type: 'integer',
  }),
  'Repr-Digest': header("the SHA-256 of the document's bytes (RFC 9530): what an auditor checks a sent file against", {
    type: 'string',
    example: 'sha-256=:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=:',
  }),
  'X-Document-SHA256': header("the SHA-256 of the document's bytes, in hex", { type: 'string' }),
  'Accept-Ranges': header('`bytes`: a part of the file can be asked for with Range', { type: 'string' }),
  'Content-Range': header('the bytes sent and the size of the file (206), or `bytes */<size>` (416)', {
    type: 'string',
  }),
} as const;
type HeaderName = keyof typeof HEADERS;
const ref = (name: HeaderName): { $ref: string } => ({ $ref: `#/components/headers/${name}` });

const PROBLEM = { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } };
/** Statuses every operation can answer, whatever its route does. */
const EVERY_ROUTE: Record<string, Response> = {
  429: {
    description: 'more requests a minute than this token (or address) may make; nothing was done',
    content: PROBLEM,
  },
  503: {
    description:
      'not served now, nothing was done: the instance is starting, or overloaded; ' +
      'a command: the event store cannot take writes, ' +
      'or the outcome is unknown (retry with the same Idempotency-Key); ' +
      'a read with minPosition: the read models are behind',
    content: PROBLEM,
  },
};
/** Statuses of every operation that takes a body. */
const WITH_BODY: Record<string, Response> = {
  413: {
    description: 'the body is larger than the service takes (1 MB; 10 MB for a spreadsheet); nothing was done',
    content: PROBLEM,
  },
  415: { description: 'the body is not of the declared content type; nothing was done', content: PROBLEM },
};

const FEED = {
  type: 'string',
  description:
    'Server-Sent Events: `id: <position>`, `event: <type>`, `data: <RecordedEvent>`; `event: end` with the reason',
};
const SPREADSHEETS = {
  'text/csv': { schema: { type: 'string', description: 'Vietnamese headings, UTF-8 with BOM' } },
  [XLSX_TYPE]: { schema: { type: 'string', format: 'binary', description: 'a workbook, one sheet a section' } },
};
/** An administrative document: Word, PDF, or the HTML the page previews. */
const DOCUMENTS = {
  [DOCX_TYPE]: { schema: { type: 'string', format: 'binary', description: 'a Word document' } },
  'application/pdf': { schema: { type: 'string', format: 'binary', description: 'a PDF, the Tinos font embedded' } },
  'text/html': { schema: { type: 'string', description: 'a page with the document (the preview)' } },
};
/**
 * Successful answers that are files or streams, by operation: their content types, and whether
 * the route's JSON answer stays beside them (a report: JSON unless CSV or XLSX is asked for).
 */
const FILES: Record<string, { besideJson: boolean; types: Record<string, { schema: object }> }> = {
  getMetrics: {
    besideJson: false,
    types: { 'text/plain': { schema: { type: 'string', description: 'Prometheus text format 0.0.4' } } },
  },
  exportEvents: {
    besideJson: false,
    types: {
      'application/x-ndjson': { schema: { type: 'string', description: 'one RecordedEvent a line, in log order' } },
      'text/csv': { schema: { type: 'string', description: 'one event a row, Vietnamese headings, UTF-8 with BOM' } },
    },
  },
  followEventLog: { besideJson: false, types: { 'text/event-stream': { schema: FEED } } },
  followProvinceEvents: { besideJson: false, types: { 'text/event-stream': { schema: FEED } } },
  getImportTemplate: { besideJson: false, types: { [XLSX_TYPE]: { schema: { type: 'string', format: 'binary' } } } },
  importRecords: {
    besideJson: true,
    types: {
      'application/x-ndjson': {
        schema: {
          type: 'string',
          description: 'with Accept: application/x-ndjson: {phase, done} lines while the file is read, then {report}',
        },
      },
    },
  },
  downloadAttachment: {
    besideJson: false,
    types: Object.fromEntries(
      ATTACHMENT_TYPES.map((t) => [t, { schema: { type: 'string', format: 'binary', description: 'the file' } }]),
    ),
  },
  previewAttachment: {
    besideJson: false,
    types: { 'image/webp': { schema: { type: 'string', format: 'binary', description: 'at most 320 px wide' } } },
  },
  getProvinceReport: { besideJson: true, types: SPREADSHEETS },
  getNationalReport: { besideJson: true, types: SPREADSHEETS },
  getReminderLetter: {
    besideJson: false,
    types: {
      [DOCX_TYPE]: { schema: { type: 'string', format: 'binary', description: 'the letter, a Word document' } },
    },
  },
  getProvinceDocument: { besideJson: false, types: DOCUMENTS },
  getUnitReportDocument: { besideJson: false, types: DOCUMENTS },
  getNationalSummaryDocument: { besideJson: false, types: DOCUMENTS },
};
/** Extra headers of an operation's successful answer, by operation. */
const SUCCESS_HEADERS: Record<string, HeaderName[]> = {
  exportEvents: ['Content-Disposition'],
  getImportTemplate: ['Content-Disposition'],
  getProvinceReport: ['Content-Disposition'],
  getNationalReport: ['Content-Disposition'],
  getReminderLetter: ['Content-Disposition', 'ETag', 'Repr-Digest', 'X-Document-SHA256'],
  getProvinceDocument: ['Content-Disposition', 'Repr-Digest', 'X-Document-SHA256', 'X-As-Of-Position'],
  getUnitReportDocument: ['Content-Disposition', 'Repr-Digest', 'X-Document-SHA256', 'X-As-Of-Position'],
  getNationalSummaryDocument: ['Content-Disposition', 'Repr-Digest', 'X-Document-SHA256', 'X-As-Of-Position'],
  getCampaignDashboard: ['X-As-Of-Position'],
  getNationalDashboard: ['X-As-Of-Position'],
  followEventLog: ['X-Accel-Buffering'],
  followProvinceEvents: ['X-Accel-Buffering'],
  registerWebhook: ['Location'],
  downloadAttachment: ['Content-Disposition', 'Accept-Ranges', 'Content-Range', 'ETag'],
  previewAttachment: ['Content-Disposition', 'Accept-Ranges'],
};

const isCommandResult = (r: Response | undefined): boolean =>
  JSON.stringify(r?.content?.['application/json']?.schema ?? null) === '{"$ref":"#/components/schemas/CommandResult"}';

/** Completes the generated document in place and returns it. */
export function describeAnswers<T>(input: T): T {
  const doc = input as Document;
  doc.components = { ...doc.components, headers: { ...doc.components?.headers, ...HEADERS } };
  for (const ops of Object.values(doc.paths ?? {})) {
    for (const op of Object.values(ops)) {
      const id = op.operationId ?? '';
      // Every operation answers problems in the language Accept-Language asks for.
      op.parameters = [
        ...(op.parameters ?? []).filter((x) => x.name?.toLowerCase() !== 'accept-language'),
        { $ref: '#/components/parameters/AcceptLanguage' },
      ];
      // The import's body is a multipart upload, which the route reads itself (routes/imports.ts).
      if (id === 'importRecords') {
        op.requestBody = {
          required: true,
          content: {
            'multipart/form-data': {
              schema: {
                type: 'object',
                required: ['file'],
                additionalProperties: false,
                properties: {
                  file: { type: 'string', format: 'binary', description: 'the filled template (.xlsx, at most 10 MB)' },
                },
              },
            },
          },
        };
      }
      // An attachment's upload likewise (routes/attachments.ts): the caption first, then the file.
      if (id === 'attachFile') {
        op.requestBody = {
          required: true,
          content: {
            'multipart/form-data': {
              schema: {
                type: 'object',
                required: ['file'],
                additionalProperties: false,
                properties: {
                  caption: { type: 'string', maxLength: 500, description: '"Biên bản hội nghị" (before the file)' },
                  file: { type: 'string', format: 'binary', description: 'the file (ATTACHMENT_MAX_BYTES, 25 MiB)' },
                },
              },
            },
          },
        };
      }
      const responses = (op.responses ??= {});
      for (const [status, r] of Object.entries({ ...EVERY_ROUTE, ...(op.requestBody !== undefined ? WITH_BODY : {}) }))
        responses[status] ??= structuredClone(r);
      const revisioned = responses['304'] !== undefined;
      if (revisioned) {
        op.parameters.push({
          in: 'header',
          name: 'If-None-Match',
          description: 'the ETag of the copy the client holds: 304 and no body when it is still current',
          schema: { type: 'string' },
        } as never);
      }
      for (const [status, r] of Object.entries(responses)) {
        const code = Number(status);
        if (code === 304) r.description = 'not modified: the copy named by If-None-Match is current (no body)';
        // Problem answers are application/problem+json, so that generated clients tell them apart.
        const json = r.content?.['application/json'];
        if (code >= 400 && json !== undefined) r.content = { 'application/problem+json': json };
        const names: HeaderName[] = ['X-Request-Id', 'X-RateLimit-Limit', 'X-RateLimit-Remaining', 'X-RateLimit-Reset'];
        if (code === 429 || code === 503 || (code === 409 && isCommandResult(responses['200'] ?? responses['201'])))
          names.push('Retry-After');
        if (code === 401) names.push('WWW-Authenticate');
        if (code === 416) names.push('Content-Range');
        if (revisioned && (code === 200 || code === 304)) names.push('ETag');
        if (code < 300 && isCommandResult(r))
          names.push('ETag', 'Idempotent-Replayed', ...(code === 201 ? (['Location'] as const) : []));
        if (code < 300) names.push(...(SUCCESS_HEADERS[id] ?? []));
        r.headers = { ...r.headers, ...Object.fromEntries(names.map((n) => [n, ref(n)])) };
        const files = code === 200 || code === 206 ? FILES[id] : undefined;
        if (files !== undefined) {
          const jsonAnswer = files.besideJson ? r.content?.['application/json'] : undefined;
          r.content = { ...(jsonAnswer !== undefined ? { 'application/json': jsonAnswer } : {}), ...files.types };
        }
      }
      const example = COMMAND_EXAMPLES[id];
      const body = op.requestBody?.content?.['application/json'];
      if (example !== undefined && body !== undefined) body.example = example;
    }
  }
  return input;
}

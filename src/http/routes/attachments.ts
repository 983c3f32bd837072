import multipart from '@fastify/multipart';
import contentDisposition from 'content-disposition';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import rangeParser from 'range-parser';
import { z } from 'zod';
import {
  AttachedFile,
  AttachmentRecordKind,
  FileName,
  RemoveAttachment,
  attachmentDecider,
  attachmentStream,
  type AttachedTo,
  type AttachmentContext,
} from '../../../domain/attachment/attachment.ts';
import { fail } from '../../../domain/attachment/rules.ts';
import { commune, communeOn, todayOf } from '../../../domain/shared/communes.ts';
import type { Catalog } from '../../../projections/catalog.ts';
import { AttachmentListView, attachmentKey } from '../../../projections/folds/attachment.ts';
import { uuidv7 } from '../../app/ids.ts';
import { allowed, type Claims } from '../../auth/claims.ts';
import { FolderFileStore } from '../../files/folder.ts';
import { NoPreviewError, ensurePreview } from '../../files/preview.ts';
import type { FileStore } from '../../files/types.ts';
import { fileStoreFault } from '../../files/types.ts';
import {
  ALLOWED_TYPES_TEXT,
  DEFAULT_ATTACHMENT_MAX_BYTES,
  FileTooLargeError,
  PREVIEWABLE,
  detectType,
  receive,
} from '../../files/upload.ts';
import { StoreUnavailableError } from '../../eventstore/types.ts';
import { matchesNoneOf } from '../conditional.ts';
import type { Kit } from '../kit.ts';
import { HttpProblem, ProblemSchema } from '../problems.ts';
import { CommandHeaders, CommandResultSchema, ReadQuery, commandProblems, readProblems } from '../schemas.ts';
import { OrganiserParams } from './campaigns.ts';

const RecordParams = OrganiserParams.extend({
  recordKind: AttachmentRecordKind.describe(
    'the kind of record: outreach-meetings, publications, support-approvals, disbursements, nominations, tasks, ' +
      'report-submissions',
  ),
  recordId: z.string().min(1).max(80).describe("the record's id (meetingId, publicationId, … submissionId)"),
});
const FileParams = RecordParams.extend({ attachmentId: z.uuid() });

/** What the routes need of the record a file goes with, found in the read models. */
interface FoundRecord {
  to: AttachedTo;
  organiser: string;
  retracted: boolean;
  /** A meeting's commune (its code) and day: its commune officer attaches files too. */
  local?: { communeCode: string; date: string };
}

/** The record of this kind and id that belongs to `code`, or undefined (a 404: another province's records are not seen). */
export function findRecord(c: Catalog, code: string, kind: AttachmentRecordKind, id: string): FoundRecord | undefined {
  const campaign = (d: { organiser: string; year: number } | undefined, retracted = false): FoundRecord | undefined =>
    d === undefined || d.organiser !== code
      ? undefined
      : { to: { kind, id, year: d.year }, organiser: code, retracted };
  switch (kind) {
    case 'outreach-meetings': {
      const m = c.meetings.get(id);
      const found = campaign(m, m?.status === 'retracted');
      if (found === undefined || m === undefined) return undefined;
      return m.place.communeCode === undefined
        ? found
        : { ...found, local: { communeCode: m.place.communeCode, date: m.date } };
    }
    case 'publications': {
      const p = c.publications.get(id);
      return campaign(p, p?.status === 'retracted');
    }
    case 'support-approvals':
      return campaign(c.approvals.get(id));
    case 'disbursements':
      return campaign(c.disbursements.get(id));
    case 'nominations':
      return campaign(c.nominations.get(id));
    case 'tasks': {
      const t = c.tasks.get(id);
      return t === undefined || t.organiser !== code
        ? undefined
        : { to: { kind, id }, organiser: code, retracted: false };
    }
    case 'report-submissions': {
      for (const [key, r] of c.records) {
        if (!key.startsWith(`${code}-`)) continue;
        for (const [period, ledger] of Object.entries(r.reports ?? {}))
          for (const [unit, u] of Object.entries(ledger?.units ?? {}))
            if (u.submissions.some((s) => s.submissionId === id))
              return {
                to: { kind, id, year: Number(key.slice(code.length + 1)), period, unit },
                organiser: code,
                retracted: false,
              };
      }
      return undefined;
    }
  }
}

/**
 * Who may attach a file to the record, and remove one: who may write it. A meeting: the province's
 * officers, and the officer of the commune it was held in; a unit's report submission: the unit's
 * reporter and the province's reviewers; any other record: the province's officers.
 */
export function mayAttach(claims: Claims, code: string, r: FoundRecord): boolean {
  if (r.to.kind === 'report-submissions')
    return allowed('report', claims, code, r.to.unit) || allowed('review', claims, code);
  if (allowed('write', claims, code)) return true;
  if (r.local === undefined || claims.role !== 'commune_officer') return false;
  const named = communeOn(r.local.communeCode, r.local.date);
  const today = named === undefined ? [] : todayOf(named);
  return today.length === 1 && today[0]?.code === claims.commune;
}

/** Who may list and download a record's files: who may read the record. */
export function mayRead(claims: Claims, code: string, r: FoundRecord): boolean {
  if (r.to.kind === 'report-submissions') return allowed('report-read', claims, code, r.to.unit);
  return allowed('read', claims, code);
}

const AttachmentList = AttachmentListView.omit({ organiser: true, updatedAt: true }).extend({
  updatedAt: z.string().optional(),
});

/**
 * Files attached to records (domain/attachment): upload (multipart, streamed to a temporary file
 * while hashed, its type read from its bytes), list, download (ETag, Range) and image previews.
 * The file store (src/files/) keeps each file once by its SHA-256; the log records which record has it.
 */
export const attachmentRoutes: FastifyPluginAsyncZod<{ kit: Kit }> = async (app, { kit }) => {
  const maxBytes = kit.deps.attachmentMaxBytes ?? DEFAULT_ATTACHMENT_MAX_BYTES;
  let files: FileStore;
  if (kit.deps.files !== undefined) files = kit.deps.files;
  else {
    // Tests without a configured store: a folder of their own, removed with the server.
    const dir = mkdtempSync(join(tmpdir(), 'cam-files-'));
    files = await FolderFileStore.open(dir);
    app.addHook('onClose', async () => rmSync(dir, { recursive: true, force: true }));
  }
  await app.register(multipart, { limits: { fileSize: maxBytes, files: 1, fields: 4, parts: 5 } });

  const base = '/provinces/:code/records/:recordKind/:recordId/attachments';
  const mib = `${Math.round((maxBytes / 1024 / 1024) * 10) / 10} MiB`;

  /** Read models that hold every event the log held when the request came (at most 2 s of waiting). */
  async function caughtUp(): Promise<void> {
    const head = await kit.deps.store.headPosition();
    if (head > kit.deps.projector.position) await kit.deps.projector.waitFor(head, 2000);
  }

  /**
   * The record, from read models that hold every event the log held when the request came (a
   * record written a moment ago included), checked against the caller: 404 when it is not the
   * province's, 403 when the caller may not do `what` with it.
   */
  async function recordFor(
    req: FastifyRequest,
    p: { code: string; recordKind: AttachmentRecordKind; recordId: string },
    what: 'attach' | 'read',
  ): Promise<FoundRecord> {
    let found = findRecord(kit.deps.projector.catalog, p.code, p.recordKind, p.recordId);
    if (found === undefined) {
      await caughtUp();
      found = findRecord(kit.deps.projector.catalog, p.code, p.recordKind, p.recordId);
    }
    if (found === undefined) throw new HttpProblem('not-found', `no ${p.recordKind} ${p.recordId} in ${p.code}`);
    const claims = req.claims as Claims;
    if (!(what === 'attach' ? mayAttach(claims, p.code, found) : mayRead(claims, p.code, found))) {
      const mine = claims.role === 'commune_officer' ? commune('current', claims.commune as string) : undefined;
      throw new HttpProblem(
        'forbidden',
        `role ${claims.role} may not ${what === 'attach' ? 'attach files to' : 'read the files of'} ${p.recordKind} ${p.recordId}` +
          (mine !== undefined ? ` (a commune officer attaches files to the meetings of ${mine.name} only)` : ''),
      );
    }
    return found;
  }

  const context = async (p: {
    code: string;
    recordKind: AttachmentRecordKind;
    recordId: string;
  }): Promise<AttachmentContext> => {
    const r = findRecord(kit.deps.projector.catalog, p.code, p.recordKind, p.recordId);
    return r === undefined
      ? { organiser: p.code, record: { kind: p.recordKind, id: p.recordId }, found: false, retracted: false }
      : { organiser: p.code, record: r.to, found: true, retracted: r.retracted };
  };

  app.post(
    base,
    {
      config: { access: 'attach' },
      schema: {
        tags: ['attachments'],
        operationId: 'attachFile',
        summary: `Attach a file to a record (multipart/form-data: "caption" then "file"; at most ${mib})`,
        description:
          'The file is streamed to a temporary file while its SHA-256 is computed, its type is read from its bytes ' +
          `(${ALLOWED_TYPES_TEXT}; anything else is 415), then kept once by its hash and recorded on the record ` +
          '(FileAttached). Who may write the record may attach: a meeting also its commune officer, a report ' +
          "submission its unit's reporter and the province's reviewers. Idempotency-Key as for every command.",
        params: RecordParams,
        headers: CommandHeaders,
        consumes: ['multipart/form-data'],
        response: {
          201: CommandResultSchema,
          413: ProblemSchema.describe(`the file is larger than ATTACHMENT_MAX_BYTES (${mib}); nothing was kept`),
          415: ProblemSchema.describe('not multipart/form-data, or a file of a type not taken; nothing was kept'),
          ...commandProblems,
        },
      },
    },
    async (req, reply) => {
      const p = req.params;
      const r = await recordFor(req, p, 'attach');
      if (r.retracted) fail('attachment-record-retracted', `${p.recordKind} ${p.recordId} was retracted`);
      const part = await req.file().catch((err: unknown) => {
        if ((err as { code?: string }).code === 'FST_INVALID_MULTIPART_CONTENT_TYPE')
          throw new HttpProblem(
            'unsupported-media-type',
            'send the file as multipart/form-data, field "file" (and "caption" before it)',
          );
        throw err;
      });
      if (part === undefined || part.fieldname !== 'file') {
        part?.file.resume();
        throw new HttpProblem('validation', 'send the file as the multipart field "file"', {
          errors: [{ in: 'body', field: 'file', rule: 'required', message: 'is required (multipart/form-data)' }],
        });
      }
      const captionField = part.fields.caption;
      const caption =
        captionField !== undefined && !Array.isArray(captionField) && captionField.type === 'field'
          ? String(captionField.value).trim()
          : '';
      const name = (part.filename.split(/[/\\]/).pop() ?? '').normalize('NFC').trim();
      let received;
      try {
        received = await receive(part.file, files.incoming, maxBytes);
      } catch (err) {
        if (err instanceof FileTooLargeError)
          throw new HttpProblem('attachment-too-large', `the file is larger than ${mib} (${maxBytes} bytes)`, {
            limit: maxBytes,
          });
        if (err instanceof StoreUnavailableError) throw err;
        // The body ended before the file did (the client went away, a malformed multipart body).
        throw new HttpProblem('validation', `the upload did not arrive whole: ${(err as Error).message}`, {
          errors: [{ in: 'body', field: 'file', rule: 'incomplete', message: 'the file did not arrive whole' }],
        });
      }
      try {
        if (part.file.truncated)
          throw new HttpProblem('attachment-too-large', `the file is larger than ${mib} (${maxBytes} bytes)`, {
            limit: maxBytes,
          });
        const named = FileName.safeParse(name === '' ? 'tep-dinh-kem' : name);
        if (!named.success)
          throw new HttpProblem('validation', `file name: ${named.error.issues[0]?.message ?? 'invalid'}`, {
            errors: named.error.issues.map((i) => ({
              in: 'body',
              field: 'file.name',
              rule: 'invalid',
              message: i.message,
            })),
          });
        const captioned = caption === '' ? undefined : AttachedFile.shape.caption.safeParse(caption);
        if (captioned !== undefined && !captioned.success)
          throw new HttpProblem('validation', 'caption: at most 500 characters of text', {
            errors: [{ in: 'body', field: 'caption', rule: 'invalid', message: 'at most 500 characters of text' }],
          });
        const type = await detectType(received.path, named.data);
        if ('refused' in type)
          throw new HttpProblem(
            'attachment-type-refused',
            `the file's bytes are ${type.refused}: files taken are ${ALLOWED_TYPES_TEXT}`,
            { detected: type.refused },
          );
        const file = {
          name: named.data,
          mediaType: type.mediaType,
          extension: type.extension,
          size: received.size,
          sha256: received.sha256,
          ...(caption !== '' ? { caption } : {}),
        };
        // The request as the Idempotency-Key's fingerprint sees it: the file's hash, name and caption.
        (req as { body: unknown }).body = file;
        await files.put(received.sha256, received.path);
        const attachmentId = uuidv7();
        return await kit.command(
          req,
          reply,
          {
            stream: attachmentStream(p.code, p.recordKind, p.recordId),
            decider: attachmentDecider,
            command: { type: 'AttachFile' as const, attachmentId, ...file },
            context: () => context(p),
          },
          { status: 201, location: `${req.url.replace(/\?.*$/, '')}/${attachmentId}`, province: p.code },
        );
      } finally {
        await rm(received.path, { force: true });
      }
    },
  );

  app.get(
    base,
    {
      config: { access: 'attach-read' },
      schema: {
        tags: ['attachments'],
        operationId: 'listAttachments',
        summary: "A record's files: name, type, size, SHA-256, caption; removed ones stay listed with their removal",
        params: RecordParams,
        querystring: ReadQuery,
        response: {
          200: AttachmentList,
          304: z.null().describe('If-None-Match named the list: unchanged'),
          ...readProblems,
        },
      },
    },
    async (req, reply) => {
      const p = req.params;
      await kit.catalog(req.query.minPosition);
      const r = await recordFor(req, p, 'read');
      const list = kit.deps.projector.catalog.attachments.get(attachmentKey(p.recordKind, p.recordId));
      const value = {
        record: r.to,
        files: list?.files ?? [],
        revision: list?.revision ?? -1,
        ...(list !== undefined ? { updatedAt: list.updatedAt } : {}),
      };
      return kit.resource(req, reply, value, `${p.recordKind} ${p.recordId}`);
    },
  );

  /** The file of the record named in the path, or a 404. */
  async function fileOf(req: FastifyRequest, p: z.infer<typeof FileParams>) {
    await recordFor(req, p, 'read');
    const find = () =>
      kit.deps.projector.catalog.attachments
        .get(attachmentKey(p.recordKind, p.recordId))
        ?.files.find((x) => x.attachmentId === p.attachmentId);
    // A file attached a moment ago (its Location followed at once): wait for the read models to hold it.
    let f = find();
    if (f === undefined) {
      await caughtUp();
      f = find();
    }
    if (f === undefined)
      throw new HttpProblem('not-found', `no attachment ${p.attachmentId} on ${p.recordKind} ${p.recordId}`);
    return f;
  }

  app.get(
    `${base}/:attachmentId`,
    {
      config: { access: 'attach-read' },
      schema: {
        tags: ['attachments'],
        operationId: 'downloadAttachment',
        summary: 'The file itself: its type, its name (RFC 6266, UTF-8), ETag = its SHA-256, Range requests (206, 416)',
        params: FileParams,
        querystring: z.object({
          inline: z.enum(['true', 'false']).default('false').describe('true: shown in the browser, not saved'),
        }),
        response: {
          200: z.string().describe('the bytes of the file'),
          206: z.string().describe('the requested range of its bytes'),
          304: z.null().describe('If-None-Match named the file: unchanged'),
          416: ProblemSchema.describe('the range is outside the file'),
          ...readProblems,
        },
      },
    },
    async (req, reply) => {
      const f = await fileOf(req, req.params);
      return sendFile(req, reply, files, {
        key: f.sha256,
        etag: `"${f.sha256}"`,
        mediaType: f.mediaType,
        name: f.name,
        inline: req.query.inline === 'true',
      });
    },
  );

  app.get(
    `${base}/:attachmentId/preview`,
    {
      config: { access: 'attach-read' },
      schema: {
        tags: ['attachments'],
        operationId: 'previewAttachment',
        summary: 'A small preview of an image (WebP, 320 px wide at most), made on first request and kept',
        params: FileParams,
        response: {
          200: z.string().describe('the preview (image/webp)'),
          304: z.null().describe('If-None-Match named the preview: unchanged'),
          ...readProblems,
        },
      },
    },
    async (req, reply) => {
      const f = await fileOf(req, req.params);
      if (!PREVIEWABLE.has(f.mediaType))
        throw new HttpProblem('not-found', `${f.name} is not an image: it has no preview`);
      let key: string;
      try {
        key = await ensurePreview(files, f.sha256);
      } catch (err) {
        if (err instanceof NoPreviewError) throw new HttpProblem('not-found', err.message);
        throw err;
      }
      return sendFile(req, reply, files, {
        key,
        etag: `"${key}"`,
        mediaType: 'image/webp',
        name: `${f.name.replace(/\.[^.]*$/, '')}.webp`,
        inline: true,
      });
    },
  );

  app.post(
    `${base}/:attachmentId/removal`,
    {
      config: { access: 'attach' },
      schema: {
        tags: ['attachments'],
        operationId: 'removeAttachment',
        summary:
          'Remove a file from a record (AttachmentRemoved): it stays listed with who removed it, when and why, and ' +
          'its bytes are kept',
        params: FileParams,
        headers: CommandHeaders,
        body: RemoveAttachment,
        response: { 200: CommandResultSchema, ...commandProblems },
      },
    },
    async (req, reply) => {
      const p = req.params;
      await recordFor(req, p, 'attach');
      return kit.command(
        req,
        reply,
        {
          stream: attachmentStream(p.code, p.recordKind, p.recordId),
          decider: attachmentDecider,
          command: { type: 'RemoveAttachment' as const, attachmentId: p.attachmentId, reason: req.body.reason },
          context: () => context(p),
        },
        { status: 200, province: p.code },
      );
    },
  );
};

/** The name without its Vietnamese marks, for clients that do not read `filename*` ("Biên bản" → "Bien ban"). */
export function asciiName(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .replace(/[^\x20-\x7e]/g, '_');
}

/**
 * Sends a kept file: its type and name, the ETag (its hash: the same bytes forever), 304 on
 * If-None-Match, one byte range on Range (206; 416 outside the file), streamed from the store.
 */
async function sendFile(
  req: FastifyRequest,
  reply: FastifyReply,
  files: FileStore,
  f: { key: string; etag: string; mediaType: string; name: string; inline: boolean },
): Promise<FastifyReply> {
  const size = await files.size(f.key);
  if (size === undefined)
    throw fileStoreFault(Object.assign(new Error(`file ${f.key} is missing`), { code: 'ENOENT' }), 'give the file');
  const cache = { etag: f.etag, 'cache-control': 'private, max-age=86400' };
  if (!matchesNoneOf(req.headers['if-none-match'], f.etag)) return reply.code(304).headers(cache).send();
  const header = req.headers.range;
  const ranges = header === undefined || size === 0 ? -2 : rangeParser(size, header, { combine: true });
  if (ranges === -1)
    throw new HttpProblem(
      'range-not-satisfiable',
      `the file has ${size} bytes: the range ${header ?? ''} is outside it`,
      { size },
      { 'content-range': `bytes */${size}` },
    );
  void reply
    .headers(cache)
    .header('accept-ranges', 'bytes')
    .header(
      'content-disposition',
      contentDisposition(f.name, { type: f.inline ? 'inline' : 'attachment', fallback: asciiName(f.name) }),
    );
  // A malformed Range (-2), or several ranges: the whole file.
  if (ranges !== -2 && ranges.type === 'bytes' && ranges.length === 1) {
    const { start, end } = ranges[0] as { start: number; end: number };
    return reply
      .code(206)
      .type(f.mediaType)
      .header('content-range', `bytes ${start}-${end}/${size}`)
      .header('content-length', String(end - start + 1))
      .send(await files.read(f.key, { start, end }));
  }
  return reply
    .code(200)
    .type(f.mediaType)
    .header('content-length', String(size))
    .send(await files.read(f.key));
}

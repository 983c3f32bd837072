/** JSON answers that are already serialised (cached dashboards), compressed once for those that accept gzip. */
import { gzipSync } from 'node:zlib';
import type { FastifyReply, FastifyRequest } from 'fastify';

/**
 * Sends JSON text that is already serialised (a cached dashboard): the typed reply expects the
 * object form of the response schema, which the text is; fastify sends strings as they are.
 */
export function sendJson(reply: FastifyReply, json: string): FastifyReply {
  return reply.type('application/json; charset=utf-8').send(json as never);
}

/**
 * A JSON answer kept between requests (a dashboard until the next event): encoded once, and
 * gzip-compressed once for the clients that accept it — a dashboard shrinks about sevenfold,
 * which matters on provincial networks and makes each answer cheaper to send.
 */
export class CachedJson {
  readonly bytes: Buffer;
  private compressed: Buffer | undefined;

  constructor(json: string) {
    this.bytes = Buffer.from(json, 'utf8');
  }

  get gzip(): Buffer {
    this.compressed ??= gzipSync(this.bytes, { level: 6 });
    return this.compressed;
  }
}

/** Small answers are not worth compressing. */
const COMPRESS_FROM = 1024;

/** True when an Accept-Encoding header accepts gzip (RFC 9110: a listed coding or `*`, with q > 0). */
export function acceptsGzip(header: string | undefined): boolean {
  if (header === undefined) return false;
  let gzip: boolean | undefined;
  let star = false;
  for (const part of header.split(',')) {
    const [coding = '', ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((x) => x.trim()).find((x) => x.startsWith('q='));
    const accepted = q === undefined || Number(q.slice(2)) > 0;
    if (coding === 'gzip' || coding === 'x-gzip') gzip = accepted;
    else if (coding === '*') star = accepted;
  }
  return gzip ?? star;
}

export function sendCachedJson(req: FastifyRequest, reply: FastifyReply, body: CachedJson): FastifyReply {
  reply.type('application/json; charset=utf-8').header('vary', 'accept-encoding');
  if (body.bytes.length >= COMPRESS_FROM && acceptsGzip(req.headers['accept-encoding']))
    return reply.header('content-encoding', 'gzip').send(body.gzip);
  return reply.send(body.bytes);
}

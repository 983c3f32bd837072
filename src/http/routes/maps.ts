import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { province } from '../../../domain/shared/units.ts';
import { PROJECT_ROOT } from '../../paths.ts';
import { CachedJson, sendCachedJson } from '../cached-json.ts';
import { matchesNoneOf } from '../conditional.ts';
import { HttpProblem } from '../problems.ts';

/** The maps the page draws (npm run data:boundaries; committed, shipped with the service). */
export const MAPS_DIR = join(PROJECT_ROOT, 'maps');

const Area = z.object({
  type: z.enum(['Polygon', 'MultiPolygon']),
  id: z.string().describe('a province’s two-digit or a commune’s five-digit statistics-office code'),
  properties: z.object({ name: z.string() }),
  arcs: z.array(z.unknown()).describe('indexes into `arcs`, per ring (TopoJSON)'),
});
const MapSchema = z
  .object({
    source: z.string().describe('where the boundaries come from: repository, folder and commit'),
    generatedBy: z.string(),
    type: z.literal('Topology'),
    bbox: z.array(z.number()).optional(),
    transform: z.object({ scale: z.array(z.number()), translate: z.array(z.number()) }),
    objects: z.object({ areas: z.object({ type: z.literal('GeometryCollection'), geometries: z.array(Area) }) }),
    arcs: z.array(z.array(z.array(z.number()))).describe('shared borders, delta-encoded on a 4,000-step grid'),
  })
  .describe(
    'A TopoJSON topology, already projected for drawing: x is the longitude scaled by the cosine of the ' +
      'map’s middle latitude, y the latitude negated (north up in SVG). Borders shared by two areas are ' +
      'stored once.',
  )
  .meta({ id: 'AreaMap' });

const CACHE = 'public, max-age=86400';

/** A map file, read once, its ETag the hash of its bytes; compressed once for the clients that accept gzip. */
interface LoadedMap {
  body: CachedJson;
  etag: string;
}
const loaded = new Map<string, LoadedMap>();
function load(file: string): LoadedMap {
  let m = loaded.get(file);
  if (m === undefined) {
    const bytes = readFileSync(join(MAPS_DIR, file), 'utf8').trimEnd();
    m = {
      body: new CachedJson(bytes),
      etag: `"${createHash('sha256').update(bytes).digest('base64url').slice(0, 22)}"`,
    };
    loaded.set(file, m);
  }
  return m;
}

const Answers = {
  200: MapSchema,
  304: z.null().describe('the copy the client holds is current'),
};

/** Boundaries to draw the provinces of today and a province's communes by, for anyone (public reference data). */
export const mapRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/reference/maps/provinces',
    {
      config: { access: 'public' },
      schema: {
        security: [],
        tags: ['meta'],
        operationId: 'getProvincesMap',
        summary: 'The 34 provinces since 1 July 2025, to draw (about 42 KB, 13 KB compressed)',
        description:
          'Each area’s `id` is the province code. Hoàng Sa (Đà Nẵng) and Trường Sa (Khánh Hòa) are drawn with ' +
          'their provinces. Answers carry an ETag and may be cached for a day.',
        response: Answers,
      },
    },
    async (req, reply) => {
      const m = load('provinces.json');
      reply.header('etag', m.etag).header('cache-control', CACHE);
      if (!matchesNoneOf(req.headers['if-none-match'], m.etag)) return reply.code(304).send(null);
      return sendCachedJson(req, reply, m.body);
    },
  );

  app.get(
    '/reference/maps/communes/:province',
    {
      config: { access: 'public' },
      schema: {
        security: [],
        tags: ['meta'],
        operationId: 'getCommunesMap',
        summary: 'The communes of one province of today, to draw (at most 110 KB, 33 KB compressed)',
        description:
          'Each area’s `id` is the commune’s five-digit statistics-office code, as in /reference/communes. ' +
          'Answers carry an ETag and may be cached for a day.',
        params: z.object({ province: z.string().regex(/^\d{2}$/, 'must be a two-digit province code') }),
        response: Answers,
      },
    },
    async (req, reply) => {
      const code = req.params.province;
      if (province('current', code) === undefined)
        throw new HttpProblem(
          'not-found',
          `no province ${code} since 1 July 2025: see /reference/provinces?map=current`,
        );
      const m = load(join('communes', `${code}.json`));
      reply.header('etag', m.etag).header('cache-control', CACHE);
      if (!matchesNoneOf(req.headers['if-none-match'], m.etag)) return reply.code(304).send(null);
      return sendCachedJson(req, reply, m.body);
    },
  );
};

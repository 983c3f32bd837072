import { createHash } from 'node:crypto';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { commune, communesOf, foldName, todayOf, type Commune } from '../../../domain/shared/communes.ts';
import { LocalDate } from '../../../domain/shared/time.ts';
import { PROVINCES, mapOn, province, type UnitMap } from '../../../domain/shared/units.ts';
import { CachedJson, sendCachedJson } from '../cached-json.ts';
import { matchesNoneOf } from '../conditional.ts';
import { HttpProblem } from '../problems.ts';

const ProvinceSchema = z
  .object({
    id: z.string(),
    map: z.enum(['pre2025', 'current']),
    code: z.string(),
    name: z.string(),
    validTo: z.string().optional(),
    successor: z.object({ id: z.string(), code: z.string(), name: z.string() }).optional(),
  })
  .meta({ id: 'Province' });

const UnitRef = z.object({ code: z.string(), name: z.string() });
const CommuneSchema = z
  .object({
    map: z.enum(['pre2025', 'current']),
    code: z.string().describe('the statistics office’s five-digit code, read on this map'),
    name: z.string().describe('with its kind: "Phường Ba Đình", "Xã Lộc Bắc", "Đặc khu Côn Đảo"'),
    province: UnitRef,
    district: UnitRef.optional().describe('before 1 July 2025: its district'),
    today: z
      .array(UnitRef)
      .describe('the communes since 1 July 2025 it is or became part of; more than one: it was split'),
    formedFrom: z
      .array(UnitRef.extend({ district: z.string().optional() }))
      .optional()
      .describe('since 1 July 2025: the communes before it that form it, whole or in part'),
  })
  .meta({ id: 'Commune' });
type CommuneView = z.infer<typeof CommuneSchema>;

const ref = (c: Commune): { code: string; name: string } => ({ code: c.code, name: c.name });
function view(c: Commune, detail: boolean): CommuneView {
  return {
    map: c.map,
    code: c.code,
    name: c.name,
    province: { code: c.province.code, name: c.province.name },
    ...(c.district ? { district: c.district } : {}),
    today: todayOf(c).map(ref),
    ...(detail && c.map === 'current'
      ? {
          formedFrom: c.predecessors.map((code) => {
            const o = commune('pre2025', code);
            return o
              ? { ...ref(o), ...(o.district ? { district: o.district.name } : {}) }
              : { code, name: `huyện ${code}` };
          }),
        }
      : {}),
  };
}

/** Reference data changes with a release only: one version for every answer's ETag. */
const VERSION = createHash('sha256')
  .update(JSON.stringify([...PROVINCES.values()].map((p) => communesOf(p).map((c) => [c.id, c.name, c.successors]))))
  .digest('base64url')
  .slice(0, 16);
const CACHE = 'public, max-age=86400';

/** Reference data apps need to fill forms: provinces and communes on both maps and how old ones roll up. */
export const referenceRoutes: FastifyPluginAsyncZod = async (app) => {
  const body = [...PROVINCES.values()].map((p) => {
    const s = p.successor === undefined ? undefined : PROVINCES.get(p.successor);
    return {
      id: p.id,
      map: p.map,
      code: p.code,
      name: p.name,
      ...(p.validTo ? { validTo: p.validTo } : {}),
      ...(s ? { successor: { id: s.id, code: s.code, name: s.name } } : {}),
    };
  });
  const provinceLists = {
    both: new CachedJson(JSON.stringify({ items: body })),
    pre2025: new CachedJson(JSON.stringify({ items: body.filter((p) => p.map === 'pre2025') })),
    current: new CachedJson(JSON.stringify({ items: body.filter((p) => p.map === 'current') })),
  };
  app.get(
    '/reference/provinces',
    {
      config: { access: 'public' },
      schema: {
        security: [],
        tags: ['meta'],
        operationId: 'listProvinces',
        summary: 'The 34 provinces since 1 July 2025 and the 63 before, with the current province each became part of',
        description: 'Answers carry an ETag and may be cached for a day.',
        querystring: z.object({ map: z.enum(['pre2025', 'current']).optional() }),
        response: {
          200: z.object({ items: z.array(ProvinceSchema) }).meta({ id: 'ProvinceList' }),
          304: z.null().describe('the copy the client holds is current'),
        },
      },
    },
    // Every page load asks for it: kept serialised and compressed (13 KB, 2.5 KB gzipped), cached a day.
    async (req, reply) => {
      const map = req.query.map ?? 'both';
      const etag = `"${VERSION}-provinces-${map}"`;
      reply.header('etag', etag).header('cache-control', CACHE);
      if (!matchesNoneOf(req.headers['if-none-match'], etag)) return reply.code(304).send(null);
      return sendCachedJson(req, reply, provinceLists[map]);
    },
  );

  // A province's whole list is what a form's picker loads (once, then filters as the official
  // types): kept serialised and compressed.
  const lists = new Map<string, CachedJson>();
  const listOf = (map: UnitMap, code: string): CachedJson | undefined => {
    const p = province(map, code);
    if (p === undefined) return undefined;
    let list = lists.get(p.id);
    if (list === undefined) {
      list = new CachedJson(JSON.stringify({ items: communesOf(p).map((c) => view(c, false)) }));
      lists.set(p.id, list);
    }
    return list;
  };

  app.get(
    '/reference/communes',
    {
      config: { access: 'public' },
      schema: {
        security: [],
        tags: ['meta'],
        operationId: 'listCommunes',
        summary: 'The communes of a province, on the map of a date, with the communes of today each became',
        description:
          'Pick the map by `date` (a record’s date: before 1 July 2025 the communes before the reform, ' +
          'from that day today’s) or by `map`. `q` finds names with or without accents ("quang khe" finds ' +
          '"Xã Quảng Khê") and codes by their first digits. Answers carry an ETag and may be cached for a day.',
        querystring: z.object({
          province: z.string().regex(/^\d{2}$/, 'must be a two-digit province code'),
          map: z.enum(['pre2025', 'current']).optional(),
          date: LocalDate.optional().describe('the record’s date: picks the map in force on it'),
          q: z.string().trim().min(1).max(100).optional(),
        }),
        response: {
          200: z.object({ items: z.array(CommuneSchema) }).meta({ id: 'CommuneList' }),
          304: z.null().describe('the copy the client holds is current'),
        },
      },
    },
    async (req, reply) => {
      const { province: code, date, q } = req.query;
      const map = req.query.map ?? (date !== undefined ? mapOn(date) : 'current');
      if (req.query.map !== undefined && date !== undefined && mapOn(date) !== req.query.map)
        throw new HttpProblem(
          'validation',
          `map=${req.query.map} is not the map in force on ${date}: give one of them`,
          {
            errors: [
              {
                in: 'querystring',
                field: 'map',
                rule: 'map-of-date',
                message: `on ${date} the map in force is ${mapOn(date)}`,
              },
            ],
          },
        );
      const list = listOf(map, code);
      if (list === undefined)
        throw new HttpProblem('validation', `${code} is not a province code on the ${map} map`, {
          errors: [
            {
              in: 'querystring',
              field: 'province',
              rule: 'province-on-map',
              message: `no province ${code} on the ${map} map: see /reference/provinces`,
            },
          ],
        });
      const etag = `"${VERSION}-${map}-${code}${q === undefined ? '' : `-${createHash('sha1').update(q).digest('base64url').slice(0, 10)}`}"`;
      reply.header('etag', etag).header('cache-control', CACHE);
      if (!matchesNoneOf(req.headers['if-none-match'], etag)) return reply.code(304).send(null);
      if (q === undefined) return sendCachedJson(req, reply, list);
      const folded = foldName(q);
      const digits = /^\d+$/.test(q);
      const p = province(map, code);
      const items = communesOf(p!).filter((c) => (digits ? c.code.startsWith(q) : foldName(c.name).includes(folded)));
      return { items: items.map((c) => view(c, false)) };
    },
  );

  app.get(
    '/reference/communes/:map/:code',
    {
      config: { access: 'public' },
      schema: {
        security: [],
        tags: ['meta'],
        operationId: 'getCommune',
        summary: 'One commune: its province (and district before 1 July 2025), what it became or what formed it',
        params: z.object({
          map: z.enum(['pre2025', 'current']),
          code: z.string().regex(/^\d{5}$/, 'must be a five-digit commune code'),
        }),
        response: {
          200: CommuneSchema,
          304: z.null().describe('the copy the client holds is current'),
        },
      },
    },
    async (req, reply) => {
      const c = commune(req.params.map, req.params.code);
      if (c === undefined)
        throw new HttpProblem('not-found', `no commune ${req.params.code} on the ${req.params.map} map`);
      const etag = `"${VERSION}-${c.id}"`;
      reply.header('etag', etag).header('cache-control', CACHE);
      if (!matchesNoneOf(req.headers['if-none-match'], etag)) return reply.code(304).send(null);
      return view(c, true);
    },
  );
};

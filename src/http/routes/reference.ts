import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { PROVINCES } from '../../../domain/shared/units.ts';

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

/** Reference data apps need to fill forms: provinces on both maps and how old ones roll up. */
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
  app.get(
    '/reference/provinces',
    {
      config: { access: 'public' },
      schema: {
        security: [],
        tags: ['meta'],
        operationId: 'listProvinces',
        summary: 'The 34 provinces since 1 July 2025 and the 63 before, with the current province each became part of',
        querystring: z.object({ map: z.enum(['pre2025', 'current']).optional() }),
        response: { 200: z.object({ items: z.array(ProvinceSchema) }).meta({ id: 'ProvinceList' }) },
      },
    },
    async (req) => ({ items: req.query.map === undefined ? body : body.filter((p) => p.map === req.query.map) }),
  );
};

import type { FastifyInstance, preHandlerHookHandler, preValidationHookHandler } from 'fastify';
import fp from 'fastify-plugin';
import { HttpProblem } from './problems.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** The body as the client sent it, before the schema parsed it (kept for the unknown-field check). */
    sentBody: unknown;
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Fields the client sent that the parsed body does not have: the schema dropped them because no
 * such field exists. Walks objects and arrays in step; `a.b.0.c` paths, as validation errors name them.
 */
export function unknownFields(sent: unknown, parsed: unknown, path: string[] = []): string[] {
  if (Array.isArray(sent) && Array.isArray(parsed))
    return sent.flatMap((v, i) => unknownFields(v, parsed[i], [...path, String(i)]));
  if (!isObject(sent) || !isObject(parsed)) return [];
  return Object.keys(sent).flatMap((k) =>
    Object.hasOwn(parsed, k) ? unknownFields(sent[k], parsed[k], [...path, k]) : [[...path, k].join('.')],
  );
}

/**
 * Command bodies are strict: a field that is not in the command's schema is refused with 400
 * naming it, instead of being dropped silently (a misspelt optional field would otherwise be lost
 * without anyone knowing). The OpenAPI document says `additionalProperties: false` to match.
 */
export const strictBodies = fp(async (app: FastifyInstance) => {
  app.decorateRequest('sentBody', undefined);
  const keepSent: preValidationHookHandler = (req, _reply, done) => {
    req.sentBody = req.body;
    done();
  };
  const refuseUnknown: preHandlerHookHandler = (req, _reply, done) => {
    if (!isObject(req.sentBody)) return done();
    const unknown = unknownFields(req.sentBody, req.body);
    if (unknown.length === 0) return done();
    const errors = unknown.map((field) => ({
      in: 'body',
      field,
      rule: 'unknown-field',
      message: 'is not a field of this request',
    }));
    done(new HttpProblem('validation', errors.map((e) => `body.${e.field}: ${e.message}`).join('; '), { errors }));
  };
  // Only routes with a body schema get the two hooks: reads pay nothing for them.
  app.addHook('onRoute', (route) => {
    if (route.schema?.body === undefined) return;
    route.preValidation = [...[route.preValidation ?? []].flat(), keepSent];
    route.preHandler = [...[route.preHandler ?? []].flat(), refuseUnknown];
  });
});

/** Marks every object of a request-body JSON schema closed (`additionalProperties: false`). */
export function closeObjects(schema: unknown): void {
  if (Array.isArray(schema)) {
    for (const s of schema) closeObjects(s);
    return;
  }
  if (!isObject(schema)) return;
  if (schema.type === 'object' && isObject(schema.properties) && schema.additionalProperties === undefined)
    schema.additionalProperties = false;
  for (const v of Object.values(schema)) closeObjects(v);
}

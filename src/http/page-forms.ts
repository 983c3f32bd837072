/**
 * What the officials' page builds its forms from: the operations of the API document that declare a
 * page form (`x-page-form`, from `form` in a capability's `commandRoute`) with their path parameters
 * and request body, and the schemas those refer to (and those refer to in turn), without their
 * prose. Made at build time from openapi/openapi.json (generated from the routes: `npm run
 * openapi`) into web/dist/assets/forms-<hash>.json (web/vite.config.ts), so the forms stay
 * generated from the routes' schemas; a twentieth of the whole document. Pure: no I/O.
 */

/** An operation of the API document, as far as the page's forms read it. */
export interface ApiOperation {
  operationId?: string;
  'x-page-form'?: unknown;
  parameters?: { in?: string }[];
  requestBody?: unknown;
}
export interface ApiDocument {
  paths?: Record<string, Record<string, ApiOperation>>;
  components?: { schemas?: Record<string, unknown> };
}

/** A schema without its prose (`description`, `examples`): the forms neither show nor check it. */
function withoutProse(s: unknown): unknown {
  if (Array.isArray(s)) return s.map(withoutProse);
  if (typeof s !== 'object' || s === null) return s;
  return Object.fromEntries(
    Object.entries(s)
      .filter(([k, v]) => !(k === 'description' && typeof v === 'string') && !(k === 'examples' && Array.isArray(v)))
      .map(([k, v]) => [k, withoutProse(v)]),
  );
}

/** The page's forms' part of the API document (see above), in the document's own shape. */
export function pageFormsDocument(api: ApiDocument): {
  paths: Record<string, Record<string, ApiOperation>>;
  components: { schemas: Record<string, unknown> };
} {
  const paths: Record<string, Record<string, ApiOperation>> = {};
  for (const [path, ops] of Object.entries(api.paths ?? {}))
    for (const [method, op] of Object.entries(ops))
      if (op['x-page-form'] !== undefined && op.operationId !== undefined)
        (paths[path] ??= {})[method] = withoutProse({
          operationId: op.operationId,
          'x-page-form': op['x-page-form'],
          ...(op.parameters !== undefined ? { parameters: op.parameters.filter((p) => p.in === 'path') } : {}),
          ...(op.requestBody !== undefined ? { requestBody: op.requestBody } : {}),
        }) as ApiOperation;
  const all = api.components?.schemas ?? {};
  const schemas: Record<string, unknown> = {};
  const visit = (s: unknown): void => {
    if (typeof s !== 'object' || s === null) return;
    for (const [k, v] of Object.entries(s)) {
      const name = k === '$ref' && typeof v === 'string' ? /^#\/components\/schemas\/(.+)$/.exec(v)?.[1] : undefined;
      if (name !== undefined && !(name in schemas) && name in all) {
        schemas[name] = withoutProse(all[name]);
        visit(all[name]);
      } else visit(v);
    }
  };
  visit(paths);
  return { paths, components: { schemas } };
}

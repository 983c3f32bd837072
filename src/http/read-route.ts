import type { FastifySchema } from 'fastify';
import { z } from 'zod';
import type { Catalog } from '../../projections/catalog.ts';
import type { Access } from '../auth/claims.ts';
import type { ZodApp } from './command-route.ts';
import type { Kit } from './kit.ts';
import { cursorPosition, pageByCount, pageInOrder, paginate } from './paging.ts';
import { readProblems } from './schemas.ts';

/** What every read's query carries (ReadQuery): the log position the answer must include. */
type ReadQueryOut = { minPosition?: number | undefined };
/** ...and a page's (PageQuery): how many items, and after which cursor. */
type PageQueryOut = ReadQueryOut & { limit: number; cursor?: string | undefined };

/** Where a read route is and how the document names it. */
interface ReadWhere<P extends z.ZodType, Q extends z.ZodType> {
  path: string;
  tags: string[];
  operationId: string;
  summary: string;
  params: P;
  querystring: Q;
  /** Who may read it (a read of the organiser in the path by default). */
  access?: Access;
}

type Reading<P extends z.ZodType, Q extends z.ZodType, S, T> = (
  source: S,
  params: z.output<P>,
  query: z.output<Q>,
) => T;

/** One resource: 200 with its revision as ETag, 304 when If-None-Match names it, a 404 problem when there is none. */
interface ResourceAnswer<P extends z.ZodType, Q extends z.ZodType, S, R extends z.ZodType> {
  resource: R;
  answer: Reading<P, Q, S, (z.input<R> & { revision: number }) | undefined>;
  /** What the 404 problem says does not exist. */
  what: (params: z.output<P>) => string;
  page?: never;
  response?: never;
}

type ItemOf<R extends z.ZodType> = z.input<R> extends { items: readonly (infer T)[] } ? T : never;
type Positioned = { position: number };

/** A page (pageSchema): the items the route reads, cut at `limit` after `cursor` here. */
type PageAnswer<P extends z.ZodType, Q extends z.ZodType, S, R extends z.ZodType> = {
  /** A page's query has limit and cursor (PageQuery). */
  querystring: z.ZodType<PageQueryOut>;
  page: R;
  resource?: never;
  response?: never;
} & (
  | {
      /** Items already in the order recorded, read lazily from `after` (the cursor's position) on: pageInOrder. */
      paging: 'in-order';
      items: (source: S, params: z.output<P>, query: z.output<Q>, after: number) => Iterable<ItemOf<R> & Positioned>;
    }
  | {
      /** Items in any order, sorted by position here: paginate. */
      paging: 'by-position';
      items: Reading<P, Q, S, Iterable<ItemOf<R> & Positioned>>;
    }
  | {
      /** A short list without log positions, in its own order; the cursor counts the items given: pageByCount. */
      paging: 'by-count';
      items: Reading<P, Q, S, readonly ItemOf<R>[]>;
    }
);

/** Any other answer: 200 with what `answer` gives, no ETag. */
interface PlainAnswer<P extends z.ZodType, Q extends z.ZodType, S, R extends z.ZodType> {
  response: R;
  answer: Reading<P, Q, S, z.input<R>>;
  resource?: never;
  page?: never;
}

type Answer<P extends z.ZodType, Q extends z.ZodType, S, R extends z.ZodType> =
  ResourceAnswer<P, Q, S, R> | PageAnswer<P, Q, S, R> | PlainAnswer<P, Q, S, R>;

/** A read route answered from the read models, once they include the query's minPosition. */
export type LiveReadRoute<P extends z.ZodType, Q extends z.ZodType, R extends z.ZodType> = ReadWhere<P, Q> & {
  from?: undefined;
} & Answer<P, Q, Catalog, R>;

/** A read route answered from what `from` reads instead: the log as it stood at knownAt/atPosition. */
export type SourcedReadRoute<P extends z.ZodType, Q extends z.ZodType, R extends z.ZodType, S> = ReadWhere<P, Q> & {
  from: (params: z.output<P>, query: z.output<Q>) => Promise<S>;
} & Answer<P, Q, S, R>;

/**
 * Registers a read route the way every read is served: its access ('read' unless it says
 * otherwise), every problem a read can answer, waiting for minPosition before reading, and then
 * a resource with its ETag (304 when the client has it), a page cut at `limit` with its next
 * cursor, or a plain answer — in the document too.
 */
export function readRoute<P extends z.ZodType, Q extends z.ZodType<ReadQueryOut>, R extends z.ZodType>(
  app: ZodApp,
  kit: Kit,
  route: LiveReadRoute<P, Q, R>,
): void;
export function readRoute<P extends z.ZodType, Q extends z.ZodType<ReadQueryOut>, R extends z.ZodType, S>(
  app: ZodApp,
  kit: Kit,
  route: SourcedReadRoute<P, Q, R, S>,
): void;
export function readRoute<P extends z.ZodType, Q extends z.ZodType<ReadQueryOut>, R extends z.ZodType, S>(
  app: ZodApp,
  kit: Kit,
  route: LiveReadRoute<P, Q, R> | SourcedReadRoute<P, Q, R, S>,
): void {
  if (route.from === undefined)
    serve<P, Q, R, Catalog>(app, kit, route, (_params, query) => kit.catalog(query.minPosition));
  else serve<P, Q, R, S>(app, kit, route, route.from);
}

const isResource = <P extends z.ZodType, Q extends z.ZodType, S, R extends z.ZodType>(
  a: Answer<P, Q, S, R>,
): a is ResourceAnswer<P, Q, S, R> => a.resource !== undefined;
const isPage = <P extends z.ZodType, Q extends z.ZodType, S, R extends z.ZodType>(
  a: Answer<P, Q, S, R>,
): a is PageAnswer<P, Q, S, R> => a.page !== undefined;

function serve<P extends z.ZodType, Q extends z.ZodType<ReadQueryOut>, R extends z.ZodType, S>(
  app: ZodApp,
  kit: Kit,
  route: ReadWhere<P, Q> & Answer<P, Q, S, R>,
  read: (params: z.output<P>, query: z.output<Q>) => Promise<S>,
): void {
  const response = isResource<P, Q, S, R>(route)
    ? { 200: route.resource, 304: z.null(), ...readProblems }
    : { 200: isPage<P, Q, S, R>(route) ? route.page : route.response, ...readProblems };
  // The schema as fastify takes any: the answers below are typed by the route's schemas instead.
  const schema: FastifySchema = {
    tags: route.tags,
    operationId: route.operationId,
    summary: route.summary,
    params: route.params,
    querystring: route.querystring,
    response,
  };
  app.get(route.path, { config: { access: route.access ?? 'read' }, schema }, async (req, reply) => {
    const params = req.params as z.output<P>;
    const query = req.query as z.output<Q>;
    const source = await read(params, query);
    if (isResource<P, Q, S, R>(route))
      return kit.resource(req, reply, route.answer(source, params, query), route.what(params));
    if (!isPage<P, Q, S, R>(route)) return route.answer(source, params, query);
    // A page's querystring is a PageQuery (PageAnswer says so).
    const { limit, cursor } = query as z.output<Q> & PageQueryOut;
    switch (route.paging) {
      case 'in-order':
        return pageInOrder(route.items(source, params, query, cursorPosition(cursor)), limit, cursor);
      case 'by-position':
        return paginate(route.items(source, params, query), limit, cursor);
      case 'by-count':
        return pageByCount(route.items(source, params, query), limit, cursor);
    }
  });
}

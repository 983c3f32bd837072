import type {
  FastifyInstance,
  FastifyBaseLogger,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import type { DomainEvent } from '../../domain/shared/decider.ts';
import type { CommandPlan } from '../app/commands.ts';
import type { Access } from '../auth/claims.ts';
import type { Kit } from './kit.ts';
import { CommandHeaders, CommandResultSchema, commandProblems } from './schemas.ts';
import type { Catalog } from '../../projections/catalog.ts';
import { lockOn, reviewPending, type PeriodLock, type RecordOn } from '../../projections/unit-reports.ts';
import { commune, communeOn, todayOf } from '../../domain/shared/communes.ts';
import { HttpProblem } from './problems.ts';

/** A fastify instance that reads its schemas with zod. */
export type ZodApp = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>;

/** A command route: where it is, how the document names it, and the plan it runs. */
export interface CommandRoute<P extends z.ZodType, B extends z.ZodType, C, E extends DomainEvent, S, X> {
  path: string;
  tags: string[];
  operationId: string;
  summary: string;
  params: P;
  body: B;
  /** Who may send it (a write by default). */
  access?: Access;
  /** A command that records something new answers 201 (else 200)... */
  created?: boolean;
  /** ...with Location, when what it records is read on its own. */
  location?: (params: z.infer<P>, body: z.infer<B>) => string;
  /** The stream, decider, command and context the request stands for. */
  plan: (params: z.infer<P>, body: z.infer<B>) => CommandPlan<C, E, S, X>;
  /**
   * The page's form for this command, when officials enter it from the page: its title, and the
   * field holding the id the page makes for a new record. Declared in the document as
   * `x-page-form`; the page builds its forms from the operations that have one.
   */
  form?: PageForm;
  /**
   * Where the command's record falls (its organiser, date and the reporting units it counts
   * for): a record dated in a period whose report an approval locked is refused (period-locked)
   * until an unlock is recorded.
   */
  recordOn?: (params: z.infer<P>, body: z.infer<B>, catalog: Catalog) => RecordOn | RecordOn[] | undefined;
  /**
   * For a record that happens in one commune (access `write-local`): the commune and the date,
   * so that a commune officer records only in their own commune.
   */
  localTo?: (params: z.infer<P>, body: z.infer<B>) => { communeCode: string; date: string };
}

/** A command's form on the page (the OpenAPI operation's `x-page-form`). */
export interface PageForm {
  title: string;
  ownId?: string;
}

/**
 * A command route as code in this process runs it (a spreadsheet import's rows): who may send it,
 * its body's schema, its answer's status and location, and its plan with the route's period-lock
 * check — what a request to the route would run, without the HTTP round trip.
 */
export interface InProcessCommand {
  access: Access;
  body: z.ZodType;
  status: 200 | 201;
  location?: (params: Record<string, unknown>, body: unknown) => string;
  plan: (params: Record<string, unknown>, body: unknown) => CommandPlan<unknown, DomainEvent, unknown, unknown>;
}
const inProcess = new WeakMap<Kit, Map<string, InProcessCommand>>();

/** The command route registered at `path` (its pattern, e.g. /provinces/:code/campaigns/:year/disbursements). */
export const inProcessCommand = (kit: Kit, path: string): InProcessCommand | undefined => inProcess.get(kit)?.get(path);

/**
 * Registers a command route the way every command is served: the path's province code on the
 * events' metadata, If-Match and Idempotency-Key headers, the command result (201, and Location
 * when what it creates is read on its own) and every problem a command can answer, in the document too.
 */
export function commandRoute<P extends z.ZodType, B extends z.ZodType, C, E extends DomainEvent, S, X>(
  app: ZodApp,
  kit: Kit,
  route: CommandRoute<P, B, C, E, S, X>,
): void {
  const status = route.created === true || route.location !== undefined ? 201 : 200;
  const registered = inProcess.get(kit) ?? new Map<string, InProcessCommand>();
  inProcess.set(kit, registered);
  const location = route.location;
  registered.set(route.path, {
    access: route.access ?? 'write',
    body: route.body,
    status,
    ...(location !== undefined ? { location: (p, b) => location(p as z.infer<P>, b as z.infer<B>) } : {}),
    plan: (p, b) =>
      guarded(kit, route, p as z.infer<P>, b as z.infer<B>) as unknown as CommandPlan<
        unknown,
        DomainEvent,
        unknown,
        unknown
      >,
  });
  app.post(
    route.path,
    {
      config: { access: route.access ?? 'write' },
      schema: {
        tags: route.tags,
        operationId: route.operationId,
        summary: route.summary,
        params: route.params,
        headers: CommandHeaders,
        body: route.body,
        response: { [status]: CommandResultSchema, ...commandProblems },
        ...(route.form !== undefined ? { 'x-page-form': { ...route.form, access: route.access ?? 'write' } } : {}),
      },
    },
    async (req, reply) => {
      const params = req.params as z.infer<P>;
      const body = req.body as z.infer<B>;
      const code = (params as { code?: unknown }).code;
      if (req.claims?.role === 'commune_officer' && route.access === 'write-local')
        requireOwnCommune(req.claims.commune as string, route, params, body);
      return kit.command(req, reply, guarded(kit, route, params, body), {
        status,
        ...(route.location !== undefined ? { location: route.location(params, body) } : {}),
        ...(typeof code === 'string' ? { province: code } : {}),
      });
    },
  );
}

/**
 * A commune officer's record must be in their commune: the commune it names (read on the map of
 * its date) is theirs, or, before 1 July 2025, one that became part of theirs whole.
 */
function requireOwnCommune<P extends z.ZodType, B extends z.ZodType, C, E extends DomainEvent, S, X>(
  own: string,
  route: CommandRoute<P, B, C, E, S, X>,
  params: z.infer<P>,
  body: z.infer<B>,
): void {
  const at = route.localTo?.(params, body);
  const named = at === undefined ? undefined : communeOn(at.communeCode, at.date);
  const today = named === undefined ? [] : todayOf(named);
  if (today.length === 1 && today[0]?.code === own) return;
  const mine = commune('current', own);
  throw new HttpProblem(
    'forbidden',
    `a commune officer records only what happens in their own commune (${mine?.name ?? own}, ${own})` +
      (at === undefined ? '' : `: ${at.communeCode} on ${at.date} is ${named?.name ?? 'not a commune'}`),
  );
}

/**
 * The route's plan, with its period-lock check (recordOn) made where the decision is: after a
 * retry of an applied request was answered as the first time, and before deciding anything new.
 */
function guarded<P extends z.ZodType, B extends z.ZodType, C, E extends DomainEvent, S, X>(
  kit: Kit,
  route: CommandRoute<P, B, C, E, S, X>,
  params: z.infer<P>,
  body: z.infer<B>,
): CommandPlan<C, E, S, X> {
  const plan = route.plan(params, body);
  const recordOn = route.recordOn;
  if (recordOn === undefined) return plan;
  const context = plan.context;
  return {
    ...plan,
    context: async () => {
      const now = kit.deps.projector.catalog;
      const records = [recordOn(params, body, now) ?? []].flat();
      requireUnlocked(now, records);
      // A lock not yet in the read models can only come from a submission awaiting review: only
      // then wait for them to hold what the log held when the record came, and look again.
      if (records.some((on) => reviewPending(now, on))) {
        const c = await lockCatalog(kit);
        requireUnlocked(c, recordOn(params, body, c));
      }
      return (context === undefined ? undefined : await context()) as X;
    },
  };
}

/**
 * The read models once they hold every event the log held when the request came (an approval
 * answered a moment ago included), waiting at most 2 s; after that, as they stand.
 */
async function lockCatalog(kit: Kit): Promise<Catalog> {
  const head = await kit.deps.store.headPosition();
  if (head > kit.deps.projector.position) await kit.deps.projector.waitFor(head, 2000);
  return kit.deps.projector.catalog;
}

/** Refuses a record dated in a locked period of one of its units, saying who locked it and how to unlock. */
function requireUnlocked(c: Catalog, records: RecordOn | RecordOn[] | undefined): void {
  for (const on of [records ?? []].flat()) {
    const lock = lockOn(c, on);
    if (lock !== undefined) refuseLocked(on, lock);
  }
}

function refuseLocked(on: RecordOn, lock: PeriodLock): never {
  const year = on.date.slice(0, 4);
  throw new HttpProblem(
    'period-locked',
    `${on.date} falls in ${lock.title} (${lock.window.from}–${lock.window.to}) of ${lock.unit}, ` +
      `approved on ${lock.approvedOn} by ${lock.approvedBy}: records of that period are closed. ` +
      `To change them, record an unlock (POST /provinces/${on.organiser}/reporting/${year}/${lock.period}/units/${lock.unit}/unlock) ` +
      'with who unlocks and why, then approve the report again',
    {
      date: on.date,
      unit: lock.unit,
      period: lock.period,
      window: lock.window,
      approvedOn: lock.approvedOn,
      approvedBy: lock.approvedBy,
      unlock: `/provinces/${on.organiser}/reporting/${year}/${lock.period}/units/${lock.unit}/unlock`,
    },
  );
}

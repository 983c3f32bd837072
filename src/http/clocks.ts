import { z } from 'zod';
import { LocalDate } from '../../domain/shared/time.ts';
import type { Catalog } from '../../projections/catalog.ts';
import { campaignAt, yearCatalogAt } from '../app/timetravel.ts';
import type { EventStore } from '../eventstore/types.ts';
import type { Kit } from './kit.ts';
import { HttpProblem, beyondHead } from './problems.ts';

/**
 * The two clocks of every view (docs/api.md#two-clocks):
 * - `asOf`, a business date: what had happened by that day, by the dates on the records
 *   (meetings held, money disbursed, tasks done or overdue), whenever they were entered;
 * - `knownAt` or `atPosition`, recording time: only what the system had recorded by that instant
 *   or log position, replayed from the log.
 * Together: "what did we know on 20/12 about the year as of 30/6".
 */
export const Clocks = z.object({
  asOf: LocalDate.optional().describe(
    'business date (yyyy-MM-dd): count only records dated on or before it; task status and overdue as of that day',
  ),
  knownAt: z.iso
    .datetime({ offset: true, error: 'must be an ISO 8601 instant with offset' })
    .optional()
    .describe('recording time: only what had been recorded by this instant'),
  atPosition: z.coerce
    .number()
    .int()
    .nonnegative()
    .optional()
    .describe('recording time as a global log position: only what had been recorded up to it'),
});
export type Clocks = z.infer<typeof Clocks>;

/** The log position and instant a recording-time clock names; undefined for the live view. */
export async function recordedBy(
  store: EventStore,
  q: Clocks,
  now: () => string,
): Promise<{ position: number; knownAt: string } | undefined> {
  if (q.knownAt !== undefined && q.atPosition !== undefined) {
    throw new HttpProblem('validation', 'querystring: give knownAt or atPosition, not both', {
      errors: [
        { in: 'querystring', field: 'atPosition', rule: 'exclusive', message: 'give knownAt or atPosition, not both' },
      ],
    });
  }
  if (q.knownAt === undefined && q.atPosition === undefined) return undefined;
  let position = q.atPosition;
  if (position === undefined) {
    const [last] = await store.readAll({ direction: 'backwards', maxCount: 1, filter: { recordedTo: q.knownAt } });
    position = last?.position ?? 0;
  }
  const head = await store.headPosition();
  if (position > head) {
    throw beyondHead('atPosition', position, head);
  }
  let knownAt = q.knownAt;
  if (knownAt === undefined)
    knownAt =
      position === 0 ? now() : ((await store.readAll({ fromPosition: position, maxCount: 1 }))[0]?.recordedAt ?? now());
  return { position, knownAt };
}

/**
 * The catalog as the log held it at knownAt/atPosition, and that instant; undefined for the live
 * state. One campaign, or every campaign of a year for national views, is rebuilt from its
 * nearest snapshot (see timetravel.ts).
 */
export async function pastCatalog(
  kit: Kit,
  q: Clocks,
  scope: { code: string; year: number } | { year: number },
): Promise<{ catalog: Catalog; now: string; position: number } | undefined> {
  const { store, projector } = kit.deps;
  const at = await recordedBy(store, q, () => kit.deps.now().toISOString());
  if (at === undefined) return undefined;
  const catalog =
    'code' in scope
      ? await campaignAt(store, projector, scope.code, scope.year, at.position)
      : await yearCatalogAt(store, projector, scope.year, at.position);
  return { catalog, now: at.knownAt, position: at.position };
}

import { z } from 'zod';
import type { RuleBook } from '../domain/shared/rules.ts';
import type { KeptOnceRecorded, KeptOnceRetracted } from '../domain/campaign/kept-once.ts';
import {
  type CapabilityProjection,
  campaignRecords,
  type Envelope,
  type FoldTarget,
  InCampaign,
  type Kept,
  Positioned,
  recordsOf,
  type Slice,
  type Stamp,
  Versioned,
} from './capability.ts';
import { bump, creditKey } from './series.ts';

/** A kept-once record as served: its fields, its campaign, recorded or retracted, its version. */
export const keptOnceView = <F extends z.ZodType>(fields: F, id: string) =>
  fields
    .and(z.object({ ...InCampaign, status: z.enum(['recorded', 'retracted']), ...Versioned, ...Positioned }))
    .meta({ id });

export type KeptOnceView<F> = F & {
  organiser: string;
  year: number;
  status: 'recorded' | 'retracted';
  revision: number;
  updatedAt: string;
  position: number;
} & Kept;

/**
 * The read side of a kept-once capability (domain/campaign/kept-once.ts): one kind of document under
 * its id, and per day of the record the series it counts — how many records, how many cooperatives
 * (or people) they reached, and the same per plan activity for the plan's targets. A retraction takes
 * the record out of every count and keeps the document, marked retracted.
 */
export function keptOnceProjection<
  N extends string,
  K extends string,
  RE extends string,
  XE extends string,
  IdField extends string,
  F extends Record<IdField, string> & { activityId?: string | undefined },
>(p: {
  name: N;
  /** The catalog's name for the documents, and their code in the saved read models. */
  kind: K;
  code: number;
  recorded: RE;
  retracted: XE;
  id: IdField;
  rules: RuleBook;
  stream: (organiser: string, year: number, id: string) => string;
  /** The day a record counts on. */
  day: (x: F) => string;
  /** The series it counts: the number of records under `count`, what it reached under `reach`; `metric` for targets. */
  series: { count: string; reach: string; reached: (x: F) => number; metric: string };
}): CapabilityProjection<
  KeptOnceRecorded<RE, F> | KeptOnceRetracted<XE, IdField>,
  Record<K, Slice<KeptOnceView<F>, true>>
> & {
  name: N;
} {
  type View = KeptOnceView<F>;
  const slices = {
    [p.kind]: campaignRecords<View>()(p.code, p.id as keyof View & string, {
      stream: (x) => p.stream(x.organiser, x.year, x[p.id]),
    }),
  } as Record<K, Slice<View, true>>;
  const count = (c: FoldTarget<typeof slices>, x: View, sign: 1 | -1): void => {
    const { series } = recordsOf(c, x.organiser, x.year);
    const day = p.day(x);
    bump(series, p.series.count, day, sign);
    bump(series, p.series.reach, day, sign * p.series.reached(x));
    bump(series, creditKey(x.activityId, p.series.metric), day, sign);
  };
  return {
    name: p.name,
    slices,
    rules: p.rules,
    events: [p.recorded, p.retracted],
    campaignStreams: (code, year) => [p.stream(code, year, '')],
    fold(c, e, at: Envelope, v: Stamp) {
      const docs = c[p.kind] as Map<string, View>;
      if (e.type === p.recorded) {
        const x = {
          ...(e.data as F & { organiser: string; year: number }),
          ...v,
          status: 'recorded',
          position: at.position,
        } as View;
        docs.set(x[p.id], x);
        count(c, x, 1);
        return;
      }
      const x = docs.get((e.data as Record<IdField, string>)[p.id]);
      if (x === undefined || x.status !== 'recorded') return;
      docs.set(x[p.id], { ...x, ...v, status: 'retracted' });
      count(c, x, -1);
    },
  };
}

import { z } from 'zod';
import { HonourFields, honourStream, type HonourEvent } from '../../domain/honour/honour.ts';
import { HONOUR_RULES } from '../../domain/honour/rules.ts';
import {
  campaignRecords,
  capabilityProjection,
  type Envelope,
  type FoldTarget,
  InCampaign,
  type Kept,
  Positioned,
  recordsOf,
  type Stamp,
  Versioned,
} from '../capability.ts';
import { bump, creditKey } from '../series.ts';

/** An honour decision as kept and served: its level is its organiser's (VN: national). */
export const HonourView = HonourFields.extend({
  ...InCampaign,
  level: z.enum(['provincial', 'national']),
  status: z.enum(['awarded', 'retracted']),
  ...Versioned,
  ...Positioned,
}).meta({ id: 'Honour' });
export type HonourView = z.infer<typeof HonourView> & Kept;

const slices = {
  honours: campaignRecords<HonourView>()(31, 'honourId', {
    stream: (x) => honourStream(x.organiser, x.year, x.honourId),
  }),
};

/** Per day of the decision: collectives and individuals honoured, also per plan activity. */
function honourSeries(c: FoldTarget<typeof slices>, x: HonourView, sign: 1 | -1): void {
  const { series } = recordsOf(c, x.organiser, x.year);
  const collectives = x.recipients.filter((r) => r.kind === 'collective').length;
  const individuals = x.recipients.length - collectives;
  bump(series, 'honouredCollectives', x.decision.date, sign * collectives);
  bump(series, 'honouredIndividuals', x.decision.date, sign * individuals);
  bump(series, creditKey(x.activityId, 'honours'), x.decision.date, sign * x.recipients.length);
}

/** Honour decisions and their retractions. */
export function foldHonour(c: FoldTarget<typeof slices>, e: HonourEvent, at: Envelope, v: Stamp): void {
  switch (e.type) {
    case 'HonourAwarded': {
      const level = e.data.organiser === 'VN' ? 'national' : 'provincial';
      const x: HonourView = { ...e.data, ...v, level, status: 'awarded', position: at.position };
      c.honours.set(x.honourId, x);
      honourSeries(c, x, 1);
      return;
    }
    case 'HonourRetracted': {
      const x = c.honours.get(e.data.honourId);
      if (x === undefined || x.status !== 'awarded') return;
      c.honours.set(x.honourId, { ...x, ...v, status: 'retracted' });
      honourSeries(c, x, -1);
      return;
    }
  }
}

export const honourProjection = capabilityProjection<HonourEvent>()({
  name: 'honour',
  slices,
  rules: HONOUR_RULES,
  events: ['HonourAwarded', 'HonourRetracted'],
  fold: foldHonour,
  campaignStreams: (code, year) => [`honour-${code}-${year}-`],
});

import { RecordVisit, visitStream } from '../../domain/visit/visit.ts';
import { VISIT_RULES } from '../../domain/visit/rules.ts';
import { keptOnceProjection, keptOnceView, type KeptOnceView } from '../kept-once.ts';

/** A visit to cooperatives, as kept and served. */
export const VisitView = keptOnceView(RecordVisit, 'Visit');
export type VisitView = KeptOnceView<RecordVisit>;

/** Visits, per day: how many, and how many cooperatives were visited. */
export const visitProjection = keptOnceProjection({
  name: 'visit',
  kind: 'visits',
  code: 32,
  recorded: 'VisitRecorded',
  retracted: 'VisitRetracted',
  id: 'visitId',
  rules: VISIT_RULES,
  stream: visitStream,
  day: (x: RecordVisit) => x.date,
  series: { count: 'visits', reach: 'cooperativesVisited', reached: (x) => x.cooperativeIds.length, metric: 'visits' },
});

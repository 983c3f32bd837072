import { RecordVisit, RetractVisit, visitDecider, visitStream } from '../../../domain/visit/visit.ts';
import { VisitView } from '../../../projections/folds/visit.ts';
import { keptOnceRoutes } from '../kept-once-routes.ts';

/** Visits to cooperatives (thăm hỏi, làm việc với HTX). */
export const visitRoutes = keptOnceRoutes({
  segment: 'visits',
  kind: 'visits',
  id: 'visitId',
  record: {
    type: 'RecordVisit',
    body: RecordVisit,
    operationId: 'recordVisit',
    summary: 'Record a visit to cooperatives (RecordVisit)',
    form: 'Ghi chuyến thăm, làm việc với HTX',
  },
  retract: {
    type: 'RetractVisit',
    body: RetractVisit,
    operationId: 'retractVisit',
    summary: 'Retract a visit recorded by mistake (RetractVisit)',
    form: 'Thu hồi chuyến thăm ghi nhầm',
  },
  list: { operationId: 'listVisits', summary: 'Visits to cooperatives of a campaign, oldest first' },
  get: { operationId: 'getVisit', summary: 'One visit' },
  view: VisitView,
  decider: visitDecider,
  stream: visitStream,
  day: (x) => x.date,
});

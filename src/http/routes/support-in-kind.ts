import {
  RecordAssistance,
  RetractAssistance,
  assistanceDecider,
  assistanceStream,
} from '../../../domain/assistance/assistance.ts';
import { AssistanceView } from '../../../projections/folds/assistance.ts';
import { keptOnceRoutes } from '../kept-once-routes.ts';

/** Support that is not money (hỗ trợ không bằng tiền). */
export const assistanceRoutes = keptOnceRoutes({
  segment: 'support-in-kind',
  kind: 'assistances',
  id: 'assistanceId',
  record: {
    type: 'RecordAssistance',
    body: RecordAssistance,
    operationId: 'recordAssistance',
    summary: 'Record support that is not money: advice, technology, market access (RecordAssistance)',
    form: 'Ghi hỗ trợ không bằng tiền (tư vấn, công nghệ, thị trường)',
  },
  retract: {
    type: 'RetractAssistance',
    body: RetractAssistance,
    operationId: 'retractAssistance',
    summary: 'Retract support in kind recorded by mistake (RetractAssistance)',
    form: 'Thu hồi hỗ trợ không bằng tiền ghi nhầm',
  },
  list: { operationId: 'listAssistance', summary: 'Support in kind of a campaign, oldest first' },
  get: { operationId: 'getAssistance', summary: 'One record of support in kind' },
  view: AssistanceView,
  decider: assistanceDecider,
  stream: assistanceStream,
  day: (x) => x.date,
});

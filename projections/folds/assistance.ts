import { RecordAssistance, assistanceStream } from '../../domain/assistance/assistance.ts';
import { ASSISTANCE_RULES } from '../../domain/assistance/rules.ts';
import { keptOnceProjection, keptOnceView, type KeptOnceView } from '../kept-once.ts';

/** Support in kind, as kept and served. */
export const AssistanceView = keptOnceView(RecordAssistance, 'Assistance');
export type AssistanceView = KeptOnceView<RecordAssistance>;

/** Support in kind, per day: how many times, and how many cooperatives it reached. */
export const assistanceProjection = keptOnceProjection({
  name: 'assistance',
  kind: 'assistances',
  code: 34,
  recorded: 'AssistanceRecorded',
  retracted: 'AssistanceRetracted',
  id: 'assistanceId',
  rules: ASSISTANCE_RULES,
  stream: assistanceStream,
  day: (x: RecordAssistance) => x.date,
  series: {
    count: 'inKindSupport',
    reach: 'cooperativesAssistedInKind',
    reached: (x) => x.cooperativeIds.length,
    metric: 'in-kind-support',
  },
});

import { describe, it } from 'vitest';
import { COOP_A, id, openCampaign } from '../../test/support/decider-fixtures.ts';
import { spec } from '../../test/support/decider-spec.ts';
import { assistanceDecider, type AssistanceEvent, type RecordAssistance } from './assistance.ts';

const assistance = spec(assistanceDecider);
const ctx = { campaign: openCampaign };
const advice: RecordAssistance = {
  assistanceId: id(83),
  date: '2024-05-20',
  form: 'digital-transformation',
  cooperativeIds: [COOP_A],
  description: 'Hướng dẫn đưa sản phẩm lên sàn thương mại điện tử, lập trang bán hàng',
  providedBy: 'Liên minh HTX tỉnh Đắk Nông',
};
const recorded: AssistanceEvent = { type: 'AssistanceRecorded', data: { organiser: '67', year: 2024, ...advice } };

describe('RecordAssistance', () => {
  it('given an open campaign, when a cooperative is helped onto e-commerce, then the support in kind is kept apart from money', () => {
    assistance
      .given([], ctx)
      .when({ type: 'RecordAssistance', ...advice })
      .then([recorded]);
  });

  it('refuses support in kind recorded twice, and a retraction of one never recorded', () => {
    assistance
      .given([recorded], ctx)
      .when({ type: 'RecordAssistance', ...advice })
      .thenFails('assistance-already-recorded');
    assistance
      .given([], ctx)
      .when({ type: 'RetractAssistance', assistanceId: id(83), reason: 'x' })
      .thenFails('assistance-not-found');
  });
});

import { describe, expect, it } from 'vitest';
import { ID_FIELD, KIND_CODE, kindOf } from './document-rows.ts';

describe('the saved read models name their kinds', () => {
  it('with the codes they have had since layout 8, whichever capability declares them', () => {
    // A file written by an earlier build must read back: these codes change only with a new layout.
    expect(KIND_CODE).toEqual({
      campaigns: 1,
      records: 2,
      meetings: 3,
      publications: 4,
      nationalEvents: 5,
      steering: 6,
      cooperatives: 7,
      approvals: 8,
      disbursements: 9,
      nominations: 10,
      petitions: 11,
      tasks: 12,
      consultations: 13,
      trainings: 14,
      narratives: 17,
      honours: 31,
      visits: 32,
      tradePromotions: 33,
      assistances: 34,
      attachments: 21,
    });
    expect(kindOf(10)).toBe('nominations');
    expect(kindOf(14)).toBe('trainings');
    expect(kindOf(15)).toBeUndefined();
  });

  it('and key campaign documents by the id field their capability names', () => {
    expect(ID_FIELD).toEqual({
      meetings: 'meetingId',
      publications: 'publicationId',
      approvals: 'approvalId',
      disbursements: 'disbursementId',
      nominations: 'nominationId',
      petitions: 'petitionId',
      trainings: 'trainingId',
      honours: 'honourId',
      visits: 'visitId',
      tradePromotions: 'promotionId',
      assistances: 'assistanceId',
    });
  });
});

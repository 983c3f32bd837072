import { describe, expect, it } from 'vitest';
import { currentSchemaVersion, upcast } from './upcasting.ts';

describe('upcasting stored events to the current schema', () => {
  it('given a version-1 admission round with associates, when read, then they are kept as associates whose kind was not recorded', () => {
    const v1 = {
      organiser: '67',
      year: 2024,
      roundId: 'r',
      round: 1,
      date: '2024-04-09',
      admitted: { cooperatives: 4, cooperativeUnions: 0, cooperativeGroups: 1, associates: 3 },
      cooperativeIds: [],
    };
    expect(currentSchemaVersion('MemberAdmissionRoundRecorded')).toBe(2);
    expect(upcast('MemberAdmissionRoundRecorded', 1, v1)).toEqual({
      ...v1,
      admitted: {
        cooperatives: 4,
        cooperativeUnions: 0,
        cooperativeGroups: 1,
        associatesContributing: 0,
        associatesNonContributing: 0,
        associatesUnsplit: 3,
      },
    });
    const none = upcast('MemberAdmissionRoundRecorded', 1, { ...v1, admitted: { ...v1.admitted, associates: 0 } });
    expect(none.admitted).toEqual({
      cooperatives: 4,
      cooperativeUnions: 0,
      cooperativeGroups: 1,
      associatesContributing: 0,
      associatesNonContributing: 0,
    });
  });
  it('given a version-1 campaign launch, when read, then it carries the province name it had', () => {
    expect(upcast('CampaignLaunched', 1, { provinceId: 'pre2025:67' })).toEqual({
      provinceId: 'pre2025:67',
      provinceName: 'Đắk Nông',
    });
  });
  it('leaves events of the current version as they are', () => {
    const d = { admitted: { associatesContributing: 2 } };
    expect(upcast('MemberAdmissionRoundRecorded', 2, d)).toBe(d);
  });
});

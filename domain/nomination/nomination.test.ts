import { describe, it } from 'vitest';
import { COOP_A, COOP_ELSEWHERE, closedCampaign, coop, id, openCampaign } from '../../test/support/decider-fixtures.ts';
import { spec } from '../../test/support/decider-spec.ts';
import { nominationDecider, type NominateExemplaryCoop, type NominationEvent } from './nomination.ts';

const nomination = spec(nominationDecider);
const ctx = { campaign: openCampaign, cooperative: coop(COOP_A, '67') };
const nominate: NominateExemplaryCoop = {
  nominationId: id(1),
  cooperativeId: COOP_A,
  nominatedBy: { level: 'provincial-alliance', name: 'Liên minh HTX tỉnh Đắk Nông' },
  nominatedOn: '2024-04-02',
  category: 'Nông nghiệp',
  achievements: ['Doanh thu tăng 30%', 'Liên kết chuỗi cà phê'],
};
const s = { organiser: '67', year: 2024, nominationId: id(1), cooperativeId: COOP_A };
const nominated: NominationEvent = {
  type: 'ExemplaryCoopNominated',
  data: { organiser: '67', year: 2024, ...nominate },
};
const shortlisted: NominationEvent = { type: 'NominationShortlisted', data: { ...s, shortlistedOn: '2024-04-10' } };
const forwarded: NominationEvent = {
  type: 'NominationForwarded',
  data: { ...s, forwardedOn: '2024-04-15', to: 'Hội nghị tôn vinh Hợp tác xã tiêu biểu' },
};
const honoured: NominationEvent = {
  type: 'NominationHonoured',
  data: { ...s, award: 'Bằng khen', awardedBy: 'Liên minh HTX Việt Nam', awardedOn: '2024-07-01' },
};
const withdrawn: NominationEvent = {
  type: 'NominationWithdrawn',
  data: { ...s, withdrawnOn: '2024-04-12', reason: 'HTX xin rút' },
};

describe('NominateExemplaryCoop', () => {
  it('given an eligible cooperative, when the provincial alliance nominates it, then it is nominated', () => {
    nomination
      .given([], ctx)
      .when({ type: 'NominateExemplaryCoop', ...nominate })
      .then([nominated]);
  });
  it('refuses a second active nomination of the same cooperative in the campaign', () => {
    nomination
      .given([nominated], ctx)
      .when({ type: 'NominateExemplaryCoop', ...nominate, nominationId: id(2) })
      .thenFails('nomination-active-exists', { nominationId: id(1) });
  });
  it('accepts a new nomination once the earlier one was withdrawn', () => {
    nomination
      .given([nominated, withdrawn], ctx)
      .when({ type: 'NominateExemplaryCoop', ...nominate, nominationId: id(2) })
      .then([
        { type: 'ExemplaryCoopNominated', data: { organiser: '67', year: 2024, ...nominate, nominationId: id(2) } },
      ]);
  });
  it('refuses cooperatives of another province and a closed campaign', () => {
    nomination
      .given([], { campaign: openCampaign, cooperative: coop(COOP_ELSEWHERE, '72') })
      .when({ type: 'NominateExemplaryCoop', ...nominate, cooperativeId: COOP_ELSEWHERE })
      .thenFails('cooperative-other-province');
    nomination
      .given([], { ...ctx, campaign: closedCampaign })
      .when({ type: 'NominateExemplaryCoop', ...nominate })
      .thenFails('campaign-closed');
  });
});

describe('the path of a nomination: shortlist → forward → honour', () => {
  it('shortlists a nomination, forwards a shortlisted one and honours a forwarded one', () => {
    nomination
      .given([nominated], ctx)
      .when({ type: 'ShortlistNomination', nominationId: id(1), shortlistedOn: '2024-04-10' })
      .then([shortlisted]);
    nomination
      .given([nominated, shortlisted], ctx)
      .when({
        type: 'ForwardNomination',
        nominationId: id(1),
        forwardedOn: '2024-04-15',
        to: 'Hội nghị tôn vinh Hợp tác xã tiêu biểu',
      })
      .then([forwarded]);
    nomination
      .given([nominated, shortlisted, forwarded], { ...ctx, campaign: closedCampaign })
      .when({
        type: 'RecordHonour',
        nominationId: id(1),
        award: 'Bằng khen',
        awardedBy: 'Liên minh HTX Việt Nam',
        awardedOn: '2024-07-01',
      })
      .then([honoured]);
  });
  it('forwards only shortlisted nominations and honours only forwarded ones', () => {
    nomination
      .given([nominated], ctx)
      .when({ type: 'ForwardNomination', nominationId: id(1), forwardedOn: '2024-04-15', to: 'x' })
      .thenFails('nomination-not-shortlisted');
    nomination
      .given([nominated, shortlisted], ctx)
      .when({ type: 'RecordHonour', nominationId: id(1), award: 'Bằng khen', awardedBy: 'x', awardedOn: '2024-07-01' })
      .thenFails('nomination-not-forwarded');
    nomination
      .given([nominated, shortlisted], ctx)
      .when({ type: 'ShortlistNomination', nominationId: id(1), shortlistedOn: '2024-04-11' })
      .thenFails('nomination-not-pending');
  });
  it('declines or withdraws open nominations only', () => {
    nomination
      .given([nominated, shortlisted], ctx)
      .when({ type: 'DeclineNomination', nominationId: id(1), declinedOn: '2024-04-14', reason: 'Chưa đủ tiêu chí' })
      .then([{ type: 'NominationDeclined', data: { ...s, declinedOn: '2024-04-14', reason: 'Chưa đủ tiêu chí' } }]);
    nomination
      .given([nominated], ctx)
      .when({ type: 'WithdrawNomination', nominationId: id(1), withdrawnOn: '2024-04-12', reason: 'HTX xin rút' })
      .then([withdrawn]);
    nomination
      .given([nominated, withdrawn], ctx)
      .when({ type: 'ShortlistNomination', nominationId: id(1), shortlistedOn: '2024-04-13' })
      .thenFails('nomination-not-open');
    nomination
      .given([nominated, shortlisted, forwarded, honoured], ctx)
      .when({ type: 'WithdrawNomination', nominationId: id(1), withdrawnOn: '2024-08-01', reason: 'x' })
      .thenFails('nomination-not-open');
    nomination
      .given([], ctx)
      .when({ type: 'WithdrawNomination', nominationId: id(1), withdrawnOn: '2024-08-01', reason: 'x' })
      .thenFails('nomination-not-found');
  });
});

describe('TakeOverNomination', () => {
  const takeover = { to: '68', takenOverOn: '2025-08-01', takenOverBy: 'Liên minh HTX tỉnh Lâm Đồng' };
  const takenOver: NominationEvent = { type: 'NominationTakenOver', data: { ...s, ...takeover, from: '67' } };
  it('given a forwarded Đắk Nông (67) nomination, when Lâm Đồng (68) takes it over on 1/8/2025, then the takeover is recorded and the honour still follows', () => {
    nomination
      .given([nominated, shortlisted, forwarded], ctx)
      .when({ type: 'TakeOverNomination', nominationId: id(1), ...takeover })
      .then([takenOver]);
    nomination
      .given([nominated, shortlisted, forwarded, takenOver], ctx)
      .when({
        type: 'RecordHonour',
        nominationId: id(1),
        award: 'Bằng khen',
        awardedBy: 'Liên minh HTX Việt Nam',
        awardedOn: '2025-09-01',
      })
      .then([
        {
          type: 'NominationHonoured',
          data: { ...s, award: 'Bằng khen', awardedBy: 'Liên minh HTX Việt Nam', awardedOn: '2025-09-01' },
        },
      ]);
    nomination
      .given([nominated, takenOver], ctx)
      .when({ type: 'TakeOverNomination', nominationId: id(1), ...takeover })
      .thenFails('already-taken-over', { to: '68' });
  });
  it('refuses to take over an honoured or withdrawn nomination, by another province than the successor, or before 1/7/2025', () => {
    nomination
      .given([nominated, shortlisted, forwarded, honoured], ctx)
      .when({ type: 'TakeOverNomination', nominationId: id(1), ...takeover })
      .thenFails('nomination-not-open', { nominationStatus: 'honoured' });
    nomination
      .given([nominated, withdrawn], ctx)
      .when({ type: 'TakeOverNomination', nominationId: id(1), ...takeover })
      .thenFails('nomination-not-open', { nominationStatus: 'withdrawn' });
    nomination
      .given([nominated], ctx)
      .when({ type: 'TakeOverNomination', nominationId: id(1), ...takeover, to: '80' })
      .thenFails('takeover-not-successor');
    nomination
      .given([nominated], ctx)
      .when({ type: 'TakeOverNomination', nominationId: id(1), ...takeover, takenOverOn: '2025-06-30' })
      .thenFails('takeover-before-reform');
  });
});

import { describe, it } from 'vitest';
import { COOP_A } from '../../test/support/decider-fixtures.ts';
import { spec } from '../../test/support/decider-spec.ts';
import { cooperativeDecider, type CooperativeEvent, type RegisterCooperative } from './cooperative.ts';

const cooperative = spec(cooperativeDecider);
const reg: RegisterCooperative = {
  cooperativeId: COOP_A,
  kind: 'cooperative',
  name: 'HTX Nông nghiệp Quảng Khê',
  registrationNumber: '6701000123',
  registeredOn: '2019-05-10',
  province: '67',
  communeCode: '24631',
  members: { official: 25, associate: 3 },
};
const { province: _p, communeCode: _c, ...regData } = reg;
const registered: CooperativeEvent = {
  type: 'CooperativeRegistered',
  data: {
    ...regData,
    commune: 'Xã Quảng Khê',
    district: 'Huyện Đăk Glong',
    communeCode: '24631',
    provinceId: 'pre2025:67',
    provinceCode: '67',
  },
};

describe('RegisterCooperative', () => {
  it('given nothing, when a cooperative registered in 2019 in Đắk Nông is recorded, then it keeps the province as registered', () => {
    cooperative
      .given([])
      .when({ type: 'RegisterCooperative', ...reg })
      .then([registered]);
  });
  it('uses the 34-province map for registrations from 1 July 2025', () => {
    cooperative
      .given([])
      .when({ type: 'RegisterCooperative', ...reg, registeredOn: '2025-08-01', province: '68' })
      .then([
        {
          type: 'CooperativeRegistered',
          data: {
            ...regData,
            registeredOn: '2025-08-01',
            commune: 'Xã Quảng Khê',
            communeCode: '24631',
            provinceId: 'current:68',
            provinceCode: '68',
          },
        },
      ]);
    cooperative
      .given([])
      .when({ type: 'RegisterCooperative', ...reg, registeredOn: '2025-08-01' })
      .thenFails('unknown-province');
  });
  it('refuses a commune of another province, a commune code of the other map, and a second registration', () => {
    cooperative
      .given([])
      .when({ type: 'RegisterCooperative', ...reg, communeCode: '24781' })
      .thenFails('commune-other-province', { field: 'communeCode', province: { code: '68' } });
    cooperative
      .given([])
      .when({ type: 'RegisterCooperative', ...reg, registeredOn: '2025-08-01', province: '68', communeCode: '24784' })
      .thenFails('commune-not-on-date');
    cooperative
      .given([registered])
      .when({ type: 'RegisterCooperative', ...reg })
      .thenFails('cooperative-already-registered');
  });
});

describe('ChangeCooperativeStatus and UpdateMemberCounts', () => {
  it('given an active cooperative, when it is suspended, then the change says from and to', () => {
    cooperative
      .given([registered])
      .when({
        type: 'ChangeCooperativeStatus',
        cooperativeId: COOP_A,
        status: 'suspended',
        effectiveOn: '2024-06-01',
        reason: 'Tạm ngừng hoạt động',
      })
      .then([
        {
          type: 'CooperativeStatusChanged',
          data: {
            cooperativeId: COOP_A,
            from: 'active',
            to: 'suspended',
            effectiveOn: '2024-06-01',
            reason: 'Tạm ngừng hoạt động',
          },
        },
      ]);
  });
  it('refuses a change to the same status and changes to an unregistered cooperative', () => {
    cooperative
      .given([registered])
      .when({
        type: 'ChangeCooperativeStatus',
        cooperativeId: COOP_A,
        status: 'active',
        effectiveOn: '2024-06-01',
        reason: 'x',
      })
      .thenFails('status-unchanged');
    cooperative
      .given([])
      .when({
        type: 'ChangeCooperativeStatus',
        cooperativeId: COOP_A,
        status: 'dissolved',
        effectiveOn: '2024-06-01',
        reason: 'x',
      })
      .thenFails('cooperative-not-registered');
    cooperative
      .given([])
      .when({
        type: 'UpdateMemberCounts',
        cooperativeId: COOP_A,
        members: { official: 1, associate: 0 },
        asOf: '2024-06-01',
      })
      .thenFails('cooperative-not-registered');
  });
  it('given a cooperative, when its members are counted again, then the new counts by type are recorded', () => {
    cooperative
      .given([registered])
      .when({
        type: 'UpdateMemberCounts',
        cooperativeId: COOP_A,
        members: { official: 30, associate: 5 },
        asOf: '2024-12-31',
      })
      .then([
        {
          type: 'CooperativeMembersUpdated',
          data: { cooperativeId: COOP_A, members: { official: 30, associate: 5 }, asOf: '2024-12-31' },
        },
      ]);
  });
});

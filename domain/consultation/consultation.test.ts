import { describe, expect, it } from 'vitest';
import { fold } from '../shared/decider.ts';
import { id } from '../../test/support/decider-fixtures.ts';
import { spec } from '../../test/support/decider-spec.ts';
import {
  consultationDecider,
  consultationTally,
  type ConsultationEvent,
  type OpenConsultation,
} from './consultation.ts';

const consultation = spec(consultationDecider);
const parties = [
  ...Array.from({ length: 18 }, (_, i) => ({
    partyId: `bcd-${i + 1}`,
    name: `Thành viên BCĐ ${i + 1}`,
    group: 'steering-committee' as const,
  })),
  ...Array.from({ length: 9 }, (_, i) => ({
    partyId: `huyen-${i + 1}`,
    name: `UBND huyện ${i + 1}`,
    group: 'district-committee' as const,
  })),
];
const open: OpenConsultation = {
  consultationId: id(1),
  draft: { title: 'Dự thảo Kế hoạch Tháng hành động vì HTX 2024' },
  openedOn: '2024-02-01',
  parties,
};
const opened: ConsultationEvent = { type: 'ConsultationOpened', data: { organiser: '72', ...open } };
const reply = (
  partyId: string,
  position: 'agreed' | 'commented',
  group: 'steering-committee' | 'district-committee',
): ConsultationEvent => ({
  type: 'ConsultationReplyRecorded',
  data: { organiser: '72', consultationId: id(1), group, partyId, repliedOn: '2024-02-10', position },
});

describe('consultation on a draft plan', () => {
  it('opens a consultation and records a reply with the party’s group', () => {
    consultation
      .given([])
      .when({ type: 'OpenConsultation', organiser: '72', ...open })
      .then([opened]);
    consultation
      .given([opened])
      .when({
        type: 'RecordConsultationReply',
        consultationId: id(1),
        partyId: 'bcd-5',
        repliedOn: '2024-02-10',
        position: 'commented',
        comments: 'Góp ý về kinh phí',
      })
      .then([
        {
          type: 'ConsultationReplyRecorded',
          data: {
            organiser: '72',
            consultationId: id(1),
            group: 'steering-committee',
            partyId: 'bcd-5',
            repliedOn: '2024-02-10',
            position: 'commented',
            comments: 'Góp ý về kinh phí',
          },
        },
      ]);
  });

  it('tallies who answered: 12 of 18 steering-committee members and 5 of 9 districts; 11 agreed and 1 commented', () => {
    const events = [
      opened,
      ...Array.from({ length: 11 }, (_, i) => reply(`bcd-${i + 1}`, 'agreed', 'steering-committee')),
      reply('bcd-12', 'commented', 'steering-committee'),
      ...Array.from({ length: 5 }, (_, i) => reply(`huyen-${i + 1}`, 'agreed', 'district-committee')),
    ];
    const t = consultationTally(fold(consultationDecider, events));
    expect(t.groups).toEqual({
      'steering-committee': { asked: 18, replied: 12 },
      'district-committee': { asked: 9, replied: 5 },
    });
    expect(t.positions).toEqual({ agreed: 16, commented: 1, objected: 0 });
  });

  it('refuses replies from parties not consulted, second replies, replies after closing, and unknown consultations', () => {
    const cmd = {
      type: 'RecordConsultationReply' as const,
      consultationId: id(1),
      repliedOn: '2024-02-10',
      position: 'agreed' as const,
    };
    consultation
      .given([opened])
      .when({ ...cmd, partyId: 'so-tai-chinh' })
      .thenFails('not-consulted');
    consultation
      .given([opened, reply('bcd-1', 'agreed', 'steering-committee')])
      .when({ ...cmd, partyId: 'bcd-1' })
      .thenFails('already-replied');
    const closed: ConsultationEvent = {
      type: 'ConsultationClosed',
      data: { organiser: '72', consultationId: id(1), closedOn: '2024-02-20' },
    };
    consultation
      .given([opened])
      .when({ type: 'CloseConsultation', consultationId: id(1), closedOn: '2024-02-20' })
      .then([closed]);
    consultation
      .given([opened, closed])
      .when({ ...cmd, partyId: 'bcd-2' })
      .thenFails('consultation-closed');
    consultation
      .given([])
      .when({ ...cmd, partyId: 'bcd-2' })
      .thenFails('consultation-not-found');
    consultation
      .given([opened])
      .when({ type: 'OpenConsultation', organiser: '72', ...open })
      .thenFails('consultation-already-opened');
  });
});

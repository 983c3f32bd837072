/**
 * An example body for every command of the API, shown in the OpenAPI document (api-document.ts).
 * Together they are one story — the Lâm Đồng (68) campaign of 2026, from its plan to its reports —
 * in the order a province would send them; test/api.examples.test.ts sends them in this order to
 * a fresh service and expects each to be accepted, so an example that stops being valid fails.
 */

/** The province's plan for the month: the campaign and its tasks are under it. */
const PLAN = { number: '15/KH-LMHTX', date: '2026-03-05' };
const id = (n: number): string => `01950000-0000-7000-8000-${String(n).padStart(12, '0')}`;
const COOP = id(1);
const COOP_2 = id(2);
const MEETING = id(10);
const PUBLICATION = id(20);
const APPROVAL = id(30);
const DISBURSEMENT = id(31);
const DIALOGUE = id(40);
const PETITION = id(41);
const EVENT = id(50);
const NOMINATION = id(60);
const NOMINATION_2 = id(61);
const NOMINATION_3 = id(62);
const TASK = id(70);
const TASK_2 = id(71);
/** A task of Đắk Nông (67), merged into Lâm Đồng (68) on 1 July 2025, that Lâm Đồng takes over. */
const TASK_3 = id(72);
/** Đắk Nông's (67) 2025 campaign: a cooperative, its nomination and a petition Lâm Đồng takes over. */
const DAK_NONG_2025 = { code: '67', year: 2025 };
const DAK_NONG_COOP = id(3);
const DAK_NONG_NOMINATION = id(63);
const DAK_NONG_PETITION = id(42);
const CONSULTATION = id(80);
const TRAINING = id(90);

/** One step of the story: the operation, its path parameters and its body. */
export interface ExampleStep {
  operationId: string;
  path: Record<string, string | number>;
  body: Record<string, unknown>;
  /** Sent by the national alliance (national events, honours); otherwise by Lâm Đồng's officer. */
  national?: true;
  /** Sent by an administrator (a webhook's registration). */
  admin?: true;
}

/** The province's portal, which takes the province's records as webhooks (WEBHOOK_ALLOW_HOSTS in the test). */
export const EXAMPLE_WEBHOOK_HOST = 'congthongtin.lamdong.gov.vn';

const campaign = { code: '68', year: 2026 };
export const EXAMPLE_STORY: ExampleStep[] = [
  {
    operationId: 'launchCampaign',
    path: { code: '68' },
    body: {
      year: 2026,
      plan: PLAN,
      theme: 'Hợp tác xã đổi mới, sáng tạo, phát triển bền vững',
      peak: { from: '2026-03-29', to: '2026-04-29' },
      activities: [
        {
          id: 'outreach',
          kind: 'outreach-conference',
          title: 'Hội nghị tuyên truyền Luật Hợp tác xã 2023 tại các xã',
          window: { from: '2026-03-29', to: '2026-04-29' },
          targets: [{ metric: 'meetings', value: 12 }],
        },
        {
          id: 'support',
          kind: 'support-disbursement',
          title: 'Giải ngân hỗ trợ HTX từ Quỹ hỗ trợ phát triển HTX tỉnh',
          window: { from: '2026-01-01', to: '2026-12-31' },
          targets: [{ metric: 'disbursed-vnd', value: 300_000_000 }],
        },
      ],
      budgets: [{ fund: 'provincial-support-fund', amount: 500_000_000 }],
    },
  },
  {
    operationId: 'amendCampaignPlan',
    path: campaign,
    body: {
      amendment: { number: '15a/KH-LMHTX', date: '2026-03-20' },
      reason: 'Bổ sung chủ đề theo chỉ đạo của Tỉnh ủy',
      theme: 'Hợp tác xã đổi mới, chuyển đổi số, phát triển bền vững',
    },
  },
  {
    operationId: 'registerCooperative',
    path: { code: '68' },
    body: {
      cooperativeId: COOP,
      kind: 'cooperative',
      name: 'HTX Nông nghiệp Cà phê Lộc Bắc',
      registrationNumber: '5800123456',
      registeredOn: '2019-06-12',
      communeCode: '25066',
      sector: 'cà phê',
      members: { official: 42, associate: 8 },
    },
  },
  {
    operationId: 'registerCooperative',
    path: { code: '68' },
    body: {
      cooperativeId: COOP_2,
      kind: 'cooperative',
      name: 'HTX Rau hoa Xuân Hương',
      registrationNumber: '5800654321',
      registeredOn: '2021-02-03',
      communeCode: '24781',
      members: { official: 15 },
    },
  },
  {
    operationId: 'updateMemberCounts',
    path: { code: '68', cooperativeId: COOP },
    body: { members: { official: 45, associate: 8 }, asOf: '2026-04-15' },
  },
  {
    operationId: 'recordOutreachMeeting',
    path: campaign,
    body: {
      meetingId: MEETING,
      date: '2026-04-02',
      place: { communeCode: '25057', venue: 'Hội trường UBND xã' },
      format: 'conference',
      topics: ['cooperative-law-2023', 'local-support-policy'],
      attendees: 85,
      cooperativesRepresented: 6,
      cooperativeIds: [COOP],
      organisedBy: 'Liên minh HTX tỉnh Lâm Đồng',
      activityId: 'outreach',
    },
  },
  {
    operationId: 'correctOutreachMeeting',
    path: { ...campaign, meetingId: MEETING },
    body: { changes: { attendees: 92 }, reason: 'Cộng thêm đại biểu đến muộn theo sổ ký tên' },
  },
  {
    operationId: 'retractOutreachMeeting',
    path: { ...campaign, meetingId: MEETING },
    body: { reason: 'Hội nghị đã được ghi hai lần' },
  },
  {
    operationId: 'recordPublication',
    path: campaign,
    body: {
      publicationId: PUBLICATION,
      kind: 'press',
      outlet: 'Báo Lâm Đồng',
      date: '2026-03-30',
      title: 'Lâm Đồng phát động Tháng hành động vì Hợp tác xã năm 2026',
      topics: ['cooperative-day'],
      url: 'https://baolamdong.vn/htx-2026',
    },
  },
  {
    operationId: 'retractPublication',
    path: { ...campaign, publicationId: PUBLICATION },
    body: { reason: 'Ghi nhầm tỉnh phát hành' },
  },
  {
    operationId: 'recordTraining',
    path: campaign,
    body: {
      trainingId: TRAINING,
      title: 'Tập huấn Luật Hợp tác xã năm 2023 cho Giám đốc, Kế toán và Kiểm soát viên HTX',
      from: '2026-04-14',
      to: '2026-04-15',
      place: { communeCode: '24781', venue: 'Hội trường Liên minh HTX tỉnh' },
      audiences: ['director', 'accountant', 'supervisor'],
      topics: ['cooperative-law-2023'],
      participants: 85,
      cooperativesRepresented: 41,
      organisedBy: 'Liên minh HTX tỉnh Lâm Đồng',
    },
  },
  {
    operationId: 'retractTraining',
    path: { ...campaign, trainingId: TRAINING },
    body: { reason: 'Ghi nhầm: lớp học thuộc kế hoạch năm sau' },
  },
  {
    operationId: 'recordVisit',
    path: campaign,
    body: {
      visitId: id(96),
      date: '2026-04-09',
      purpose: 'working-session',
      cooperativeIds: [COOP],
      ledBy: 'Chủ tịch Liên minh HTX tỉnh Lâm Đồng',
      findings: 'HTX duy trì sản xuất ổn định, doanh thu quý I tăng 12%',
      proposals: 'Đề nghị hỗ trợ vốn mua máy sấy nông sản',
    },
  },
  { operationId: 'retractVisit', path: { ...campaign, visitId: id(96) }, body: { reason: 'Ghi trùng chuyến thăm' } },
  {
    operationId: 'recordTradePromotion',
    path: campaign,
    body: {
      promotionId: id(97),
      kind: 'fair',
      name: 'Hội chợ sản phẩm HTX, OCOP tỉnh Lâm Đồng 2026',
      from: '2026-04-10',
      to: '2026-04-14',
      place: 'Quảng trường Lâm Viên, Đà Lạt',
      organisedBy: 'Liên minh HTX tỉnh Lâm Đồng',
      cooperativesTakingPart: 42,
      cooperativeIds: [COOP],
      products: 'Cà phê, chè, rau, hoa',
      contractsSigned: 6,
      salesVnd: 1_200_000_000,
    },
  },
  {
    operationId: 'retractTradePromotion',
    path: { ...campaign, promotionId: id(97) },
    body: { reason: 'Hội chợ thuộc kế hoạch năm sau' },
  },
  {
    operationId: 'recordAssistance',
    path: campaign,
    body: {
      assistanceId: id(98),
      date: '2026-05-20',
      form: 'digital-transformation',
      cooperativeIds: [COOP, COOP_2],
      description: 'Hướng dẫn đưa sản phẩm lên sàn thương mại điện tử, lập trang bán hàng',
      providedBy: 'Liên minh HTX tỉnh Lâm Đồng',
      estimatedValueVnd: 15_000_000,
    },
  },
  {
    operationId: 'retractAssistance',
    path: { ...campaign, assistanceId: id(98) },
    body: { reason: 'Ghi nhầm HTX' },
  },
  {
    operationId: 'awardHonour',
    path: campaign,
    body: {
      honourId: id(95),
      decision: { number: '25/QĐ-LMHTX', date: '2026-04-11' },
      kind: 'certificate-of-merit',
      award: 'Bằng khen của Liên minh HTX tỉnh',
      awardedBy: 'Chủ tịch Liên minh HTX tỉnh Lâm Đồng',
      occasion: 'Hội nghị kỷ niệm Ngày Hợp tác xã Việt Nam 11/4',
      recipients: [
        { kind: 'collective', name: 'HTX Nông nghiệp Dịch vụ Quảng Sơn' },
        { kind: 'individual', name: 'Nguyễn Văn An', position: 'Giám đốc', workplace: 'HTX Cà phê Đắk Mil' },
      ],
    },
  },
  {
    operationId: 'retractHonour',
    path: { ...campaign, honourId: id(95) },
    body: { reason: 'Ghi nhầm số quyết định' },
  },
  {
    operationId: 'recordMemberAdmissionRound',
    path: campaign,
    body: {
      roundId: id(90),
      round: 1,
      date: '2026-04-08',
      admitted: { cooperatives: 1, associatesContributing: 3 },
      cooperativeIds: [COOP],
      note: 'Kết nạp đợt 1 trước ngày 10/4',
    },
  },
  {
    operationId: 'recordFoundingAdvice',
    path: campaign,
    body: {
      adviceId: id(91),
      date: '2026-04-10',
      communeCode: '25099',
      prospectiveName: 'HTX Sầu riêng Đạ Huoai',
      founders: 7,
      outcome: 'advised',
    },
  },
  {
    operationId: 'holdDialogueConference',
    path: campaign,
    body: {
      dialogueId: DIALOGUE,
      date: '2026-04-20',
      place: 'Trung tâm Hội nghị tỉnh',
      communeCode: '24781',
      chairedBy: 'Chủ tịch UBND tỉnh',
      attendees: 150,
      cooperativesRepresented: 60,
    },
  },
  {
    operationId: 'recordPetition',
    path: campaign,
    body: {
      petitionId: PETITION,
      dialogueId: DIALOGUE,
      cooperativeId: COOP,
      submittedBy: 'HTX Nông nghiệp Cà phê Lộc Bắc',
      submittedOn: '2026-04-20',
      topic: 'credit',
      subject: 'Vay vốn tái canh cà phê',
      content: 'Đề nghị giãn thời hạn trả nợ vay tái canh thêm 12 tháng',
      addressedTo: 'Ngân hàng Nhà nước chi nhánh Khu vực 10',
    },
  },
  {
    operationId: 'respondToPetition',
    path: { ...campaign, petitionId: PETITION },
    body: {
      respondedBy: 'Ngân hàng Nhà nước chi nhánh Khu vực 10',
      respondedOn: '2026-05-15',
      response: 'Đã chỉ đạo các ngân hàng thương mại xem xét cơ cấu lại thời hạn trả nợ',
      resolved: true,
    },
  },
  {
    operationId: 'launchCampaign',
    path: { code: 'VN' },
    national: true,
    body: {
      year: 2026,
      plan: { number: '70/KH-BTVLMHTXVN', date: '2026-02-10' },
      theme: 'Tôn vinh hợp tác xã tiêu biểu toàn quốc',
    },
  },
  {
    operationId: 'holdNationalEvent',
    path: { code: 'VN', year: 2026 },
    national: true,
    body: {
      eventId: EVENT,
      kind: 'honouring-conference',
      name: 'Hội nghị tôn vinh HTX tiêu biểu toàn quốc 2026',
      date: '2026-04-11',
      place: 'Hà Nội',
    },
  },
  {
    operationId: 'attendNationalEvent',
    path: campaign,
    body: {
      attendanceId: id(51),
      eventId: EVENT,
      kind: 'honouring-conference',
      name: 'Hội nghị tôn vinh HTX tiêu biểu toàn quốc 2026',
      date: '2026-04-11',
      delegates: 5,
      cooperativeIds: [COOP],
    },
  },
  {
    operationId: 'approveSupport',
    path: campaign,
    body: {
      approvalId: APPROVAL,
      decision: { number: '120/QĐ-QHT', date: '2026-04-05' },
      cooperativeId: COOP,
      fund: 'provincial-support-fund',
      form: 'loan',
      amount: 200_000_000,
      purpose: 'Máy sấy cà phê',
      activityId: 'support',
    },
  },
  {
    operationId: 'disburseSupport',
    path: campaign,
    body: {
      disbursementId: DISBURSEMENT,
      approvalId: APPROVAL,
      amount: 150_000_000,
      date: '2026-04-12',
      reference: 'UNC 0412/QHT',
    },
  },
  {
    operationId: 'reverseDisbursement',
    path: { ...campaign, disbursementId: DISBURSEMENT },
    body: { date: '2026-04-13', reason: 'Chuyển nhầm số tài khoản' },
  },
  {
    operationId: 'recordLoanAppraisal',
    path: campaign,
    body: {
      appraisalId: id(32),
      cooperativeId: COOP,
      fund: 'provincial-support-fund',
      requestedAmount: 300_000_000,
      date: '2026-04-03',
      outcome: 'recommended',
      recommendedAmount: 200_000_000,
    },
  },
  {
    operationId: 'nominateExemplaryCoop',
    path: campaign,
    body: {
      nominationId: NOMINATION,
      cooperativeId: COOP,
      nominatedBy: { level: 'provincial-alliance', name: 'Liên minh HTX tỉnh Lâm Đồng' },
      nominatedOn: '2026-04-15',
      category: 'HTX nông nghiệp tiêu biểu',
      achievements: ['Doanh thu tăng 30% năm 2025', 'Liên kết tiêu thụ với 3 doanh nghiệp'],
    },
  },
  {
    operationId: 'shortlistNomination',
    path: { ...campaign, nominationId: NOMINATION },
    body: { shortlistedOn: '2026-05-10', note: 'Hội đồng thi đua tỉnh thống nhất' },
  },
  {
    operationId: 'forwardNomination',
    path: { ...campaign, nominationId: NOMINATION },
    body: { forwardedOn: '2026-05-20', to: 'Liên minh HTX Việt Nam', letter: '210/LMHTX-VP' },
  },
  {
    operationId: 'recordHonour',
    path: { ...campaign, nominationId: NOMINATION },
    national: true,
    body: {
      award: 'Bằng khen',
      awardedBy: 'Liên minh HTX Việt Nam',
      awardedOn: '2026-07-01',
      decisionNumber: '1020/QĐ-LMHTXVN',
    },
  },
  {
    operationId: 'nominateExemplaryCoop',
    path: campaign,
    body: {
      nominationId: NOMINATION_2,
      cooperativeId: COOP_2,
      nominatedBy: { level: 'local-committee', name: 'UBND phường Xuân Hương - Đà Lạt' },
      nominatedOn: '2026-04-16',
      category: 'HTX đổi mới sáng tạo',
      achievements: ['Ứng dụng nhà kính thông minh'],
    },
  },
  {
    operationId: 'declineNomination',
    path: { ...campaign, nominationId: NOMINATION_2 },
    body: { declinedOn: '2026-05-10', reason: 'HTX chuẩn bị tạm ngừng sản xuất để chuyển đổi cây trồng' },
  },
  {
    operationId: 'nominateExemplaryCoop',
    path: campaign,
    body: {
      nominationId: NOMINATION_3,
      cooperativeId: COOP_2,
      nominatedBy: { level: 'provincial-alliance', name: 'Liên minh HTX tỉnh Lâm Đồng' },
      nominatedOn: '2026-05-12',
      category: 'HTX chuyển đổi số',
      achievements: ['Bán hàng trên sàn thương mại điện tử'],
    },
  },
  {
    operationId: 'withdrawNomination',
    path: { ...campaign, nominationId: NOMINATION_3 },
    body: { withdrawnOn: '2026-05-20', reason: 'HTX xin rút để tập trung chuyển đổi cây trồng' },
  },
  {
    operationId: 'changeCooperativeStatus',
    path: { code: '68', cooperativeId: COOP_2 },
    body: {
      status: 'suspended',
      effectiveOn: '2026-05-01',
      reason: 'Tạm ngừng sản xuất để chuyển đổi cây trồng',
      decisionNumber: '45/QĐ-UBND',
    },
  },
  {
    operationId: 'assignTask',
    path: { code: '68' },
    body: {
      taskId: TASK,
      plan: PLAN,
      section: 'III',
      ordinal: 1,
      title: 'Tổ chức hội nghị tuyên truyền tại các xã trọng điểm',
      leadAgencies: ['Liên minh HTX tỉnh'],
      coordinatingAgencies: ['UBND các xã'],
      due: { kind: 'window', from: '2026-03-29', to: '2026-04-29' },
    },
  },
  {
    operationId: 'reportTaskProgress',
    path: { code: '68', taskId: TASK },
    body: { reportedOn: '2026-04-15', percent: 60, note: 'Đã tổ chức 7/12 hội nghị', reportedBy: 'Ban Tuyên truyền' },
  },
  {
    operationId: 'completeTask',
    path: { code: '68', taskId: TASK },
    body: { completedOn: '2026-04-28', note: 'Hoàn thành 12/12 hội nghị' },
  },
  {
    operationId: 'assignTask',
    path: { code: '68' },
    body: {
      taskId: TASK_2,
      plan: PLAN,
      title: 'Khảo sát nhu cầu vay vốn của HTX',
      leadAgencies: ['Quỹ hỗ trợ phát triển HTX tỉnh'],
      due: { kind: 'quarter', year: 2026, quarter: 2 },
    },
  },
  {
    operationId: 'cancelTask',
    path: { code: '68', taskId: TASK_2 },
    body: { cancelledOn: '2026-05-02', reason: 'Đã gộp vào nhiệm vụ của Sở Tài chính' },
  },
  {
    operationId: 'assignTask',
    path: { code: '67' },
    body: {
      taskId: TASK_3,
      plan: { number: '45/KH-LMHTX', date: '2025-03-10' },
      title: 'Hỗ trợ HTX xây dựng mã số vùng trồng cà phê',
      leadAgencies: ['Liên minh HTX tỉnh'],
      due: 'Giai đoạn 2025 - 2026',
    },
  },
  {
    operationId: 'takeOverTask',
    path: { code: '67', taskId: TASK_3 },
    body: {
      to: '68',
      takenOverOn: '2025-08-15',
      takenOverBy: 'Liên minh HTX tỉnh Lâm Đồng',
      decision: { number: '12/QĐ-LMHTX', date: '2025-08-12' },
      note: 'Tiếp nhận nhiệm vụ của Liên minh HTX tỉnh Đắk Nông',
    },
  },
  {
    operationId: 'launchCampaign',
    path: { code: '67' },
    body: {
      year: 2025,
      plan: { number: '30/KH-LMHTX', date: '2025-02-25' },
      theme: 'Vì sự phát triển bền vững của Hợp tác xã',
    },
  },
  {
    operationId: 'registerCooperative',
    path: { code: '67' },
    body: {
      cooperativeId: DAK_NONG_COOP,
      kind: 'cooperative',
      name: 'HTX Nông nghiệp Quảng Khê',
      registrationNumber: '6400112233',
      registeredOn: '2018-09-20',
      communeCode: '24631',
      members: { official: 25 },
    },
  },
  {
    operationId: 'nominateExemplaryCoop',
    path: DAK_NONG_2025,
    body: {
      nominationId: DAK_NONG_NOMINATION,
      cooperativeId: DAK_NONG_COOP,
      nominatedBy: { level: 'provincial-alliance', name: 'Liên minh HTX tỉnh Đắk Nông' },
      nominatedOn: '2025-04-10',
      category: 'HTX nông nghiệp tiêu biểu',
      achievements: ['Liên kết chuỗi cà phê với 120 hộ'],
    },
  },
  {
    operationId: 'takeOverNomination',
    path: { ...DAK_NONG_2025, nominationId: DAK_NONG_NOMINATION },
    body: { to: '68', takenOverOn: '2025-08-15', takenOverBy: 'Liên minh HTX tỉnh Lâm Đồng' },
  },
  {
    operationId: 'recordPetition',
    path: DAK_NONG_2025,
    body: {
      petitionId: DAK_NONG_PETITION,
      cooperativeId: DAK_NONG_COOP,
      submittedBy: 'HTX Nông nghiệp Quảng Khê',
      submittedOn: '2025-04-11',
      topic: 'land',
      subject: 'Thuê đất xây kho sơ chế',
      content: 'Đề nghị hướng dẫn thủ tục thuê đất xây kho sơ chế cà phê',
      addressedTo: 'Sở Nông nghiệp và Môi trường',
    },
  },
  {
    operationId: 'takeOverPetition',
    path: { ...DAK_NONG_2025, petitionId: DAK_NONG_PETITION },
    body: {
      to: '68',
      takenOverOn: '2025-08-15',
      takenOverBy: 'Liên minh HTX tỉnh Lâm Đồng',
      decision: { number: '12/QĐ-LMHTX', date: '2025-08-12' },
    },
  },
  {
    operationId: 'openConsultation',
    path: { code: '68' },
    body: {
      consultationId: CONSULTATION,
      draft: { title: 'Dự thảo Kế hoạch Tháng hành động vì HTX năm 2026', number: 'DT-15' },
      openedOn: '2026-02-20',
      dueOn: '2026-03-01',
      parties: [
        { partyId: 'so-nn-mt', name: 'Sở Nông nghiệp và Môi trường', group: 'department' },
        { partyId: 'so-tai-chinh', name: 'Sở Tài chính', group: 'department' },
      ],
    },
  },
  {
    operationId: 'recordConsultationReply',
    path: { code: '68', consultationId: CONSULTATION },
    body: {
      partyId: 'so-nn-mt',
      repliedOn: '2026-02-26',
      position: 'commented',
      comments: 'Bổ sung chỉ tiêu HTX ứng dụng công nghệ cao',
    },
  },
  {
    operationId: 'closeConsultation',
    path: { code: '68', consultationId: CONSULTATION },
    body: { closedOn: '2026-03-02', outcome: 'Đã tiếp thu và hoàn thiện dự thảo' },
  },
  {
    operationId: 'setSteeringCommittee',
    path: { code: '68' },
    body: {
      decision: { number: '30/QĐ-LMHTX', date: '2026-03-10' },
      name: 'Ban Chỉ đạo Tháng hành động vì HTX tỉnh Lâm Đồng',
      members: [
        {
          memberId: 'truong-ban',
          person: 'Nguyễn Văn A',
          position: 'Chủ tịch',
          agency: 'Liên minh HTX tỉnh',
          role: 'head',
        },
        {
          memberId: 'pho-ban',
          person: 'Trần Thị B',
          position: 'Phó Chủ tịch',
          agency: 'Liên minh HTX tỉnh',
          role: 'standing-deputy',
          duties: 'Thường trực Ban Chỉ đạo',
        },
      ],
    },
  },
  {
    operationId: 'expectReports',
    path: { ...campaign, kind: 'half-year' },
    body: {
      from: [
        { level: 'department', name: 'Sở Tài chính' },
        { level: 'department', name: 'Sở Nông nghiệp và Môi trường' },
      ],
      dueBy: '2026-06-20',
    },
  },
  {
    operationId: 'submitReport',
    path: { ...campaign, kind: 'half-year' },
    body: {
      submissionId: id(100),
      reporter: { level: 'department', name: 'Sở Tài chính' },
      submittedOn: '2026-06-18',
      documentNumber: '812/BC-STC',
    },
  },
  {
    operationId: 'requestReports',
    path: { ...campaign, period: 'half-year' },
    body: {
      from: [
        { unit: 'alliance', name: 'Liên minh HTX tỉnh' },
        { unit: 'so-tai-chinh', name: 'Sở Tài chính' },
        { unit: '24781', name: 'Phường Xuân Hương - Đà Lạt' },
      ],
      dueBy: '2026-07-10',
    },
  },
  {
    operationId: 'submitUnitReport',
    path: { ...campaign, period: 'half-year', unit: 'alliance' },
    body: {
      submissionId: id(101),
      submittedOn: '2026-07-08',
      narrative: 'Sáu tháng đầu năm, Liên minh HTX tỉnh tổ chức 12 hội nghị tuyên truyền Luật HTX 2023 tại các xã.',
      documentNumber: '95/BC-LMHTX',
    },
  },
  {
    operationId: 'returnReport',
    path: { ...campaign, period: 'half-year', unit: 'alliance', submissionId: id(101) },
    body: {
      returnedOn: '2026-07-09',
      returnedBy: 'Văn phòng UBND tỉnh',
      reason: 'Bổ sung kết quả giải ngân hỗ trợ HTX',
    },
  },
  {
    operationId: 'submitUnitReport',
    path: { ...campaign, period: 'half-year', unit: 'alliance' },
    body: {
      submissionId: id(102),
      submittedOn: '2026-07-10',
      narrative: 'Bổ sung: đã giải ngân hỗ trợ cho HTX theo Quyết định 12/QĐ-UBND.',
      documentNumber: '97/BC-LMHTX',
    },
  },
  {
    operationId: 'approveReport',
    path: { ...campaign, period: 'half-year', unit: 'alliance', submissionId: id(102) },
    body: { approvedOn: '2026-07-15', approvedBy: 'Phó Chủ tịch UBND tỉnh, Trưởng Ban Chỉ đạo' },
  },
  {
    operationId: 'unlockReportPeriod',
    path: { ...campaign, period: 'half-year', unit: 'alliance' },
    body: {
      unlockedOn: '2026-07-20',
      unlockedBy: 'Phó Chủ tịch UBND tỉnh, Trưởng Ban Chỉ đạo',
      reason: 'Ghi bổ sung hội nghị tuyên truyền tháng 6 còn thiếu',
    },
  },
  {
    operationId: 'writeReportNarrative',
    path: { ...campaign, document: 'year-end' },
    body: {
      sections: {
        results: 'Các chỉ tiêu của Kế hoạch đều đạt; số người dự hội nghị tuyên truyền vượt kế hoạch.',
        shortcomings: 'Một số xã mới sáp nhập chưa gửi số liệu đúng hạn.',
        proposals: 'Đề nghị Liên minh HTX Việt Nam tổ chức tập huấn cho cán bộ cấp xã.',
      },
      number: '120/BC-LMHTX',
      signer: { on: 'TM. BAN THƯỜNG VỤ', title: 'CHỦ TỊCH', name: 'Nguyễn Văn Bình' },
    },
  },
  {
    operationId: 'writeUnitReportNarrative',
    path: { ...campaign, document: 'half-year', unit: 'alliance' },
    body: { sections: { results: 'Sáu tháng đầu năm, Liên minh HTX tỉnh tổ chức 12 hội nghị tuyên truyền.' } },
  },
  {
    operationId: 'closeCampaign',
    path: campaign,
    body: { closedOn: '2026-12-20', summary: 'Hoàn thành các chỉ tiêu của Kế hoạch' },
  },
  {
    operationId: 'registerWebhook',
    path: {},
    admin: true,
    body: {
      url: `https://${EXAMPLE_WEBHOOK_HOST}/htx/webhook`,
      filters: { province: '68', kinds: ['campaign', 'outreach', 'training'] },
      description: 'Cổng thông tin điện tử tỉnh Lâm Đồng',
    },
  },
];

/**
 * Examples of commands the story cannot send as JSON alone: the removal of an attached file names
 * a file uploaded as multipart/form-data first (test/api.scenario.test.ts sends both).
 */
export const EXAMPLES_BESIDE_STORY: Record<string, Record<string, unknown>> = {
  removeAttachment: { reason: 'Tải nhầm biên bản của hội nghị khác' },
};

/** The first example of each operation: what the OpenAPI document shows. */
export const COMMAND_EXAMPLES: Record<string, Record<string, unknown>> = { ...EXAMPLES_BESIDE_STORY };
for (const step of EXAMPLE_STORY) COMMAND_EXAMPLES[step.operationId] ??= step.body;

/**
 * The demonstration npm run demo loads, as data: for each campaign, the request that tells whether it is already
 * there and the commands that record it, in order, each with the caller that sends it. The Đắk Nông 2024 plan and
 * the Tây Ninh 2023 committee and tasks are the seed documents' fixtures; the records around them, and the 2026
 * campaigns of other provinces, are made up in their shape (the same every time: a seeded generator).
 */
import { DAK_NONG_2024 } from '../../domain/scenarios/dak-nong-2024.ts';
import { TAY_NINH_STEERING_2023 } from '../../domain/steering/tay-ninh-2653-2023-appendix-ii.ts';
import { TAY_NINH_ASSIGNMENTS } from '../../domain/task/tay-ninh-2653-2023.ts';
import { communesOf } from '../../domain/shared/communes.ts';
import { province, type Province, type UnitMap } from '../../domain/shared/units.ts';
import type { Role } from '../auth/claims.ts';

/** Who sends a request: a role, and the province of a provincial one. */
export interface Caller {
  role: Role;
  province?: string;
}

/** A command of the API: POST `url` with `body`, by `by`. */
export interface DemoCommand {
  url: string;
  by: Caller;
  body: object;
}

/** A campaign of the demonstration: left as it is when `present` answers 200, else recorded by `commands`. */
export interface DemoCampaign {
  /** How the summary names it when it is already there. */
  name: string;
  present: { url: string; by: Caller };
  commands: DemoCommand[];
}

/** A deterministic generator: the same demo every time. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}
const uuid = (n: number): string => `0191d6a0-d3e0-7000-8000-${n.toString(16).padStart(12, '0')}`;

const officer = (province: string): Caller => ({ role: 'provincial_officer', province });
const viewer = (province: string): Caller => ({ role: 'provincial_viewer', province });
const national: Caller = { role: 'national_officer' };

/** The national alliance's 2026 honouring conference, which half of the 2026 provinces attend. */
const CONFERENCE = {
  eventId: uuid(900_001),
  kind: 'honouring-conference',
  name: 'Hội nghị tôn vinh Hợp tác xã tiêu biểu năm 2026',
  date: '2026-07-10',
  place: 'Hà Nội',
};

/** A command to `url` with `body`, sent by the campaign's officer. */
type At = (url: string, body: object) => DemoCommand;

const DAK_NONG_2024_PATH = '/provinces/67/campaigns/2024';

/**
 * Đắk Nông 2024 (seed 004): the plan, cooperatives, bulletins, meetings, support, round 1, dialogue,
 * a nomination.
 */
function dakNong2024(): DemoCampaign {
  const by = officer('68'); // Lâm Đồng's officer: Đắk Nông (67) is part of Lâm Đồng since 2025
  const at: At = (url, body) => ({ url, by, body });
  const { organiser: _organiser, ...plan } = DAK_NONG_2024;
  const commands = [
    at('/provinces/67/campaigns', plan),
    ...dakNongCooperatives(at),
    ...dakNongBulletins(at),
    ...dakNongMeetings(at),
    ...dakNongSupport(at),
    ...dakNongAfterThePeak(at),
  ];
  return { name: '67/2024', present: { url: DAK_NONG_2024_PATH, by: viewer('68') }, commands };
}

/** Four cooperatives in four communes. */
function dakNongCooperatives(at: At): DemoCommand[] {
  const commands: DemoCommand[] = [];
  for (let n = 1; n <= 4; n++)
    commands.push(
      at('/provinces/67/cooperatives', {
        cooperativeId: uuid(6700 + n),
        kind: 'cooperative',
        name: `HTX Nông nghiệp Đắk Nông ${n}`,
        registrationNumber: `670100${n}`,
        registeredOn: '2019-05-10',
        communeCode: communeNamed(
          'pre2025',
          '67',
          ['Xã Quảng Khê', 'Phường Nghĩa Đức', 'Xã Đắk Ha', 'Xã Quảng Sơn'][n - 1] as string,
        ),
        members: { official: 12 + n, associate: n },
      }),
    );
  return commands;
}

/** Issues 44 and 45 of the province's bulletin. */
function dakNongBulletins(at: At): DemoCommand[] {
  const base = DAK_NONG_2024_PATH;
  const commands: DemoCommand[] = [];
  for (const [issue, date, topics] of [
    ['44', '2024-04-05', ['cooperative-day', 'cooperative-law-2023']],
    ['45', '2024-08-20', ['exemplary-models']],
  ] as const)
    commands.push(
      at(`${base}/publications`, {
        publicationId: uuid(6700 + Number(issue)),
        kind: 'bulletin',
        outlet: 'Bản tin Kinh tế hợp tác',
        issueNumber: issue,
        date,
        title: `Bản tin Kinh tế hợp tác số ${issue}`,
        topics,
        copies: 500,
        activityId: `bulletin-${issue}`,
      }),
    );
  return commands;
}

/** Nine outreach meetings in March and April (the first the launch ceremony), and the seminar of 10 April. */
function dakNongMeetings(at: At): DemoCommand[] {
  const base = DAK_NONG_2024_PATH;
  const commands: DemoCommand[] = [];
  const rnd = random(67);
  const places = ['Xã Quảng Khê', 'Phường Nghĩa Đức', 'Xã Đắk Ha', 'Xã Đức Minh', "Xã Nâm N'Jang"].map((name) =>
    communeNamed('pre2025', '67', name),
  );
  for (let n = 0; n < 9; n++) {
    const communeCode = places[n % places.length] as string;
    const day = 1 + Math.floor(rnd() * 60);
    commands.push(
      at(`${base}/outreach-meetings`, {
        meetingId: uuid(67_100 + n),
        date: new Date(Date.UTC(2024, 2, day)).toISOString().slice(0, 10),
        place: { communeCode },
        format: n === 0 ? 'launch-ceremony' : 'conference',
        topics: ['cooperative-law-2023', 'local-support-policy'],
        attendees: 60 + Math.floor(rnd() * 90),
        cooperativesRepresented: 5 + Math.floor(rnd() * 10),
        organisedBy: 'Liên minh HTX tỉnh Đắk Nông',
        activityId: 'outreach-conferences',
      }),
    );
  }
  commands.push(
    at(`${base}/outreach-meetings`, {
      meetingId: uuid(67_200),
      date: '2024-04-10',
      place: { communeCode: '24611' },
      format: 'seminar',
      topics: ['cooperative-day', 'ho-chi-minh-letters'],
      attendees: 80,
      organisedBy: 'Liên minh HTX tỉnh Đắk Nông',
      activityId: 'seminar',
      title: 'Tọa đàm kỷ niệm Ngày HTX Việt Nam 11/4',
    }),
  );
  return commands;
}

/** The plan's 195,000,000 VND to one cooperative in March–April, and loans appraised for three others. */
function dakNongSupport(at: At): DemoCommand[] {
  const base = DAK_NONG_2024_PATH;
  const commands: DemoCommand[] = [
    at(`${base}/support-approvals`, {
      approvalId: uuid(6770),
      decision: { number: '12/QĐ-LMHTX', date: '2024-03-12' },
      cooperativeId: uuid(6701),
      fund: 'provincial-support-fund',
      form: 'grant',
      amount: 195_000_000,
      activityId: 'support',
    }),
    at(`${base}/disbursements`, {
      disbursementId: uuid(6771),
      approvalId: uuid(6770),
      amount: 195_000_000,
      date: '2024-04-15',
      reference: 'UNC 15/4/2024',
    }),
  ];
  for (let n = 0; n < 3; n++)
    commands.push(
      at(`${base}/loan-appraisals`, {
        appraisalId: uuid(6780 + n),
        cooperativeId: uuid(6702 + n),
        fund: 'vca-support-fund',
        requestedAmount: 500_000_000 + n * 100_000_000,
        date: `2024-04-${String(18 + n).padStart(2, '0')}`,
        outcome: n === 2 ? 'needs-more-information' : 'recommended',
      }),
    );
  return commands;
}

/** The admission round, the dialogue, a nomination and the year-end report. */
function dakNongAfterThePeak(at: At): DemoCommand[] {
  const base = DAK_NONG_2024_PATH;
  return [
    at(`${base}/admission-rounds`, {
      roundId: uuid(6760),
      round: 1,
      date: '2024-04-09',
      admitted: { cooperatives: 4, cooperativeGroups: 1, associatesContributing: 3, associatesNonContributing: 7 },
      activityId: 'market-and-members',
    }),
    at(`${base}/dialogues`, {
      dialogueId: uuid(6790),
      date: '2024-04-24',
      place: 'Hội trường UBND tỉnh Đắk Nông',
      communeCode: communeNamed('pre2025', '67', 'Phường Nghĩa Đức'),
      chairedBy: 'Chủ tịch UBND tỉnh',
      attendees: 120,
      activityId: 'dialogue',
    }),
    at(`${base}/nominations`, {
      nominationId: uuid(6795),
      cooperativeId: uuid(6701),
      nominatedBy: { level: 'provincial-alliance', name: 'Liên minh HTX tỉnh Đắk Nông' },
      nominatedOn: '2024-05-10',
      category: 'Nông nghiệp',
      achievements: ['Liên kết tiêu thụ cà phê cho 300 hộ'],
    }),
    at('/provinces/67/reports/2024/year-end/submissions', {
      submissionId: uuid(6799),
      reporter: { level: 'province', name: 'Liên minh HTX tỉnh Đắk Nông' },
      submittedOn: '2024-12-18',
      documentNumber: '45/BC-LMHTX',
    }),
  ];
}

/** Tây Ninh (72) 2023 (seed 001): the steering committee of appendix II and the 21 tasks of plan 2653. */
function tayNinh2023(): DemoCampaign {
  const by = officer('80'); // today's Tây Ninh (80) took in the old one (72)
  return {
    name: '72 steering committee',
    present: { url: '/provinces/72/steering-committee', by: viewer('80') },
    commands: [
      { url: '/provinces/72/steering-committee', by, body: TAY_NINH_STEERING_2023 },
      ...TAY_NINH_ASSIGNMENTS.map((a) => ({
        url: '/provinces/72/tasks',
        by,
        body: { taskId: uuid(72_000 + a.ordinal), ...a },
      })),
      { url: `/provinces/72/tasks/${uuid(72_003)}/complete`, by, body: { completedOn: '2023-12-20' } },
      {
        url: `/provinces/72/tasks/${uuid(72_007)}/progress`,
        by,
        body: { reportedOn: '2023-12-15', percent: 60, note: 'Đã mở 2 lớp đào tạo' },
      },
    ],
  };
}

/** The national alliance's 2026 campaign and its honouring conference. */
const NATIONAL_2026: DemoCampaign = {
  name: 'VN/2026',
  present: { url: '/provinces/VN/campaigns/2026', by: national },
  commands: [
    {
      url: '/provinces/VN/campaigns',
      by: national,
      body: {
        year: 2026,
        plan: { number: '18/KH-LMHTXVN', date: '2026-02-10' },
        theme: 'Hợp tác xã đổi mới, sáng tạo, phát triển bền vững',
      },
    },
    { url: '/provinces/VN/campaigns/2026/national-events', by: national, body: CONFERENCE },
  ],
};

/** The code of the commune `name` of a province on a map: the demo names communes as people do. */
function communeNamed(map: UnitMap, provinceCode: string, name: string): string {
  const c = communesOf(province(map, provinceCode) as Province).find((x) => x.name === name);
  if (c === undefined) throw new Error(`demo data: no commune ${name} in province ${provinceCode} (${map})`);
  return c.code;
}

interface Province2026 {
  code: string;
  name: string;
  communes: string[];
  /** How many outreach meetings it holds. */
  size: number;
}
/** Made-up 2026 campaigns of current provinces, in the shape of the seed plans. */
const PROVINCES_2026: Province2026[] = [
  {
    code: '68',
    name: 'Lâm Đồng',
    communes: [
      'Phường Xuân Hương - Đà Lạt',
      'Xã Quảng Khê',
      'Xã Quảng Sơn',
      'Phường Bắc Gia Nghĩa',
      'Xã Di Linh',
      'Xã Bảo Lâm 1',
    ],
    size: 90,
  },
  {
    code: '80',
    name: 'Tây Ninh',
    communes: ['Phường Tân Ninh', 'Xã Châu Thành', 'Phường Hòa Thành', 'Phường Long An', 'Xã Đức Hòa', 'Xã Bến Lức'],
    size: 75,
  },
  {
    code: '01',
    name: 'Hà Nội',
    communes: ['Xã Sóc Sơn', 'Xã Đông Anh', 'Xã Gia Lâm', 'Xã Thanh Trì', 'Xã Ba Vì'],
    size: 120,
  },
  {
    code: '79',
    name: 'Hồ Chí Minh',
    communes: ['Xã Củ Chi', 'Xã Hóc Môn', 'Xã Bình Chánh', 'Xã Cần Giờ', 'Phường Thủ Dầu Một'],
    size: 110,
  },
  {
    code: '48',
    name: 'Đà Nẵng',
    communes: ['Xã Hòa Vang', 'Phường Tam Kỳ', 'Phường Điện Bàn', 'Xã Đại Lộc'],
    size: 55,
  },
  {
    code: '40',
    name: 'Nghệ An',
    communes: ['Xã Nghi Lộc', 'Xã Diễn Châu', 'Xã Yên Thành', 'Xã Quỳnh Lưu', 'Phường Thành Vinh'],
    size: 65,
  },
];

/** What the parts of a made-up 2026 campaign share. */
interface Build2026 {
  p: Province2026;
  /** The province's place in PROVINCES_2026. */
  i: number;
  /** The first number of its block of ids. */
  n: number;
  /** The campaign's path. */
  base: string;
  plan: { number: string; date: string };
  /** Its seeded draws, taken in the order the parts are made. */
  rnd: () => number;
  at: At;
}

/** The 2026 campaign of the `i`th made-up province: plan, cooperatives, records, nomination, tasks, a report. */
function province2026(p: Province2026, i: number): DemoCampaign {
  const by = officer(p.code);
  const b: Build2026 = {
    p,
    i,
    n: i * 10_000,
    base: `/provinces/${p.code}/campaigns/2026`,
    plan: { number: `${20 + i}/KH-LMHTX`, date: '2026-02-25' },
    rnd: random(2026 + i),
    at: (url, body) => ({ url, by, body }),
  };
  const commands = [
    launch2026(b),
    ...cooperatives2026(b),
    ...meetings2026(b),
    ...publications2026(b),
    ...support2026(b),
    admissionRound2026(b),
    ...nomination2026(b),
    ...tasksAndReport2026(b),
  ];
  return { name: `${p.code}/2026`, present: { url: b.base, by: viewer(p.code) }, commands };
}

/** The campaign's plan: five activities with targets scaled to the province, and two budgets. */
function launch2026({ p, plan, at }: Build2026): DemoCommand {
  return at(`/provinces/${p.code}/campaigns`, {
    year: 2026,
    plan,
    theme: 'Hợp tác xã đổi mới, sáng tạo, phát triển bền vững',
    activities: [
      {
        id: 'outreach',
        kind: 'outreach-conference',
        title: 'Hội nghị tuyên truyền tại các xã, phường',
        window: { from: '2026-03-01', to: '2026-06-30' },
        targets: [
          { metric: 'meetings', value: Math.round(p.size * 0.9) },
          { metric: 'attendees', value: p.size * 70 },
        ],
      },
      {
        id: 'publicity',
        kind: 'publicity',
        title: 'Tuyên truyền trên báo, đài, trang thông tin',
        window: { from: '2026-03-01', to: '2026-12-31' },
        targets: [{ metric: 'publications', value: 20 }],
      },
      {
        id: 'support',
        kind: 'support-disbursement',
        title: 'Giải ngân hỗ trợ HTX',
        window: { from: '2026-01-01', to: '2026-12-31' },
        targets: [{ metric: 'disbursed-vnd', value: 1_500_000_000 }],
      },
      {
        id: 'members',
        kind: 'member-admission',
        title: 'Kết nạp thành viên',
        window: { from: '2026-01-01', to: '2026-12-31' },
        targets: [{ metric: 'members-admitted', value: 40 }],
      },
      {
        id: 'national-events',
        kind: 'national-event',
        title: 'Tham dự sự kiện của Liên minh HTX Việt Nam',
        window: { from: '2026-01-01', to: '2026-12-31' },
        targets: [{ metric: 'events-attended', value: 1 }],
      },
    ],
    budgets: [
      { fund: 'provincial-support-fund', amount: 2_000_000_000 },
      { fund: 'vca-support-fund', amount: 3_000_000_000 },
    ],
  });
}

/** Three cooperatives and a cooperative group in the province's communes. */
function cooperatives2026({ p, n, at }: Build2026): DemoCommand[] {
  const commands: DemoCommand[] = [];
  for (let c = 1; c <= 4; c++)
    commands.push(
      at(`/provinces/${p.code}/cooperatives`, {
        cooperativeId: uuid(n + c),
        kind: c === 4 ? 'cooperative-group' : 'cooperative',
        name: `${c === 4 ? 'THT' : 'HTX'} ${p.communes[c % p.communes.length]?.replace(/^(Xã|Phường) /, '')} ${c}`,
        registrationNumber: `${p.code}0200${c}`,
        registeredOn: '2025-09-15',
        communeCode: communeNamed('current', p.code, p.communes[c % p.communes.length] as string),
        members: { official: 10 + c * 3, associate: c },
      }),
    );
  return commands;
}

/** `p.size` outreach meetings, most of them in the peak. */
function meetings2026({ p, n, base, rnd, at }: Build2026): DemoCommand[] {
  const commands: DemoCommand[] = [];
  for (let m = 0; m < p.size; m++) {
    // Most meetings in the peak (29/3–29/4), the rest spread over March to October.
    const inPeak = rnd() < 0.6;
    const day = inPeak
      ? Date.UTC(2026, 2, 29) + Math.floor(rnd() * 32) * 86_400_000
      : Date.UTC(2026, 2, 1) + Math.floor(rnd() * 230) * 86_400_000;
    const date = new Date(day).toISOString().slice(0, 10);
    const communeCode = communeNamed('current', p.code, p.communes[Math.floor(rnd() * p.communes.length)] as string);
    commands.push(
      at(`${base}/outreach-meetings`, {
        meetingId: uuid(n + 100 + m),
        date,
        place: { communeCode },
        format: rnd() < 0.15 ? 'seminar' : 'conference',
        topics: rnd() < 0.5 ? ['cooperative-law-2023'] : ['local-support-policy', 'member-development'],
        attendees: 30 + Math.floor(rnd() * 120),
        cooperativesRepresented: Math.floor(rnd() * 15),
        organisedBy: `Liên minh HTX ${p.name}`,
        activityId: 'outreach',
      }),
    );
  }
  return commands;
}

/** Between 8 and 17 publications of four kinds, March to October. */
function publications2026({ p, n, base, rnd, at }: Build2026): DemoCommand[] {
  const commands: DemoCommand[] = [];
  // Publications: the loop's bound is drawn again before each turn.
  for (let k = 0; k < 8 + Math.floor(rnd() * 10); k++) {
    const kind = (['press', 'radio-tv', 'website', 'bulletin'] as const)[k % 4];
    const date = new Date(Date.UTC(2026, 2, 20) + Math.floor(rnd() * 200) * 86_400_000).toISOString().slice(0, 10);
    commands.push(
      at(`${base}/publications`, {
        publicationId: uuid(n + 400 + k),
        kind,
        outlet: kind === 'bulletin' ? 'Bản tin Kinh tế hợp tác' : `Báo ${p.name}`,
        date,
        title: `Tháng hành động vì HTX tại ${p.name} (${k + 1})`,
        topics: ['cooperative-day'],
        activityId: 'publicity',
      }),
    );
  }
  return commands;
}

/** Three approvals of support (the third a loan from the national fund), most of them disbursed. */
function support2026({ n, base, rnd, at }: Build2026): DemoCommand[] {
  const commands: DemoCommand[] = [];
  for (let a = 1; a <= 3; a++) {
    const amount = (100 + Math.floor(rnd() * 300)) * 1_000_000;
    commands.push(
      at(`${base}/support-approvals`, {
        approvalId: uuid(n + 500 + a),
        decision: { number: `${a}/QĐ-LMHTX`, date: `2026-0${2 + a}-10` },
        cooperativeId: uuid(n + a),
        fund: a === 3 ? 'vca-support-fund' : 'provincial-support-fund',
        form: a === 3 ? 'loan' : 'grant',
        amount,
        activityId: 'support',
      }),
    );
    if (a < 3 || rnd() < 0.5)
      commands.push(
        at(`${base}/disbursements`, {
          disbursementId: uuid(n + 600 + a),
          approvalId: uuid(n + 500 + a),
          amount,
          date: `2026-0${3 + a}-20`,
          reference: `UNC ${a}/2026`,
        }),
      );
  }
  return commands;
}

/** The first admission round, on 8 April. */
function admissionRound2026({ n, base, rnd, at }: Build2026): DemoCommand {
  return at(`${base}/admission-rounds`, {
    roundId: uuid(n + 700),
    round: 1,
    date: '2026-04-08',
    admitted: {
      cooperatives: 3 + Math.floor(rnd() * 8),
      cooperativeGroups: Math.floor(rnd() * 4),
      associatesContributing: Math.floor(rnd() * 10),
      associatesNonContributing: Math.floor(rnd() * 15),
    },
    activityId: 'members',
  });
}

/**
 * The first cooperative nominated and shortlisted; in every other province also forwarded, honoured by
 * the national alliance, and at its conference.
 */
function nomination2026({ p, i, n, base, rnd, at }: Build2026): DemoCommand[] {
  const commands: DemoCommand[] = [];
  const nomination = `${base}/nominations/${uuid(n + 800)}`;
  commands.push(
    at(`${base}/nominations`, {
      nominationId: uuid(n + 800),
      cooperativeId: uuid(n + 1),
      nominatedBy: { level: 'provincial-alliance', name: `Liên minh HTX ${p.name}` },
      nominatedOn: '2026-05-05',
      category: 'Nông nghiệp',
      achievements: ['Ứng dụng chuyển đổi số trong tiêu thụ nông sản'],
    }),
    at(`${nomination}/shortlist`, { shortlistedOn: '2026-05-20' }),
  );
  if (i % 2 === 0)
    commands.push(
      at(`${nomination}/forward`, { forwardedOn: '2026-06-01' }),
      {
        url: `${nomination}/honour`,
        by: national,
        body: {
          award: 'Bằng khen của Liên minh HTX Việt Nam',
          awardedBy: 'Liên minh HTX Việt Nam',
          awardedOn: '2026-07-10',
        },
      },
      at(`${base}/national-event-attendances`, {
        attendanceId: uuid(n + 900),
        ...CONFERENCE,
        delegates: 4 + Math.floor(rnd() * 6),
        cooperativeIds: [uuid(n + 1)],
        activityId: 'national-events',
      }),
    );
  return commands;
}

/** Four tasks of the plan, the first done; in two provinces of three, the half-year report. */
function tasksAndReport2026({ p, i, n, plan, at }: Build2026): DemoCommand[] {
  const commands: DemoCommand[] = [];
  const tasks: [string, string][] = [
    ['Tổ chức hội nghị tuyên truyền Luật HTX 2023', 'Quý II/2026'],
    ['Rà soát, giải ngân Quỹ hỗ trợ phát triển HTX', 'Quý III/2026'],
    ['Xây dựng mô hình HTX kiểu mới', 'Năm 2026'],
    ['Báo cáo sơ kết 6 tháng', '6 tháng đầu năm 2026'],
  ];
  for (const [t, [title, due]] of tasks.entries())
    commands.push(
      at(`/provinces/${p.code}/tasks`, {
        taskId: uuid(n + 951 + t),
        plan,
        title,
        leadAgencies: [t === 1 ? 'Sở Tài chính' : 'Liên minh HTX tỉnh'],
        due,
      }),
    );
  commands.push(at(`/provinces/${p.code}/tasks/${uuid(n + 951)}/complete`, { completedOn: '2026-06-20' }));
  if (i % 3 !== 2)
    commands.push(
      at(`/provinces/${p.code}/reports/2026/half-year/submissions`, {
        submissionId: uuid(n + 990),
        reporter: { level: 'province', name: `Liên minh HTX ${p.name}` },
        submittedOn: i % 3 === 0 ? '2026-07-10' : '2026-07-22',
      }),
    );
  return commands;
}

/** The demonstration, in the order it is loaded. */
/**
 * What of the demonstration comes from the seed documents and what is invented, said with its output
 * and in the README: an official must never take an invented figure for a province's own.
 */
export const DEMO_SOURCES =
  'from the seed documents: the Đắk Nông 2024 plan 123 KH-LMHTX with its ten activities, targets and two budgets ' +
  '(seed 004), the Tây Ninh 2023 steering committee and 21 tasks of plan 2653 (seed 001); INVENTED in their shape, ' +
  "not any province's figures: the cooperatives, meetings, publications, support, members, dialogues and " +
  'nominations recorded around those plans, and every 2026 campaign (plans, targets, budgets and records)';

export const DEMO_CAMPAIGNS: readonly DemoCampaign[] = [
  dakNong2024(),
  tayNinh2023(),
  NATIONAL_2026,
  ...PROVINCES_2026.map(province2026),
];

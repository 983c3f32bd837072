/**
 * npm run demo — loads demonstration data into the configured store (service stopped), so that
 * the page at / shows something on first start: the Đắk Nông 2024 plan and its records, the
 * Tây Ninh 2023 steering committee and tasks, and 2024 and 2026 campaigns of other provinces made
 * up in the same shape, with the national alliance's 2026 honouring conference. Every record
 * goes through the API's own commands (validated and decided as any client's); a province whose
 * campaign is already there is left as it is, so running it twice adds nothing.
 */
import { randomBytes } from 'node:crypto';
import { DAK_NONG_2024 } from '../../domain/scenarios/dak-nong-2024.ts';
import { parsePeriod } from '../../domain/shared/period.ts';
import { TAY_NINH_STEERING_2023 } from '../../domain/steering/tay-ninh-2653-2023-appendix-ii.ts';
import { PLAN_2653, TAY_NINH_TASKS } from '../../domain/task/tay-ninh-2653-2023.ts';
import { openConfiguredStore } from '../app/open-store.ts';
import type { VerifyKey } from '../auth/keys.ts';
import { ConfigError, loadConfig } from '../config.ts';
import { buildServer } from '../server.ts';
import { progress } from './progress.ts';
import { mintToken } from '../auth/keys.ts';

/** A deterministic generator: the same demo every time. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}
const uuid = (n: number): string => `0191d6a0-d3e0-7000-8000-${n.toString(16).padStart(12, '0')}`;

interface Province2026 {
  code: string;
  name: string;
  communes: string[];
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
      'Xã Đắk Glong',
      'Phường Bắc Gia Nghĩa',
      'Xã Di Linh',
      'Xã Bảo Lâm',
    ],
    size: 90,
  },
  {
    code: '80',
    name: 'Tây Ninh',
    communes: ['Phường Tân Ninh', 'Xã Châu Thành', 'Xã Hòa Thành', 'Phường Long An', 'Xã Đức Hòa', 'Xã Bến Lức'],
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
  { code: '48', name: 'Đà Nẵng', communes: ['Xã Hòa Vang', 'Phường Tam Kỳ', 'Xã Điện Bàn', 'Xã Đại Lộc'], size: 55 },
  {
    code: '40',
    name: 'Nghệ An',
    communes: ['Xã Nghi Lộc', 'Xã Diễn Châu', 'Xã Yên Thành', 'Xã Quỳnh Lưu', 'Xã Thanh Chương'],
    size: 65,
  },
];

async function main(): Promise<void> {
  const config = loadConfig();
  if (config.store === 'memory')
    throw new Error(
      'STORE=memory keeps nothing: run the demo against the store the service uses (the default SQLite file in DATA_DIR)',
    );
  const store = await openConfiguredStore(config);
  // A key of its own for this process: the demo signs its requests to its own in-process service.
  const key: VerifyKey = { algorithm: 'HS256', secret: randomBytes(32).toString('hex') };
  const app = await buildServer({ store, key, logLevel: 'warn', rateLimitPerMinute: 1_000_000 });
  const tokens = new Map<string, string>();
  const as = (role: string, province?: string): string => {
    const k = `${role}:${province ?? ''}`;
    let t = tokens.get(k);
    if (t === undefined)
      tokens.set(
        k,
        (t = mintToken(
          key,
          {
            sub: `demo-${role}${province ? `-${province}` : ''}`,
            role,
            ...(province ? { province } : {}),
            app: 'demo',
          },
          3600,
        )),
      );
    return t;
  };
  let count = 0;
  const bar = progress('demo records', 0);
  const send = async (method: 'GET' | 'POST', url: string, token: string, body?: object): Promise<number> => {
    const r = await app.inject({
      method,
      url,
      headers: { authorization: `Bearer ${token}` },
      ...(body ? { payload: body } : {}),
    });
    if (method === 'POST') {
      if (r.statusCode >= 300) throw new Error(`${method} ${url}: ${r.statusCode} ${r.body}`);
      count++;
      bar.tick();
    }
    return r.statusCode;
  };
  const exists = async (code: string, year: number, province?: string) =>
    (await send(
      'GET',
      `/provinces/${code}/campaigns/${year}`,
      province ? as('provincial_viewer', province) : as('national_officer'),
    )) === 200;
  const skipped: string[] = [];
  try {
    // ---- Đắk Nông 2024 (seed 004): the plan, cooperatives, bulletin 44, meetings, support, round 1, dialogue
    if (await exists('67', 2024, '68')) skipped.push('67/2024');
    else {
      const lamDong = as('provincial_officer', '68');
      const { organiser: _o, ...plan } = DAK_NONG_2024;
      await send('POST', '/provinces/67/campaigns', lamDong, plan);
      const base = '/provinces/67/campaigns/2024';
      for (let n = 1; n <= 4; n++) {
        await send('POST', '/provinces/67/cooperatives', lamDong, {
          cooperativeId: uuid(6700 + n),
          kind: 'cooperative',
          name: `HTX Nông nghiệp Đắk Nông ${n}`,
          registrationNumber: `670100${n}`,
          registeredOn: '2019-05-10',
          commune: ['Quảng Khê', 'Nghĩa Đức', 'Đắk Ha', 'Quảng Sơn'][n - 1],
          district: ['Đắk Glong', 'Gia Nghĩa', 'Đắk Glong', 'Đắk Glong'][n - 1],
          members: { official: 12 + n, associate: n },
        });
      }
      await send('POST', `${base}/publications`, lamDong, {
        publicationId: uuid(6744),
        kind: 'bulletin',
        outlet: 'Bản tin Kinh tế hợp tác',
        issueNumber: '44',
        date: '2024-04-05',
        title: 'Bản tin Kinh tế hợp tác số 44',
        topics: ['cooperative-day', 'cooperative-law-2023'],
        copies: 500,
        activityId: 'bulletin-44',
      });
      await send('POST', `${base}/publications`, lamDong, {
        publicationId: uuid(6745),
        kind: 'bulletin',
        outlet: 'Bản tin Kinh tế hợp tác',
        issueNumber: '45',
        date: '2024-08-20',
        title: 'Bản tin Kinh tế hợp tác số 45',
        topics: ['exemplary-models'],
        copies: 500,
        activityId: 'bulletin-45',
      });
      const rnd = random(67);
      const places: [string, string][] = [
        ['Quảng Khê', 'Đắk Glong'],
        ['Nghĩa Đức', 'Gia Nghĩa'],
        ['Đắk Ha', 'Đắk Glong'],
        ['Đức Minh', 'Đắk Mil'],
        ['Nâm N’Jang', 'Đắk Song'],
      ];
      for (let n = 0; n < 9; n++) {
        const [commune, district] = places[n % places.length] as [string, string];
        const day = 1 + Math.floor(rnd() * 60);
        const date = new Date(Date.UTC(2024, 2, day)).toISOString().slice(0, 10);
        await send('POST', `${base}/outreach-meetings`, lamDong, {
          meetingId: uuid(67_100 + n),
          date,
          place: { commune, district },
          format: n === 0 ? 'launch-ceremony' : 'conference',
          topics: ['cooperative-law-2023', 'local-support-policy'],
          attendees: 60 + Math.floor(rnd() * 90),
          cooperativesRepresented: 5 + Math.floor(rnd() * 10),
          organisedBy: 'Liên minh HTX tỉnh Đắk Nông',
          activityId: 'outreach-conferences',
        });
      }
      await send('POST', `${base}/outreach-meetings`, lamDong, {
        meetingId: uuid(67_200),
        date: '2024-04-10',
        place: { commune: 'Nghĩa Đức', district: 'Gia Nghĩa' },
        format: 'seminar',
        topics: ['cooperative-day', 'ho-chi-minh-letters'],
        attendees: 80,
        organisedBy: 'Liên minh HTX tỉnh Đắk Nông',
        activityId: 'seminar',
        title: 'Tọa đàm kỷ niệm Ngày HTX Việt Nam 11/4',
      });
      await send('POST', `${base}/support-approvals`, lamDong, {
        approvalId: uuid(6770),
        decision: { number: '12/QĐ-LMHTX', date: '2024-03-12' },
        cooperativeId: uuid(6701),
        fund: 'provincial-support-fund',
        form: 'grant',
        amount: 195_000_000,
        activityId: 'support',
      });
      await send('POST', `${base}/disbursements`, lamDong, {
        disbursementId: uuid(6771),
        approvalId: uuid(6770),
        amount: 195_000_000,
        date: '2024-04-15',
        reference: 'UNC 15/4/2024',
      });
      for (let n = 0; n < 3; n++)
        await send('POST', `${base}/loan-appraisals`, lamDong, {
          appraisalId: uuid(6780 + n),
          cooperativeId: uuid(6702 + n),
          fund: 'vca-support-fund',
          requestedAmount: 500_000_000 + n * 100_000_000,
          date: `2024-04-${String(18 + n).padStart(2, '0')}`,
          outcome: n === 2 ? 'needs-more-information' : 'recommended',
        });
      await send('POST', `${base}/admission-rounds`, lamDong, {
        roundId: uuid(6760),
        round: 1,
        date: '2024-04-09',
        admitted: { cooperatives: 4, cooperativeGroups: 1, associatesContributing: 3, associatesNonContributing: 7 },
        activityId: 'market-and-members',
      });
      await send('POST', `${base}/dialogues`, lamDong, {
        dialogueId: uuid(6790),
        date: '2024-04-24',
        place: 'Hội trường UBND tỉnh Đắk Nông',
        chairedBy: 'Chủ tịch UBND tỉnh',
        attendees: 120,
        activityId: 'dialogue',
      });
      await send('POST', `${base}/nominations`, lamDong, {
        nominationId: uuid(6795),
        cooperativeId: uuid(6701),
        nominatedBy: { level: 'provincial-alliance', name: 'Liên minh HTX tỉnh Đắk Nông' },
        nominatedOn: '2024-05-10',
        category: 'Nông nghiệp',
        achievements: ['Liên kết tiêu thụ cà phê cho 300 hộ'],
      });
      await send('POST', '/provinces/67/reports/2024/year-end/submissions', lamDong, {
        submissionId: uuid(6799),
        reporter: { level: 'province', name: 'Liên minh HTX tỉnh Đắk Nông' },
        submittedOn: '2024-12-18',
        documentNumber: '45/BC-LMHTX',
      });
    }

    // ---- Tây Ninh (72) 2023: the steering committee of appendix II and the 21 tasks of plan 2653 (seed 001)
    if ((await send('GET', '/provinces/72/steering-committee', as('provincial_viewer', '80'))) === 200)
      skipped.push('72 steering committee');
    else {
      const tayNinh = as('provincial_officer', '80');
      await send('POST', '/provinces/72/steering-committee', tayNinh, TAY_NINH_STEERING_2023);
      for (const [ordinal, section, title, lead, coordinating, dueText] of TAY_NINH_TASKS) {
        const p = parsePeriod(dueText);
        const doneOn = /^Đã /.test(dueText) && p?.kind === 'date' ? p.date : undefined;
        await send('POST', '/provinces/72/tasks', tayNinh, {
          taskId: uuid(72_000 + ordinal),
          plan: PLAN_2653,
          section,
          ordinal,
          title,
          leadAgencies: lead,
          coordinatingAgencies: coordinating,
          due: p?.kind === 'date' ? p : dueText,
          ...(doneOn ? { doneOn } : {}),
        });
      }
      await send('POST', `/provinces/72/tasks/${uuid(72_003)}/complete`, tayNinh, { completedOn: '2023-12-20' });
      await send('POST', `/provinces/72/tasks/${uuid(72_007)}/progress`, tayNinh, {
        reportedOn: '2023-12-15',
        percent: 60,
        note: 'Đã mở 2 lớp đào tạo',
      });
    }

    // ---- The national alliance's 2026 campaign and its honouring conference
    const national = as('national_officer');
    const conference = uuid(900_001);
    if (await exists('VN', 2026)) skipped.push('VN/2026');
    else {
      await send('POST', '/provinces/VN/campaigns', national, {
        year: 2026,
        plan: { number: '18/KH-LMHTXVN', date: '2026-02-10' },
        theme: 'Hợp tác xã đổi mới, sáng tạo, phát triển bền vững',
      });
      await send('POST', '/provinces/VN/campaigns/2026/national-events', national, {
        eventId: conference,
        kind: 'honouring-conference',
        name: 'Hội nghị tôn vinh Hợp tác xã tiêu biểu năm 2026',
        date: '2026-07-10',
        place: 'Hà Nội',
      });
    }

    // ---- 2026 campaigns of current provinces, made up in the shape of the seed plans
    for (const [i, p] of PROVINCES_2026.entries()) {
      if (await exists(p.code, 2026, p.code)) {
        skipped.push(`${p.code}/2026`);
        continue;
      }
      const officer = as('provincial_officer', p.code);
      const rnd = random(2026 + i);
      const base = `/provinces/${p.code}/campaigns/2026`;
      const n = i * 10_000;
      await send('POST', `/provinces/${p.code}/campaigns`, officer, {
        year: 2026,
        plan: { number: `${20 + i}/KH-LMHTX`, date: '2026-02-25' },
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
      for (let c = 1; c <= 4; c++) {
        await send('POST', `/provinces/${p.code}/cooperatives`, officer, {
          cooperativeId: uuid(n + c),
          kind: c === 4 ? 'cooperative-group' : 'cooperative',
          name: `${c === 4 ? 'THT' : 'HTX'} ${p.communes[c % p.communes.length]?.replace(/^(Xã|Phường) /, '')} ${c}`,
          registrationNumber: `${p.code}0200${c}`,
          registeredOn: '2025-09-15',
          commune: p.communes[c % p.communes.length],
          members: { official: 10 + c * 3, associate: c },
        });
      }
      for (let m = 0; m < p.size; m++) {
        // Most meetings in the peak (29/3–29/4), the rest spread over March to October.
        const inPeak = rnd() < 0.6;
        const day = inPeak
          ? Date.UTC(2026, 2, 29) + Math.floor(rnd() * 32) * 86_400_000
          : Date.UTC(2026, 2, 1) + Math.floor(rnd() * 230) * 86_400_000;
        const date = new Date(day).toISOString().slice(0, 10);
        const commune = p.communes[Math.floor(rnd() * p.communes.length)] as string;
        await send('POST', `${base}/outreach-meetings`, officer, {
          meetingId: uuid(n + 100 + m),
          date,
          place: { commune },
          format: rnd() < 0.15 ? 'seminar' : 'conference',
          topics: rnd() < 0.5 ? ['cooperative-law-2023'] : ['local-support-policy', 'member-development'],
          attendees: 30 + Math.floor(rnd() * 120),
          cooperativesRepresented: Math.floor(rnd() * 15),
          organisedBy: `Liên minh HTX ${p.name}`,
          activityId: 'outreach',
        });
      }
      for (let k = 0; k < 8 + Math.floor(rnd() * 10); k++) {
        const kind = (['press', 'radio-tv', 'website', 'bulletin'] as const)[k % 4];
        const date = new Date(Date.UTC(2026, 2, 20) + Math.floor(rnd() * 200) * 86_400_000).toISOString().slice(0, 10);
        await send('POST', `${base}/publications`, officer, {
          publicationId: uuid(n + 400 + k),
          kind,
          outlet: kind === 'bulletin' ? 'Bản tin Kinh tế hợp tác' : `Báo ${p.name}`,
          date,
          title: `Tháng hành động vì HTX tại ${p.name} (${k + 1})`,
          topics: ['cooperative-day'],
          activityId: 'publicity',
        });
      }
      for (let a = 1; a <= 3; a++) {
        const amount = (100 + Math.floor(rnd() * 300)) * 1_000_000;
        await send('POST', `${base}/support-approvals`, officer, {
          approvalId: uuid(n + 500 + a),
          decision: { number: `${a}/QĐ-LMHTX`, date: `2026-0${2 + a}-10` },
          cooperativeId: uuid(n + a),
          fund: a === 3 ? 'vca-support-fund' : 'provincial-support-fund',
          form: a === 3 ? 'loan' : 'grant',
          amount,
          activityId: 'support',
        });
        if (a < 3 || rnd() < 0.5)
          await send('POST', `${base}/disbursements`, officer, {
            disbursementId: uuid(n + 600 + a),
            approvalId: uuid(n + 500 + a),
            amount,
            date: `2026-0${3 + a}-20`,
            reference: `UNC ${a}/2026`,
          });
      }
      await send('POST', `${base}/admission-rounds`, officer, {
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
      await send('POST', `${base}/nominations`, officer, {
        nominationId: uuid(n + 800),
        cooperativeId: uuid(n + 1),
        nominatedBy: { level: 'provincial-alliance', name: `Liên minh HTX ${p.name}` },
        nominatedOn: '2026-05-05',
        category: 'Nông nghiệp',
        achievements: ['Ứng dụng chuyển đổi số trong tiêu thụ nông sản'],
      });
      await send('POST', `${base}/nominations/${uuid(n + 800)}/shortlist`, officer, { shortlistedOn: '2026-05-20' });
      if (i % 2 === 0) {
        await send('POST', `${base}/nominations/${uuid(n + 800)}/forward`, officer, { forwardedOn: '2026-06-01' });
        await send('POST', `${base}/nominations/${uuid(n + 800)}/honour`, national, {
          award: 'Bằng khen của Liên minh HTX Việt Nam',
          awardedBy: 'Liên minh HTX Việt Nam',
          awardedOn: '2026-07-10',
        });
        await send('POST', `${base}/national-event-attendances`, officer, {
          attendanceId: uuid(n + 900),
          eventId: conference,
          kind: 'honouring-conference',
          name: 'Hội nghị tôn vinh Hợp tác xã tiêu biểu năm 2026',
          date: '2026-07-10',
          place: 'Hà Nội',
          delegates: 4 + Math.floor(rnd() * 6),
          cooperativeIds: [uuid(n + 1)],
          activityId: 'national-events',
        });
      }
      for (let t = 1; t <= 4; t++) {
        await send('POST', `/provinces/${p.code}/tasks`, officer, {
          taskId: uuid(n + 950 + t),
          plan: { number: `${20 + i}/KH-LMHTX`, date: '2026-02-25' },
          title: [
            'Tổ chức hội nghị tuyên truyền Luật HTX 2023',
            'Rà soát, giải ngân Quỹ hỗ trợ phát triển HTX',
            'Xây dựng mô hình HTX kiểu mới',
            'Báo cáo sơ kết 6 tháng',
          ][t - 1],
          leadAgencies: [t === 2 ? 'Sở Tài chính' : 'Liên minh HTX tỉnh'],
          due: ['Quý II/2026', 'Quý III/2026', 'Năm 2026', '6 tháng đầu năm 2026'][t - 1],
        });
      }
      await send('POST', `/provinces/${p.code}/tasks/${uuid(n + 951)}/complete`, officer, {
        completedOn: '2026-06-20',
      });
      if (i % 3 !== 2)
        await send('POST', `/provinces/${p.code}/reports/2026/half-year/submissions`, officer, {
          submissionId: uuid(n + 990),
          reporter: { level: 'province', name: `Liên minh HTX ${p.name}` },
          submittedOn: i % 3 === 0 ? '2026-07-10' : '2026-07-22',
        });
    }
  } finally {
    bar.done();
    await app.close();
    await store.close();
  }
  process.stdout.write(
    `demo: ${count.toLocaleString('en-US')} records written${skipped.length ? `; already there, left as they were: ${skipped.join(', ')}` : ''}\n`,
  );
}

main().catch((err: unknown) => {
  const message = err instanceof ConfigError || err instanceof Error ? err.message : String(err);
  process.stderr.write(
    /locked|busy/i.test(message)
      ? 'the event log is in use by the running service: stop it (Ctrl+C), run npm run demo, then npm start again\n'
      : `${message}\n`,
  );
  process.exitCode = 1;
});

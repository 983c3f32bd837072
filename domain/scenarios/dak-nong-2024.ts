import type { LaunchCampaign } from '../campaign/campaign.ts';

/** The Đắk Nông 2024 plan (123 KH-LMHTX of 27/02/2024, seed 004) and its ten focus activities. */
export const DAK_NONG_2024: LaunchCampaign = {
  organiser: '67',
  year: 2024,
  plan: { number: '123 KH-LMHTX', date: '2024-02-27' },
  theme: 'Vì sự phát triển bền vững của Hợp tác xã',
  activities: [
    {
      id: 'publicity',
      kind: 'publicity',
      title: 'Tuyên truyền trên Báo, Đài, Website; Lễ phát động',
      window: { from: '2024-03-01', to: '2024-04-30' },
      targets: [{ metric: 'publications', value: 10 }],
    },
    {
      id: 'outreach-conferences',
      kind: 'outreach-conference',
      title: 'Hội nghị tuyên truyền trực tiếp tại các xã, huyện',
      window: { from: '2024-03-01', to: '2024-05-31' },
      targets: [
        { metric: 'meetings', value: 8 },
        { metric: 'attendees', value: 800 },
      ],
    },
    {
      id: 'bulletin-44',
      kind: 'bulletin',
      title: 'Bản tin Kinh tế hợp tác số 44',
      window: { from: '2024-03-01', to: '2024-04-10' },
      targets: [{ metric: 'bulletins', value: 1 }],
    },
    {
      id: 'bulletin-45',
      kind: 'bulletin',
      title: 'Bản tin Kinh tế hợp tác số 45',
      window: { from: '2024-07-01', to: '2024-09-30' },
      targets: [{ metric: 'bulletins', value: 1 }],
    },
    {
      id: 'seminar',
      kind: 'seminar',
      title: 'Tọa đàm kỷ niệm Ngày HTX và phát động Tháng hành động',
      window: { from: '2024-04-01', to: '2024-04-11' },
      targets: [{ metric: 'meetings', value: 1 }],
    },
    {
      id: 'support',
      kind: 'support-disbursement',
      title: 'Hướng dẫn thủ tục và giải ngân hỗ trợ THT, HTX',
      window: { from: '2024-01-01', to: '2024-12-31' },
      targets: [
        { metric: 'disbursed-vnd', value: 195_000_000 },
        // "từ 02 đến 03 HTX": a range, met at its minimum.
        { metric: 'loans-appraised', value: 2, upTo: 3 },
      ],
    },
    {
      id: 'market-and-members',
      kind: 'member-admission',
      title: 'Website, Chợ Nông sản HTX; kết nạp thành viên đợt 1 trước 10/4; tư vấn thành lập HTX',
      window: { from: '2024-01-01', to: '2024-04-10' },
      targets: [{ metric: 'members-admitted', value: 5 }],
    },
    {
      id: 'dialogue',
      kind: 'dialogue-conference',
      title: 'Hội nghị Đối thoại giữa Lãnh đạo tỉnh với THT, HTX',
      window: { from: '2024-03-29', to: '2024-04-29' },
      targets: [{ metric: 'dialogues', value: 1 }],
    },
    {
      id: 'national-events',
      kind: 'national-event',
      title: 'Tham dự sự kiện theo Kế hoạch 70/KH-BTVLMHTXVN',
      window: { from: '2024-01-01', to: '2024-12-31' },
      targets: [],
    },
    {
      id: 'fund-restructuring',
      kind: 'fund-restructuring',
      title: 'Sắp xếp lại Quỹ Hỗ trợ phát triển HTX tỉnh (NĐ 45/2021/NĐ-CP)',
      window: { from: '2024-01-01', to: '2024-12-31' },
      targets: [],
    },
    {
      id: 'target-programmes',
      kind: 'target-programme',
      title: 'Chương trình MTQG xây dựng nông thôn mới; mô hình HTX kiểu mới',
      window: { from: '2024-01-01', to: '2024-12-31' },
      targets: [],
    },
  ],
  budgets: [
    { fund: 'provincial-support-fund', amount: 500_000_000 },
    { fund: 'vca-support-fund', amount: 6_000_000_000 },
  ],
};

/** The body of a LaunchCampaign for a 2026 campaign with one outreach activity: the tests' fixture. */
export const launch2026 = {
  year: 2026,
  plan: { number: '15/KH-LMHTX', date: '2026-02-20' },
  theme: 'Tháng hành động vì HTX 2026',
  activities: [
    {
      id: 'outreach',
      kind: 'outreach-conference',
      title: 'Hội nghị tuyên truyền',
      window: { from: '2026-01-01', to: '2026-12-31' },
      targets: [{ metric: 'meetings', value: 500 }],
    },
  ],
  budgets: [{ fund: 'provincial-support-fund', amount: 1_000_000_000 }],
};

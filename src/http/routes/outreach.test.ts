import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_KEY, bearer } from '../../../test/support/auth.ts';
import { uuidv7 } from '../../app/ids.ts';
import { SqliteEventStore } from '../../eventstore/sqlite/store.ts';
import type { NewEvent } from '../../eventstore/types.ts';
import { buildServer } from '../../server.ts';

const ID = (n: number) => `0191d6a0-0000-7000-8000-${String(n).padStart(12, '0')}`;
const meta = { actor: 'officer', role: 'provincial_officer', province: '67', app: 'test' };
const ev = (type: string, data: object): NewEvent => ({ id: uuidv7(), type, data: { ...data }, metadata: meta });
const scope = { organiser: '67', year: 2024 };
const recorded = (n: number, place: object) =>
  ev('OutreachMeetingRecorded', {
    ...scope,
    meetingId: ID(n),
    date: '2024-04-1' + n,
    place,
    format: 'conference',
    topics: ['other'],
    attendees: 10 * n,
    cooperativesRepresented: 0,
    cooperativeIds: [],
    organisedBy: 'Liên minh HTX tỉnh',
  });

describe('meetings recorded before commune codes, over HTTP', () => {
  let store: SqliteEventStore;
  let app: FastifyInstance;
  const officer = bearer({ role: 'provincial_officer', province: '68', app: 'test' });
  const base = '/provinces/67/campaigns/2024/outreach-meetings';
  beforeAll(async () => {
    store = await SqliteEventStore.open({ path: ':memory:' });
    // As the log held them before places were codes: free text, as typed.
    await store.append(
      'campaign-67-2024',
      [
        ev('CampaignLaunched', {
          ...scope,
          provinceId: 'pre2025:67',
          plan: { number: '1', date: '2024-02-01' },
          theme: 'x',
          peak: { from: '2024-03-29', to: '2024-04-29' },
          activities: [],
          budgets: [],
        }),
      ],
      { expectedRevision: 'no_stream' },
    );
    const places = [
      { commune: 'Quảng Khê', district: 'Đắk Glong' },
      { commune: 'xa dak ha' },
      { commune: 'Thôn 5, gần trạm y tế' },
    ];
    for (const [i, place] of places.entries())
      await store.append(`outreach-67-2024-${ID(i + 1)}`, [recorded(i + 1, place)], { expectedRevision: 'no_stream' });
    app = await buildServer({ store, logLevel: 'silent', key: TEST_KEY, maxEventLoopDelayMs: 60_000 });
  });
  afterAll(async () => {
    await app.close();
    await store.close();
  });

  const list = async (query: string) =>
    (await app.inject({ url: `${base}?${query}`, headers: officer })).json<{ items: { meetingId: string }[] }>().items;

  it('finds them by the commune their free text names, with or without accents or kind', async () => {
    expect((await list('communeCode=24631')).map((m) => m.meetingId)).toEqual([ID(1)]);
    expect((await list('communeCode=24622')).map((m) => m.meetingId)).toEqual([ID(2)]);
  });

  it('lists the ones whose text names no commune, so they can be corrected, and a correction maps them', async () => {
    expect((await list('unmapped=true')).map((m) => m.meetingId)).toEqual([ID(3)]);
    const corrected = await app.inject({
      method: 'POST',
      url: `${base}/${ID(3)}/corrections`,
      headers: officer,
      payload: { changes: { place: { communeCode: '24616', note: 'Thôn 5, gần trạm y tế' } }, reason: 'Ghi mã xã' },
    });
    expect(corrected.statusCode).toBe(200);
    const position = corrected.json<{ position: number }>().position;
    expect(await list(`unmapped=true&minPosition=${position}`)).toEqual([]);
    expect((await list(`communeCode=24616&minPosition=${position}`)).map((m) => m.meetingId)).toEqual([ID(3)]);
  });

  it('refuses a meeting naming a commune of another province with 422 naming the field, and appends nothing', async () => {
    const head = await store.headPosition();
    const res = await app.inject({
      method: 'POST',
      url: base,
      headers: officer,
      payload: {
        meetingId: ID(9),
        date: '2024-05-02',
        // Phường 1 of Tân An was in Long An (80) in 2024, not in Đắk Nông.
        place: { communeCode: '27694' },
        format: 'conference',
        topics: ['other'],
        attendees: 40,
        organisedBy: 'Liên minh HTX tỉnh',
      },
    });
    expect(res.statusCode).toBe(422);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json()).toMatchObject({
      type: expect.stringMatching(/\/problems\/commune-other-province$/),
      field: 'place.communeCode',
      province: { code: '80', name: 'Long An' },
    });
    expect(await store.headPosition()).toBe(head);
  });
});

import { uuidv7 } from '../src/app/ids.ts';
import type { NewEvent } from '../src/eventstore/types.ts';

const metadata = { actor: 'bench', role: 'provincial_officer', province: '67', app: 'bench' };

/** The event the store benchmarks append: an outreach meeting of ~200 bytes. */
export const event = (i: number): NewEvent => ({
  id: uuidv7(),
  type: 'OutreachMeetingRecorded',
  data: {
    meetingId: `m-${i}`,
    date: '2024-04-11',
    commune: 'Quảng Khê',
    format: 'conference',
    attendees: 120,
    topics: ['law-2023'],
  },
  metadata,
});

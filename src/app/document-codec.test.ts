import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { DocumentCodec } from './document-codec.ts';
import { idKey, idText, rowValuesOf, type RowValues } from './document-rows.ts';

const meeting = {
  organiser: '68',
  year: 2026,
  meetingId: '01a22dd0-31a7-72ef-9dcb-b71793e131b9',
  date: '2026-04-02',
  place: { communeCode: '24781' },
  format: 'conference',
  topics: ['cooperative-law-2023'],
  attendees: 120,
  cooperativesRepresented: 14,
  cooperativeIds: [],
  organisedBy: 'Liên minh HTX tỉnh Lâm Đồng',
  activityId: undefined,
  title: null,
  revision: 0,
  updatedAt: '2026-04-02T03:00:00.000Z',
  lastPosition: 35,
  status: 'recorded',
  corrections: 0,
  position: 35,
};

describe('documents kept without their field names', () => {
  it('reads back exactly what JSON would: the same fields in the same order, nulls kept, undefined left out', () => {
    const codec = new DocumentCodec(new Database(':memory:'));
    const back = codec.decode(codec.encodeAll([meeting])[0] as string);
    const json: unknown = JSON.parse(JSON.stringify(meeting));
    expect(back).toEqual(json);
    expect(JSON.stringify(back)).toBe(JSON.stringify(json));
    expect(Object.keys(back as object)).not.toContain('activityId');
    expect((back as { title: unknown }).title).toBeNull();
  });

  it('keeps a meeting in well under half of its JSON', () => {
    const codec = new DocumentCodec(new Database(':memory:'));
    expect((codec.encodeAll([meeting])[0] as string).length).toBeLessThan(JSON.stringify(meeting).length * 0.6);
  });

  it('keeps each shape once, and a second reader of the file knows the shapes the first wrote', () => {
    const db = new Database(':memory:');
    const codec = new DocumentCodec(db);
    const other = { ...meeting, activityId: 'outreach' };
    const texts = codec.encodeAll([meeting, other, { ...meeting, meetingId: 'another' }]);
    expect(db.prepare('SELECT count(*) FROM shapes').pluck().get()).toBe(2);
    const reader = new DocumentCodec(db);
    expect(texts.map((t) => reader.decode(t))).toEqual(
      [meeting, other, { ...meeting, meetingId: 'another' }].map((d) => JSON.parse(JSON.stringify(d))),
    );
  });

  it('adds no shape inside a transaction (a rollback would take it away), and refuses a text naming an unknown one', () => {
    const db = new Database(':memory:');
    const codec = new DocumentCodec(db);
    db.exec('BEGIN');
    expect(() => codec.encodeAll([{ a: 1 }])).toThrow(/outside a transaction/);
    db.exec('ROLLBACK');
    codec.encodeAll([{ a: 1 }]);
    db.exec('BEGIN');
    expect(codec.encodeAll([{ a: 2 }])).toEqual(['[1,2]']);
    db.exec('ROLLBACK');
    expect(() => codec.decode('[7,1]')).toThrow(/shape 7/);
  });

  it('reads documents kept as plain JSON as they are', () => {
    const codec = new DocumentCodec(new Database(':memory:'));
    expect(codec.decode('{"a":1}')).toEqual({ a: 1 });
  });

  it('leaves out what the row holds (campaign, position, id) and takes it back from the row, in place', () => {
    const codec = new DocumentCodec(new Database(':memory:'));
    const row = rowValuesOf('meetings', meeting.meetingId, '68-2026', 35);
    const [text] = codec.encodeAll([meeting], [row]);
    expect(text).not.toContain(meeting.meetingId);
    expect(text).not.toContain('2026,');
    expect(JSON.stringify(codec.decode(text as string, row))).toBe(JSON.stringify(meeting));
    expect(() => codec.decode(text as string)).toThrow(/needs its row/);
  });

  it('keeps a value that differs from its row in the text', () => {
    const codec = new DocumentCodec(new Database(':memory:'));
    const row = rowValuesOf('meetings', 'another-id', '68-2026', 40);
    const [text] = codec.encodeAll([meeting], [row]);
    expect(text).toContain(meeting.meetingId);
    expect(JSON.stringify(codec.decode(text as string, row))).toBe(JSON.stringify(meeting));
  });

  it('keeps in the text a year or position the row could not give back as it was', () => {
    const codec = new DocumentCodec(new Database(':memory:'));
    for (const odd of [{ year: '2026' }, { year: -5 }, { position: 35.5 }]) {
      const doc = { ...meeting, ...odd };
      const row = { ...rowValuesOf('meetings', meeting.meetingId, '68-2026', 35), ...odd } as RowValues;
      const [text] = codec.encodeAll([doc], [row]);
      const back = codec.decode(text as string, rowValuesOf('meetings', meeting.meetingId, `68-${row.year}`, 35));
      expect(JSON.stringify(back)).toBe(JSON.stringify(doc));
    }
  });
});

describe('document ids as the file keeps them', () => {
  it('keeps a lowercase UUID as its 16 bytes and any other id as its text, and reads each back', () => {
    const uuid = '01a22dd0-31a7-72ef-9dcb-b71793e131b9';
    expect(idKey(uuid)).toEqual(Buffer.from('01a22dd031a772ef9dcbb71793e131b9', 'hex'));
    const almost = [
      uuid.toUpperCase(),
      uuid.replace('-', 'x'),
      uuid.replace('9', 'g'),
      `${uuid.slice(1)}0`,
      `${uuid}0`,
    ];
    for (const id of [uuid, ...almost, '68-2026', 'meeting-1', '']) expect(idText(idKey(id))).toBe(id);
    for (const id of almost) expect(typeof idKey(id)).toBe('string');
  });
});

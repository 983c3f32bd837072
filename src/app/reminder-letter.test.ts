import { describe, expect, it } from 'vitest';
import type { ReminderLetter } from '../../projections/reminder-letter.ts';
import { docxText } from '../../test/support/docx.ts';
import { reminderLetterDocx } from './reminder-letter.ts';

const letter: ReminderLetter = {
  organiser: '68',
  year: 2026,
  period: 'half-year',
  issuer: 'Liên minh HTX tỉnh Lâm Đồng',
  place: 'Lâm Đồng',
  number: '45/LMHTX-VP',
  subject: 'V/v đôn đốc gửi báo cáo 6 tháng đầu năm 2026',
  date: '2026-07-31',
  dateLine: 'Lâm Đồng, ngày 31 tháng 7 năm 2026',
  report: {
    title: 'Báo cáo 6 tháng đầu năm 2026',
    window: { from: '2026-01-01', to: '2026-06-30' },
    dueBy: '2026-07-15',
  },
  sendBy: '2026-08-07',
  recipients: ['Phường Xuân Hương - Đà Lạt', 'Sở Tài chính'],
  opening: ['Thực hiện chế độ báo cáo…', 'Đến ngày 31/07/2026, còn 1 đơn vị chưa gửi báo cáo, cụ thể như sau:'],
  units: [
    {
      unit: '24781',
      name: 'Phường Xuân Hương - Đà Lạt',
      lateness: 'missing',
      daysLate: 16,
      status: 'Chưa gửi báo cáo (quá hạn 16 ngày)',
    },
    {
      unit: 'so-tai-chinh',
      name: 'Sở Tài chính',
      lateness: 'late',
      daysLate: 2,
      status: 'Đã gửi ngày 17/07/2026, chậm 2 ngày',
    },
  ],
  closing: ['… trước ngày 07/08/2026.', 'Trân trọng./.'],
  copies: ['Phường Xuân Hương - Đà Lạt', 'Sở Tài chính', 'Lưu: VT'],
  signer: { on: 'TM. BAN THƯỜNG VỤ', title: 'CHỦ TỊCH', name: null },
};

describe('the reminder letter as a Word document', () => {
  it('heads the letter with the issuing body, its number and subject, the national title, motto and date line', async () => {
    const { text } = await docxText(await reminderLetterDocx(letter));
    const lines = text.split('\n');
    for (const l of [
      'LIÊN MINH HTX TỈNH LÂM ĐỒNG',
      'Số: 45/LMHTX-VP',
      'V/v đôn đốc gửi báo cáo 6 tháng đầu năm 2026',
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      'Lâm Đồng, ngày 31 tháng 7 năm 2026',
      'Kính gửi:',
      '- Phường Xuân Hương - Đà Lạt;',
      '- Sở Tài chính.',
      'Nơi nhận:',
      '- Lưu: VT.',
      'TM. BAN THƯỜNG VỤ',
      'CHỦ TỊCH',
    ])
      expect(lines).toContain(l);
    // The order of a letter: heading, recipients, body, table, closing, where it goes and who signs.
    const at = (s: string) => text.indexOf(s);
    expect(at('CỘNG HÒA')).toBeLessThan(at('Kính gửi'));
    expect(at('Kính gửi')).toBeLessThan(at('cụ thể như sau'));
    expect(at('cụ thể như sau')).toBeLessThan(at('STT'));
    expect(at('Chưa gửi báo cáo (quá hạn 16 ngày)')).toBeLessThan(at('Trân trọng'));
    expect(at('Trân trọng')).toBeLessThan(at('Nơi nhận'));
  });

  it('tabulates each late unit with the report, its days, its due day, its state and the days late', async () => {
    const { text } = await docxText(await reminderLetterDocx(letter));
    const lines = text.split('\n');
    for (const h of ['STT', 'Đơn vị', 'Báo cáo', 'Hạn gửi', 'Tình trạng', 'Số ngày chậm']) expect(lines).toContain(h);
    const row = lines.slice(lines.indexOf('Phường Xuân Hương - Đà Lạt', lines.indexOf('STT')));
    expect(row.slice(0, 5)).toEqual([
      'Phường Xuân Hương - Đà Lạt',
      'Báo cáo 6 tháng đầu năm 2026 (từ 01/01/2026 đến 30/06/2026)',
      '15/07/2026',
      'Chưa gửi báo cáo (quá hạn 16 ngày)',
      '16',
    ]);
  });

  it('is an A4 page in Times New Roman with the decree’s margins, the body 14 pt, the motto bold and underlined', async () => {
    const { xml } = await docxText(await reminderLetterDocx(letter));
    // A4 in twips, margins 20/20/30/15 mm.
    expect(xml).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    expect(xml).toMatch(/<w:pgMar w:top="1134" w:right="850" w:bottom="1134" w:left="1701"/);
    expect(xml).toContain('w:ascii="Times New Roman"');
    expect(xml).toMatch(/<w:sz w:val="28"\/>(?:(?!<\/w:r>).)*cụ thể như sau/);
    expect(xml).toMatch(/<w:b\/>(?:(?!<\/w:rPr>).)*<w:u w:val="single"\/>(?:(?!<\/w:r>).)*Độc lập - Tự do - Hạnh phúc/);
    expect(xml).toMatch(/<w:i\/>(?:(?!<\/w:r>).)*Lâm Đồng, ngày 31 tháng 7 năm 2026/);
  });

  it('puts a single recipient on the line of Kính gửi', async () => {
    const one = { ...letter, recipients: ['Sở Tài chính'] };
    expect((await docxText(await reminderLetterDocx(one))).text.split('\n')).toContain('Kính gửi: Sở Tài chính');
  });
});

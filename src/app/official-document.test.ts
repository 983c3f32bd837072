import { unzipSync, strFromU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import type { OfficialDocument } from '../../projections/official-document.ts';
import { docxText } from '../../test/support/docx.ts';
import { pdfText } from '../../test/support/pdf.ts';
import { officialDocx, officialHtml, officialPdf } from './official-document.ts';

const rows = Array.from({ length: 60 }, (_, i) => [String(i + 1), `Phường số ${i + 1}`, 'hội nghị', String(i * 3)]);
const doc: OfficialDocument = {
  issuer: { above: 'UBND tỉnh Lâm Đồng', name: 'Sở Tài chính' },
  number: '12/BC-STC',
  dateLine: 'Lâm Đồng, ngày 20 tháng 12 năm 2026',
  title: 'BÁO CÁO',
  summary: 'Kết quả thực hiện Tháng hành động vì Hợp tác xã năm 2026',
  recipients: ['Trưởng BCĐ và các Phó trưởng BCĐ'],
  basis: 'Số liệu tính đến ngày 20/12/2026, vị trí nhật ký 4321.',
  body: [
    { kind: 'heading', level: 1, text: 'I. KẾT QUẢ THỰC HIỆN' },
    {
      kind: 'table',
      columns: [
        { header: 'STT', width: 8, align: 'center' },
        { header: 'Đơn vị', width: 56, align: 'left' },
        { header: 'Đơn vị tính', width: 18, align: 'left' },
        { header: 'Kết quả', width: 18, align: 'right' },
      ],
      rows,
    },
    { kind: 'paragraph', text: 'Đoạn một của phần đánh giá.\n\nĐoạn hai <script>alert(1)</script> & "trích dẫn".' },
  ],
  copies: ['Như trên', 'Lưu: VT'],
  signer: { title: 'GIÁM ĐỐC', name: 'Trần Thị Hoa' },
  meta: { title: 'Báo cáo năm 2026', author: 'Sở Tài chính', date: '2026-12-20', filename: 'bao-cao' },
};

/** Draws the document with the process in another time zone. */
async function inZone<T>(zone: string, f: () => Promise<T>): Promise<T> {
  const before = process.env.TZ;
  process.env.TZ = zone;
  try {
    return await f();
  } finally {
    if (before === undefined) delete process.env.TZ;
    else process.env.TZ = before;
  }
}

describe('an administrative document drawn as files', () => {
  it('gives the same Word and PDF bytes at another hour and in another time zone, dated with the document’s own date', async () => {
    const word = await inZone('UTC', () => officialDocx(doc));
    const pdf = await inZone('UTC', () => officialPdf(doc));
    await new Promise((r) => setTimeout(r, 1100));
    expect(Buffer.compare(word, await inZone('Asia/Ho_Chi_Minh', () => officialDocx(doc)))).toBe(0);
    expect(Buffer.compare(pdf, await inZone('America/New_York', () => officialPdf(doc)))).toBe(0);
    const core = strFromU8(unzipSync(word)['docProps/core.xml'] ?? new Uint8Array());
    expect(core).toContain('>2026-12-19T17:00:00Z</dcterms:created>');
    expect(pdfText(pdf).info).toBeTruthy();
    expect(pdf.toString('latin1')).toContain('(D:20261219170000Z)');
  });

  it('numbers the pages from the second one, and repeats the header row of a table that runs onto it', async () => {
    const { pages } = pdfText(await officialPdf(doc));
    expect(pages.length).toBeGreaterThan(1);
    expect(pages[0]?.split('\n').at(-1)).not.toBe('1');
    expect(pages[1]?.split('\n').at(-1)).toBe('2');
    expect(pages[1]?.split('\n').slice(0, 4)).toEqual(['STT', 'Đơn vị', 'Đơn vị tính', 'Kết quả']);
    // Word numbers them in its header, left off the first page.
    const { xml } = await docxText(await officialDocx(doc));
    expect(xml).toContain('<w:titlePg/>');
  });

  it("writes each of the official's paragraphs apart, and HTML with every text escaped", async () => {
    const { text } = await docxText(await officialDocx(doc));
    expect(text.split('\n')).toEqual(
      expect.arrayContaining(['Đoạn một của phần đánh giá.', 'Đoạn hai <script>alert(1)</script> & "trích dẫn".']),
    );
    const html = officialHtml(doc).toString('utf8');
    expect(html).not.toContain('<script>');
    expect(html).toContain('Đoạn hai &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;trích dẫn&quot;.');
    expect(html).toContain('<div>UBND TỈNH LÂM ĐỒNG</div>');
  });
});

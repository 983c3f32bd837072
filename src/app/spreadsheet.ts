import type { ReportBook } from '../../projections/reports.ts';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** exceljs, loaded on the first spreadsheet asked for: it is large, and most starts never need it. */
const excel = async () => (await import('exceljs')).default;

/** A Vietnam calendar date as the spreadsheet date of that day. */
const day = (d: string): Date => new Date(`${d.slice(0, 10)}T00:00:00Z`);

/**
 * A report as an .xlsx workbook, laid out as official report forms are: a title block (the
 * report, who reports, the period and the date of the figures, dates as dates in dd/mm/yyyy),
 * then one sheet a section with Vietnamese headings; VND and counts are numbers with a thousands
 * format (shown 1.000.000 in a Vietnamese spreadsheet program).
 */
export async function reportXlsx(book: ReportBook): Promise<Buffer> {
  const wb = new (await excel()).Workbook();
  wb.creator = 'Tháng hành động vì Hợp tác xã';
  for (const sheet of book.sheets) {
    const ws = wb.addWorksheet(sheet.name.slice(0, 31));
    ws.addRow([book.title]).font = { bold: true, size: 14 };
    for (const line of book.subtitle) ws.addRow([line]);
    if (book.period !== undefined) {
      const r = ws.addRow(['Kỳ báo cáo: từ', day(book.period.from), 'đến', day(book.period.to)]);
      for (const c of [2, 4]) r.getCell(c).numFmt = 'dd/mm/yyyy';
    }
    const known = day(new Date(Date.parse(book.knownAt) + 7 * 3_600_000).toISOString());
    const asOf = ws.addRow(['Số liệu đến ngày', book.asOf === null ? known : day(book.asOf)]);
    asOf.getCell(2).numFmt = 'dd/mm/yyyy';
    if (book.asOf !== null) ws.addRow(['Theo dữ liệu ghi nhận đến ngày', known]).getCell(2).numFmt = 'dd/mm/yyyy';
    ws.addRow([]);
    const header = ws.addRow(sheet.columns.map((c) => c.header));
    header.font = { bold: true };
    header.eachCell((cell) => {
      cell.border = { bottom: { style: 'thin' } };
    });
    for (const values of sheet.rows) {
      const row = ws.addRow(values);
      sheet.columns.forEach((c, i) => {
        const cell = row.getCell(i + 1);
        if ((c.kind === 'number' || c.kind === 'vnd') && typeof values[i] === 'number') cell.numFmt = '#,##0';
        if (c.kind === 'date' && typeof values[i] === 'string' && values[i] !== '') {
          cell.value = day(values[i] as string);
          cell.numFmt = 'dd/mm/yyyy';
        }
      });
    }
    sheet.columns.forEach((c, i) => {
      ws.getColumn(i + 1).width =
        c.kind === 'text' ? Math.min(60, Math.max(14, ...sheet.rows.map((r) => String(r[i] ?? '').length + 2))) : 18;
    });
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/**
 * The same report as one CSV table (every section under one header when the sections share
 * their columns), UTF-8 with a byte-order mark so that spreadsheet programs read Vietnamese.
 */
export async function reportCsv(book: ReportBook): Promise<Buffer> {
  const wb = new (await excel()).Workbook();
  const ws = wb.addWorksheet('csv');
  const first = book.sheets[0];
  if (first !== undefined) ws.addRow(first.columns.map((c) => c.header));
  // Dates the Vietnamese way, dd/mm/yyyy.
  for (const sheet of book.sheets)
    for (const values of sheet.rows)
      ws.addRow(
        values.map((v, i) =>
          sheet.columns[i]?.kind === 'date' && typeof v === 'string' ? v.split('-').reverse().join('/') : v,
        ),
      );
  const body = Buffer.from(await wb.csv.writeBuffer({ formatterOptions: { rowDelimiter: '\r\n' } }));
  return Buffer.concat([Buffer.from('\uFEFF', 'utf8'), body, Buffer.from('\r\n')]);
}

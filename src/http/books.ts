/** Dashboards and reports as spreadsheets: which form was asked for, and the file sent. */
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import type { ReportBook } from '../../projections/reports.ts';
import { XLSX_TYPE, reportCsv, reportXlsx } from '../app/spreadsheet.ts';

export const Format = z.object({
  format: z
    .enum(['json', 'csv', 'xlsx'])
    .optional()
    .describe(
      'csv: Vietnamese headings, UTF-8 with BOM; xlsx: a workbook, one sheet a section. ' +
        'Without it, the Accept header decides (JSON by default)',
    ),
});

/** format=…, else the Accept header (a spreadsheet or CSV when asked for), else JSON. */
export function formatOf(
  format: 'json' | 'csv' | 'xlsx' | undefined,
  accept: string | undefined,
): 'json' | 'csv' | 'xlsx' {
  if (format !== undefined) return format;
  if (accept?.includes(XLSX_TYPE)) return 'xlsx';
  if (accept?.includes('text/csv')) return 'csv';
  return 'json';
}

/** Sends a report as the spreadsheet asked for, with a file name officials can keep. */
export async function sendBook(
  reply: FastifyReply,
  book: ReportBook,
  kind: 'csv' | 'xlsx',
  name: string,
): Promise<FastifyReply> {
  const body = kind === 'xlsx' ? await reportXlsx(book) : await reportCsv(book);
  return reply
    .type(kind === 'xlsx' ? XLSX_TYPE : 'text/csv; charset=utf-8')
    .header('content-disposition', `attachment; filename="${name}.${kind}"`)
    .header('vary', 'accept')
    .send(body as never);
}

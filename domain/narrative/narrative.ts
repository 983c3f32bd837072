import { z } from 'zod';
import type { Decider, DomainEvent } from '../shared/decider.ts';
import { Text } from '../shared/text.ts';
import { fail } from './rules.ts';

/**
 * The narrative of an official document (báo cáo): what the official writes beside the figures
 * the service takes from the records — the commentary on the results, the shortcomings and their
 * causes, the proposals, the tasks for the next period — and the document's number and signer.
 * Each version is kept; the documents print the last one written by their log position.
 */

/**
 * The documents a narrative is written for: a province's campaign result report (the peak period
 * and the whole year), its 6-month and year-end reports (also a reporting unit's own), and the
 * national summary, issued by the national alliance (organiser VN).
 */
export const DocumentKind = z.enum(['campaign-result', 'half-year', 'year-end', 'national-summary']);
export type DocumentKind = z.infer<typeof DocumentKind>;

/** The sections an official writes, in the order a report prints them. */
export const SECTION_NAMES = ['results', 'shortcomings', 'proposals', 'nextTasks'] as const;
export type SectionName = (typeof SECTION_NAMES)[number];

const Section = Text(20000);
export const NarrativeSections = z
  .object({
    results: Section.optional().describe('Đánh giá kết quả: commentary on the figures'),
    shortcomings: Section.optional().describe('Tồn tại, hạn chế và nguyên nhân'),
    proposals: Section.optional().describe('Đề xuất, kiến nghị'),
    nextTasks: Section.optional().describe('Nhiệm vụ, giải pháp kỳ tới'),
  })
  .strict();
export type NarrativeSections = z.infer<typeof NarrativeSections>;

export const Signer = z
  .object({
    on: Text(100).optional().describe('"TM. BAN THƯỜNG VỤ", "KT. CHỦ TỊCH"'),
    title: Text(100).describe('"CHỦ TỊCH", "PHÓ CHỦ TỊCH", "GIÁM ĐỐC"'),
    name: Text(100).describe("the signer's name under the signature"),
  })
  .strict();
export type Signer = z.infer<typeof Signer>;

/** What the official sends: at least one section; the number and signer when known. */
export const WriteReportNarrative = z
  .object({
    sections: NarrativeSections,
    number: z
      .string()
      .trim()
      .min(1)
      .max(40)
      .regex(/^[\p{L}\p{N}/.\- ]+$/u, 'letters, digits, /, ., - and spaces, such as 45/BC-LMHTX')
      .optional()
      .describe("the document's number and symbol, such as 45/BC-LMHTX (default: left blank for the clerk)"),
    signer: Signer.optional(),
  })
  .strict()
  .refine((b) => SECTION_NAMES.some((s) => b.sections[s] !== undefined), {
    message: 'write at least one section: results, shortcomings, proposals or nextTasks',
    path: ['sections'],
  });
export type WriteReportNarrative = z.infer<typeof WriteReportNarrative>;

/** Which document a narrative is for: the organiser's (VN: the national alliance), or a reporting unit's. */
export interface NarrativeOf {
  organiser: string;
  year: number;
  document: DocumentKind;
  /** A reporting unit of the organiser's chain, for the unit's own report; null: the organiser's. */
  unit: string | null;
}

export type NarrativeCommand = { type: 'WriteReportNarrative' } & NarrativeOf & WriteReportNarrative;

export type ReportNarrativeWritten = DomainEvent<
  'ReportNarrativeWritten',
  NarrativeOf & { version: number } & WriteReportNarrative
>;
export type NarrativeEvent = ReportNarrativeWritten;

export interface NarrativeState {
  version: number;
  last: WriteReportNarrative | null;
}

/** One stream per document: `narrative-68-2026-year-end`, a unit's `narrative-68-2026-year-end-so-tai-chinh`. */
export function narrativeStream(n: NarrativeOf): string {
  return `narrative-${n.organiser}-${n.year}-${n.document}${n.unit === null ? '' : `-${n.unit}`}`;
}

/** What a version says, its keys in one order: two versions saying the same compare equal. */
const content = (w: WriteReportNarrative): WriteReportNarrative => ({
  sections: Object.fromEntries(
    SECTION_NAMES.filter((s) => w.sections[s] !== undefined).map((s) => [s, w.sections[s]]),
  ) as NarrativeSections,
  ...(w.number !== undefined ? { number: w.number } : {}),
  ...(w.signer !== undefined ? { signer: w.signer } : {}),
});

export const narrativeDecider: Decider<NarrativeCommand, NarrativeEvent, NarrativeState> = {
  initialState: () => ({ version: 0, last: null }),

  evolve(_state, event) {
    return { version: event.data.version, last: content(event.data) };
  },

  decide(command, state) {
    const { type: _t, organiser, year, document, unit, ...written } = command;
    const next = content(written);
    if (state.last !== null && JSON.stringify(state.last) === JSON.stringify(next))
      fail('narrative-unchanged', `version ${state.version} already says this`, { version: state.version });
    return [
      {
        type: 'ReportNarrativeWritten',
        data: { organiser, year, document, unit, version: state.version + 1, ...next },
      },
    ];
  },
};

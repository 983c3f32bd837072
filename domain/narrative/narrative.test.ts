import { describe, expect, it } from 'vitest';
import { spec } from '../../test/support/decider-spec.ts';
import { WriteReportNarrative, narrativeDecider, narrativeStream, type NarrativeEvent } from './narrative.ts';

const narrative = spec(narrativeDecider);
const of = { organiser: '68', year: 2026, document: 'year-end' as const, unit: null };
const first = {
  sections: {
    results: 'Các chỉ tiêu cơ bản đều đạt và vượt kế hoạch.',
    shortcomings: 'Công tác tuyên truyền ở một số xã còn hạn chế.',
  },
  number: '45/BC-LMHTX',
};
const written = (version: number, body: WriteReportNarrative): NarrativeEvent => ({
  type: 'ReportNarrativeWritten',
  data: { ...of, version, ...body },
});

describe('WriteReportNarrative', () => {
  it('given nothing written, when the official writes the sections, then they are kept as version 1', () => {
    narrative
      .given([])
      .when({ type: 'WriteReportNarrative', ...of, ...first })
      .then([written(1, first)]);
  });

  it('given a version, when a changed one is written, then it is the next version and the first is kept', () => {
    const second = { ...first, sections: { ...first.sections, proposals: 'Đề nghị bố trí kinh phí hỗ trợ.' } };
    narrative
      .given([written(1, first)])
      .when({ type: 'WriteReportNarrative', ...of, ...second })
      .then([written(2, second)]);
  });

  it('refuses a version that says what the current one says, whatever the order of its sections', () => {
    narrative
      .given([written(1, first)])
      .when({
        type: 'WriteReportNarrative',
        ...of,
        number: '45/BC-LMHTX',
        sections: { shortcomings: first.sections.shortcomings, results: first.sections.results },
      })
      .thenFails('narrative-unchanged', { version: 1 });
  });

  it('takes a narrative with no section written for a mistake, naming the field', () => {
    const parsed = WriteReportNarrative.safeParse({ sections: {}, number: '1/BC' });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]).toMatchObject({ path: ['sections'] });
  });

  it("keeps each document's narrative in a stream of its own, a unit's apart from the province's", () => {
    expect(narrativeStream(of)).toBe('narrative-68-2026-year-end');
    expect(narrativeStream({ ...of, unit: 'so-tai-chinh' })).toBe('narrative-68-2026-year-end-so-tai-chinh');
  });
});

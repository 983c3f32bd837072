import type { z } from 'zod';
import { parsePeriod } from '../shared/period.ts';
import type { AssignTask } from './task.ts';

/**
 * Appendix I of plan 2653/KH-BCĐ (22/8/2023) of the Tây Ninh steering committee for collective
 * economy and cooperatives: the tasks, their lead and coordinating agencies and due times, as
 * written (seed 001). Used by tests that replay it as assigned tasks, and by the demo.
 */
export const PLAN_2653 = { number: '2653/KH-BCĐ', date: '2023-08-22' };

const LM = 'Liên minh HTX tỉnh';
const SN = 'Các sở, ngành';
const SNDP = 'Các sở, ngành, địa phương';
const I = 'I. Công tác triển khai chỉ đạo';
const II = 'II. Hoàn thiện cơ chế, chính sách khuyến khích, hỗ trợ phát triển KTTT, HTX';
const III =
  'III. Triển khai các nhiệm vụ được phân công tại các Nghị quyết, Chiến lược, Chương trình, Đề án, Kế hoạch phát triển kinh tế tập thể';
const IV = 'IV. Kiểm tra, giám sát, khen thưởng và nhân rộng mô hình';

/** [ordinal, section, task, lead agencies, coordinating agencies, due time as written] */
export const TAY_NINH_TASKS: readonly [number, string, string, string[], string[], string][] = [
  [
    1,
    I,
    'Họp định kỳ Ban Chỉ đạo để tổng kết năm 2022 và xây dựng Kế hoạch triển khai nhiệm vụ năm 2023',
    [LM],
    [SN],
    'Đã tổ chức 27/3/2023',
  ],
  [2, I, 'Kiện toàn và nâng cao vai trò của Ban Chỉ đạo tỉnh về KTTT', [LM], [SN], 'Quý III/2023'],
  [
    3,
    I,
    'Tăng cường công tác truyền thông về hoạt động của Ban Chỉ đạo, thông tin phát triển KTTT, HTX',
    [LM],
    [SN],
    'Năm 2023',
  ],
  [
    4,
    I,
    'Cân đối, bố trí kinh phí từ Chương trình mục tiêu quốc gia để thực hiện các nội dung của Chương trình liên quan đến nhiệm vụ phát triển KTTT, HTX',
    ['Các Sở chủ quản Chương trình MTQG', 'UBND cấp huyện'],
    [SNDP],
    'Năm 2023',
  ],
  [
    5,
    I,
    'Bố trí ngân sách nhà nước trung hạn và hàng năm để thực hiện hỗ trợ phát triển KTTT, HTX',
    ['Sở Kế hoạch và Đầu tư (vốn đầu tư)', 'Sở Tài chính (vốn sự nghiệp)'],
    [SNDP],
    'Năm 2023',
  ],
  [
    6,
    I,
    'Xây dựng Kế hoạch hành động triển khai Nghị quyết số 09/NQ-CP ngày 02/02/2023 ban hành Chương trình hành động của Chính phủ thực hiện Nghị quyết số 20-NQ/TW',
    ['Sở Kế hoạch và Đầu tư'],
    [SNDP],
    'Đã ban hành 07/4/2023',
  ],
  [
    7,
    II,
    'Triển khai thực hiện chương trình đào tạo nghề Giám đốc hợp tác xã nông nghiệp',
    ['Sở Nông nghiệp và Phát triển nông thôn'],
    [SNDP],
    'Giai đoạn 2023 - 2025',
  ],
  [
    8,
    II,
    'Xây dựng chương trình, kế hoạch hỗ trợ phát triển HTX nông nghiệp trong tái cơ cấu lại ngành nông nghiệp và xây dựng nông thôn mới',
    ['Sở Nông nghiệp và Phát triển nông thôn'],
    [SNDP],
    'Quý IV/2023',
  ],
  [
    9,
    II,
    'Nghiên cứu, rà soát, xây dựng, hoàn thiện cơ chế, chính sách hỗ trợ kinh tế tập thể, hợp tác xã trong hoạt động tìm kiếm, ứng dụng, chuyển giao và đổi mới công nghệ',
    ['Sở Khoa học và Công nghệ'],
    [SNDP],
    'Năm 2023',
  ],
  [
    10,
    II,
    'Nghị quyết quy định chính sách hỗ trợ phát triển kinh tế tập thể, hợp tác xã trên địa bàn tỉnh Tây Ninh giai đoạn 2023-2025',
    ['Sở Kế hoạch và Đầu tư'],
    [SNDP],
    'Năm 2023',
  ],
  [11, III, 'Xây dựng Kế hoạch phát triển KTTT, HTX năm 2024', ['Sở Kế hoạch và Đầu tư'], [SNDP], 'Quý III/2023'],
  [
    12,
    III,
    'Chỉ đạo hệ thống thông tin cơ sở tuyên truyền về KTTT, HTX',
    ['Sở Thông tin và Truyền thông'],
    ['Trung tâm Văn hóa, Thể thao và Truyền thanh cấp huyện'],
    'Năm 2023',
  ],
  [13, III, 'Xây dựng Kế hoạch tuyên truyền nhằm nâng cao nhận thức về KTTT, HTX', [LM], [SNDP], 'Năm 2023'],
  [
    14,
    III,
    'Nghiên cứu đưa nội dung phát triển KTTT, HTX vào giảng dạy trong các cơ sở giáo dục nghề nghiệp',
    ['Sở Lao động - Thương binh và Xã hội'],
    [SNDP],
    'Năm 2023',
  ],
  [
    15,
    III,
    'Xây dựng và tổ chức các chương trình đào tạo nghề Giám đốc HTX, Kế toán HTX và Kiểm soát viên HTX',
    ['Sở Lao động - Thương binh và Xã hội'],
    [SNDP],
    'Năm 2023-2024',
  ],
  [
    16,
    III,
    'Kế hoạch thực hiện Đề án Hội Nông dân Việt Nam tham gia phát triển KTTT, HTX trong nông nghiệp giai đoạn 2023 - 2030',
    ['Hội Nông dân tỉnh'],
    [SNDP],
    'Năm 2023',
  ],
  [
    17,
    III,
    'Kế hoạch triển khai thực hiện Đề án "Hỗ trợ HTX do phụ nữ tham gia quản lý, tạo việc làm cho lao động nữ đến năm 2030"',
    ['Hội Liên hiệp Phụ nữ tỉnh'],
    [SNDP],
    'Năm 2023',
  ],
  [
    18,
    III,
    'Tham mưu xây dựng Đề án củng cố, nâng cao hiệu quả hoạt động của các Quỹ Hỗ trợ phát triển HTX tỉnh',
    [LM],
    [SNDP],
    'Năm 2023',
  ],
  [
    19,
    III,
    'Tổ chức các lớp đào tạo, bồi dưỡng nâng cao năng lực cán bộ quản lý nhà nước, cán bộ quản lý, thành viên trong các tổ chức KTTT, HTX',
    [LM],
    [SNDP],
    'Năm 2023',
  ],
  [
    20,
    IV,
    'Tổ chức đoàn công tác của Ban Chỉ đạo khảo sát, kiểm tra, đôn đốc tình hình chỉ đạo phát triển KTTT, HTX tại các huyện, thị xã, thành phố',
    [LM],
    [SNDP],
    'Năm 2023',
  ],
  [21, IV, 'Khen thưởng, tôn vinh và nhân rộng các mô hình KTTT, HTX hoạt động hiệu quả', [LM], [SNDP], 'Năm 2023'],
];

/** What assigns a task of the table: AssignTask's body but the task's id, which the sender chooses. */
export type TayNinhAssignment = Omit<z.input<typeof AssignTask>, 'taskId'> & { ordinal: number };

/**
 * The table as assignments, in order: due times go in as the plan writes them ("Quý III/2023"); the two tasks already
 * done ("Đã tổ chức 27/3/2023") are due on that date, as a structured date, and done on it.
 */
export const TAY_NINH_ASSIGNMENTS: readonly TayNinhAssignment[] = TAY_NINH_TASKS.map(
  ([ordinal, section, title, lead, coordinating, dueText]) => {
    const period = parsePeriod(dueText);
    const doneOn = /^Đã /.test(dueText) && period?.kind === 'date' ? period.date : undefined;
    return {
      plan: PLAN_2653,
      section,
      ordinal,
      title,
      leadAgencies: lead,
      coordinatingAgencies: coordinating,
      due: period?.kind === 'date' ? period : dueText,
      ...(doneOn ? { doneOn } : {}),
    };
  },
);

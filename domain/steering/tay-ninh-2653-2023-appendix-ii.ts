import type { SetSteeringCommittee } from './steering.ts';

/**
 * Appendix II of plan 2653/KH-BCĐ (22/8/2023, seed 001): the members of the Tây Ninh steering
 * committee and the fields and agencies each follows, as written. Used by tests that replay it.
 */
export const TAY_NINH_STEERING_2023: SetSteeringCommittee = {
  decision: { number: '2653/KH-BCĐ', date: '2023-08-22' },
  name: 'Ban Chỉ đạo đổi mới, phát triển kinh tế tập thể, hợp tác xã tỉnh Tây Ninh',
  members: [
    { memberId: 'truong-ban', position: 'Phó Chủ tịch Ủy ban nhân dân tỉnh', agency: 'UBND tỉnh', role: 'head', duties: 'Chỉ đạo điều hành chung mọi hoạt động của Ban; triệu tập và chủ trì các cuộc họp của BCĐ', oversees: { agencies: [], localities: [] } },
    { memberId: 'skhdt', position: 'Phó Giám đốc Sở Kế hoạch và Đầu tư', agency: 'Sở Kế hoạch và Đầu tư', role: 'standing-deputy', duties: 'Giúp Trưởng ban tổ chức thực hiện; điều phối các sở, ban, ngành; đôn đốc, kiểm tra việc thực hiện nhiệm vụ của thành viên BCĐ', oversees: { agencies: [], localities: [] } },
    { memberId: 'snnptnt', position: 'Phó Giám đốc Sở Nông nghiệp và Phát triển nông thôn', agency: 'Sở Nông nghiệp và Phát triển nông thôn', role: 'deputy', duties: 'Tham mưu về kinh tế tập thể trong lĩnh vực nông nghiệp', oversees: { agencies: [], localities: [] } },
    { memberId: 'lmhtx', position: 'Chủ tịch Liên minh Hợp tác xã tỉnh', agency: 'Liên minh HTX tỉnh', role: 'deputy', duties: 'Giúp Trưởng ban theo dõi, kiểm tra, tổng hợp tình hình đổi mới và phát triển kinh tế tập thể trong tỉnh', oversees: { agencies: [], localities: [] } },
    { memberId: 'mttq', position: 'Lãnh đạo Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh', agency: 'Ủy ban MTTQ Việt Nam tỉnh', role: 'member', duties: 'Tuyên truyền vận động phát triển các tổ chức kinh tế tập thể đối với các đơn vị thành viên', oversees: { agencies: [], localities: [] } },
    { memberId: 'stc', position: 'Lãnh đạo Sở Tài chính', agency: 'Sở Tài chính', role: 'member', duties: 'Tham mưu bố trí vốn ngân sách chi thường xuyên hàng năm để hỗ trợ phát triển KTTT, HTX', oversees: { agencies: [], localities: [] } },
    { memberId: 'sgtvt', position: 'Lãnh đạo Sở Giao thông vận tải', agency: 'Sở Giao thông vận tải', role: 'member', duties: 'Kinh tế tập thể trên lĩnh vực giao thông vận tải', oversees: { agencies: [], localities: [] } },
    { memberId: 'stnmt', position: 'Lãnh đạo Sở Tài nguyên và Môi trường', agency: 'Sở Tài nguyên và Môi trường', role: 'member', duties: 'Chính sách đất đai đối với các tổ chức kinh tế tập thể', oversees: { agencies: [], localities: [] } },
    { memberId: 'sct', position: 'Lãnh đạo Sở Công thương', agency: 'Sở Công thương', role: 'member', duties: 'Kinh tế tập thể trên lĩnh vực thương mại, tiểu thủ công nghiệp', oversees: { agencies: [], localities: [] } },
    { memberId: 'vp-ubnd', position: 'Lãnh đạo Văn phòng UBND tỉnh', agency: 'Văn phòng UBND tỉnh', role: 'member', duties: 'Phối hợp với Sở Kế hoạch và Đầu tư tổng hợp đề xuất, kế hoạch hoạt động; tổ chức các buổi họp của Ban', oversees: { agencies: [], localities: [] } },
    { memberId: 'nhnn', position: 'Lãnh đạo Ngân hàng Nhà nước chi nhánh tỉnh Tây Ninh', agency: 'Ngân hàng Nhà nước chi nhánh tỉnh', role: 'member', duties: 'Giám sát, kiểm tra hoạt động của các quỹ tín dụng nhân dân', oversees: { agencies: [], localities: [] } },
    { memberId: 'sxd', position: 'Lãnh đạo Sở Xây dựng', agency: 'Sở Xây dựng', role: 'member', duties: 'Tuyên truyền, vận động phát triển kinh tế tập thể trong lĩnh vực xây dựng', oversees: { agencies: [], localities: [] } },
    { memberId: 'skhcn', position: 'Lãnh đạo Sở Khoa học và Công nghệ', agency: 'Sở Khoa học và Công nghệ', role: 'member', duties: 'Chuyển giao công nghệ, xây dựng thương hiệu hàng hóa', oversees: { agencies: [], localities: [] } },
    { memberId: 'sldtbxh', position: 'Lãnh đạo Sở Lao động - Thương binh và Xã hội', agency: 'Sở Lao động - Thương binh và Xã hội', role: 'member', duties: 'Chính sách hỗ trợ đào tạo nghề, nâng cao kiến thức cho các tổ chức kinh tế tập thể', oversees: { agencies: [], localities: [] } },
    { memberId: 'quy-dtpt', position: 'Lãnh đạo Quỹ đầu tư phát triển tỉnh', agency: 'Quỹ đầu tư phát triển tỉnh', role: 'member', duties: 'Cơ chế, chính sách tín dụng để tổ chức kinh tế tập thể tiếp cận vốn vay ưu đãi', oversees: { agencies: [], localities: [] } },
    { memberId: 'stttt', position: 'Lãnh đạo Sở Thông tin và Truyền thông', agency: 'Sở Thông tin và Truyền thông', role: 'member', duties: 'Tuyên truyền phổ biến chính sách phát triển kinh tế tập thể', oversees: { agencies: [], localities: [] } },
    { memberId: 'hnd', position: 'Lãnh đạo Hội Nông dân tỉnh', agency: 'Hội Nông dân tỉnh', role: 'member', duties: 'Tuyên truyền vận động nông dân tham gia tổ chức kinh tế tập thể', oversees: { agencies: [], localities: [] } },
    { memberId: 'svhttdl', position: 'Lãnh đạo Sở Văn hóa, Thể thao và Du lịch', agency: 'Sở Văn hóa, Thể thao và Du lịch', role: 'member', duties: 'Kết hợp phát triển du lịch với HTX ngành nghề truyền thống', oversees: { agencies: [], localities: [] } },
  ],
};

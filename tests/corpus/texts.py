"""The corpus' texts, written here for it: one document of every Decree 30 type, worded as a
commune or district office words them, laid out after the decree's own model forms (Phụ lục III,
Mẫu 1.1–1.10, 2.1) and the variants real documents show. Public-domain style; no text is copied
from a third-party file."""

from __future__ import annotations

AGENCY = ("UBND HUYỆN HƯƠNG SƠN", "ỦY BAN NHÂN DÂN XÃ SƠN TÂY")
AGENCY_UBND = ("UBND TỈNH HÀ TĨNH", "ỦY BAN NHÂN DÂN HUYỆN HƯƠNG SƠN")
AGENCY_SO = ("UBND TỈNH HÀ TĨNH", "SỞ NỘI VỤ")
PLACE = "Hương Sơn"

BASES = (
    "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;",
    "Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05 tháng 3 năm 2020 của Chính phủ về công tác văn thư;",
    "Theo đề nghị của Trưởng phòng Nội vụ.",
)

TM = ("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH")
KT = ("TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH")
HEAD = ("CHỦ TỊCH",)
DIRECTOR = ("GIÁM ĐỐC",)
NAMES = ("Nguyễn Văn Hùng", "Trần Thị Lan", "Lê Đình Quang", "Phạm Minh Tuấn", "Võ Thị Hoa")

NN_DOWN = ("- Như Điều 3;", "- Thường trực Huyện ủy;", "- Chủ tịch, các PCT UBND huyện;")
NN_UP = ("- Như trên;", "- Chủ tịch, các PCT UBND huyện;")
NN_PLAIN = ("- Các phòng, ban chuyên môn;", "- UBND các xã, thị trấn;")

# slug: (title, ký hiệu abbreviation, trích yếu, căn cứ?, body, signer, Nơi nhận, Kính gửi)
TYPES: dict[str, tuple] = {
    "nghi-quyet": ("NGHỊ QUYẾT", "NQ", "Về kế hoạch đầu tư công trung hạn giai đoạn 2026 - 2030", True, (
        "Hội đồng nhân dân xã thống nhất thông qua kế hoạch đầu tư công trung hạn giai đoạn 2026 - 2030 "
        "với tổng mức vốn và danh mục công trình theo Tờ trình của Ủy ban nhân dân xã.",
        "Giao Ủy ban nhân dân xã tổ chức thực hiện Nghị quyết này; Thường trực Hội đồng nhân dân xã, "
        "các Ban của Hội đồng nhân dân xã giám sát việc thực hiện./.",
    ), ("TM. HỘI ĐỒNG NHÂN DÂN", "CHỦ TỊCH"), NN_DOWN, None),
    "quyet-dinh": ("QUYẾT ĐỊNH", "QĐ", "Về việc thành lập Tổ công tác cải cách hành chính năm 2026", True, (
        "Điều 1. Thành lập Tổ công tác cải cách hành chính năm 2026 gồm các ông, bà có tên tại danh sách "
        "kèm theo Quyết định này.",
        "Điều 2. Tổ công tác có nhiệm vụ kiểm tra, đôn đốc việc thực hiện kế hoạch cải cách hành chính "
        "tại các xã, thị trấn và báo cáo kết quả hằng quý.",
        "Điều 3. Chánh Văn phòng Hội đồng nhân dân và Ủy ban nhân dân huyện, Trưởng phòng Nội vụ và các ông, "
        "bà có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này./.",
    ), TM, NN_DOWN, None),
    "chi-thi": ("CHỈ THỊ", "CT", "Về tăng cường kỷ luật, kỷ cương hành chính", False, (
        "Thời gian qua, việc chấp hành kỷ luật, kỷ cương hành chính tại một số cơ quan, đơn vị còn hạn chế, "
        "hồ sơ thủ tục hành chính giải quyết quá hạn vẫn còn xảy ra.",
        "Chủ tịch Ủy ban nhân dân huyện yêu cầu thủ trưởng các cơ quan, đơn vị và Chủ tịch Ủy ban nhân dân các "
        "xã, thị trấn quán triệt và thực hiện nghiêm các nội dung của Chỉ thị này./.",
    ), HEAD, NN_PLAIN, None),
    "quy-che": ("QUY CHẾ", "QC", "Làm việc của Ủy ban nhân dân xã Sơn Tây nhiệm kỳ 2026 - 2031", False, (
        "Quy chế này quy định về nguyên tắc, chế độ trách nhiệm, lề lối làm việc, quan hệ công tác và trình "
        "tự giải quyết công việc của Ủy ban nhân dân xã.",
        "Thành viên Ủy ban nhân dân xã, công chức và những người hoạt động không chuyên trách ở xã chịu "
        "trách nhiệm thực hiện Quy chế này./.",
    ), TM, NN_PLAIN, None),
    "quy-dinh": ("QUY ĐỊNH", "QyĐ", "Về tiếp nhận và trả kết quả thủ tục hành chính tại Bộ phận Một cửa", False, (
        "Quy định này áp dụng đối với công chức làm việc tại Bộ phận Tiếp nhận và Trả kết quả của Ủy ban "
        "nhân dân xã và tổ chức, cá nhân có yêu cầu giải quyết thủ tục hành chính.",
        "Công chức tiếp nhận hồ sơ phải hướng dẫn đầy đủ, một lần bằng văn bản các nội dung cần bổ sung, "
        "hoàn thiện hồ sơ theo đúng quy định./.",
    ), TM, NN_PLAIN, None),
    "thong-cao": ("THÔNG CÁO", "TC", "Kết quả kỳ họp thứ nhất Hội đồng nhân dân xã khóa mới", False, (
        "Ngày 15 tháng 3 năm 2026, Hội đồng nhân dân xã Sơn Tây tổ chức kỳ họp thứ nhất, bầu các chức danh "
        "của Hội đồng nhân dân và Ủy ban nhân dân xã nhiệm kỳ 2026 - 2031.",
        "Kỳ họp đã hoàn thành toàn bộ nội dung, chương trình đề ra và bế mạc vào chiều cùng ngày./.",
    ), TM, NN_PLAIN, None),
    "thong-bao": ("THÔNG BÁO", "TB", "Lịch tiếp công dân định kỳ của Chủ tịch Ủy ban nhân dân xã", False, (
        "Chủ tịch Ủy ban nhân dân xã tiếp công dân định kỳ vào ngày 10 và ngày 25 hằng tháng tại Trụ sở "
        "tiếp công dân của Ủy ban nhân dân xã.",
        "Ủy ban nhân dân xã thông báo để các tổ chức, cá nhân biết và liên hệ theo lịch trên./.",
    ), TM, NN_PLAIN, None),
    "huong-dan": ("HƯỚNG DẪN", "HD", "Cách lập hồ sơ đề nghị khen thưởng công tác cải cách hành chính", False, (
        "Hồ sơ đề nghị khen thưởng gồm tờ trình của đơn vị, biên bản họp xét của Hội đồng thi đua, khen thưởng "
        "và báo cáo thành tích của tập thể, cá nhân được đề nghị.",
        "Các đơn vị gửi hồ sơ về Phòng Nội vụ trước ngày 30 tháng 11 hằng năm để tổng hợp, trình Chủ tịch Ủy ban "
        "nhân dân huyện xem xét./.",
    ), ("TL. CHỦ TỊCH", "TRƯỞNG PHÒNG NỘI VỤ"), NN_PLAIN, None),
    "chuong-trinh": ("CHƯƠNG TRÌNH", "CTr", "Công tác trọng tâm năm 2026 của Ủy ban nhân dân xã", False, (
        "Năm 2026, Ủy ban nhân dân xã tập trung thực hiện các nhiệm vụ phát triển kinh tế, xã hội, bảo đảm "
        "quốc phòng, an ninh và đẩy mạnh cải cách hành chính.",
        "Các bộ phận chuyên môn căn cứ Chương trình này xây dựng kế hoạch cụ thể và báo cáo kết quả hằng "
        "tháng về Văn phòng Ủy ban nhân dân xã./.",
    ), TM, NN_PLAIN, None),
    "ke-hoach": ("KẾ HOẠCH", "KH", "Kiểm tra công tác cải cách hành chính năm 2026", False, (
        "Kiểm tra nhằm đánh giá kết quả thực hiện nhiệm vụ cải cách hành chính tại các xã, thị trấn; kịp thời "
        "phát hiện, chấn chỉnh những tồn tại, hạn chế.",
        "Phòng Nội vụ chủ trì, phối hợp với các cơ quan liên quan tổ chức kiểm tra theo lịch kèm theo Kế hoạch "
        "này và báo cáo kết quả trước ngày 15 tháng 12 năm 2026./.",
    ), KT, NN_PLAIN, None),
    "phuong-an": ("PHƯƠNG ÁN", "PA", "Phòng, chống lụt bão và tìm kiếm cứu nạn năm 2026", False, (
        "Phương án xác định các khu vực xung yếu, lực lượng, phương tiện sẵn sàng ứng phó khi có bão, lũ "
        "xảy ra trên địa bàn xã.",
        "Ban Chỉ huy phòng, chống thiên tai và tìm kiếm cứu nạn xã chịu trách nhiệm tổ chức thực hiện Phương "
        "án này./.",
    ), TM, NN_PLAIN, None),
    "de-an": ("ĐỀ ÁN", "ĐA", "Chuyển đổi số trong giải quyết thủ tục hành chính giai đoạn 2026 - 2030", False, (
        "Đề án đặt mục tiêu đến năm 2030 toàn bộ hồ sơ thủ tục hành chính được tiếp nhận, giải quyết trên "
        "môi trường điện tử và kết quả được số hóa.",
        "Kinh phí thực hiện Đề án được bố trí từ ngân sách địa phương và các nguồn hợp pháp khác./.",
    ), TM, NN_PLAIN, None),
    "du-an": ("DỰ ÁN", "DA", "Nâng cấp đường giao thông liên thôn Tây Sơn - Trung Hòa", False, (
        "Dự án nâng cấp tuyến đường dài 2,5 km với mặt đường bê tông xi măng rộng 5 m, hệ thống thoát nước "
        "và biển báo theo tiêu chuẩn đường giao thông nông thôn.",
        "Thời gian thực hiện Dự án từ tháng 4 năm 2026 đến tháng 12 năm 2026./.",
    ), TM, NN_PLAIN, None),
    "bao-cao": ("BÁO CÁO", "BC", "Kết quả thực hiện công tác cải cách hành chính quý I năm 2026", False, (
        "Trong quý I năm 2026, Ủy ban nhân dân xã đã tiếp nhận 1.245 hồ sơ thủ tục hành chính, giải quyết "
        "đúng hạn 1.240 hồ sơ, đạt tỷ lệ 99,6%.",
        "Ủy ban nhân dân xã kính báo cáo Ủy ban nhân dân huyện xem xét, chỉ đạo./.",
    ), TM, NN_UP, "Ủy ban nhân dân huyện Hương Sơn."),
    "bien-ban": ("BIÊN BẢN", "BB", "Họp xét thi đua, khen thưởng năm 2026", False, (
        "Thời gian bắt đầu: 08 giờ 00 phút, ngày 20 tháng 11 năm 2026, tại Hội trường Ủy ban nhân dân xã, "
        "thành phần gồm các thành viên Hội đồng thi đua, khen thưởng xã.",
        "Cuộc họp kết thúc vào 10 giờ 30 phút cùng ngày, biên bản đã được đọc lại cho các thành viên dự họp "
        "cùng nghe và nhất trí thông qua./.",
    ), ("CHỦ TỌA",), (), None),
    "to-trinh": ("TỜ TRÌNH", "TTr", "Đề nghị phê duyệt kế hoạch cải cách hành chính năm 2026", False, (
        "Thực hiện chỉ đạo của Ủy ban nhân dân huyện, Ủy ban nhân dân xã đã xây dựng dự thảo kế hoạch cải cách "
        "hành chính năm 2026 với các nhiệm vụ trọng tâm.",
        "Ủy ban nhân dân xã kính trình Ủy ban nhân dân huyện xem xét, phê duyệt./.",
    ), TM, NN_UP, "Ủy ban nhân dân huyện Hương Sơn."),
    "hop-dong": ("HỢP ĐỒNG", "HĐ", "Thuê dịch vụ bảo vệ trụ sở Ủy ban nhân dân xã", False, (
        "Bên A thuê Bên B cung cấp dịch vụ bảo vệ trụ sở Ủy ban nhân dân xã 24 giờ mỗi ngày trong thời gian "
        "12 tháng kể từ ngày ký Hợp đồng.",
        "Hợp đồng được lập thành 04 bản có giá trị pháp lý như nhau, mỗi bên giữ 02 bản./.",
    ), ("ĐẠI DIỆN BÊN B", "GIÁM ĐỐC"), (), None),
    "cong-dien": ("CÔNG ĐIỆN", "CĐ", "Về việc chủ động ứng phó với bão số 3", False, (
        "Chủ tịch Ủy ban nhân dân huyện điện: Chủ tịch Ủy ban nhân dân các xã, thị trấn; Thủ trưởng các cơ quan, "
        "đơn vị trên địa bàn huyện.",
        "Yêu cầu các đơn vị tổ chức trực ban nghiêm túc 24/24 giờ và báo cáo tình hình về Ban Chỉ huy phòng, "
        "chống thiên tai huyện trước 17 giờ hằng ngày./.",
    ), HEAD, NN_PLAIN, None),
    "ban-ghi-nho": ("BẢN GHI NHỚ", "BGN", "Về hợp tác trong chuyển đổi số giữa hai xã", False, (
        "Hai bên thống nhất chia sẻ kinh nghiệm, tài liệu hướng dẫn và phối hợp tập huấn cho công chức về "
        "sử dụng Hệ thống thông tin giải quyết thủ tục hành chính.",
        "Bản ghi nhớ có hiệu lực kể từ ngày ký và được lập thành 02 bản, mỗi bên giữ 01 bản./.",
    ), ("ĐẠI DIỆN XÃ SƠN TÂY", "CHỦ TỊCH"), (), None),
    "ban-thoa-thuan": ("BẢN THỎA THUẬN", "BTT", "Phối hợp quản lý an ninh trật tự vùng giáp ranh", False, (
        "Hai bên thỏa thuận trao đổi thông tin định kỳ hằng tháng về tình hình an ninh, trật tự tại các thôn "
        "giáp ranh và phối hợp giải quyết các vụ việc phát sinh.",
        "Bản thỏa thuận được lập thành 02 bản có giá trị như nhau, mỗi bên giữ 01 bản./.",
    ), ("ĐẠI DIỆN XÃ SƠN TÂY", "CHỦ TỊCH"), (), None),
    "giay-uy-quyen": ("GIẤY ỦY QUYỀN", "GUQ", None, False, (
        "Chủ tịch Ủy ban nhân dân xã Sơn Tây ủy quyền cho ông Lê Văn Bình, Phó Chủ tịch Ủy ban nhân dân xã, "
        "ký các văn bản chứng thực bản sao từ bản chính trong thời gian từ ngày 01 tháng 4 năm 2026.",
        "Người được ủy quyền không được ủy quyền lại cho người khác./.",
    ), HEAD, (), None),
    "giay-moi": ("GIẤY MỜI", "GM", "Dự hội nghị sơ kết công tác cải cách hành chính", False, (
        "Ủy ban nhân dân huyện trân trọng kính mời đồng chí Chủ tịch Ủy ban nhân dân xã dự hội nghị sơ kết công "
        "tác cải cách hành chính 06 tháng đầu năm 2026.",
        "Thời gian: 08 giờ 00 phút, ngày 10 tháng 7 năm 2026; địa điểm: Hội trường Ủy ban nhân dân huyện./.",
    ), ("TL. CHỦ TỊCH", "CHÁNH VĂN PHÒNG"), NN_PLAIN, None),
    "giay-gioi-thieu": ("GIẤY GIỚI THIỆU", "GGT", None, False, (
        "Ủy ban nhân dân xã Sơn Tây trân trọng giới thiệu bà Nguyễn Thị Mai, công chức Văn phòng - Thống kê, "
        "được cử đến Sở Nội vụ tỉnh Hà Tĩnh liên hệ công tác.",
        "Đề nghị Quý cơ quan tạo điều kiện để bà Nguyễn Thị Mai hoàn thành nhiệm vụ. Giấy này có giá trị đến "
        "hết ngày 30 tháng 4 năm 2026./.",
    ), HEAD, NN_PLAIN, None),
    "giay-nghi-phep": ("GIẤY NGHỈ PHÉP", "GNP", None, False, (
        "Xét đơn đề nghị nghỉ phép ngày 02 tháng 3 năm 2026 của ông Trần Văn Nam, công chức Tư pháp - Hộ tịch, "
        "Chủ tịch Ủy ban nhân dân xã cấp giấy nghỉ phép cho ông Trần Văn Nam.",
        "Thời gian nghỉ 07 ngày, từ ngày 09 tháng 3 năm 2026 đến hết ngày 15 tháng 3 năm 2026 tại thôn Trung "
        "Hòa, xã Sơn Tây./.",
    ), HEAD, NN_PLAIN, None),
    "phieu-gui": ("PHIẾU GỬI", "PG", None, False, (
        "Văn phòng Ủy ban nhân dân huyện gửi kèm theo Phiếu này 05 bộ hồ sơ đề nghị khen thưởng của các xã "
        "để Phòng Nội vụ thẩm định theo quy định.",
        "Đề nghị đơn vị nhận ký xác nhận và gửi lại Phiếu này cho Văn phòng Ủy ban nhân dân huyện./.",
    ), ("CHÁNH VĂN PHÒNG",), (), None),
    "phieu-chuyen": ("PHIẾU CHUYỂN", "PC", None, False, (
        "Ủy ban nhân dân huyện chuyển đơn kiến nghị của công dân thôn Tây Sơn đến Ủy ban nhân dân xã Sơn Tây "
        "để xem xét, giải quyết theo thẩm quyền.",
        "Kết quả giải quyết đề nghị thông báo cho công dân và báo cáo Ủy ban nhân dân huyện./.",
    ), ("TL. CHỦ TỊCH", "CHÁNH VĂN PHÒNG"), (), None),
    "phieu-bao": ("PHIẾU BÁO", "PB", None, False, (
        "Văn phòng Ủy ban nhân dân huyện báo để Ủy ban nhân dân các xã biết lịch giao ban trực tuyến tháng 4 "
        "năm 2026 được dời sang ngày 08 tháng 4 năm 2026.",
        "Các đơn vị chuẩn bị đường truyền, thiết bị và cử cán bộ kỹ thuật hỗ trợ./.",
    ), ("CHÁNH VĂN PHÒNG",), (), None),
    "thu-cong": ("THƯ CẢM ƠN", None, None, False, (
        "Ủy ban nhân dân xã Sơn Tây trân trọng cảm ơn các tổ chức, cá nhân đã chung tay ủng hộ Nhân dân khắc "
        "phục hậu quả cơn bão số 3 vừa qua.",
        "Sự giúp đỡ quý báu đó đã góp phần giúp các hộ dân sớm ổn định cuộc sống, khôi phục sản xuất./.",
    ), HEAD, (), None),
}

CONG_VAN = {
    "vv": "V/v đôn đốc khắc phục tồn tại trong công tác cải cách hành chính",
    "kg": ("- Các phòng, ban chuyên môn thuộc UBND huyện;", "- Ủy ban nhân dân các xã, thị trấn."),
    "body": (
        "Qua kiểm tra công tác cải cách hành chính 06 tháng đầu năm 2026, một số đơn vị còn để hồ sơ thủ tục "
        "hành chính giải quyết quá hạn, chưa công khai đầy đủ thủ tục hành chính tại Bộ phận Một cửa.",
        "Ủy ban nhân dân huyện yêu cầu các đơn vị khẩn trương khắc phục các tồn tại nêu trên và báo cáo kết "
        "quả về Phòng Nội vụ trước ngày 30 tháng 8 năm 2026./.",
    ),
}

# Typed without marks (rule DAU): how a phone keyboard without Vietnamese input produces it.
NO_MARKS = ("Uy ban nhan dan xa de nghi cac thon to chuc thuc hien viec ra soat ho so thu tuc hanh chinh "
            "theo quy dinh va bao cao ket qua ve Uy ban nhan dan xa truoc ngay 30 thang 4./.")

NOT_A_DOCUMENT = (
    "Ghi chép cuộc họp giao ban tuần",
    "Anh Hùng báo cáo tiến độ số hóa hồ sơ; chị Lan phụ trách tổng hợp số liệu gửi huyện.",
    "Việc tuần sau: rà soát danh mục thủ tục hành chính, cập nhật trang thông tin điện tử.",
)

# Layouts met in real files (issue #12, second measurement): texts written here for them.
FORM = (  # an individual's application: Quốc hiệu, Tiêu ngữ, no agency, no number
    "ĐƠN ĐỀ NGHỊ XÁC NHẬN NƠI CƯ TRÚ",
    "Kính gửi: Ủy ban nhân dân xã Sơn Tây",
    "Họ và tên người làm đơn: ………………………………………",
    "Sinh ngày: …… tháng …… năm ……",
    "Số định danh cá nhân/CCCD: ………………………………………",
    "Số điện thoại: ………………………………………",
    "Tôi làm đơn này đề nghị Ủy ban nhân dân xã xác nhận nơi cư trú hiện nay của tôi để bổ sung hồ sơ "
    "xin việc. Tôi xin cam đoan những nội dung khai trên là đúng sự thật.",
)
PARTY = (  # a Party committee's resolution: `ĐẢNG CỘNG SẢN VIỆT NAM` in place of the Quốc hiệu
    ("ĐẢNG BỘ XÃ SƠN TÂY", "CHI BỘ THÔN 3", "*", "Số 04-NQ/CB"),
    ("ĐẢNG CỘNG SẢN VIỆT NAM", "Sơn Tây, ngày 12 tháng 3 năm 2026"),
    "NGHỊ QUYẾT",
    "về lãnh đạo thực hiện nhiệm vụ chuyển đổi số của thôn năm 2026",
    "Chi bộ thống nhất lãnh đạo đảng viên, nhân dân trong thôn tham gia các nền tảng số, hoàn thành "
    "cài đặt ứng dụng định danh điện tử cho người dân trong độ tuổi trước tháng 6 năm 2026.",
)
PHIEU_TRINH = (  # the Văn phòng's internal slip that goes with a tờ trình
    "PHIẾU TRÌNH GIẢI QUYẾT CÔNG VIỆC",
    ("1. Vấn đề trình: Công nhận kết quả đại hội Hội Người cao tuổi xã nhiệm kỳ 2026 - 2031.",
     "2. Cơ quan trình: Phòng Nội vụ (Tờ trình số 21/TTr-NV ngày 10 tháng 3 năm 2026).",
     "3. Ý kiến của chuyên viên: Hồ sơ đủ điều kiện, đề nghị Lãnh đạo Ủy ban nhân dân xem xét."),
    ("Ý kiến của Lãnh đạo Văn phòng", "Ngày …… tháng …… năm ……"),
)
# A law with the law amending it, one basis; the last basis line opens `Theo Tờ trình`.
BASES_AMENDED = (
    "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015; Luật sửa đổi, bổ sung một số "
    "điều của Luật Tổ chức Chính phủ và Luật Tổ chức chính quyền địa phương ngày 22 tháng 11 năm 2019;",
    "Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05 tháng 3 năm 2020 của Chính phủ về công tác văn thư;",
    "Theo Tờ trình số 21/TTr-NV ngày 10 tháng 3 năm 2026 của Trưởng phòng Nội vụ.",
)
DIEU_LE = ("ĐIỀU LỆ", "Hội Người cao tuổi xã Sơn Tây nhiệm kỳ 2026 - 2031",
           "(Kèm theo Quyết định số 46/QĐ-UBND ngày 20 tháng 3 năm 2026 của Ủy ban nhân dân xã)")
# A reply typed without diacritics, heavy in names and numbers (few of the commonest words).
NO_MARKS_REPLY = ("Phuc dap Cong van so 215/SNV-TCBM ngay 04/3/2026 cua So Noi vu ve viec cu dai dien tham gia "
                  "Hoi dong tham dinh Du an duong lien thon Son Kim 1 - Son Kim 2 - Son Tay, Ban Quan ly du an "
                  "cu ba Le Thi Mai, Pho Giam doc Ban, tham gia Hoi dong tham dinh neu o tren./.")

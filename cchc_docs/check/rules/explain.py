"""For each rule: how to fix what it finds (`cách sửa`), the decree's text it rests on, and a
correct example. Read by Finding.how_to_fix (the JSON "fix" field) and `cchc check --explain`.
The decree's wording is quoted from NĐ 30/2020/NĐ-CP, Phụ lục I (shortened where marked …)."""

from __future__ import annotations

EXPLAIN: dict[str, dict[str, str]] = {
    "VB": {
        "fix": "kiểm tra đúng tệp; nếu là văn bản hành chính, trình bày đủ phần đầu theo Phụ lục I "
               "(Quốc hiệu, Tiêu ngữ, tên cơ quan, số và ký hiệu, địa danh và ngày tháng)",
        "decree": "Điều 8 khoản 1: Văn bản hành chính gồm các thành phần chính: a) Quốc hiệu và Tiêu ngữ; "
                  "b) Tên cơ quan, tổ chức ban hành văn bản; c) Số, ký hiệu của văn bản; d) Địa danh và thời "
                  "gian ban hành văn bản; đ) Tên loại và trích yếu nội dung văn bản; e) Nội dung văn bản; "
                  "g) Chức vụ, họ tên và chữ ký của người có thẩm quyền; h) Dấu, chữ ký số của cơ quan, tổ chức; "
                  "i) Nơi nhận.",
        "example": "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM / Độc lập - Tự do - Hạnh phúc; Số: 05/UBND-NV; "
                   "Hương Sơn, ngày 05 tháng 7 năm 2024",
    },
    "MACRO": {
        "fix": "mở tệp bằng Word, chọn Lưu thành (Save As) kiểu “Word Document (*.docx)” để bỏ macro",
        "decree": "Không phải quy tắc thể thức: Nghị định không nói tới macro. Macro VBA chạy mã khi mở tệp, "
                  "không thuộc nội dung văn bản; người nhận không nên mở tệp có macro từ bên ngoài.",
        "example": "van-ban.docx (không có word/vbaProject.bin)",
    },
    "PG-A4": {
        "fix": "Bố cục (Layout) → Khổ giấy (Size) → A4; Hướng (Orientation) → Dọc, trừ trang chỉ có bảng, phụ lục",
        "decree": "I.1. Khổ giấy: Khổ A4 (210 mm x 297 mm). I.2. Kiểu trình bày: Theo chiều dài của khổ A4. "
                  "Trường hợp nội dung văn bản có các bảng, biểu nhưng không được làm thành các phụ lục riêng "
                  "thì văn bản có thể được trình bày theo chiều rộng.",
        "example": "A4 dọc: 210 × 297 mm",
    },
    "PG-MAR": {
        "fix": "Bố cục → Lề (Margins) → Tùy chỉnh: trên 2 cm, dưới 2 cm, trái 3 cm, phải 1,5 cm",
        "decree": "I.3. Định lề trang: Cách mép trên và mép dưới 20 - 25 mm, cách mép trái 30 - 35 mm, "
                  "cách mép phải 15 - 20 mm.",
        "example": "lề trên 20 mm, dưới 20 mm, trái 30 mm, phải 15 mm",
    },
    "FT-TNR": {
        "fix": "chọn toàn bộ văn bản (Ctrl+A), đặt phông Times New Roman và màu chữ Tự động/Đen; "
               "sửa cả kiểu (Style) Normal",
        "decree": "I.4. Phông chữ: Phông chữ tiếng Việt Times New Roman, bộ mã ký tự Unicode theo Tiêu chuẩn "
                  "Việt Nam TCVN 6909:2001, màu đen.",
        "example": "Times New Roman, màu đen",
    },
    "FT-UNI": {
        "fix": "chuyển mã sang Unicode dựng sẵn bằng Unikey/EVKey (Công cụ chuyển mã: nguồn TCVN3/VNI, "
               "đích Unicode), rồi đặt phông Times New Roman",
        "decree": "I.4. … bộ mã ký tự Unicode theo Tiêu chuẩn Việt Nam TCVN 6909:2001 …",
        "example": "“Cộng hòa” gõ bằng bảng mã Unicode, kiểu gõ Telex/VNI",
    },
    "PN-1": {
        "fix": "Chèn (Insert) → Số trang (Page Number) → Đầu trang, giữa; chọn “Trang đầu khác” "
               "(Different First Page); cỡ 13–14, chữ đứng",
        "decree": "I.7. Số trang văn bản: Được đánh từ số 1, bằng chữ số Ả Rập, cỡ chữ 13 đến 14, kiểu chữ đứng, "
                  "được đặt canh giữa theo chiều ngang trong phần lề trên của văn bản, không hiển thị số trang thứ nhất.",
        "example": "trang 2 có số “2” canh giữa ở lề trên; trang 1 không có số",
    },
    "PN-PL": {
        "fix": "đặt Ngắt phần (Section Break → Next Page) trước “Phụ lục”, rồi Định dạng số trang → Bắt đầu từ 1",
        "decree": "III.1.đ. … Số trang của phụ lục được đánh riêng theo từng phụ lục.",
        "example": "Phụ lục I trang 1, 2…; Phụ lục II lại từ trang 1",
    },
    "HD-TBL": {
        "fix": "trình bày phần đầu trong một bảng 2 cột, không viền (Table → Borders → No Border): cột trái "
               "cơ quan, số; cột phải Quốc hiệu, Tiêu ngữ, địa danh và ngày tháng",
        "decree": "Phụ lục I, Phần I, mục IV: sơ đồ bố trí các thành phần thể thức: ô số 1 (Quốc hiệu, Tiêu ngữ) "
                  "bên phải, ô số 2 (tên cơ quan) và ô số 3 (số, ký hiệu) bên trái, ô số 4 (địa danh, ngày tháng) "
                  "bên phải.",
        "example": "bảng 2 cột: “ỦY BAN NHÂN DÂN … / Số: 05/UBND-NV” | “CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM / …”",
    },
    "QH": {
        "fix": "gõ đúng “CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM” trên một dòng, in hoa, cỡ 12–13, đậm, canh giữa ở cột phải",
        "decree": "II.1.a. Quốc hiệu “CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM”: Được trình bày bằng chữ in hoa, cỡ chữ "
                  "từ 12 đến 13, kiểu chữ đứng, đậm và ở phía trên cùng, bên phải trang đầu tiên của văn bản.",
        "example": "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    },
    "TN": {
        "fix": "gõ “Độc lập - Tự do - Hạnh phúc” (gạch nối có dấu cách), cỡ 13–14, đậm, canh giữa dưới Quốc hiệu; "
               "kẻ đường nét liền (Shape → Line hoặc viền dưới đoạn) dài bằng dòng chữ",
        "decree": "II.1.b. Tiêu ngữ “Độc lập - Tự do - Hạnh phúc”: Được trình bày bằng chữ in thường, cỡ chữ từ 13 "
                  "đến 14, kiểu chữ đứng, đậm và được canh giữa dưới Quốc hiệu; chữ cái đầu của các cụm từ được "
                  "viết hoa, giữa các cụm từ có gạch nối (-), có cách chữ; phía dưới có đường kẻ ngang, nét liền, "
                  "có độ dài bằng độ dài của dòng chữ.",
        "example": "Độc lập - Tự do - Hạnh phúc",
    },
    "CQ": {
        "fix": "tên cơ quan in hoa cỡ 12–13, cơ quan ban hành đậm, chủ quản không đậm, canh giữa; kẻ đường nét "
               "liền dài 1/3–1/2 dòng chữ dưới tên cơ quan ban hành (không gõ bằng dấu gạch “-----”)",
        "decree": "II.2.b. Tên cơ quan, tổ chức ban hành văn bản được trình bày bằng chữ in hoa, cỡ chữ từ 12 đến "
                  "13, kiểu chữ đứng, đậm, được đặt canh giữa dưới tên cơ quan, tổ chức chủ quản trực tiếp; phía "
                  "dưới có đường kẻ ngang, nét liền, có độ dài bằng từ 1/3 đến 1/2 độ dài của dòng chữ và đặt cân "
                  "đối so với dòng chữ.",
        "example": "UBND HUYỆN HƯƠNG SƠN / PHÒNG NỘI VỤ (đậm) / ────",
    },
    "SO": {
        "fix": "viết “Số: 05/UBND-NV”: chữ “Số” rồi dấu hai chấm, số < 10 thêm số 0, ký hiệu in hoa nối bằng "
               "gạch nối, tên loại viết tắt đúng Phụ lục III (QyĐ cho quy định, TTr cho tờ trình); cỡ 13, đứng",
        "decree": "II.3. … Số của văn bản được ghi bằng chữ số Ả Rập; đối với những số nhỏ hơn 10 phải ghi thêm số 0 "
                  "phía trước. Ký hiệu của văn bản bao gồm chữ viết tắt tên loại văn bản và chữ viết tắt tên cơ "
                  "quan, tổ chức … Từ “Số” được trình bày bằng chữ in thường, cỡ chữ 13, kiểu chữ đứng; sau từ "
                  "“Số” có dấu hai chấm (:); giữa số và ký hiệu văn bản có dấu gạch chéo (/); giữa các nhóm chữ "
                  "viết tắt ký hiệu văn bản có dấu gạch nối (-), không cách chữ.",
        "example": "Số: 05/UBND-NV (công văn); Số: 12/BC-UBND (báo cáo); Số: 03/QyĐ-UBND (quy định)",
    },
    "DT": {
        "fix": "viết “Hương Sơn, ngày 05 tháng 7 năm 2024”: ngày < 10 và tháng 1, 2 thêm số 0; in thường, "
               "nghiêng, cỡ 13–14, canh giữa dưới Tiêu ngữ",
        "decree": "II.4.b. Thời gian ban hành văn bản … phải được viết đầy đủ; các số thể hiện ngày, tháng, năm "
                  "dùng chữ số Ả Rập; đối với những số thể hiện ngày nhỏ hơn 10 và tháng 1, 2 phải ghi thêm số 0 "
                  "phía trước. II.4.c. … được trình bày … bằng chữ in thường, cỡ chữ từ 13 đến 14, kiểu chữ "
                  "nghiêng; các chữ cái đầu của địa danh phải viết hoa; sau địa danh có dấu phẩy (,).",
        "example": "Hà Nội, ngày 05 tháng 01 năm 2020; Hương Sơn, ngày 29 tháng 6 năm 2024",
    },
    "TL": {
        "fix": "tên loại in hoa, cỡ 13–14, đậm, canh giữa; trích yếu ngay dưới, in thường, đậm; đường kẻ nét "
               "liền dài 1/3–1/2 dòng chữ dưới trích yếu",
        "decree": "II.5.b. Tên loại văn bản được đặt canh giữa theo chiều ngang văn bản bằng chữ in hoa, cỡ chữ từ "
                  "13 đến 14, kiểu chữ đứng, đậm; trích yếu nội dung văn bản được đặt ngay dưới tên loại văn bản, "
                  "bằng chữ in thường, cỡ chữ từ 13 đến 14, kiểu chữ đứng, đậm; bên dưới trích yếu có đường kẻ "
                  "ngang, nét liền, có độ dài bằng từ 1/3 đến 1/2 độ dài của dòng chữ.",
        "example": "BÁO CÁO / Kết quả cải cách hành chính năm 2024 / ────",
    },
    "VV": {
        "fix": "dưới số, ký hiệu của công văn viết “V/v <trích yếu>”, in thường, cỡ 12–13, đứng, cách số 6 pt",
        "decree": "II.5.b. … Trích yếu nội dung công văn được trình bày tại ô số 5b, sau chữ “V/v” bằng chữ in "
                  "thường, cỡ chữ từ 12 đến 13, kiểu chữ đứng; được đặt canh giữa dưới số và ký hiệu văn bản, "
                  "cách dòng 6pt với số và ký hiệu văn bản.",
        "example": "V/v đôn đốc khắc phục tồn tại cải cách hành chính",
    },
    "KG": {
        "fix": "viết “Kính gửi:”; một nơi nhận thì cùng dòng; nhiều nơi thì mỗi nơi một dòng “- …;”, dòng cuối “.”",
        "decree": "II.9.d. … Đối với công văn, tờ trình, báo cáo gửi cơ quan cấp trên: sau “Kính gửi” có dấu hai "
                  "chấm (:); nếu gửi một cơ quan … thì “Kính gửi” và tên cơ quan … được trình bày trên cùng một "
                  "dòng; trường hợp gửi nhiều cơ quan … thì xuống dòng, tên mỗi cơ quan … được trình bày trên một "
                  "dòng riêng, đầu dòng có gạch đầu dòng (-), cuối dòng có dấu chấm phẩy (;), cuối dòng cuối cùng "
                  "có dấu chấm (.).",
        "example": "Kính gửi: Ủy ban nhân dân tỉnh Hà Tĩnh.",
    },
    "BD": {
        "fix": "chọn phần nội dung: Canh đều (Ctrl+J), Thụt dòng đầu 1 cm hoặc 1,27 cm, Khoảng cách trước ≥ 6 pt, "
               "Giãn dòng từ Single đến 1,5 lines, cỡ 13–14; đoạn cuối kết thúc “./.”",
        "decree": "II.6.e. Nội dung văn bản được trình bày bằng chữ in thường, được canh đều cả hai lề, kiểu chữ "
                  "đứng; cỡ chữ từ 13 đến 14; khi xuống dòng, chữ đầu dòng lùi vào 1 cm hoặc 1,27 cm; khoảng cách "
                  "giữa các đoạn văn tối thiểu là 6pt; khoảng cách giữa các dòng tối thiểu là dòng đơn, tối đa là "
                  "1,5 lines.",
        "example": "đoạn canh đều, thụt đầu dòng 1,27 cm, trước 6 pt, giãn dòng 1,15",
    },
    "CC": {
        "fix": "mỗi căn cứ một dòng, bắt đầu bằng “Căn cứ”, in nghiêng, cỡ 13–14, cuối dòng “;”, dòng cuối “.”",
        "decree": "II.6.a. … Căn cứ ban hành văn bản được trình bày bằng chữ in thường, kiểu chữ nghiêng, cỡ chữ từ "
                  "13 đến 14, trình bày dưới phần tên loại và trích yếu nội dung văn bản; sau mỗi căn cứ phải xuống "
                  "dòng, cuối dòng có dấu chấm phẩy (;), dòng cuối cùng kết thúc bằng dấu chấm (.).",
        "example": "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;",
    },
    "DM": {
        "fix": "đặt “Phần”, “Chương” (số La Mã) và “Mục” (số Ả Rập) riêng một dòng, canh giữa, đậm, tên in hoa đậm "
               "dòng dưới; “Điều 1.” đậm, lùi đầu dòng 1–1,27 cm",
        "decree": "II.6.e. … Trường hợp nội dung văn bản được bố cục theo phần, chương, mục …: từ “Phần”, “Chương” "
                  "và số thứ tự của phần, chương được trình bày trên một dòng riêng, canh giữa, bằng chữ in thường, "
                  "cỡ chữ từ 13 đến 14, kiểu chữ đứng, đậm. Số thứ tự của phần, chương dùng chữ số La Mã. Tiêu đề "
                  "của phần, chương được trình bày ngay dưới, canh giữa, bằng chữ in hoa, cỡ chữ từ 13 đến 14, kiểu "
                  "chữ đứng, đậm … Từ “Điều”, số thứ tự và tiêu đề của điều được trình bày bằng chữ in thường, cách lề "
                  "trái 1 cm hoặc 1,27 cm, số thứ tự của điều dùng chữ số Ả Rập, sau số thứ tự có dấu chấm (.); cỡ "
                  "chữ bằng cỡ chữ của phần lời văn, kiểu chữ đứng, đậm.",
        "example": "Chương I / QUY ĐỊNH CHUNG / Điều 1. Phạm vi điều chỉnh",
    },
    "SG": {
        "fix": "quyền hạn (TM., KT., Q., TL., TUQ.) và chức vụ in hoa, đậm, cỡ 13–14; họ tên in thường, đậm, "
               "không ghi học hàm, học vị; cấp phó ký thay cấp trưởng ghi “KT.”",
        "decree": "II.7.a. … Trường hợp cấp phó được giao ký thay người đứng đầu cơ quan thì phải ghi chữ viết tắt "
                  "“KT.” vào trước chức vụ của người đứng đầu … II.7.b. Quyền hạn, chức vụ của người ký được trình "
                  "bày … bằng chữ in hoa, cỡ chữ từ 13 đến 14, kiểu chữ đứng, đậm … Họ và tên của người ký … bằng "
                  "chữ in thường, cỡ chữ từ 13 đến 14, kiểu chữ đứng, đậm … không ghi học hàm, học vị và các danh "
                  "hiệu danh dự khác.",
        "example": "KT. CHỦ TỊCH / PHÓ CHỦ TỊCH / Nguyễn Văn A",
    },
    "NN": {
        "fix": "“Nơi nhận:” cỡ 12, đậm, nghiêng; mỗi nơi một dòng “- …;” cỡ 11; văn bản có “Kính gửi” bắt đầu "
               "bằng “- Như trên;”; dòng cuối “- Lưu: VT, <đơn vị soạn thảo>.”",
        "decree": "II.9.d. … Từ “Nơi nhận” được trình bày … bằng chữ in thường, cỡ chữ 12, kiểu chữ nghiêng, đậm; "
                  "sau từ “Nơi nhận” có dấu hai chấm (:) … Phần liệt kê các cơ quan … được trình bày bằng chữ in "
                  "thường, cỡ chữ 11, kiểu chữ đứng; tên mỗi cơ quan … hoặc mỗi nhóm … được trình bày trên một dòng "
                  "riêng, đầu dòng có gạch đầu dòng (-) sát lề trái, cuối dòng có dấu chấm phẩy (;); dòng cuối cùng "
                  "bao gồm chữ “Lưu” sau có dấu hai chấm (:), tiếp theo là chữ viết tắt “VT”, dấu phẩy (,), chữ viết "
                  "tắt tên đơn vị soạn thảo … cuối cùng là dấu chấm (.).",
        "example": "Nơi nhận: / - Như trên; / - Lưu: VT, NV.",
    },
    "PL": {
        "fix": "“Phụ lục I” riêng một dòng, canh giữa, cỡ 14, đậm; tên phụ lục in hoa, đậm; dòng "
               "“(Kèm theo … số …/… ngày … của …)” in nghiêng; nội dung văn bản phải nhắc tới từng phụ lục",
        "decree": "III.1.a–b. Văn bản có phụ lục thì trong văn bản phải có chỉ dẫn về phụ lục đó … Từ “Phụ lục” và "
                  "số thứ tự của phụ lục được trình bày thành một dòng riêng, canh giữa, bằng chữ in thường, cỡ chữ "
                  "14, kiểu chữ đứng, đậm; nếu có từ hai phụ lục trở lên thì phải ghi số thứ tự bằng chữ số La Mã. "
                  "Tên phụ lục được trình bày canh giữa, bằng chữ in hoa, cỡ chữ từ 13 đến 14, kiểu chữ đứng, đậm.",
        "example": "Phụ lục I / DANH SÁCH CÁC XÃ CHƯA KHẮC PHỤC / (Kèm theo Báo cáo số 12/BC-UBND ngày 05 tháng 7 "
                   "năm 2024 của UBND huyện Hương Sơn)",
    },
    "KM": {
        "fix": "dấu “KHẨN”, “THƯỢNG KHẨN”, “HỎA TỐC”, “MẬT”, “TỐI MẬT”, “TUYỆT MẬT” in hoa, đậm, cỡ 13–14, "
               "dưới số và ký hiệu ở cột trái",
        "decree": "II.10.b. Dấu chỉ mức độ khẩn (“HỎA TỐC”, “THƯỢNG KHẨN”, “KHẨN”) … được trình bày tại ô số 10b … "
                  "bằng chữ in hoa, phông chữ Times New Roman, cỡ chữ từ 13 đến 14, kiểu chữ đứng, đậm, được đặt "
                  "trong khung hình chữ nhật viền đơn.",
        "example": "KHẨN (cột trái, dưới số và ký hiệu)",
    },
    "DAU": {
        "fix": "gõ lại bằng tiếng Việt có dấu (Unikey/EVKey, bảng mã Unicode)",
        "decree": "I.4. Phông chữ tiếng Việt Times New Roman, bộ mã ký tự Unicode … (văn bản tiếng Việt có dấu).",
        "example": "“Ủy ban nhân dân” (không phải “Uy ban nhan dan”)",
    },
}


def explain(rule_id: str) -> str | None:
    """The text `cchc check --explain RULE` prints, or None for an unknown rule id."""
    from . import RULES

    rule = RULES.get(rule_id) or RULES.get(rule_id.upper())
    if rule is None:
        return None
    info = EXPLAIN.get(rule.id, {})
    lines = [f"{rule.id}: {rule.description}", f"Căn cứ: {rule.reference}"]
    if info.get("decree"):
        lines.append(f"Nghị định viết: {info['decree']}")
    if info.get("example"):
        lines.append(f"Ví dụ đúng: {info['example']}")
    if info.get("fix"):
        lines.append(f"Cách sửa: {info['fix']}")
    return "\n".join(lines)

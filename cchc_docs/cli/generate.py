"""The generating commands: init, validate, letter, forms, report, results, build."""

from __future__ import annotations

import click

from .options import (announce, backdate_option, date_option, db_option, emit, issue_option,
                      number_option, output_option, results_option, say, workspace_option)


def _session(workspace):
    from ..pipeline import Session

    return Session(workspace)


@click.command()
@click.argument("directory", type=click.Path(file_okay=False), metavar="THƯ_MỤC")
@click.option("--province", metavar="TỈNH",
              help="Tạo workspace cho Ủy ban nhân dân tỉnh, thành phố (danh mục 2025: 34 tỉnh, thành phố), "
                   "với mọi xã, phường, đặc khu của tỉnh. Tên viết có dấu hay không đều được.")
@click.option("--agency", metavar="CƠ_QUAN",
              help="Cùng --province: workspace của một cơ quan chuyên môn của UBND tỉnh, "
                   "ví dụ 'Sở Nội vụ', 'Văn phòng UBND tỉnh'.")
@click.option("--commune", metavar="XÃ",
              help="Cùng --province: workspace của Ủy ban nhân dân xã, phường, gửi các thôn, tổ dân phố.")
@click.option("--villages", type=click.Path(dir_okay=False), metavar="TỆP",
              help="Cùng --commune: danh sách thôn, tổ dân phố của xã (CSV/Excel: code, name, type).")
@click.option("--year", type=click.IntRange(2000, 2100), help="Năm của đợt kiểm tra (mặc định: năm nay).")
@click.option("--sample", metavar="TÊN",
              help="Bộ dữ liệu mẫu: huong-son-2024 (mặc định) hoặc ha-tinh-2026.")
def init(directory, province, agency, commune, villages, year, sample):
    """Tạo workspace mới tại THƯ_MỤC: từ bộ dữ liệu mẫu, hoặc cho một cơ quan của năm 2025.

    Tạo cchc.toml, data/ và templates/ sẵn để sửa, cùng thư mục output/ trống. Không ghi
    đè gì: nếu thư mục đã có cchc.toml, data/ hoặc templates/ thì dừng và nêu chúng.

    \b
    Ví dụ:
      cchc init hs2024                                   # mẫu Hương Sơn 2024
      cchc init ht2026 --sample ha-tinh-2026             # mẫu UBND tỉnh Hà Tĩnh 2026
      cchc init ubnd-tinh --province "Hà Tĩnh"           # UBND tỉnh, 69 xã, phường
      cchc init snv --province "Hà Tĩnh" --agency "Sở Nội vụ"
      cchc init sk1 --province "Hà Tĩnh" --commune "Sơn Kim 1" --villages thon.csv
    """
    from .. import workspace

    root = workspace.init(directory, province=province, agency=agency, commune=commune, sample=sample,
                          villages=villages, year=year)
    say(f"Đã tạo workspace: {root}")
    from ..units.workspaces import describe

    for line in describe(root):
        say(line)
    emit([root])


@click.command()
@workspace_option
def validate(workspace):
    """Kiểm tra toàn bộ dữ liệu của workspace và báo mọi lỗi cùng lúc.

    Đọc cchc.toml và mọi tệp trong data/, nêu từng lỗi với tệp, dòng và cột. Mã
    thoát 0 khi dữ liệu hợp lệ, 2 khi có lỗi.
    """
    say(_session(workspace).validate())


@click.command()
@workspace_option
@date_option("Ngày ban hành. Bỏ trống: bản dự thảo, ngày tháng để trống.")
@number_option
@output_option()
@issue_option
@backdate_option
@db_option
def letter(workspace, date, number, out_dir, do_issue, backdate, db_url):
    """Soạn công văn đôn đốc khắc phục tồn tại, hạn chế từ dữ liệu.

    Câu nêu tồn tại và các chú thích được tính từ data/findings.csv; không có
    --number và --date thì công văn là bản dự thảo trình ký.

    \b
    Ví dụ:
      cchc letter                                # output/cong-van-don-doc.docx (dự thảo)
      cchc letter --number 5 --date 2024-07-05   # Số: 05/UBND-NV, ngày 05 tháng 7 năm 2024
      cchc letter --issue --date 2024-07-05      # số tiếp theo của sổ đăng ký, lưu bản chính
    """
    _produce("letter", workspace, date, number, out_dir, do_issue, db_url, backdate)


def _produce(what, workspace, date, number, out_dir, do_issue, db_url, backdate, **kwargs):
    paths, issued = _session(workspace).produce(what, date=date, number=number, issue=do_issue,
                                                out_dir=out_dir, db_url=db_url, warn=say,
                                                backdate=backdate, **kwargs)
    if issued is not None:
        announce(issued)
    emit(paths)


@click.command()
@workspace_option
@output_option()
@click.option("--pdf", "with_pdf", is_flag=True,
              help="Xuất thêm bản PDF của mọi văn bản Word (cần LibreOffice), vào output/pdf/.")
def build(workspace, out_dir, with_pdf):
    """Soạn mọi văn bản của workspace: công văn, phiếu từng xã, báo cáo tổng hợp.

    In đường dẫn mọi tệp đã ghi, mỗi dòng một tệp. Với --pdf, mọi tệp Word được
    chuyển sang PDF (một tiến trình LibreOffice cho cả lô).
    """
    session = _session(workspace)
    paths = session.build(out_dir=out_dir, warn=say)
    emit(paths)
    if with_pdf:
        emit(session.build_pdf(paths))


@click.command()
@workspace_option
@click.option("--only", metavar="TÊN_HOẶC_MÃ,...",
              help="Chỉ các đơn vị này (mã hoặc tên, cách nhau dấu phẩy), ví dụ --only 'Sơn Kim 1,18205'.")
@click.option("--format", "formats", default="docx,xlsx", show_default=True, metavar="docx,xlsx",
              help="Định dạng phiếu: docx (Word), xlsx (Excel) hoặc cả hai.")
@click.option("--jobs", "-j", type=click.IntRange(1, 64), default=1, show_default=True, metavar="N",
              help="Số tiến trình song song (cho hàng trăm, hàng nghìn đơn vị).")
@output_option("Thư mục ghi kết quả (mặc định: output/; phiếu nằm trong output/forms/).")
def forms(workspace, only, formats, jobs, out_dir):
    """Soạn phiếu báo cáo khắc phục cho từng đơn vị (Word và Excel), điền sẵn tồn tại của đơn vị.

    Mỗi đơn vị trong data/communes.csv một phiếu Word và một phiếu Excel, trong
    output/forms/, đặt tên theo đơn vị (son-kim-1.docx), kèm manifest.csv
    (tệp, đơn vị, số dòng, sha256). Đơn vị không có tồn tại nhận phiếu ghi rõ điều đó.

    \b
    Ví dụ:
      cchc forms                               # 25 × (.docx + .xlsx) cho bộ dữ liệu mẫu
      cchc forms --only "Sơn Long,18196" --format docx
      cchc forms --jobs 2                      # cả tỉnh: chia cho 2 tiến trình
    """
    chosen = [f.strip().lower() for f in formats.split(",") if f.strip()]
    if not chosen or set(chosen) - {"docx", "xlsx"}:
        raise click.BadParameter("chỉ nhận docx, xlsx hoặc docx,xlsx", param_hint="--format")
    # `--only ''` (or no --only) is every commune; `--only ','` names none: an error.
    names = [n.strip() for n in only.split(",") if n.strip()] if only and only.strip() else None
    emit(_session(workspace).write_forms(only=names, formats=tuple(dict.fromkeys(chosen)), jobs=jobs,
                                         out_dir=out_dir, progress=True))


@click.command()
@workspace_option
@results_option
@output_option()
@date_option("Ngày ban hành. Bỏ trống: bản dự thảo; với --issue: mặc định hôm nay.")
@number_option
@issue_option
@backdate_option
@db_option
def report(workspace, results, out_dir, date, number, do_issue, backdate, db_url):
    """Soạn báo cáo tổng hợp kết quả khắc phục gửi Sở Nội vụ, từ phiếu các đơn vị gửi về.

    Đọc mọi phiếu .xlsx/.docx trong data/results/ (nhận đơn vị theo mã ghi trên phiếu),
    cảnh báo từng lỗi với tệp, dòng và cột, rồi ghi output/bao-cao-tong-hop.docx. Mã
    thoát 2 chỉ khi không có phiếu nào dùng được.

    \b
    Ví dụ:
      cchc results            # xem tình hình nhận phiếu trước
      cchc report             # output/bao-cao-tong-hop.docx (dự thảo)
      cchc report --issue --date 2024-09-05
    """
    _produce("report", workspace, date, number, out_dir, do_issue, db_url, backdate, results=results)


@click.command()
@workspace_option
@results_option
def results(workspace, results):
    """Bảng tiếp nhận phiếu: đơn vị, tệp, số dòng, đã/đang/chưa khắc phục, lỗi.

    In bảng tiếp nhận phiếu và từng lỗi; không ghi tệp nào.
    """
    table, problems = _session(workspace).intake_table(results=results)
    click.echo(table)
    for problem in problems:
        say(f"Cảnh báo: {problem}")

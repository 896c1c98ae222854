"""`cchc register …`: the văn thư's commands for the outgoing register.

Only click at import time: the group is built every time `cchc` starts, and
SQLAlchemy/lxml would cost that start-up for nothing.
"""

from __future__ import annotations

import json

import click

from .options import announce, date_option, db_option, emit, workspace_option
from .sign import key_options, opened_signer


def _common(f):
    return workspace_option(db_option(f))


def _series_option(help_text):
    return click.option("--series", metavar="NAME", default=None, help=help_text)


@click.group(subcommand_metavar="LỆNH [THAM SỐ]...")
def register():
    """Sổ đăng ký văn bản đi: cấp số, ghi ngày, lưu bản chính (Nghị định 30, Phụ lục IV).

    Số văn bản được cấp liên tiếp từ số 01 vào ngày 01 tháng 01 hằng năm, theo từng cơ
    quan và từng sổ, không bỏ số, không trùng số, kể cả khi nhiều văn thư cùng cấp số
    một lúc. Sổ đăng ký là tệp SQLite register.sqlite trong workspace, hoặc một cơ sở
    dữ liệu PostgreSQL dùng chung (--db / CCHC_DB).

    \b
    Ví dụ:
      cchc register issue output/cong-van-don-doc.docx --date 2024-07-05
      cchc register list --year 2024
      cchc register export --year 2024 -o so-van-ban-di-2024.xlsx
      cchc register void 05 --year 2024 --reason "Ban hành nhầm đối tượng"
      cchc register verify
    """


@register.command("issue")
@click.argument("file", type=click.Path(dir_okay=False))
@date_option("Ngày ban hành (mặc định: hôm nay).")
@_series_option("Sổ cấp số (mặc định: 'chung', một sổ cho mọi văn bản hành chính).")
@click.option("--backdate", metavar="LÝ DO", default=None,
              help="Cho phép ngày sớm hơn văn bản đã cấp số gần nhất; lý do ghi vào cột Ghi chú.")
@click.option("--copies", type=click.IntRange(1), default=None, metavar="N",
              help="Số lượng bản phát hành (cột 7 của sổ); bỏ trống để ghi tay.")
@click.option("--sign", "do_sign", is_flag=True,
              help="Ban hành điện tử: xuất PDF, ký số cơ quan (ảnh con dấu --seal), lưu PDF đã ký.")
@click.option("--seal", type=click.Path(dir_okay=False), metavar="PNG", help="Ảnh con dấu đỏ, PNG nền trong suốt.")
@click.option("--signed-pdf", type=click.Path(dir_okay=False), metavar="PDF",
              help="PDF người có thẩm quyền đã ký (cchc sign --as signer): điền số, ngày vào đó rồi ký cơ quan.")
@click.option("--tsa", metavar="URL", help="Máy chủ dấu thời gian (PAdES B-T).")
@key_options
@_common
def issue_cmd(file, date, series, backdate, copies, do_sign, seal, signed_pdf, tsa, p12, library, token, key_label,
              workspace, db_url):
    """Cấp số, ghi ngày và lưu văn bản FILE vào sổ đăng ký văn bản đi.

    FILE là bản dự thảo của cơ quan, dòng số để trống (`Số:      /UBND-NV`), đã qua
    kiểm tra `cchc check --draft`. Bản đã điền số, ngày được ghi vào
    output/ban-hanh/<số>-<ký hiệu>-<tên>.docx (FILE vẫn là bản dự thảo); mỗi đơn vị ở
    dòng `Lưu:` của văn bản được lưu một bản vào output/archive/<năm>/<đơn vị>/. Đường
    dẫn các bản lưu được in ra stdout, mỗi dòng một tệp. Văn bản bị từ chối không làm
    mất số nào của sổ.
    """
    if do_sign:
        return _issue_signed(file, date, series, backdate, copies, seal, signed_pdf, tsa,
                             (p12, library, token, key_label), workspace, db_url)
    from ..register import issue

    issued = issue(workspace, file, date=date, series=series, db_url=db_url,
                   backdate=backdate, copies=copies)
    announce(issued)
    emit(issued.archived)


def _issue_signed(file, date, series, backdate, copies, seal, signed_pdf, tsa, key, workspace, db_url):
    from ..sign.issue import issue_signed

    if not seal:
        raise click.UsageError("--sign cần ảnh con dấu: --seal CON-DAU.png")
    with opened_signer(*key) as signer:
        done = issue_signed(workspace, file, signer, seal, signed_pdf=signed_pdf, date=date, series=series,
                            db_url=db_url, backdate=backdate, copies=copies, tsa_url=tsa)
    announce(done.issued)
    click.echo(f"Đã ký số cơ quan và lưu PDF đã ký: {done.pdf}", err=True)
    emit([done.pdf, *done.archived])


@register.command("void")
@click.argument("number")
@click.option("--year", type=click.IntRange(1900, 9999), default=None,
              help="Năm của văn bản (mặc định: năm nay).")
@_series_option("Sổ của văn bản, khi năm đó có nhiều văn bản cùng số ở các sổ khác nhau.")
@click.option("--reason", required=True, metavar="LÝ DO", help="Lý do thu hồi (ghi vào cột Ghi chú).")
@_common
def void_cmd(number, year, series, reason, workspace, db_url):
    """Thu hồi văn bản số NUMBER (5, 05 hoặc 05/UBND-NV).

    Văn bản vẫn còn trong sổ, được ghi "Thu hồi: <lý do>"; số của văn bản đó không bao
    giờ được cấp lại.
    """
    from ..vn import format_date_short
    from ..register import void

    entry = void(workspace, number, reason, year=year, series=series, db_url=db_url)
    click.echo(f"Đã thu hồi văn bản {entry.label} ngày {format_date_short(entry.date)} "
               f"(sổ '{entry.series}' năm {entry.year}). Số này không được cấp lại.", err=True)


@register.command("list")
@click.option("--year", type=click.IntRange(1900, 9999), default=None, help="Chỉ năm này (mặc định: mọi năm).")
@_series_option("Chỉ sổ này (mặc định: mọi sổ).")
@click.option("--json", "as_json", is_flag=True, help="In dạng JSON.")
@_common
def list_cmd(year, series, as_json, workspace, db_url):
    """Liệt kê các văn bản đã cấp số."""
    from ..vn import format_date_short
    from ..register import list_entries

    rows = list_entries(workspace, year=year, series=series, db_url=db_url)
    if as_json:
        click.echo(json.dumps([e.as_json() for e in rows], ensure_ascii=False, indent=2))
        return
    if not rows:
        click.echo("Sổ đăng ký chưa có văn bản nào" + (f" năm {year}" if year else "") + ".", err=True)
        return
    for e in rows:
        note = f"  [{e.notes}]" if e.notes else ""
        click.echo(f"{e.year}  {e.series}  {e.label:<14} {format_date_short(e.date):<10}  {e.title}{note}")


@register.command("export")
@click.option("--year", type=click.IntRange(1900, 9999), required=True, help="Năm của sổ.")
@click.option("-o", "--output", "out", required=True, type=click.Path(dir_okay=False),
              metavar="FILE.xlsx|FILE.docx", help="Tệp kết quả: .xlsx hoặc .docx.")
@_series_option("Chỉ sổ này (mặc định: mọi sổ của năm).")
@_common
def export_cmd(year, out, series, workspace, db_url):
    """Xuất sổ đăng ký văn bản đi của một năm để in và đóng quyển (Phụ lục IV).

    Khổ A4 nằm ngang, có bìa sổ (tên cơ quan, năm, từ số đến số, từ ngày đến ngày),
    đủ 10 cột theo Nghị định 30, dòng tiêu đề cột lặp lại ở mọi trang, văn bản đã thu
    hồi được ghi chú.
    """
    from ..register import export

    path = export(workspace, year, out, series=series, db_url=db_url)
    click.echo(f"Đã xuất sổ đăng ký văn bản đi năm {year}.", err=True)
    click.echo(str(path))


@register.command("verify")
@click.option("--all", "all_origins", is_flag=True,
              help="Kiểm tra cả các tệp do máy khác lưu (sổ dùng chung, thư mục lưu trữ dùng chung).")
@click.option("--trust", multiple=True, type=click.Path(dir_okay=False), metavar="CA.pem",
              help="Chứng thư gốc tin cậy để kiểm tra lại chữ ký số của các PDF đã lưu.")
@_common
def verify_cmd(all_origins, trust, workspace, db_url):
    """Kiểm tra lại mọi tệp đã lưu: còn đủ, không bị sửa; số liên tục.

    In ra stdout từng tệp bị mất hoặc bị sửa; mã thoát 1 khi có bất kỳ sai sót nào.
    """
    from ..register import verify

    report = verify(workspace, db_url=db_url, all_origins=all_origins)
    for path in report.recovered:
        click.echo(f"Đã hoàn tất lưu tệp còn dở (máy tắt giữa chừng): {path}", err=True)
    for path in report.removed:
        click.echo(f"Đã xóa tệp tạm không thuộc số nào: {path}", err=True)
    for path, what in report.bad:
        if what == "missing":
            click.echo(f"Lỗi: mất tệp lưu: {path}", err=True)
        else:
            click.echo(f"Lỗi: tệp lưu đã bị sửa (mã băm khác): {path}", err=True)
        click.echo(str(path))
    for problem in report.numbering:
        click.echo(f"Lỗi: {problem}", err=True)
    if report.elsewhere:
        click.echo(f"{report.elsewhere} tệp do máy khác lưu, không kiểm tra (dùng --all nếu thư mục "
                   "lưu trữ dùng chung).", err=True)
    signed = _verify_signed(workspace, trust)
    if report.ok and signed:
        click.echo(f"Sổ đăng ký và {report.checked} tệp lưu đều khớp.", err=True)
        return
    click.get_current_context().exit(1)


def _verify_signed(workspace, trust) -> bool:
    """Signed PDFs of the archive: hash beside each, signatures re-validated (pyHanko loads
    only when the archive has any)."""

    from ..workspace import load

    base = load(workspace).root / "output" / "archive"
    if not (base.is_dir() and next(base.rglob("*.pdf.sha256"), None)):
        return True
    from ..sign.issue import verify_archive

    from .sign import _quiet

    _quiet()
    rep = verify_archive(workspace, trust=trust)
    for path, what in rep.bad:
        click.echo(f"Lỗi: {what}: {path}", err=True)
        click.echo(str(path))
    if rep.ok:
        click.echo(f"{rep.checked} PDF đã ký trong lưu trữ: mã băm khớp, chữ ký số còn hợp lệ.", err=True)
    return rep.ok

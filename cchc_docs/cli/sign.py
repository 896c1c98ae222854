"""`cchc sign` and `cchc verify`: signed PDFs as Decree 30 wants them (pyHanko loads inside)."""

from __future__ import annotations

import contextlib
import json
from pathlib import Path

import click

from .options import iso_date

ROLES = ("signer", "agency", "attachment", "copy")


def _quiet() -> None:
    # pyHanko logs a full traceback for every certificate it cannot chain; the verdict
    # below already says so in Vietnamese.
    import logging

    logging.getLogger("pyhanko").setLevel(logging.CRITICAL)
    logging.getLogger("pyhanko_certvalidator").setLevel(logging.CRITICAL)


def _ask(question: str) -> str:
    return click.prompt(question, hide_input=True)


def _default_agency(workspace):
    try:
        from ..workspace import load

        return load(workspace).config.agency.name
    except Exception:   # no workspace here: the clerk gives --agency
        return None


def key_options(f):
    """--key KEY.p12 | --pkcs11 LIBRARY --token LABEL [--key-label L]: one signing key."""
    f = click.option("--key-label", metavar="L", help="Nhãn khóa trên token (mặc định: khóa duy nhất của token).")(f)
    f = click.option("--token", metavar="LABEL", help="Tên (nhãn) token, dùng với --pkcs11.")(f)
    f = click.option("--pkcs11", "library", type=click.Path(dir_okay=False), metavar="LIBRARY",
                     help="Thư viện PKCS#11 của USB token (vd. /usr/lib/softhsm/libsofthsm2.so); "
                          "PIN từ CCHC_KEY_PIN hoặc hỏi khi chạy.")(f)
    return click.option("--key", "p12", type=click.Path(dir_okay=False), metavar="KEY.p12",
                        help="Tệp khóa ký PKCS#12 (.p12/.pfx); mật khẩu lấy từ CCHC_KEY_PASSWORD "
                             "hoặc hỏi khi chạy (không bao giờ ghi trên dòng lệnh).")(f)


@contextlib.contextmanager
def opened_signer(p12, library, token, key_label):
    """The signer for the `with` block (a token session is closed afterwards)."""
    from ..sign import keys

    _quiet()
    if bool(p12) == bool(library):
        raise click.UsageError("chọn một khóa ký: --key KEY.p12 hoặc --pkcs11 LIBRARY --token LABEL")
    if library and not token:
        raise click.UsageError("--pkcs11 cần --token LABEL")
    if p12:
        yield keys.load_p12(p12, ask=_ask)
    else:
        with keys.pkcs11_signer(library, token, key_label, ask=_ask) as signer:
            yield signer


@click.command()
@click.argument("pdf", type=click.Path(dir_okay=False))
@click.option("--as", "role", type=click.Choice(ROLES), required=True,
              help="signer: người có thẩm quyền; agency: cơ quan (văn thư); attachment: tệp kèm theo; "
                   "copy: bản sao y điện tử.")
@key_options
@click.option("--image", type=click.Path(dir_okay=False), metavar="PNG",
              help="Ảnh chữ ký (signer, màu xanh) hoặc con dấu (agency, màu đỏ), PNG nền trong suốt.")
@click.option("--number", "number_label", metavar="SỐ/KÝ-HIỆU",
              help="attachment: số và ký hiệu văn bản (vd. 05/UBND-NV); agency: số cấp cho văn bản (vd. 5).")
@click.option("--date", callback=iso_date, metavar="YYYY-MM-DD", help="agency: ngày ban hành điền vào văn bản.")
@click.option("--agency", "agency_name", metavar="TÊN", help="copy: tên cơ quan sao y (mặc định: từ cchc.toml).")
@click.option("--tsa", metavar="URL", help="Máy chủ dấu thời gian (PAdES B-T); bỏ trống: PAdES B-B.")
@click.option("--seal-mm", type=click.FloatRange(20, 60), default=36.0, show_default=True,
              help="Đường kính thật của con dấu (mm).")
@click.option("-o", "--output", "out", type=click.Path(dir_okay=False), metavar="OUT.pdf",
              help="Tệp kết quả (mặc định: TÊN-ky.pdf cạnh tệp gốc).")
@click.option("--workspace", "-w", "workspace", default=None, type=click.Path(file_okay=False), hidden=True)
def sign(pdf, role, p12, library, token, key_label, image, number_label, date, agency_name, tsa, seal_mm,
         out, workspace):
    """Ký số PDF theo Nghị định 30 (Phụ lục I): chữ ký người có thẩm quyền, chữ ký cơ quan,
    tệp kèm theo, bản sao điện tử.

    Vị trí đặt hình ảnh và thông tin chữ ký được xác định từ chính nội dung chữ của PDF
    (khối chữ ký của người có thẩm quyền, góc trên bên phải trang 1). Chữ ký cơ quan có
    --number và --date điền số và ngày vào các ô mà chữ ký của người có thẩm quyền đã để
    sẵn, không làm hỏng chữ ký đó. In đường dẫn PDF đã ký ra stdout.

    \b
    Ví dụ:
      cchc sign du-thao.pdf --as signer --key chu-tich.p12 --image chu-ky.png -o da-ky.pdf
      cchc sign da-ky.pdf --as agency --key co-quan.p12 --image con-dau.png --number 5 --date 2024-07-05
      cchc sign phu-luc.pdf --as attachment --pkcs11 /usr/lib/softhsm/libsofthsm2.so --token VGCA --number 05/UBND-NV
    """
    from ..errors import InputError, Problem
    from ..sign import signing

    src = Path(pdf)
    if not src.is_file():
        raise InputError(Problem("không tìm thấy tệp PDF", file=str(src)))
    if src.stat().st_size > signing.MAX_PDF_BYTES:
        raise InputError(Problem("tệp PDF quá lớn (tối đa 64 MB)", file=str(src)))
    issue = None
    if role == "agency" and (number_label or date):
        if not (number_label and date) or not number_label.isdigit():
            raise click.UsageError("chữ ký cơ quan điền số: cần cả --number (số, vd. 5) và --date YYYY-MM-DD")
        issue = (int(number_label), date)
    if role == "copy" and not agency_name:
        agency_name = _default_agency(workspace)
    target = Path(out) if out else src.with_name(f"{src.stem}-ky.pdf")
    data = src.read_bytes()

    with opened_signer(p12, library, token, key_label) as signer:
        result = signing.sign_pdf(data, signer, role, image=image, number_label=number_label,
                                  agency_name=agency_name, issue=issue, tsa_url=tsa, seal_mm=seal_mm, name=str(src))
    from ..ooxml.package import atomic_write

    atomic_write(target, result.data)
    click.echo(f"Đã ký ({role}) lúc {signing.format_time(result.when)}, trang {result.page + 1}, "
               f"ô {result.box.whole()}.", err=True)
    click.echo(str(target))


@click.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False), metavar="PDF...")
@click.option("--trust", multiple=True, type=click.Path(dir_okay=False), metavar="CA.pem",
              help="Chứng thư gốc tin cậy (vd. của Ban Cơ yếu Chính phủ); lặp lại được.")
@click.option("--json", "as_json", is_flag=True, help="In kết quả dạng JSON.")
def verify(files, trust, as_json):
    """Kiểm tra chữ ký số của PDF: ai ký, lúc nào, văn bản có bị sửa sau khi ký không,
    chứng thư có tin cậy không, hình thức chữ ký có đúng Nghị định 30 không.

    Mã thoát 0 khi mọi chữ ký đều hợp lệ, 1 khi có chữ ký không hợp lệ, chứng thư không
    tin cậy hoặc văn bản bị sửa sau khi ký, 2 khi có tệp không đọc được.
    """
    from ..sign.verify import verify_pdf

    _quiet()
    from ..sign.signing import MAX_PDF_BYTES
    from ..sign.verify import Report

    reports = []
    for f in files:
        p = Path(f)
        if not p.is_file() or p.stat().st_size == 0:
            reports.append(Report(str(p), [], error="không tìm thấy tệp hoặc tệp rỗng"))
        elif p.stat().st_size > MAX_PDF_BYTES:      # checked before reading it into memory
            reports.append(Report(str(p), [], error="tệp PDF quá lớn (tối đa 64 MB)"))
        else:
            reports.append(verify_pdf(p.read_bytes(), trust=trust, name=str(p)))
    if as_json:
        click.echo(json.dumps([r.as_json() for r in reports], ensure_ascii=False, indent=2))
    else:
        for r in reports:
            _print(r)
    unreadable = any(r.error and not r.unsigned for r in reports)
    ctx = click.get_current_context()
    if unreadable and not any((r.signatures or r.unsigned) and not r.ok for r in reports):
        ctx.exit(2)
    if not all(r.ok for r in reports):
        ctx.exit(1)


def _print(r) -> None:
    if r.error:
        click.echo(f"{r.file}: Lỗi: {r.error}")
        return
    click.echo(f"{r.file}: {len(r.signatures)} chữ ký, " + ("đều hợp lệ" if r.ok else "CÓ CHỮ KÝ KHÔNG HỢP LỆ"))
    for s in r.signatures:
        flags = [("nguyên vẹn" if s.intact and s.valid else "SAI CHỮ KÝ/BỊ SỬA"),
                 ("tin cậy" if s.trusted else "CHỨNG THƯ KHÔNG TIN CẬY"),
                 ("không sửa sau khi ký" if not s.changed_after else f"BỊ SỬA SAU KHI KÝ ({s.modification})")]
        if s.modification == "FORM_FILLING":
            flags[-1] = "sau đó chỉ điền số, ngày và ký tiếp"
        role = {"signer": "người ký", "agency": "cơ quan", "attachment": "tệp kèm theo", "copy": "sao y"}.get(
            s.role, "khác")
        click.echo(f"  [{role}] {s.signer} lúc {s.signed_at or '?'}: {', '.join(flags)}")
        if s.appearance_ok is True:
            click.echo("    hình thức đúng Nghị định 30")
        for problem in s.appearance:
            click.echo(f"    hình thức: {problem}")

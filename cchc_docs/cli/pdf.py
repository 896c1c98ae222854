"""`cchc pdf`: LibreOffice is reached inside the command."""

from __future__ import annotations

import click

from .options import emit, say


@click.command()
@click.argument("files", nargs=-1, required=True, metavar="FILE...", type=click.Path(dir_okay=False))
@click.option("-o", "--output", "out_dir", type=click.Path(file_okay=False), metavar="DIR",
              help="Thư mục ghi PDF (mặc định: cạnh từng tệp .docx).")
def pdf(files, out_dir):
    """Xuất PDF bằng LibreOffice (không cần mở giao diện).

    Mọi tệp được chuyển qua một tiến trình LibreOffice duy nhất (khởi động LibreOffice
    là bước chậm nhất), với thư mục cấu hình riêng, nên vẫn chạy được khi LibreOffice
    đang mở. In đường dẫn từng tệp PDF ra stdout, mỗi dòng một tệp. Cần cài LibreOffice
    và bộ phông chữ fonts-liberation2.

    \b
    Ví dụ:
      cchc pdf output/cong-van-don-doc.docx        # output/cong-van-don-doc.pdf
      cchc pdf output/*.docx -o output/pdf
      cchc build | xargs -d '\\n' cchc pdf        # .xlsx, manifest.csv: bỏ qua, có báo
    """
    from ..errors import CchcError, Problem
    from ..pdf import convert, split_inputs

    docx, skipped = split_inputs(files)
    if skipped:
        say(f"Bỏ qua {len(skipped)} tệp không phải Word .docx (chỉ văn bản Word được xuất PDF): "
            + ", ".join(p.name for p in skipped))
    if not docx:
        raise CchcError(Problem("không có tệp Word .docx nào để xuất PDF",
                                hint="ví dụ: cchc pdf output/cong-van-don-doc.docx"))
    emit(convert(docx, out_dir))

"""`cchc serve`: the web front. FastAPI and uvicorn load only when the command runs."""

from __future__ import annotations

import os

import click

from .options import db_option, workspace_option


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Địa chỉ lắng nghe. Mặc định chỉ máy này; 0.0.0.0 (cả mạng) cần có tài khoản.")
@click.option("--port", type=click.IntRange(1, 65535), default=8030, show_default=True, help="Cổng.")
@click.option("--open", "open_browser", is_flag=True, help="Mở trình duyệt khi máy chủ đã chạy.")
@click.option("--allow-host", "allow_hosts", multiple=True, metavar="TÊN",
              help="Tên hoặc địa chỉ máy chủ mà trình duyệt dùng (chế độ văn phòng), có thể lặp lại.")
@click.option("--jobs", "workers", type=click.IntRange(1, 64), default=1, show_default=True,
              help="Số tiến trình khi tạo phiếu hàng loạt.")
@click.option("--add-user", "add_user", metavar="TÊN", default=None,
              help="Tạo (hoặc đổi mật khẩu) tài khoản TÊN rồi thoát; mật khẩu hỏi khi chạy "
                   "hoặc lấy từ biến CCHC_WEB_PASSWORD, không bao giờ trên dòng lệnh.")
@click.option("--role", type=click.Choice(["van-thu", "chuyen-vien"]), default=None,
              help="Vai trò của tài khoản mới: van-thu (cấp số, thu hồi, xuất sổ) hoặc chuyen-vien (soạn thảo).")
@click.option("--sign-key", "sign_key", type=click.Path(dir_okay=False), default=None, metavar="KHÓA.p12",
              help="Khóa ký số của cơ quan (.p12/.pfx) trên máy chủ: văn bản cấp số trên trang web được "
                   "ký số cơ quan thành PDF. Mật khẩu chỉ lấy từ biến CCHC_KEY_PASSWORD. Cần cùng --seal.")
@click.option("--seal", type=click.Path(dir_okay=False), default=None, metavar="CON-DAU.png",
              help="Ảnh con dấu (PNG nền trong suốt) đặt lên chữ ký số cơ quan.")
@workspace_option
@db_option
def serve(host, port, open_browser, allow_hosts, workers, add_user, role, sign_key, seal, workspace, db_url):
    """Mở trang web làm việc của cchc (tiếng Việt, chạy trên máy này, không cần Internet).

    \b
    Ví dụ:
      cchc serve --open                       # http://127.0.0.1:8030/
      cchc serve --add-user lan.vt --role van-thu
      cchc serve --host 0.0.0.0 --allow-host may-chu.noivu.local --db postgresql://…
      CCHC_KEY_PASSWORD=… cchc serve --sign-key co-quan.p12 --seal con-dau.png
    """
    from .. import workspace as ws_mod
    from ..errors import InputError, Problem
    from ..web import accounts

    root = ws_mod.load(workspace).root
    if add_user:
        if role is None:
            raise InputError(Problem("thiếu --role cho tài khoản mới", hint="--role van-thu hoặc --role chuyen-vien"))
        password = os.environ.get("CCHC_WEB_PASSWORD") or click.prompt(
            "Mật khẩu", hide_input=True, confirmation_prompt="Nhập lại mật khẩu", err=True)
        path = accounts.add_user(root, add_user, role, password)
        click.echo(f"Đã lưu tài khoản {add_user} ({accounts.ROLES[role]}) vào {path}.", err=True)
        return

    agency_key = None
    if sign_key or seal:
        if not (sign_key and seal):
            raise InputError(Problem("ký số trên trang web cần cả khóa ký và ảnh con dấu",
                                     hint="--sign-key KHÓA.p12 --seal CON-DAU.png"))
        from ..web.actions import load_agency_key

        agency_key = load_agency_key(sign_key, seal)   # InputError → exit 2 before the server starts

    import uvicorn

    from ..web.app import create_app

    app = create_app(root, db_url=db_url, host=host, allowed_hosts=allow_hosts, workers=workers, warm=True,
                     agency_key=agency_key)
    shown = "127.0.0.1" if host in ("0.0.0.0", "::") else host
    url = f"http://{'[' + shown + ']' if ':' in shown else shown}:{port}/"
    click.echo(f"cchc đang chạy tại {url} (Ctrl+C để dừng).", err=True)
    if agency_key:
        click.echo(f"Văn bản cấp số trên trang web được ký số cơ quan (khóa {sign_key}, con dấu {seal}).", err=True)
    if host not in ("127.0.0.1", "localhost", "::1") and not allow_hosts:
        click.echo("Lưu ý: máy khác trong mạng phải mở trang bằng một tên cho trong --allow-host "
                   "(ví dụ --allow-host 192.168.1.10); tên khác bị từ chối (chống DNS rebinding).", err=True)
    if open_browser:
        import threading
        import webbrowser

        threading.Timer(1.0, webbrowser.open, args=(url,)).start()
    uvicorn.run(app, host=host, port=port, log_level="warning", server_header=False)

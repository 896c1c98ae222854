"""Click's own words (usage, errors, `--help`) in Vietnamese.

Click looks every message up through `gettext` (`from gettext import gettext as _` in each
of its modules). This catalogue is a `gettext.NullTranslations` whose `gettext`/`ngettext`
answer from the table below, and `install()` points Click's modules at it, so that the
frame of every command (`Cách dùng:`, `Lỗi: …`, `Đã hủy!`) speaks the clerk's language
whatever the machine's locale. A message Click adds in a later version and missing here
stays English: a test lists the ones the commands show.
"""

from __future__ import annotations

import gettext
import sys

MESSAGES = {
    "Usage:": "Cách dùng:",
    "Options": "Tùy chọn",
    "Commands": "Lệnh",
    "Positional arguments": "Tham số",
    "Aborted!": "Đã hủy!",
    "Missing command.": "Thiếu tên lệnh.",
    "Show this message and exit.": "Hiện hướng dẫn này rồi thoát.",
    "Show the version and exit.": "Hiện số phiên bản rồi thoát.",
    "%(prog)s, version %(version)s": "%(prog)s, phiên bản %(version)s",
    "Do you want to continue?": "Tiếp tục?",
    "Confirm the action without prompting.": "Xác nhận luôn, không hỏi lại.",
    "Error: {message}": "Lỗi: {message}",
    "Try '{command} {option}' for help.": "Xem hướng dẫn: '{command} {option}'.",
    "Missing argument": "Thiếu tham số",
    "Missing option": "Thiếu tùy chọn",
    "Missing parameter": "Thiếu tham số",
    "Missing parameter: {param_name}": "Thiếu tham số: {param_name}",
    "Missing {param_type}": "Thiếu {param_type}",
    "No such option {name!r}.": "Không có tùy chọn {name!r}.",
    "No such command {name!r}.": "Không có lệnh {name!r}.",
    "Invalid value for {param_hint}: {message}": "Giá trị không hợp lệ cho {param_hint}: {message}",
    "Invalid value: {message}": "Giá trị không hợp lệ: {message}",
    "unknown error": "lỗi không rõ",
    "Could not open file {filename!r}: {message}": "Không mở được tệp {filename!r}: {message}",
    "Option {name!r} does not take a value.": "Tùy chọn {name!r} không nhận giá trị.",
    "Argument {name!r} takes {nargs} values.": "Tham số {name!r} cần {nargs} giá trị.",
    "Invalid start character for option ({option})": "Ký tự đầu của tùy chọn không hợp lệ ({option})",
    "env var: {var}": "biến môi trường: {var}",
    "default: {default}": "mặc định: {default}",
    "(dynamic)": "(tùy lúc chạy)",
    "deprecated": "không còn dùng",
    "required": "bắt buộc",
    "Value must be an iterable.": "Giá trị phải là một danh sách.",
    "Press any key to continue...": "Nhấn một phím bất kỳ để tiếp tục...",
    "Repeat for confirmation": "Nhập lại để xác nhận",
    "Error: The two entered values do not match.": "Lỗi: hai lần nhập không giống nhau.",
    "Error: invalid input": "Lỗi: nhập không hợp lệ",
    "file": "tệp",
    "directory": "thư mục",
    "path": "đường dẫn",
    "Choose from:\n\t{choices}": "Chọn một trong:\n\t{choices}",
    "{value} is not in the range {range}.": "{value} nằm ngoài khoảng {range}.",
    "{value!r} is not a valid boolean. Recognized values: {states}":
        "{value!r} không phải có/không. Dùng một trong: {states}",
    "{value!r} is not a valid {number_type}.": "{value!r} không phải là số hợp lệ.",
    "{value!r} is not a valid UUID.": "{value!r} không phải UUID hợp lệ.",
    "{name} {filename!r} is a file.": "{name} {filename!r} là một tệp.",
    "{name} {filename!r} is a directory.": "{name} {filename!r} là một thư mục.",
    "{name} {filename!r} is not readable.": "{name} {filename!r} không đọc được.",
    "{name} {filename!r} is not writable.": "{name} {filename!r} không ghi được.",
    "{name} {filename!r} is not executable.": "{name} {filename!r} không chạy được.",
    "{name} {filename!r} does not exist.": "{name} {filename!r} không tồn tại.",
}
PLURALS = {
    "Got unexpected extra argument ({args})": "Thừa tham số ({args})",
    "Takes {nargs} values but 1 was given.": "Cần {nargs} giá trị nhưng chỉ có {len}.",
    "Did you mean {possibility}?": "Có phải {possibility}?",
    "Option {name!r} requires an argument.": "Tùy chọn {name!r} cần một giá trị.",
    "{value!r} is not {choice}.": "{value!r} không phải {choice}.",
    "{value!r} does not match the format {format}.": "{value!r} không đúng dạng {format}.",
    "{len_type} values are required, but {len_value} was given.":
        "Cần {len_type} giá trị, nhưng có {len_value}.",
}
# Vietnamese has one plural form; where Click's plural differs in placeholders, say it too.
PLURAL_FORMS = {
    "Did you mean {possibility}?": "(Có phải một trong: {possibilities}?)",
    "Option {name!r} requires an argument.": "Tùy chọn {name!r} cần {nargs} giá trị.",
    "{value!r} is not {choice}.": "{value!r} không phải một trong {choices}.",
    "{value!r} does not match the format {format}.": "{value!r} không đúng các dạng {formats}.",
}
# Usage pieces Click writes without gettext.
METAVARS = {"[OPTIONS]": "[TÙY CHỌN]", "COMMAND [ARGS]...": "LỆNH [THAM SỐ]..."}


class Catalogue(gettext.NullTranslations):
    def gettext(self, message):
        return MESSAGES.get(message, message)

    def ngettext(self, singular, plural, n):
        if n != 1 and singular in PLURAL_FORMS:
            return PLURAL_FORMS[singular]
        return PLURALS.get(singular, MESSAGES.get(singular, singular if n == 1 else plural))


CATALOGUE = Catalogue()
_CLICK_MODULES = ("core", "decorators", "exceptions", "formatting", "parser", "termui", "types",
                  "utils", "_termui_impl")


def install() -> None:
    """Point Click's `_` and `ngettext` at the catalogue (idempotent)."""
    import click

    if not getattr(click.Command.collect_usage_pieces, "_cchc", False):
        original = click.Command.collect_usage_pieces

        def collect_usage_pieces(self, ctx):
            return [METAVARS.get(piece, piece) for piece in original(self, ctx)]

        collect_usage_pieces._cchc = True
        click.Command.collect_usage_pieces = collect_usage_pieces

    for name in _CLICK_MODULES:
        module = sys.modules.get(f"click.{name}")
        if module is None:
            continue
        if hasattr(module, "_"):
            module._ = CATALOGUE.gettext
        if hasattr(module, "ngettext"):
            module.ngettext = CATALOGUE.ngettext

"""The outgoing register (sổ đăng ký văn bản đi, Decree 30 art. 14-16, PL IV).

Public API (every function takes a workspace directory or a loaded Workspace; `db_url`
defaults to $CCHC_DB, then to register.sqlite in the workspace root):

    issue(workspace, path, date=None, series=None, db_url=None, *, backdate=None, copies=None)
        -> IssuedDocument
        Number and date a draft of this agency (header checked; the refusal spends no
        number): allocate the next number of the agency's series for the year of `date`
        (today by default), write `Số: 05/UBND-NV` and `…, ngày 05 tháng 7 năm 2024` into a
        copy, output/ban-hanh/05-UBND-NV-<draft name>.docx (the draft itself is left
        alone), archive one copy per unit of its `Lưu:` line under
        output/archive/<year>/<unit>/, and record the register row (pointing at the
        ban-hanh file).

    issue_new(workspace, make_draft, date=None, series=None, db_url=None, out_dir=None)
        -> IssuedDocument
        Both steps at once, for generators (`cchc letter --issue`; `cchc report --issue`
        too): `make_draft(folder) -> Path` writes the draft into a private folder, it is
        issued from there into out_dir/ban-hanh/ (default output/ban-hanh/):

            issued = register.issue_new(ws, lambda d: main.write_letter(ws, out_dir=d), date=date)
            issued.label, issued.path, issued.archived
            # '01/UBND-NV', output/ban-hanh/01-UBND-NV-cong-van-don-doc.docx, (…/2024/VT/01-…, …/2024/NV/01-…)

    void(workspace, number, reason, year=None, series=None, db_url=None) -> Entry
    list_entries(workspace, year=None, series=None, db_url=None) -> list[Entry]
    export(workspace, year, out, series=None, db_url=None) -> Path    # .xlsx or .docx
    verify(workspace, db_url=None, all_origins=False) -> VerifyReport

Errors are RegisterError (refused: already issued, backdated, unknown number),
DocumentError (the file is not a readable draft) or InputError.

This module stays import-light: the implementation (SQLAlchemy, the XML layer) lives in
`issuance` (issue, void), `queries` (list, export) and `verification` (verify), with the
returned types in `models`, and loads on first call, so `cchc --help` does not pay for it.
"""

from __future__ import annotations

DEFAULT_FILE = "register.sqlite"  # the one-clerk register, in the workspace root

__all__ = ["issue", "issue_new", "void", "list_entries", "export", "verify",
           "IssuedDocument", "Entry", "VerifyReport"]


def issue(workspace, path, date=None, series=None, db_url=None, *, backdate=None, copies=None,
          out_dir=None):
    from .issuance import issue as _issue

    return _issue(workspace, path, date=date, series=series, db_url=db_url,
                  backdate=backdate, copies=copies, out_dir=out_dir)


def issue_new(workspace, make_draft, date=None, series=None, db_url=None, out_dir=None, **kwargs):
    from .issuance import issue_new as _issue_new

    return _issue_new(workspace, make_draft, date=date, series=series, db_url=db_url,
                      out_dir=out_dir, **kwargs)


def void(workspace, number, reason, year=None, series=None, db_url=None):
    from .issuance import void as _void

    return _void(workspace, number, reason, year=year, series=series, db_url=db_url)


def list_entries(workspace, year=None, series=None, db_url=None):
    from .queries import list_entries as _list

    return _list(workspace, year=year, series=series, db_url=db_url)


def export(workspace, year, out, series=None, db_url=None):
    from .queries import export as _export

    return _export(workspace, year, out, series=series, db_url=db_url)


def verify(workspace, db_url=None, all_origins=False):
    from .verification import verify as _verify

    return _verify(workspace, db_url=db_url, all_origins=all_origins)


def __getattr__(name):
    if name in ("IssuedDocument", "Entry"):
        from . import models

        return getattr(models, name)
    if name == "VerifyReport":
        from .verification import VerifyReport

        return VerifyReport
    raise AttributeError(name)

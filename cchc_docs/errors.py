"""One exception family. The CLI turns every CchcError into a message and exit code 2."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the input, located as precisely as the input allows."""

    message: str
    file: str | None = None
    row: int | None = None  # 1-based, as a spreadsheet shows it (header = row 1)
    column: str | None = None  # a column of the file, or a command-line option ("--only")
    hint: str | None = None

    def __str__(self) -> str:
        where = []
        if self.file:
            where.append(self.file)
        if self.row is not None:
            where.append(f"dòng {self.row}")
        if self.column:
            # An option is not a column: `tùy chọn '--province'`, not `cột '--province'`.
            label = "tùy chọn" if self.column.startswith("--") else "cột"
            where.append(f"{label} '{self.column}'")
        text = (", ".join(where) + ": " if where else "") + self.message
        if self.hint:
            text += f" — {self.hint}"
        return text


class CchcError(Exception):
    """Bad input or a refused operation: reported to the user, never as a traceback."""

    exit_code = 2

    def __init__(self, problems: Problem | str | list[Problem]):
        if isinstance(problems, str):
            problems = [Problem(problems)]
        elif isinstance(problems, Problem):
            problems = [problems]
        self.problems: list[Problem] = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class InputError(CchcError):
    """The workspace's data, configuration or templates are wrong."""


class DocumentError(CchcError):
    """A .docx cannot be read (missing, not a Word file, corrupt, hostile)."""


class RegisterError(CchcError):
    """The outgoing register refuses an operation (already issued, backdated, ...)."""

"""The shipped sample workspaces, chosen with `cchc init DIR --sample NAME`.

`huong-son-2024` (the default): the repo root, a district's campaign over its 25 communes
of 2024 (unit list `legacy`). `ha-tinh-2026`: the province's People's Committee over its
69 communes of 2025 (unit list `2025-07`), with findings and a few returns. A sample other
than the default holds cchc.toml and data/; templates always come from the default one.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import InputError, Problem

DEFAULT = "huong-son-2024"
_HERE = Path(__file__).resolve().parent.parent / "samples"
SAMPLES = {DEFAULT: None, "ha-tinh-2026": _HERE / "ha-tinh-2026"}


def data_root(sample: str | None, province: str | None, agency: str | None, commune: str | None,
              villages=None) -> Path | None:
    """Folder holding the chosen sample's cchc.toml and data/ (None: nothing to copy, or
    the default sample's own); refuses option combinations that cannot mean anything."""
    from ..workspace import sample_root

    if (agency or commune) and not province:
        raise InputError(Problem("--agency và --commune cần --province", column="--province",
                                 hint="ví dụ: cchc init DIR --province 'Hà Tĩnh' --agency 'Sở Nội vụ'"))
    if villages and not commune:
        raise InputError(Problem("--villages chỉ dùng cùng --commune (danh sách thôn, tổ dân phố của xã)",
                                 column="--villages",
                                 hint="ví dụ: cchc init DIR --province 'Hà Tĩnh' --commune 'Sơn Kim 1' --villages thon.csv"))
    if sample and province:
        raise InputError(Problem("--sample và --province không dùng cùng nhau", column="--sample",
                                 hint="--sample chép một bộ dữ liệu mẫu; --province tạo workspace mới cho tỉnh"))
    if province:
        return None
    name = (sample or DEFAULT).strip().lower()
    if name not in SAMPLES:
        raise InputError(Problem(f"không có bộ dữ liệu mẫu '{sample}'", column="--sample",
                                 hint="dùng một trong: " + ", ".join(SAMPLES)))
    return SAMPLES[name] or sample_root()

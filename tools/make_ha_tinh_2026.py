"""Make the second shipped sample, cchc_docs/samples/ha-tinh-2026/ (`cchc init DIR --sample ha-tinh-2026`).

    python tools/make_ha_tinh_2026.py

The province's People's Committee of Hà Tĩnh over its 69 communes and wards of 2025 (unit list
`2025-07`, from the catalogue), a 2026 campaign with findings for some of them (invented for
the sample, deterministic) and a few returns filled the way communes do (Excel and Word).
"""

from __future__ import annotations

import datetime as dt
import random
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT))

import returnkit as rk  # noqa: E402

from cchc_docs import workspace as ws_mod  # noqa: E402
from cchc_docs.dataset import load_dataset  # noqa: E402
from cchc_docs.statuses import STATUSES  # noqa: E402
from cchc_docs.vn import slugify  # noqa: E402
from cchc_docs.vn.dates import format_date_short  # noqa: E402

DEST = ROOT / "cchc_docs" / "samples" / "ha-tinh-2026"
RETURNS = {"Sơn Kim 1": "docx", "Hương Sơn": "xlsx", "Thành Sen": "xlsx", "Đức Thọ": "docx"}


def findings(rows, rng: random.Random) -> str:
    out = ["commune,indicator,value,note"]
    for code, name, _ in rows:
        out.append(f"{name},ke-hoach,{'x' if rng.random() < 0.15 else 'không'},")
        out.append(f"{name},tthc-qua-han,{rng.choice([0, 0, 0, 1, 2, 3, 7])},")
        out.append(f'{name},so-hoa,"{rng.uniform(55, 99):.1f}%"'.replace(".", ",") + ",")
    return "\n".join(out) + "\n"


def main() -> None:
    rng = random.Random(2026)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp) / "ws"
        ws_mod.init(work, province="Hà Tĩnh", year=2026)
        rows = [tuple(r.split(",")) for r in (work / "data" / "communes.csv").read_text(encoding="utf-8").split("\n")[1:] if r]
        (work / "data" / "findings.csv").write_text(findings(rows, rng), encoding="utf-8")
        toml = (work / "cchc.toml").read_text(encoding="utf-8")
        toml = toml.replace('name = "……………………………"', 'name = "Nguyễn Văn A"')
        toml = toml.replace("Báo cáo số      /BC-ĐKT ngày      /     /2026", "Báo cáo số 15/BC-ĐKT ngày 20/5/2026")
        (work / "cchc.toml").write_text(toml, encoding="utf-8")
        dataset = load_dataset(work / "data")
        results = work / "data" / "results"
        results.mkdir()
        forms = rk.blank_forms(work, Path(tmp) / "forms")
        D, G, C = STATUSES
        for commune in dataset.communes:
            kind = RETURNS.get(commune.name)
            found = dataset.shortfalls(commune)
            if not kind or not found:
                continue
            reported = dt.date(2026, 12, 10)
            answers = {f.key: (rng.choice((D, D, G)), reported - dt.timedelta(days=5), "Đã chấn chỉnh, khắc phục")
                       for f in found}
            name = f"{slugify(commune.name)}-bao-cao-khac-phuc.{kind}"
            when = dt.datetime.combine(reported, dt.time(9, 0))
            if kind == "xlsx":
                rk.fill_xlsx(forms[(commune.code, "xlsx")], results / name,
                             {k: (s, d, r) for k, (s, d, r) in answers.items()}, mtime=when)
            else:
                by_code = {f.indicator.code: (s, format_date_short(d), r) for f, (s, d, r) in zip(found, answers.values())}
                rk.fill_docx(forms[(commune.code, "docx")], results / name, by_code, mtime=when)
        if DEST.exists():
            shutil.rmtree(DEST)
        DEST.mkdir(parents=True)
        shutil.copy2(work / "cchc.toml", DEST / "cchc.toml")
        shutil.copytree(work / "data", DEST / "data")
    print(DEST)


if __name__ == "__main__":
    main()

"""Precision and recall of `cchc check` on the committed corpus (tests/corpus/docs: one or more
documents of every Decree 30 type, laid out as the decree's model forms and real files are,
each with the findings a reviewer expects written beside it). Issue #12 targets: precision
≥ 95 %, recall ≥ 90 %; README quotes the figures this test prints."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from cchc_docs import doctypes
from cchc_docs.check import check_report
from cchc_docs.check.api import _read

DOCS = Path(__file__).parent / "corpus" / "docs"
METAS = sorted(DOCS.glob("*.json"))
SLUG = {"cong-van": "Công văn", "thu-cong": "Thư công"}


def _run(meta_path: Path):
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    report = check_report(_read(meta_path.with_suffix(".docx")), draft=meta["draft"])
    return meta, report


def test_corpus_precision_and_recall():
    tp = fp = fn = 0
    wrong = []
    for path in METAS:
        meta, report = _run(path)
        got = {f.rule for f in report.errors}
        want = set(meta["expected"])
        tp, fp, fn = tp + len(got & want), fp + len(got - want), fn + len(want - got)
        if got != want:
            wrong.append((path.name, sorted(got - want), sorted(want - got)))
    precision, recall = tp / max(tp + fp, 1), tp / max(tp + fn, 1)
    print(f"\ncorpus: {len(METAS)} documents, {tp + fn} expected findings; precision {precision:.1%}, "
          f"recall {recall:.1%}; false alarms {fp}, missed {fn}")
    assert len(METAS) >= 80 and tp + fn >= 20
    assert precision >= 0.95 and recall >= 0.90, wrong


def test_corpus_covers_every_decree_30_type():
    types = {json.loads(p.read_text(encoding="utf-8"))["type"] for p in METAS}
    names = {name for name, _ in doctypes.TYPES if not name.startswith("Bản sao") and name not in
             ("Bản trích sao",)}
    from corpus.texts import TYPES  # noqa: PLC0415 - the corpus' own table of slugs

    slugs = {"cong-van", *TYPES}
    assert slugs <= types and "phu-luc" in types and "khong-phai-van-ban" in types
    assert len(slugs) == len(names) == 29  # Điều 7: 29 kinds of administrative document


@pytest.mark.parametrize("path", [p for p in METAS if not json.loads(p.read_text(encoding="utf-8")).get("defect")],
                         ids=lambda p: p.stem)
def test_each_clean_document_is_recognised_as_its_type(path):
    meta, report = _run(path)
    from corpus.texts import TYPES  # noqa: PLC0415

    if meta["type"] == "phu-luc":
        assert report.kind == "phụ lục (tệp riêng)"
    elif meta["type"] == "khong-xac-dinh":
        assert report.kind == "không xác định"  # a title that is not one of Decree 30's names
    elif meta["type"] == "khong-phai-van-ban":
        assert report.kind == "không phải văn bản hành chính"
    elif meta["type"] in SLUG:
        assert report.kind == SLUG[meta["type"]].lower()
    else:
        assert report.kind == TYPES[meta["type"]][0].lower()
    assert [f.rule for f in report.errors] == meta["expected"]


def test_every_document_has_its_provenance():
    for path in METAS:
        meta = json.loads(path.read_text(encoding="utf-8"))
        assert meta["source"] and meta["layout"] and isinstance(meta["expected"], list)
        with zipfile.ZipFile(path.with_suffix(".docx")) as zf:
            assert "word/document.xml" in zf.namelist()


def test_builder_reproduces_the_committed_expectations(tmp_path):
    from corpus.build_corpus import main  # noqa: PLC0415

    written = main(tmp_path)
    assert [p.name for p in written] == [p.with_suffix(".docx").name for p in METAS]
    for p in written:
        assert p.with_suffix(".json").read_text(encoding="utf-8") == (DOCS / p.with_suffix(".json").name).read_text(
            encoding="utf-8")
        with zipfile.ZipFile(p) as new, zipfile.ZipFile(DOCS / p.name) as old:
            assert new.read("word/document.xml") == old.read("word/document.xml")

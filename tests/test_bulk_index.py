"""A results store remembers the corpus index its findings were judged against: a ``score`` run with another index
(or the same folder rebuilt) re-analyses the stored reports, says which index the results come from, and lists the
reports it could not re-analyse.

Reports are the project's fictional sample (``corpora/samples``) under fictional agency names; the indexes are built
in tmp folders with ``govreport index build``.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from typer.testing import CliRunner

from cli.main import app
from nlp.bulk import score_files
from nlp.config import PROJECT_ROOT
from nlp.index import default_index, load_index
from nlp.render import html
from nlp.store import Store

SAMPLE = PROJECT_ROOT / "corpora" / "samples" / "sample_report_2024.txt"
AGENCY = "鹭汀市青禾区生态环境局"
COPIER = "鹭汀市青禾区住房和城乡建设局"
runner = CliRunner()


def reports(folder: Path) -> list[Path]:
    """The sample and a copy of it by another agency: the cross-report pass finds them copied (E11)."""
    folder.mkdir(parents=True)
    text = SAMPLE.read_text(encoding="utf-8")
    first, second = folder / "甲局.txt", folder / "乙局.txt"
    first.write_text(text, encoding="utf-8")
    second.write_text(text.replace(AGENCY, COPIER), encoding="utf-8")
    return [first, second]


def build_index(out: Path, corpus: Path, agencies: list[str], *, force: bool = False) -> Path:
    """An index of the sample's text republished by ``agencies``: for it, the sample's narrative is template wording."""
    corpus.mkdir(parents=True, exist_ok=True)
    text = SAMPLE.read_text(encoding="utf-8")
    for number, agency in enumerate(agencies):
        (corpus / f"{number}.txt").write_text(text.replace(AGENCY, agency), encoding="utf-8")
    result = runner.invoke(app, ["index", "build", str(corpus), "--out", str(out), *(["--force"] if force else [])])
    assert result.exit_code == 0, result.output
    return out


TEMPLATE_AGENCIES = ["鹭汀市白沙区水务局", "鹭汀市赤岭区教育局", "鹭汀市东港区民政局", "鹭汀市西坪区财政局"]


def rows(db: Path, sql: str) -> list[tuple]:
    with sqlite3.connect(db) as connection:
        return connection.execute(sql).fetchall()


def findings(db: Path) -> dict[str, tuple]:
    """Per stored path: index fingerprint, score, check codes, and how many sentences the index calls common."""
    result = {}
    for path, index, score, data in rows(db, "SELECT path, index_sha256, score, json FROM reports"):
        report = json.loads(data)
        common = sum(1 for tag in report["tags"] if (tag["commonness"] or 0) >= 3)
        result[Path(path).name] = (index, score, sorted(check["code"] for check in report["checks"]), common)
    return result


def content(db: Path) -> list[tuple]:
    return rows(db, "SELECT sha256, path, score, grade, previous_sha256, index_sha256, json FROM reports ORDER BY sha256")


def test_another_index_reanalyses_the_stored_reports_and_the_same_index_skips_them(tmp_path):
    files = reports(tmp_path / "reports")
    db = tmp_path / "results.sqlite"
    shipped = default_index().fingerprint
    first = score_files(files, db)
    assert (first.analysed, first.reanalysed, first.index_sha256) == (2, 0, shipped)
    before = findings(db)
    assert {index for index, *_ in before.values()} == {shipped}
    assert all("E11.copied_across_agencies" in codes for _, _, codes, _ in before.values())
    shipped_content = content(db)

    index = build_index(tmp_path / "index", tmp_path / "corpus", TEMPLATE_AGENCIES)
    other = score_files(files, db, index_dir=index)
    fingerprint = load_index(index).fingerprint
    assert (other.analysed, other.reanalysed, other.skipped, other.index_sha256) == (0, 2, 0, fingerprint)
    after = findings(db)
    # The copied narrative is template wording for this index: no E11 copy any more, and the new evidence is stored.
    for name, (index_sha256, score, codes, common) in after.items():
        assert index_sha256 == fingerprint
        assert "E11.copied_across_agencies" not in codes
        assert common > before[name][3] and score > before[name][1]
    assert rows(db, "SELECT COUNT(*) FROM checks WHERE code LIKE 'E11.%'") == [(0,)]
    assert rows(db, "SELECT index_sha256, index_path, reanalysed FROM runs ORDER BY id DESC LIMIT 1") == [
        (fingerprint, str(index), 2)
    ]

    again = score_files(files, db, index_dir=index)
    assert (again.analysed, again.reanalysed, again.skipped, again.rechecked) == (0, 0, 2, 0)
    assert findings(db) == after

    # Back to the shipped index: the store is what a run with it alone wrote, cross-report checks included.
    back = score_files(files, db)
    assert back.reanalysed == 2
    assert content(db) == shipped_content


def test_an_index_rebuilt_in_the_same_folder_is_noticed_and_the_same_corpus_rebuilt_is_not(tmp_path):
    files = reports(tmp_path / "reports")
    db = tmp_path / "results.sqlite"
    index = build_index(tmp_path / "index", tmp_path / "corpus", TEMPLATE_AGENCIES[:1])
    score_files(files, db, index_dir=index)
    before = findings(db)

    # The same corpus indexed again (another build date or command): the same index, nothing to redo.
    build_index(index, tmp_path / "corpus", TEMPLATE_AGENCIES[:1], force=True)
    same = score_files(files, db, index_dir=index)
    assert (same.reanalysed, same.skipped) == (0, 2)

    build_index(index, tmp_path / "corpus", TEMPLATE_AGENCIES, force=True)
    rebuilt = score_files(files, db, index_dir=index)
    assert rebuilt.reanalysed == 2
    after = findings(db)
    assert all(after[name][3] > before[name][3] for name in after)


def test_a_stored_report_outside_the_run_is_reanalysed_from_its_file_and_keeps_its_path(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    first, second = reports(Path("reports"))
    db = Path("results.sqlite")
    score_files([first, second], db)
    index = build_index(tmp_path / "index", tmp_path / "corpus", TEMPLATE_AGENCIES)
    outcome = score_files([first], db, index_dir=index)
    assert (outcome.files, outcome.reanalysed, outcome.unavailable) == (2, 2, [])
    assert {path for path, in rows(db, "SELECT path FROM reports")} == {str(first), str(second)}
    assert {index for index, in rows(db, "SELECT index_sha256 FROM reports")} == {load_index(index).fingerprint}


def test_a_report_whose_file_is_gone_keeps_its_row_and_is_listed(tmp_path):
    first, second = reports(tmp_path / "reports")
    db = tmp_path / "results.sqlite"
    score_files([first, second], db)
    kept = findings(db)[second.name]
    second.unlink()
    index = build_index(tmp_path / "index", tmp_path / "corpus", TEMPLATE_AGENCIES)

    result = runner.invoke(app, ["score", str(first), "--db", str(db), "--index", str(index)], env={"COLUMNS": "300"})
    assert result.exit_code == 0, result.output
    output = " ".join(result.output.split())
    assert "按本次语料索引重新分析 1" in output
    assert f"语料索引：{index}（指纹 {load_index(index).fingerprint[:12]}）" in output
    assert f"未重新分析：{second} 的原文件已不在数据库记录的位置" in output
    assert findings(db)[second.name][0] == kept[0] == default_index().fingerprint

    # The HTML report says that the findings come from two indexes, and which.
    with Store(db, read_only=True) as store:
        page = html.render(html.collect(store))
    assert 'id="mixed-indexes"' in page
    assert f"{index}（指纹 {load_index(index).fingerprint[:12]}） 1 份" in page
    assert f"自带索引（指纹 {default_index().fingerprint[:12]}） 1 份" in page


def test_the_html_report_names_the_index_of_the_results(tmp_path):
    files = reports(tmp_path / "reports")
    db = tmp_path / "results.sqlite"
    index = build_index(tmp_path / "index", tmp_path / "corpus", TEMPLATE_AGENCIES)
    score_files(files, db, index_dir=index)
    with Store(db, read_only=True) as store:
        page = html.render(html.collect(store))
    assert f"语料索引：{index}（指纹 {load_index(index).fingerprint[:12]}）" in page
    assert 'id="mixed-indexes"' not in page


def test_a_store_written_before_indexes_were_recorded_is_read_and_migrated(tmp_path):
    files = reports(tmp_path / "reports")
    db = tmp_path / "results.sqlite"
    score_files(files, db)
    before = content(db)
    # The schema of the stores written before: no index columns (and no re-analysis count) anywhere.
    with sqlite3.connect(db) as connection:
        for column in ("index_sha256", "index_path", "reanalysed"):
            connection.execute(f"ALTER TABLE runs DROP COLUMN {column}")
        connection.execute("ALTER TABLE reports DROP COLUMN index_sha256")
        connection.execute("UPDATE runs SET finished_at = NULL")  # the notice must still count the old run's files

    with Store(db, read_only=True) as store:
        data = html.collect(store)
    assert data.indexes == [{"index_sha256": None, "index_path": None, "reports": 2}]
    assert "已处理 2 个，但跨报告复核" in data.unfinished
    assert "语料索引：未记录（旧版本写入的结果）" in html.render(data)

    # Which index the old results came from is unknown: the next run re-analyses them and records its index.
    outcome = score_files(files, db)
    assert (outcome.analysed, outcome.reanalysed, outcome.skipped) == (0, 2, 0)
    assert {index for index, in rows(db, "SELECT index_sha256 FROM reports")} == {default_index().fingerprint}
    assert [row[:5] for row in content(db)] == [row[:5] for row in before]
    assert score_files(files, db).skipped == 2

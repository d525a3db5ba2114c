"""`dateline analyze`: one article, batches, bad inputs and exit codes."""
import gzip
import json
import subprocess
import sys

import pytest

from dateline.cli import main
from support import EXAMPLE

STORY = ("Council approves new bridge\n\n"
         "SPRINGFIELD - The city council approved a new bridge over the river on Monday after "
         "months of debate about its cost, the mayor's office said. Construction will start in "
         "the spring and take two years, officials said.\n\n"
         "\"This bridge will connect both halves of our city,\" Mayor Ann Lee told reporters.\n")


@pytest.fixture
def story_file(tmp_path):
    path = tmp_path / "story.txt"
    path.write_text(STORY)
    return path


def test_one_article_json(story_file, capsys):
    assert main(["analyze", str(story_file), "--json"]) == 0
    record = json.loads(capsys.readouterr().out)
    assert record["id"] == str(story_file)
    assert record["title"] == "Council approves new bridge"
    assert "new bridge over the river" in record["body"]
    for key in ("dateline", "removed", "media", "entities", "quotes", "events", "summary"):
        assert key in record


def test_one_article_report(capsys):
    assert main(["analyze", str(EXAMPLE)]) == 0
    out = capsys.readouterr().out
    assert out.startswith('Biden sending team to Mexico "in coming days" for border talks')
    assert "People" in out and "John Kirby" in out
    assert "Removed" in out


def test_stdin_is_one_article(monkeypatch, capsys):
    import io

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(STORY.encode())))
    assert main(["analyze", "-", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["id"] == "<stdin>"


@pytest.mark.parametrize("content, reason", [
    (b"", "empty input"),
    (b"\x00\x01\x02\x03binary\x00\x00" * 50, "binary data"),
    (b"Caf\xe9 au lait " * 20, "not UTF-8"),
])
def test_bad_single_input_exits_2_with_one_line(tmp_path, capsys, content, reason):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    assert main(["analyze", str(path)]) == 2
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and str(path) in err and reason in err
    assert "Traceback" not in err


def test_missing_path_and_size_limit(tmp_path, story_file, capsys):
    assert main(["analyze", str(tmp_path / "nope.txt")]) == 2
    assert "no such file" in capsys.readouterr().err
    assert main(["analyze", str(story_file), "--max-bytes", "50"]) == 2
    assert "over the limit of 50" in capsys.readouterr().err


def test_batch_keeps_going_and_records_failures(tmp_path, capsys):
    src = tmp_path / "in.jsonl.gz"
    lines = [json.dumps({"id": "ok1", "text": STORY}), "{not json", json.dumps({"id": "empty", "text": ""}),
             json.dumps({"id": "nofield"}), json.dumps({"id": "ok2", "text": STORY, "title": "T"})]
    with gzip.open(src, "wt") as f:
        f.write("\n".join(lines) + "\n")
    out = tmp_path / "out.jsonl"
    assert main(["analyze", str(src), "-o", str(out)]) == 1
    records = [json.loads(line) for line in out.read_text().splitlines()]
    assert [r["id"] for r in records] == ["ok1", f"{src}:2", "empty", "nofield", "ok2"]
    errors = {r["id"]: r.get("error") for r in records}
    assert "malformed JSON" in errors[f"{src}:2"]
    assert errors["empty"] == "empty input"
    assert "no \"text\" or \"html\"" in errors["nofield"]
    assert records[4]["title"] == "T" and records[0]["body"]
    assert "3 failed" in capsys.readouterr().err


def test_folder_of_files_with_workers(tmp_path):
    for i in range(3):
        (tmp_path / f"s{i}.txt").write_text(STORY.replace("Monday", ["Monday", "Tuesday", "Friday"][i]))
    (tmp_path / "page.html").write_text("<html><body><article><h1>Council approves new bridge</h1>"
                                        + "".join(f"<p>{p}</p>" for p in STORY.split("\n\n")[1:])
                                        + "</article></body></html>")
    out = tmp_path / "out.jsonl"
    cmd = [sys.executable, "-m", "dateline.cli", "analyze", str(tmp_path), "-j", "2", "-o", str(out)]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    records = [json.loads(line) for line in out.read_text().splitlines()]
    assert sorted(r["id"].rsplit("/", 1)[1] for r in records) == ["page.html", "s0.txt", "s1.txt", "s2.txt"]
    kinds = {r["id"].rsplit("/", 1)[1]: r["input_kind"] for r in records}
    assert kinds["page.html"] == "html" and kinds["s0.txt"] == "text"


def test_console_script_reports_without_traceback(tmp_path):
    path = tmp_path / "empty.html"
    path.write_text("")
    proc = subprocess.run([sys.executable, "-m", "dateline.cli", "analyze", str(path)],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 2
    assert proc.stderr.strip() == f"dateline: error: {path}: empty input"


def test_quotes_table(capsys):
    assert main(["analyze", str(EXAMPLE), "--quotes"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0].split() == ["SPEAKER", "CUE", "QUOTE"]
    assert "John Kirby" in out


def test_inputs_batch_behaviours(tmp_path):
    """Issue 9: JSON Lines on stdin is a batch; a JSON array file is records; --quotes on a
    batch is refused; -v after the subcommand; a too-short text says so."""
    import json as _json
    import subprocess as _sp
    import sys as _sys

    def cli(*args, stdin=None):
        return _sp.run([_sys.executable, "-m", "dateline.cli", *args], input=stdin,
                       capture_output=True, text=True, timeout=300)

    text = "The council of Riverton voted on Tuesday to approve a new bridge across the river. " * 3
    lines = "".join(_json.dumps({"id": f"r{i}", "text": text}) + "\n" for i in range(3))
    r = cli("analyze", "-", "--stages", "load,clean", "-v", stdin=lines)
    assert r.returncode == 0 and [_json.loads(x)["id"] for x in r.stdout.splitlines()] == \
        ["r0", "r1", "r2"]
    arr = tmp_path / "a.json"
    arr.write_text(_json.dumps([{"id": "x", "text": text}, {"id": "y", "text": text}]))
    r = cli("analyze", str(arr), "--stages", "load,clean")
    assert [_json.loads(x)["id"] for x in r.stdout.splitlines()] == ["x", "y"]
    r = cli("analyze", str(arr), "--quotes")
    assert r.returncode == 2 and "--quotes apply to one article" in r.stderr
    short = tmp_path / "short.txt"
    short.write_text("Too short to be news.")
    r = cli("analyze", str(short), "--stages", "load,clean")
    assert r.returncode == 2 and "too short to be an article (5 words" in r.stderr

"""Local inputs: bounded reading, JSON Lines/JSON hostility, stdin batches, WARC, safe output."""
from __future__ import annotations

import gzip
import io
import json
import subprocess
import sys

from dateline.inputs import Inputs, read_path
from dateline.inputs.reading import iter_lines
from dateline.options import Options
from dateline.types import Article, Failure

TEXT = ("The city council of Riverton voted on Tuesday to approve a new bridge across the river, "
        "after months of debate about its cost and its effect on local traffic. ") * 3


def items(path, limit=5_000_000):
    return list(read_path(path, limit))


def test_jsonl_bom_latin1_surrogate_and_hostile_json(tmp_path):
    lines = [b"\xef\xbb\xbf" + json.dumps({"id": "a", "text": TEXT}).encode(),
             b'{"id": "b", "text": "caf\xe9"}',
             b'{"id": "c\\ud800", "text": "x\\ud800y"}',
             b"[" * 100_000 + b"]" * 100_000,
             b'{"id": "d", "n": ' + b"9" * 5000 + b', "text": "t"}',
             json.dumps({"id": "e", "text": TEXT}).encode()]
    path = tmp_path / "h.jsonl"
    path.write_bytes(b"\n".join(lines) + b"\n")
    got = items(path)
    assert [isinstance(g, Article) for g in got] == [True, False, True, False, False, True]
    assert got[0].id == "a" and got[5].id == "e"
    assert "not UTF-8" in got[1].error
    assert got[2].id == "c\ufffd" and got[2].raw == "x\ufffdy"
    assert "nested too deeply" in got[3].error
    assert got[4].error.startswith("unusable JSON on line 5")


def test_json_array_file(tmp_path):
    path = tmp_path / "a.json"
    path.write_text(json.dumps([{"id": "x", "text": TEXT}, {"id": "y", "text": TEXT}, 3]))
    got = items(path)
    assert [g.id for g in got] == ["x", "y", f"{path}[2]"] and isinstance(got[2], Failure)


def test_gzip_line_over_the_limit_is_bounded(tmp_path):
    path = tmp_path / "big.jsonl.gz"
    with gzip.open(path, "wb") as f:
        f.write(json.dumps({"id": "a", "text": TEXT}).encode() + b"\n")
        for _ in range(64):
            f.write(b"x" * (1 << 20))     # one 64 MiB line
        f.write(b"\n" + json.dumps({"id": "z", "text": TEXT}).encode() + b"\n")
    got = items(path, limit=1_000_000)
    assert [g.id for g in got] == ["a", f"{path}:2", "z"]
    assert "line 2 is over the limit of 1,000,000 bytes" in got[1].error


def test_newlines_pass_quickly():
    stream = io.BytesIO(b"\n" * 50_000_000 + b'{"id": "a"}\n')
    assert list(iter_lines(stream, 1000)) == [(50_000_001, b'{"id": "a"}')]


def test_dev_zero_refused(tmp_path):
    [f] = items(__import__("pathlib").Path("/dev/zero"), limit=1_000_000)
    assert isinstance(f, Failure) and "over the limit" in f.error


def test_stdin_jsonl_is_a_batch():
    data = b"".join(json.dumps({"id": str(i), "text": TEXT}).encode() + b"\n" for i in range(3))
    inputs = Inputs(["-"], Options(), stdin=io.BytesIO(data))
    assert not inputs.single and [a.id for a in inputs] == ["0", "1", "2"]
    one = Inputs(["-"], Options(), stdin=io.BytesIO(TEXT.encode()))
    assert one.single and [a.id for a in one] == ["<stdin>"]


def test_warc_html_responses_become_articles(tmp_path):
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    path = tmp_path / "crawl.warc.gz"
    page = (f"<html><head><title>Bridge</title></head><body><article><p>{TEXT}</p><p>{TEXT}</p>"
            "</article></body></html>").encode()
    with open(path, "wb") as f:
        w = WARCWriter(f, gzip=True)
        for uri, ctype, body in (("http://news.example/a", "text/html", page),
                                 ("http://news.example/i.png", "image/png", b"\x89PNG")):
            http = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.1")
            w.write_record(w.create_warc_record(
                uri, "response", payload=io.BytesIO(body), http_headers=http,
                warc_headers_dict={"WARC-Date": "2024-03-05T10:00:00Z"}))
        w.write_record(w.create_warc_record("http://news.example/a", "request",
                                            payload=io.BytesIO(b"GET /a HTTP/1.1\r\n\r\n")))
    options = Options(stages=("load", "clean", "language"))
    inputs = Inputs([str(path)], options)
    from dateline.pipeline import Pipeline

    [rec] = list(Pipeline(options).run_many(inputs))
    assert rec.url == "http://news.example/a" and rec.id.startswith("urn:uuid:")
    assert rec.published == "2024-03-05" and rec.fetched_at == "2024-03-05T10:00:00Z"
    assert inputs.tally["warc records skipped"] == 2


def run_cli(*args, stdin=None):
    return subprocess.run([sys.executable, "-m", "dateline.cli", *args], input=stdin,
                          capture_output=True, text=True, timeout=300)


def test_output_never_an_input(tmp_path):
    path = tmp_path / "in.jsonl"
    path.write_text(json.dumps({"id": "a", "text": TEXT}) + "\n")
    r = run_cli("analyze", str(path), "-o", str(path), "--stages", "load,clean")
    assert r.returncode == 2 and "is also an input" in r.stderr
    assert path.read_text().startswith('{"id": "a"')


def test_full_disk_is_one_line(tmp_path):
    path = tmp_path / "in.txt"
    path.write_text(TEXT)
    r = run_cli("analyze", str(path), "-o", "/dev/full", "--stages", "load,clean")
    assert r.returncode == 2 and "Traceback" not in r.stderr, r.stderr
    assert r.stderr.strip().count("\n") == 0 and "cannot write" in r.stderr


def test_metadata_applies_to_one_file_with_output_and_is_refused_for_a_batch(tmp_path):
    path = tmp_path / "in.txt"
    path.write_text(TEXT)
    out = tmp_path / "o.jsonl"
    r = run_cli("analyze", str(path), "--published", "2023-12-21", "-o", str(out),
                "--stages", "load,clean", "-v")
    assert r.returncode == 0, r.stderr
    assert json.loads(out.read_text())["published"] == "2023-12-21"
    r = run_cli("analyze", str(path), str(path), "--title", "T", "--stages", "load,clean")
    assert r.returncode == 2 and "--title apply to one article" in r.stderr

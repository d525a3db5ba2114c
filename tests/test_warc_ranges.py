"""WARC files cut into byte ranges (issue 12): each range owns the records whose header starts in
it, so the ranges together give exactly the records of a whole-file read, for a .warc and for
a .warc.gz of one gzip member per record; a .warc.gz of one gzip stream stays whole."""
import gzip
import io
import logging
import random

import pytest

from dateline.runner.partitions import list_inputs, read, split

PAGE = ("<html><head><title>Bridge {i} reopens</title></head><body><article><p>The old bridge "
        "number {i} reopened on Tuesday after repairs that took {i} months, the council said. "
        "Drivers had used a ferry while crews replaced the deck.</p>{extra}</article>"
        "</body></html>")
# a page that quotes a WARC header and carries gzip magic bytes: neither may pass for a record
QUOTED = ("<pre>\r\n\r\nWARC/1.0\r\nWARC-Type: response\r\nContent-Length: 12\r\n\r\n"
          "\x1f\x8b\x08\x00 not a member</pre>")


def write_archive(path, compress=True):
    """Twelve records: a warcinfo, HTML pages (one quoting a WARC header), requests, an image,
    a 404; warcio writes one gzip member per record when ``compress``."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(path, "wb") as f:
        writer = WARCWriter(f, gzip=compress)
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "test"}))
        for i in range(11):
            status, ctype = ("404 Not Found", "text/html") if i == 7 else \
                ("200 OK", "image/png" if i == 4 else "text/html")
            body = PAGE.format(i=i, extra=QUOTED if i in (2, 9) else "").encode()
            headers = [("Content-Type", ctype)]
            if i == 3:     # a download holding a gzip file: its magic bytes stay literal in a
                noise = random.Random(i).randbytes        # member (deflate stores noise as is)
                body, headers = noise(40000) + gzip.compress(body) + noise(40000), \
                    [("Content-Type", "application/octet-stream")]
            http = StatusAndHeaders(status, headers, protocol="HTTP/1.1")
            kind = "request" if i == 5 else "response"
            if kind == "request":
                http, body = StatusAndHeaders(f"GET /{i} HTTP/1.1", [("Host", "news.example")],
                                              is_http_request=True), b""
            writer.write_record(writer.create_warc_record(
                f"http://news.example/{i}", kind, http_headers=http,
                payload=io.BytesIO(body)))
    return str(path)


def items(parts):
    return [(item.id, getattr(item, "url", None), getattr(item, "error", None))
            for p in parts for _, item in read(p, 1 << 20)]


@pytest.mark.parametrize("name,compress", [("crawl.warc", False), ("crawl.warc.gz", True)])
def test_byte_ranges_give_the_records_of_the_whole_file(tmp_path, name, compress):
    path = write_archive(tmp_path / name, compress)
    whole = split(list_inputs([path]), 1 << 30)
    assert len(whole) == 1 and whole[0].end is None
    expected = items(whole)
    # 11 pages less a request, an image, a download and a 404
    assert len(expected) == 7 and not any(error for _, _, error in expected)
    data = open(path, "rb").read()
    starts = data.count(b"\x1f\x8b\x08") if compress else data.count(b"\nWARC/1.") + 1
    assert starts > 12, "the fixture has no look-alike of a record start"
    for size in (97, 300, 1000, 30000):   # smaller than a record, about one, a few
        parts = split(list_inputs([path]), size)
        assert len(parts) > 1 and all(p.end is not None for p in parts)
        assert [p.start for p in parts][1:] == [p.end for p in parts][:-1]
        assert items(parts) == expected, size           # same order, no duplicate, no loss


def test_a_warc_gz_of_one_gzip_stream_stays_whole_with_the_reason_logged(tmp_path, caplog):
    plain = write_archive(tmp_path / "crawl.warc", compress=False)
    one = tmp_path / "one.warc.gz"
    one.write_bytes(gzip.compress(open(plain, "rb").read()))
    with caplog.at_level(logging.INFO, logger="dateline"):
        parts = split(list_inputs([str(one)]), 300)
    assert len(parts) == 1 and parts[0].end is None
    assert "stays one partition" in caplog.text and "one gzip stream" in caplog.text


def test_a_file_named_warc_that_holds_no_record_stays_whole(tmp_path, caplog):
    path = tmp_path / "notes.warc"
    path.write_text("just some notes\n" * 100)
    with caplog.at_level(logging.INFO, logger="dateline"):
        parts = split(list_inputs([str(path)]), 300)
    assert len(parts) == 1 and "does not start with a WARC record" in caplog.text
    (item,) = [item for _, item in read(parts[0], 1 << 20)]
    assert item.id == str(path) and item.error.startswith("not a readable WARC file")


def test_byte_ranges_of_a_warc_in_object_storage(tmp_path):
    """fsspec's in-memory filesystem stands for s3:// and the like: the worker reads its range
    there, without copying the file, and gets the records of a whole read."""
    import fsspec

    local = write_archive(tmp_path / "crawl.warc.gz")
    memory = fsspec.filesystem("memory")
    memory.pipe("/warc-range-test/crawl.warc.gz", open(local, "rb").read())
    try:
        url = "memory://warc-range-test/crawl.warc.gz"
        parts = split(list_inputs([url]), 300)
        assert len(parts) > 1 and all(p.end is not None for p in parts)
        assert items(parts) == items(split(list_inputs([local]), 1 << 30))
    finally:
        memory.rm("/warc-range-test", recursive=True)

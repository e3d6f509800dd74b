"""render_pdf loads the app's own static files and nothing else: no file:// (the server's
files), no http(s):// (other hosts, or ones only the server can reach)."""

import http.server
import io
import threading
from collections.abc import Iterator
from pathlib import Path

import pdfplumber
import pytest
from weasyprint import HTML

from partnerships import documents
from partnerships.documents import StaticFilesFetcher, render_pdf, static_file


def pdf_text(content: bytes) -> str:
    with pdfplumber.open(io.BytesIO(content)) as pdf:
        return " ".join(" ".join((page.extract_text() or "").split()) for page in pdf.pages)


def css_adding(word: str) -> str:
    """A stylesheet that writes `word` before the heading: in the PDF if it was loaded."""
    return f'h1::before {{ content: "{word} "; }}'


@pytest.fixture
def outside_server() -> Iterator[tuple[str, list[str]]]:
    """An HTTP server on loopback that serves a stylesheet and notes every request."""
    asked: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            asked.append(self.path)
            body = css_adding("FETCHED-OVER-HTTP").encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/css")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}", asked
    server.shutdown()


@pytest.fixture
def files(tmp_path: Path, settings) -> dict[str, Path]:
    """A file outside the static files, and a stylesheet among them (STATIC_ROOT)."""
    secret = tmp_path / "secret.css"
    secret.write_text(css_adding("READ-FROM-DISK"))
    settings.STATIC_ROOT = tmp_path / "collected"
    static_css = settings.STATIC_ROOT / "css" / "document-test.css"
    static_css.parent.mkdir(parents=True)
    static_css.write_text(css_adding("STATIC-STYLE"))
    return {"secret": secret, "static": static_css}


def rendered(monkeypatch: pytest.MonkeyPatch, head: str) -> str:
    html = f"<!doctype html><html><head>{head}</head><body><h1>Minutes</h1></body></html>"
    monkeypatch.setattr(documents, "render_to_string", lambda template, context: html)
    return pdf_text(render_pdf("any.html", {}))


def test_a_static_stylesheet_applies(monkeypatch, files):
    text = rendered(monkeypatch, '<link rel="stylesheet" href="/static/css/document-test.css">')
    assert "STATIC-STYLE Minutes" in text


def test_a_file_url_is_not_read(monkeypatch, files):
    head = f'<link rel="stylesheet" href="{files["secret"].as_uri()}">'
    text = rendered(monkeypatch, head)
    assert "Minutes" in text
    assert "READ-FROM-DISK" not in text


def test_weasyprints_own_fetcher_would_have_read_it(files):
    """The test above means something: the default fetcher reads file:// URLs."""
    html = f'<link rel="stylesheet" href="{files["secret"].as_uri()}"><h1>Minutes</h1>'
    assert "READ-FROM-DISK" in pdf_text(HTML(string=html).write_pdf())


def test_an_outside_address_is_not_fetched(monkeypatch, files, outside_server):
    url, asked = outside_server
    head = f'<link rel="stylesheet" href="{url}/x.css"><img src="{url}/x.png" alt="">'
    head += '<img src="http://example.org/x.png" alt="">'
    text = rendered(monkeypatch, head)
    assert "Minutes" in text
    assert "FETCHED-OVER-HTTP" not in text
    assert asked == []


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "http://example.org/x.png",
        "https://example.org/static/css/print.css",
        "http://127.0.0.1:8000/static/../../etc/passwd",
        "http://127.0.0.1:8000/static/%2e%2e/%2e%2e/etc/passwd",
        "http://127.0.0.1:8000/static/css/../../../etc/passwd",
        "http://127.0.0.1:8000/static/css/no-such-file.css",
        "http://127.0.0.1:8000/media/x.png",
    ],
)
def test_anything_but_a_static_file_is_refused(settings, url):
    settings.SITE_URL = "http://127.0.0.1:8000"
    assert static_file(url) is None
    with pytest.raises(ValueError, match="only the app's static files"):
        StaticFilesFetcher().fetch(url)


def test_the_print_stylesheet_is_a_static_file(settings):
    settings.SITE_URL = "http://127.0.0.1:8000"
    path = static_file("http://127.0.0.1:8000/static/css/print.css?v=1")
    assert path is not None and path.name == "print.css"


def test_data_urls_are_allowed():
    response = StaticFilesFetcher().fetch("data:text/css,h1%7Bcolor:red%7D")
    assert response.read() == b"h1{color:red}"

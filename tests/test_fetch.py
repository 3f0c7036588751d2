"""Network fetching against a local http.server on 127.0.0.1 (never the internet).

Covers the limits every fetch must keep (time, size, redirects, schemes, robots.txt, retries) and
the inputs that use them: a URL given directly, a feed served locally, an OPML list pointing at it.
"""

from __future__ import annotations

import gzip
import socket
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from factories import BODY, BODY2
from storydesk.errors import OptionsError
from storydesk.ingest import read_inputs
from storydesk.ingest.fetch import DEFAULT_USER_AGENT, Fetcher, FetchError
from storydesk.options import Options

FAST = Options(fetch_timeout=0.5, fetch_total_timeout=5, fetch_backoff=0.01, fetch_retries=1)
PAGE = (
    "<html><head><title>Bridge closed</title><meta charset='windows-1252'></head><body><article>"
    f"<h1>Bridge closed</h1><p>{BODY} Café.</p><p>{BODY2}</p></article></body></html>"
).encode("cp1252")


@dataclass
class Site:
    base: str = ""
    robots: tuple[int, bytes] = (200, b"User-agent: *\nDisallow: /private/\n")
    hits: list[tuple[str, str]] = field(default_factory=list)  # (path, user agent)
    counts: dict[str, int] = field(default_factory=dict)

    def count(self, path: str) -> int:
        return len([p for p, _ in self.hits if p == path])


def _feed(site: Site) -> bytes:
    items = "".join(
        f"<item><title>Story {n}</title><link>{site.base}/story/{n}.html</link>"
        f"<description>Teaser {n}.</description></item>"
        for n in (1, 2)
    )
    channel = f"<channel><title>Local Wire</title>{items}</channel>"
    return f'<?xml version="1.0"?><rss version="2.0">{channel}</rss>'.encode()


def send(
    h: BaseHTTPRequestHandler, status: int, body: bytes, ctype: str = "text/html", **headers: str
) -> None:
    try:
        h.send_response(status)
        h.send_header("Content-Type", ctype)
        h.send_header("Content-Length", headers.pop("length", str(len(body))))
        for name, value in headers.items():
            h.send_header(name, value)
        h.end_headers()
        h.wfile.write(body)
    except (BrokenPipeError, ConnectionResetError):
        pass  # the client gave up first (timeouts, caps): what those tests want


def _handler(site: Site) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:  # keep test output clean
            pass

        def do_GET(self) -> None:
            site.hits.append((self.path, self.headers.get("User-Agent", "")))
            prefix = "/" + self.path.split("/")[1]  # "/hop/3" -> "/hop"
            route = ROUTES.get(self.path) or ROUTES.get(prefix)
            if route is None:
                send(self, 404, b"not found", "text/plain")
            else:
                route(self, site)

    return Handler


def _big(h: BaseHTTPRequestHandler, site: Site) -> None:
    # No Content-Length, so only the streaming cap can stop it.
    h.send_response(200)
    h.send_header("Content-Type", "text/html")
    h.end_headers()
    try:
        for _ in range(200):
            h.wfile.write(b"<p>" + b"x" * 65536 + b"</p>")
    except (BrokenPipeError, ConnectionResetError):
        pass  # the client hung up at its cap, as it should


def _slow(h: BaseHTTPRequestHandler, site: Site) -> None:
    time.sleep(2)
    send(h, 200, PAGE)


def _flaky(h: BaseHTTPRequestHandler, site: Site) -> None:
    if site.count(h.path) == 1:
        send(h, 503, b"busy", "text/plain")
    else:
        send(h, 200, PAGE, "text/html")


def _redirect(h: BaseHTTPRequestHandler, site: Site) -> None:
    n = int(h.path.rsplit("/", 1)[1])
    target = "/page.html" if n == 0 else f"/hop/{n - 1}"
    send(h, 302, b"", "text/plain", Location=target)


def _story(h: BaseHTTPRequestHandler, site: Site) -> None:
    n = h.path.rsplit("/", 1)[1].split(".")[0]
    article = f"<article><h1>Full story {n}</h1><p>{BODY}</p><p>{BODY2}</p></article>"
    body = f"<html><body>{article}</body></html>"
    send(h, 200, body.encode(), "text/html; charset=utf-8")


Route = Callable[[BaseHTTPRequestHandler, Site], None]
ROUTES: dict[str, Route] = {
    "/robots.txt": lambda h, s: send(h, s.robots[0], s.robots[1], "text/plain"),
    "/page.html": lambda h, s: send(h, 200, PAGE, "text/html; charset=windows-1252"),
    "/private/page.html": lambda h, s: send(h, 200, PAGE),
    "/slow": _slow,
    "/big": _big,
    "/declared-big": lambda h, s: send(h, 200, b"", length="999999999"),
    "/flaky": _flaky,
    "/down": lambda h, s: send(h, 503, b"down", "text/plain"),
    "/missing": lambda h, s: send(h, 404, b"gone", "text/plain"),
    "/hop": _redirect,
    "/to-file": lambda h, s: send(h, 302, b"", Location="file:///etc/passwd"),
    "/feed.xml": lambda h, s: send(h, 200, _feed(s), "application/rss+xml"),
    "/story": _story,
    "/subs.opml": lambda h, s: send(
        h,
        200,
        f'<opml version="2.0"><body><outline xmlUrl="{s.base}/feed.xml"/>'
        '<outline xmlUrl="/etc/feeds/local.rss"/></body></opml>'.encode(),
        "text/x-opml",
    ),
    "/gz": lambda h, s: send(h, 200, gzip.compress(PAGE), **{"Content-Encoding": "gzip"}),
    "/caf%C3%A9.html": lambda h, s: send(h, 200, PAGE),
    "/image.png": lambda h, s: send(h, 200, b"\x89PNG", "image/png"),
}


@pytest.fixture()
def site(monkeypatch: pytest.MonkeyPatch) -> Iterator[Site]:
    monkeypatch.setenv("no_proxy", "*")  # a developer's proxy settings must not catch 127.0.0.1
    state = Site()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(state))
    server.daemon_threads = True
    state.base = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, args=(0.02,), daemon=True)
    thread.start()
    yield state
    server.shutdown()
    server.server_close()


def fetch(site: Site, path: str, options: Options = FAST) -> bytes:
    return Fetcher(options).fetch(site.base + path).body


def error(site: Site, path: str, options: Options = FAST) -> FetchError:
    with pytest.raises(FetchError) as info:
        Fetcher(options).fetch(site.base + path)
    return info.value


def test_page_with_user_agent_and_robots_once(site: Site) -> None:
    fetcher = Fetcher(FAST)
    assert fetcher.fetch(site.base + "/page.html").body == PAGE
    fetcher.fetch(site.base + "/page.html")
    assert site.count("/robots.txt") == 1  # cached per host
    assert {ua for _, ua in site.hits} == {DEFAULT_USER_AGENT}
    assert DEFAULT_USER_AGENT.startswith("storydesk/0.") and "+https://" in DEFAULT_USER_AGENT
    Fetcher(FAST.with_(fetch_user_agent="probe/1")).fetch(site.base + "/page.html")
    assert site.hits[-1][1] == "probe/1"


def test_crawl_delay_is_kept_up_to_the_cap(site: Site) -> None:
    site.robots = (200, b"User-agent: *\nCrawl-delay: 5\nDisallow: /private/\n")
    for cap, expected in ((10.0, 5.0), (0.5, 0.5)):
        fetcher = Fetcher(FAST.with_(fetch_max_crawl_delay=cap))
        waits: list[float] = []
        fetcher._sleep = waits.append  # record instead of sleeping
        fetcher.fetch(site.base + "/page.html")
        assert waits == []  # the first request to a host waits for nothing
        fetcher.fetch(site.base + "/page.html")
        assert len(waits) == 1 and expected - 0.5 < waits[0] <= expected


def test_dns_lookup_is_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    """Socket timeouts do not cover getaddrinfo: a resolver that hangs must not hang the fetch."""
    monkeypatch.setenv("no_proxy", "*")
    release, returned = threading.Event(), threading.Event()

    def hanging(*args: object, **kwargs: object) -> list[object]:
        release.wait(30)
        returned.set()
        raise OSError("released")

    monkeypatch.setattr(socket, "getaddrinfo", hanging)
    with pytest.raises(FetchError) as info:
        Fetcher(FAST.with_(fetch_timeout=0.2)).fetch("http://hangs.invalid/page.html")
    assert not returned.is_set()  # the fetch gave up while the lookup was still hanging
    assert info.value.problem == "timed out after 0.2 s looking up hangs.invalid"
    release.set()


def test_unresolvable_host_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("no_proxy", "*")

    def fails(*args: object, **kwargs: object) -> list[object]:
        raise socket.gaierror(-2, "Name or service not known")

    monkeypatch.setattr(socket, "getaddrinfo", fails)
    fetcher = Fetcher(FAST)
    for _ in range(2):  # a failed lookup is not remembered as "no robots.txt rules"
        with pytest.raises(FetchError) as info:
            fetcher.fetch("http://nowhere.invalid/a.html")
        assert info.value.problem.startswith("cannot fetch: cannot resolve nowhere.invalid")


def test_gzip_response_and_non_ascii_url(site: Site) -> None:
    assert fetch(site, "/gz") == PAGE  # decompressed, within the size cap
    assert "uncompressed" in error(site, "/gz", FAST.with_(fetch_max_bytes=len(PAGE) - 1)).problem
    assert fetch(site, "/café.html") == PAGE  # sent percent-encoded


def test_timeout(site: Site) -> None:
    started = time.monotonic()
    exc = error(site, "/slow", FAST.with_(fetch_retries=0))
    assert "timed out" in exc.problem and time.monotonic() - started < 1.8


def test_streamed_body_cut_at_cap(site: Site) -> None:
    exc = error(site, "/big", FAST.with_(fetch_max_bytes=200_000))
    assert exc.problem == "response too large (over 200000 bytes); stopped reading"


def test_declared_length_refused_before_reading(site: Site) -> None:
    exc = error(site, "/declared-big", FAST.with_(fetch_max_bytes=1000))
    assert exc.problem == "response too large (999999999 bytes; limit 1000)"


def test_robots_disallow(site: Site) -> None:
    exc = error(site, "/private/page.html")
    assert exc.problem == "not fetched: disallowed by the site's robots.txt"
    assert site.count("/private/page.html") == 0


@pytest.mark.parametrize(("status", "allowed"), [(500, True), (404, True), (403, False)])
def test_robots_unavailable(site: Site, status: int, allowed: bool) -> None:
    site.robots = (status, b"User-agent: *\nDisallow: /\n")
    if allowed:  # fail open: an unreachable or missing robots.txt sets no rules
        assert fetch(site, "/private/page.html") == PAGE
    else:
        assert "robots.txt" in error(site, "/page.html").problem


def test_retry_after_one_503(site: Site) -> None:
    assert fetch(site, "/flaky") == PAGE
    assert site.count("/flaky") == 2


def test_retries_are_bounded(site: Site) -> None:
    exc = error(site, "/down", FAST.with_(fetch_retries=2))
    assert exc.problem == "HTTP 503 Service Unavailable" and site.count("/down") == 3
    error(site, "/missing", FAST.with_(fetch_retries=2))
    assert site.count("/missing") == 1  # a 404 is not retried


def test_redirect_limit(site: Site) -> None:
    assert fetch(site, "/hop/4") == PAGE  # /hop/4 .. /hop/0: five redirects, allowed
    exc = error(site, "/hop/5")
    assert exc.problem.startswith("too many redirects (limit 5")
    assert fetch(site, "/hop/0", FAST.with_(fetch_max_redirects=1)) == PAGE
    assert "too many redirects" in error(site, "/hop/0", FAST.with_(fetch_max_redirects=0)).problem


def test_redirect_to_other_scheme_refused(site: Site) -> None:
    exc = error(site, "/to-file")
    assert exc.path == site.base + "/to-file"
    assert "file:///etc/passwd" in exc.problem and "only http and https" in exc.problem


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://127.0.0.1/x", "data:text/plain,hi"])
def test_other_schemes_refused(url: str) -> None:
    with pytest.raises(FetchError, match="refused"):
        Fetcher(FAST).fetch(url)


def test_url_inputs(site: Site) -> None:
    inputs = [
        f"{site.base}/page.html",
        f"{site.base}/missing",
        f"{site.base}/image.png",
        "file:///etc/passwd",
    ]
    articles, problems = read_inputs(inputs, FAST)
    [art] = articles
    assert art.id == "page" and art.path == inputs[0] and art.url == inputs[0]
    assert art.title == "Bridge closed" and "Café." in art.text  # charset from the header
    assert [(p.path, p.problem) for p in problems] == [
        (inputs[1], "HTTP 404 Not Found"),
        (inputs[2], "unsupported content type (image/png)"),
        (inputs[3], "refused: only http and https URLs are fetched (file:)"),
    ]


def test_url_inputs_when_fetching_is_off(site: Site) -> None:
    articles, problems = read_inputs([f"{site.base}/page.html"], FAST.with_(fetch_enabled=False))
    assert articles == [] and "fetching is disabled" in problems[0].problem
    assert site.hits == []


def test_local_feed_over_http(site: Site) -> None:
    articles, problems = read_inputs([f"{site.base}/feed.xml"], FAST)
    assert problems == []
    assert [(a.id, a.text, a.source, a.format) for a in articles] == [
        ("feed-1", "Teaser 1.", "Local Wire", "rss"),
        ("feed-2", "Teaser 2.", "Local Wire", "rss"),
    ]
    assert site.count("/story/1.html") == 0  # linked pages are off by default


def test_feed_linked_pages_fetched_when_asked(site: Site) -> None:
    options = FAST.with_(fetch_linked_pages=True)
    articles, problems = read_inputs([f"{site.base}/feed.xml"], options)
    assert problems == []
    assert [a.title for a in articles] == ["Story 1", "Story 2"]  # the feed's titles kept
    assert all(a.text == f"{BODY}\n{BODY2}" for a in articles)
    assert articles[0].url == f"{site.base}/story/1.html"


def test_remote_opml_lists_remote_feed_only(site: Site) -> None:
    articles, problems = read_inputs([f"{site.base}/subs.opml"], FAST)
    assert [a.id for a in articles] == ["feed-1", "feed-2"]
    assert [(p.path, p.problem) for p in problems] == [
        ("/etc/feeds/local.rss", f"refused: remote OPML {site.base}/subs.opml names a local file")
    ]


def test_local_opml_pointing_at_served_feed(site: Site, tmp_path: Path) -> None:
    opml = tmp_path / "subs.opml"
    opml.write_text(f'<opml><body><outline xmlUrl="{site.base}/feed.xml"/></body></opml>')
    articles, problems = read_inputs([str(opml)], FAST)
    assert problems == [] and [a.path for a in articles] == [f"{site.base}/feed.xml"] * 2


@pytest.mark.parametrize(
    "change",
    [
        {"fetch_timeout": 0},
        {"fetch_max_bytes": 0},
        {"fetch_retries": 9},
        {"fetch_max_redirects": 11},
        {"fetch_user_agent": "bad\r\nX-Injected: 1"},
        {"fetch_user_agent": " "},
        {"fetch_max_crawl_delay": -1},
        {"fetch_max_crawl_delay": 61},
    ],
)
def test_fetch_options_are_checked(change: dict[str, object]) -> None:
    with pytest.raises(OptionsError):
        Options().with_(**change)

"""Fetching web pages, feeds and OPML lists over http(s), bounded in time and size.

Standard library only (urllib), so no HTTP client joins the dependencies. Every request:

- goes to an http or https URL; file://, ftp://, data: and the rest are refused, also as a
  redirect target (urllib would follow a redirect to ftp:), and the opener has no handler for
  them anyway;
- follows at most `Options.fetch_max_redirects` redirects (urllib's own limit is 10), each one
  to http(s) only and robots-checked;
- sends `Options.fetch_user_agent` (default "storydesk/<version> (+https://example.invalid/...)");
- times out after `Options.fetch_timeout` seconds of silence on connect or any read, and after
  `Options.fetch_total_timeout` seconds for the whole body, so a server dripping bytes cannot hold
  the batch. Socket timeouts do not cover the DNS lookup, so each host is looked up first, once
  per run, in a thread that the fetch stops waiting for after `fetch_timeout` (skipped when a
  proxy does the lookup);
- stops reading once the body passes `Options.fetch_max_bytes` and reports it, whatever the
  Content-Length said;
- is retried after a 5xx, a 429 or a timeout, at most `Options.fetch_retries` times, waiting
  `Options.fetch_backoff` seconds and doubling;
- asks robots.txt first, once per host and run. A robots.txt that says no is obeyed. One that
  cannot be fetched (network error, timeout, 5xx) counts as "allowed", as most crawlers do: a
  flaky robots.txt should not make a user's explicit URL unreadable. A 401/403 on robots.txt means
  the whole site is off limits (urllib.robotparser's rule); any other 4xx means no rules.
  A robots.txt Crawl-delay is kept between requests to that host, up to
  `Options.fetch_max_crawl_delay` seconds (a site asking for an hour would stall the batch).

Failures raise `InputError` naming the URL, which the stream turns into an `InputProblem`.
"""

from __future__ import annotations

import socket
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import urllib.robotparser
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from email.message import Message
from http.client import HTTPException, HTTPMessage
from typing import IO, Any

from .. import __version__
from ..errors import InputError
from ..options import Options

DEFAULT_USER_AGENT = f"storydesk/{__version__} (+https://example.invalid/storydesk)"
SCHEMES = frozenset({"http", "https"})
_CHUNK = 64 * 1024
_ROBOTS_MAX_BYTES = 500_000  # Google reads the first 500 KiB of a robots.txt; so do we
_URL_SAFE = ":/?#[]@!$&'()*+,;=%~"  # reserved characters and escapes stay as they are
_RETRY_STATUS = frozenset({429, 500, 502, 503, 504})


class FetchError(InputError):
    """A URL could not be fetched; `retry` says whether trying again might help."""

    def __init__(self, url: str, problem: str, retry: bool = False) -> None:
        super().__init__(url, problem)
        self.retry = retry


@dataclass(frozen=True)
class Fetched:
    url: str  # as asked for
    final_url: str  # after redirects
    content_type: str  # media type, lower case; "" when the server sent none
    charset: str | None
    body: bytes


def is_url(value: str) -> bool:
    """Whether an input names a URL (any scheme) rather than a local path."""
    scheme, sep, _ = value.partition("://")
    return bool(sep) and scheme.isascii() and scheme.replace("+", "").replace("-", "").isalnum()


def check_url(url: str) -> None:
    """Refuse anything but an absolute http(s) URL with a host."""
    try:
        parts = urllib.parse.urlsplit(url)
        host = parts.hostname
    except ValueError as exc:  # "Invalid IPv6 URL", bad ports
        raise FetchError(url, f"refused: invalid URL ({exc})") from exc
    if parts.scheme.lower() not in SCHEMES:
        raise FetchError(url, f"refused: only http and https URLs are fetched ({parts.scheme}:)")
    if not host:
        raise FetchError(url, "refused: URL has no host")
    if any(ch.isspace() or not ch.isprintable() for ch in url):
        raise FetchError(url, "refused: invalid URL (spaces or control characters)")


def _host(url: str) -> str:
    parts = urllib.parse.urlsplit(url)
    return f"{parts.scheme.lower()}://{parts.netloc.lower()}"


def _ascii_url(url: str) -> str:
    """Percent-encode non-ASCII characters (an IRI from a feed or a user) so urllib can send it."""
    if url.isascii():
        return url
    parts = urllib.parse.urlsplit(url)
    netloc = parts.netloc
    if not netloc.isascii() and parts.hostname:
        try:  # internationalised host names go on the wire as punycode
            ascii_host = parts.hostname.encode("idna").decode("ascii")
            netloc = netloc.lower().replace(parts.hostname, ascii_host)
        except UnicodeError as exc:
            raise FetchError(url, f"refused: invalid host name ({exc})") from exc
    rest = urllib.parse.quote(urllib.parse.urlunsplit(("", "", *parts[2:])), safe=_URL_SAFE)
    return f"{parts.scheme}://{netloc}{rest}"


class _RedirectRefused(Exception):
    """Raised inside urllib's handler chain; `Fetcher` turns it into a FetchError for the URL."""


class _Redirects(urllib.request.HTTPRedirectHandler):
    """At most `max_redirections` hops, only to http(s), and each target robots-checked.

    Checked here, before urllib's own handler: that one lets the first hop through whatever the
    limit and accepts ftp: targets.
    """

    def __init__(self, allowed: Callable[[str], None]) -> None:
        self._allowed = allowed

    def http_error_302(
        self, req: urllib.request.Request, fp: IO[bytes], code: int, msg: str, headers: HTTPMessage
    ) -> Any:
        location = headers.get("Location") or headers.get("URI")
        if location:
            target = urllib.parse.urljoin(req.full_url, location)
            if len(getattr(req, "redirect_dict", {})) >= self.max_redirections:
                raise _RedirectRefused(f"too many redirects (limit {self.max_redirections})")
            try:
                check_url(target)
                self._allowed(target)
            except FetchError as exc:
                raise _RedirectRefused(f"redirect to {target}: {exc.problem}") from exc
        return super().http_error_302(req, fp, code, msg, headers)

    http_error_301 = http_error_303 = http_error_307 = http_error_308 = http_error_302


def _redirects(limit: int, allowed: Callable[[str], None]) -> _Redirects:
    # urllib reads the limit as a class attribute, so each limit gets its own subclass.
    class Limited(_Redirects):
        max_redirections = limit

    return Limited(allowed)


def _opener(redirects: _Redirects) -> urllib.request.OpenerDirector:
    # Built by hand, not with build_opener: that one adds file:, ftp: and data: handlers.
    opener = urllib.request.OpenerDirector()
    handlers: list[urllib.request.BaseHandler] = [
        urllib.request.ProxyHandler(),  # honours http_proxy/no_proxy like every other tool
        urllib.request.UnknownHandler(),
        urllib.request.HTTPHandler(),
        urllib.request.HTTPSHandler(),
        urllib.request.HTTPDefaultErrorHandler(),
        redirects,
        urllib.request.HTTPErrorProcessor(),
    ]
    for handler in handlers:
        opener.add_handler(handler)
    return opener


def _read_capped(response: IO[bytes], url: str, max_bytes: int, deadline: float) -> bytes:
    chunks: list[bytes] = []
    size = 0
    while chunk := response.read(_CHUNK):
        size += len(chunk)
        if size > max_bytes:
            raise FetchError(url, f"response too large (over {max_bytes} bytes); stopped reading")
        if time.monotonic() > deadline:
            raise FetchError(url, "response too slow: body not complete in time", retry=True)
        chunks.append(chunk)
    return b"".join(chunks)


def _gunzip(body: bytes, url: str, max_bytes: int) -> bytes:
    inflate = zlib.decompressobj(16 + zlib.MAX_WBITS)  # gzip header and trailer
    try:
        data = inflate.decompress(body, max_bytes + 1)  # a gzip bomb stops at the cap
    except zlib.error as exc:
        raise FetchError(url, f"corrupt gzip response: {exc}") from exc
    if len(data) > max_bytes:
        raise FetchError(url, f"response too large (over {max_bytes} bytes uncompressed)")
    return data


def _declared_length(headers: Message) -> int | None:
    value = headers.get("Content-Length")
    return int(value) if value is not None and value.strip().isdigit() else None


class Fetcher:
    """One run's fetching: an opener, a robots.txt cache per host, and the limits from Options."""

    def __init__(self, options: Options) -> None:
        self.options = options
        self.user_agent = options.fetch_user_agent or DEFAULT_USER_AGENT
        self._robots: dict[str, urllib.robotparser.RobotFileParser | None] = {}
        self._last_request: dict[str, float] = {}  # host -> monotonic time of the last request
        self._opener = _opener(_redirects(options.fetch_max_redirects, self.check_robots))
        self._sleep: Callable[[float], None] = time.sleep  # replaced in tests

    def fetch(self, url: str, max_bytes: int | None = None) -> Fetched:
        """GET `url` within every limit above; raises FetchError naming the URL."""
        check_url(url)
        if not self.options.fetch_enabled:
            raise FetchError(url, "not fetched: fetching is disabled (fetch_enabled=False)")
        self.check_robots(url)
        self._keep_crawl_delay(url)
        return self._with_retries(url, max_bytes or self.options.fetch_max_bytes)

    def _keep_crawl_delay(self, url: str) -> None:
        host = _host(url)
        rules = self._robots.get(host)
        delay = rules.crawl_delay(self.user_agent) if rules is not None else None
        last = self._last_request.get(host)
        if delay is not None and last is not None:
            wait = min(float(delay), self.options.fetch_max_crawl_delay)
            wait -= time.monotonic() - last
            if wait > 0:
                self._sleep(wait)
        self._last_request[host] = time.monotonic()

    def _request(self, url: str) -> urllib.request.Request:
        headers = {"User-Agent": self.user_agent, "Accept-Encoding": "identity"}
        return urllib.request.Request(_ascii_url(url), headers=headers)

    def _with_retries(self, url: str, max_bytes: int) -> Fetched:
        attempt = 0
        while True:
            try:
                return self._get(url, max_bytes)
            except FetchError as exc:
                if not exc.retry or attempt >= self.options.fetch_retries:
                    raise
            time.sleep(self.options.fetch_backoff * 2**attempt)
            attempt += 1

    def _get(self, url: str, max_bytes: int) -> Fetched:
        request = self._request(url)
        deadline = time.monotonic() + self.options.fetch_total_timeout
        try:
            with self._opener.open(request, timeout=self.options.fetch_timeout) as response:
                headers = response.headers
                declared = _declared_length(headers)
                if declared is not None and declared > max_bytes:
                    raise FetchError(
                        url, f"response too large ({declared} bytes; limit {max_bytes})"
                    )
                body = _read_capped(response, url, max_bytes, deadline)
                final_url = response.geturl()
        except _RedirectRefused as exc:
            raise FetchError(url, str(exc)) from exc
        except urllib.error.HTTPError as exc:
            raise self._http_error(url, exc) from exc
        except (urllib.error.URLError, OSError, HTTPException) as exc:
            raise self._network_error(url, exc) from exc
        except ValueError as exc:  # http.client's InvalidURL, non-ASCII in the request line
            raise FetchError(url, f"refused: invalid URL ({exc})") from exc
        if headers.get("Content-Encoding", "identity").strip().lower() in ("gzip", "x-gzip"):
            body = _gunzip(body, url, max_bytes)  # sent despite "Accept-Encoding: identity"
        content_type = headers.get_content_type() if headers.get("Content-Type") else ""
        return Fetched(url, final_url, content_type, headers.get_content_charset(), body)

    def _http_error(self, url: str, exc: urllib.error.HTTPError) -> FetchError:
        exc.close()  # the error holds the open response; nothing more is read from it
        return FetchError(url, f"HTTP {exc.code} {exc.reason}", retry=exc.code in _RETRY_STATUS)

    def _network_error(self, url: str, exc: BaseException) -> FetchError:
        reason = getattr(exc, "reason", exc)
        if isinstance(reason, TimeoutError):  # socket.timeout is an alias since 3.10
            return FetchError(url, f"timed out after {self.options.fetch_timeout:g} s", True)
        # A dropped connection may work the second time; a DNS or TLS failure will not.
        transient = isinstance(reason, ConnectionError | HTTPException)
        return FetchError(url, f"cannot fetch: {reason}", retry=transient)

    def check_robots(self, url: str) -> None:
        """Raise FetchError when the host's robots.txt disallows `url` for our user agent."""
        host = _host(url)
        if host not in self._robots:
            # Placeholder first: a robots.txt that redirects to another host whose robots.txt
            # redirects back would otherwise recurse forever.
            self._robots[host] = None
            # Every host, redirect targets included, passes here first: the one place to bound
            # its DNS lookup. A failed lookup leaves no entry, so the next URL tries again.
            try:
                self._lookup(url)
            except FetchError:
                del self._robots[host]
                raise
            self._robots[host] = self._load_robots(host)
        rules = self._robots[host]
        if rules is not None and not rules.can_fetch(self.user_agent, url):
            raise FetchError(url, "not fetched: disallowed by the site's robots.txt")

    def _lookup(self, url: str) -> None:
        """Resolve the URL's host within fetch_timeout, or raise FetchError naming the URL."""
        parts = urllib.parse.urlsplit(url)
        name = parts.hostname
        if not name:
            return  # urllib reports a URL without a host itself
        proxied = urllib.request.getproxies().get(parts.scheme.lower())
        if proxied and not urllib.request.proxy_bypass(name):
            return  # the proxy resolves the name
        port = parts.port or (443 if parts.scheme.lower() == "https" else 80)
        outcome: list[BaseException | None] = []

        def work() -> None:
            try:
                socket.getaddrinfo(name, port, type=socket.SOCK_STREAM)
                outcome.append(None)
            except (OSError, UnicodeError) as exc:
                outcome.append(exc)

        # A daemon thread: a lookup that never returns must not keep the process alive.
        worker = threading.Thread(target=work, name=f"storydesk-dns-{name}", daemon=True)
        worker.start()
        worker.join(self.options.fetch_timeout)
        if not outcome:
            timeout = self.options.fetch_timeout
            raise FetchError(url, f"timed out after {timeout:g} s looking up {name}", retry=False)
        if outcome[0] is not None:
            raise FetchError(url, f"cannot fetch: cannot resolve {name} ({outcome[0]})")

    def _load_robots(self, host: str) -> urllib.robotparser.RobotFileParser | None:
        rules = urllib.robotparser.RobotFileParser(f"{host}/robots.txt")
        try:
            # No retries and no robots check of its own: robots.txt is fetched at most once.
            fetched = self._get(f"{host}/robots.txt", _ROBOTS_MAX_BYTES)
        except FetchError as exc:
            status = getattr(exc.__cause__, "code", None)
            if status in (401, 403):
                rules.parse(["User-agent: *", "Disallow: /"])
                return rules
            return None  # fail open: missing (4xx) or unreachable robots.txt means no rules
        rules.parse(fetched.body.decode("utf-8", errors="replace").splitlines())
        return rules

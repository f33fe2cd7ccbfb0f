"""Fetching pages and feeds politely and safely: the SSRF guard, robots.txt, a per-host rate
limit, conditional requests, bounded redirects, timeouts, retries with backoff, a size cap.

The guard checks every address a connection is about to use, after name resolution and at
every redirect (the connection goes to the address that was checked, so a name that resolves
anew cannot slip past): only global unicast addresses are reached, never loopback, private,
link-local (cloud metadata at 169.254.169.254), shared, reserved or multicast ones, unless the
policy allows private addresses. Only http and https URLs are fetched.
"""

from __future__ import annotations

import ipaddress
import socket
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from typing import Any
from urllib.parse import urljoin, urlsplit
from urllib.robotparser import RobotFileParser

import httpcore
import httpx

from newsgraph.extract.pipeline import extractor_version

REDIRECTS = frozenset({301, 302, 303, 307, 308})
RETRIED = frozenset({429, 500, 502, 503, 504})
ROBOTS_AGENT = "newsgraph"


class FetchError(Exception):
    """A URL that could not be fetched; the message names it and says why, `status` is the
    HTTP status where the server answered with an error."""

    def __init__(self, message: str, status: int | None = None) -> None:
        super().__init__(message)
        self.status = status


class AddressRefused(FetchError):
    """A URL whose host is, or resolves to, an address the policy does not allow."""


@dataclass(frozen=True)
class FetchPolicy:
    """How the fetcher behaves; the defaults suit reading news sites from the public web."""

    user_agent: str = field(
        default_factory=lambda: (
            f"newsgraph/{extractor_version()} (news knowledge graph; +https://w3id.org/newsgraph)"
        )
    )
    connect_timeout: float = 10.0
    read_timeout: float = 20.0
    # The whole response, however slowly it trickles in.
    total_seconds: float = 60.0
    max_bytes: int = 10 * 1024 * 1024
    max_redirects: int = 5
    retries: int = 2
    backoff_seconds: float = 2.0
    max_retry_after: float = 120.0
    # Least time between two requests to one host; a robots.txt Crawl-delay can lengthen it.
    per_host_seconds: float = 1.0
    respect_robots: bool = True
    robots_ttl_seconds: float = 3600.0
    allow_private_addresses: bool = False
    # Networks reached even so, e.g. ("127.0.0.1/32",) for one local server and no other.
    allowed_networks: tuple[str, ...] = ()

    def address_problem(self, address: str) -> str | None:
        """Why this policy refuses `address` (an IP address), or None."""
        if self.allow_private_addresses:
            return None
        ip = ipaddress.ip_address(address.split("%", 1)[0])
        if any(ip in ipaddress.ip_network(net, strict=False) for net in self.allowed_networks):
            return None
        return address_problem(address)


@dataclass(frozen=True)
class Fetched:
    """A response: `not_modified` when the server answered 304 to a conditional request."""

    url: str
    status: int
    body: bytes
    content_type: str | None
    etag: str | None
    last_modified: str | None

    @property
    def not_modified(self) -> bool:
        return self.status == 304


def address_problem(address: str) -> str | None:
    """Why the guard refuses `address` (an IP address), or None when it is a public one."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    for flag, name in (
        ("is_unspecified", "an unspecified"),
        ("is_loopback", "a loopback"),
        ("is_link_local", "a link-local"),
        ("is_multicast", "a multicast"),
        ("is_private", "a private"),
        ("is_reserved", "a reserved"),
    ):
        if getattr(ip, flag):
            return f"{ip} is {name} address"
    if not ip.is_global:
        return f"{ip} is not a public address"
    return None


def check_url(policy: FetchPolicy, url: str) -> None:
    """Raise `AddressRefused` for a URL the policy refuses before any lookup: another scheme
    than http(s), or a host written as a refused address. Names are checked once resolved."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise AddressRefused(f"{url}: only http and https URLs are fetched")
    if not parts.hostname:
        raise AddressRefused(f"{url}: no host")
    try:
        problem = policy.address_problem(parts.hostname)
    except ValueError:
        return  # a name: checked once resolved, at connection time
    if problem:
        raise AddressRefused(f"{url}: refused: {problem} (allow it with --allow-private-addresses)")


def _addresses(host: str, port: int) -> list[str]:
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as error:
        raise FetchError(f"cannot resolve {host!r}: {error}") from error
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


class _GuardedBackend(httpcore.SyncBackend):
    """Connects only to addresses the policy allows, and to the address it checked."""

    def __init__(self, policy: FetchPolicy) -> None:
        self.policy = policy

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.NetworkStream:
        addresses = _addresses(host, port)
        for address in addresses:
            problem = self.policy.address_problem(address)
            if problem:
                raise AddressRefused(
                    f"{host} resolves to {address}, refused: {problem} (allow it with "
                    "--allow-private-addresses)"
                )
        return super().connect_tcp(addresses[0], port, timeout, local_address, socket_options)


class _GuardedTransport(httpx.HTTPTransport):
    def __init__(self, policy: FetchPolicy) -> None:
        super().__init__(trust_env=False, retries=0)
        # httpx builds its connection pool without a way to pass the network backend; the
        # pool it built is replaced by one that connects through the guard.
        self._pool = httpcore.ConnectionPool(
            ssl_context=httpx.create_ssl_context(trust_env=False),
            max_connections=20,
            max_keepalive_connections=10,
            network_backend=_GuardedBackend(policy),
        )


class _Robots:
    def __init__(self, parser: RobotFileParser | None, allow_all: bool, until: float) -> None:
        self.parser, self.allow_all, self.until = parser, allow_all, until

    def allows(self, url: str) -> bool:
        if self.parser is None:
            return self.allow_all
        return self.parser.can_fetch(ROBOTS_AGENT, url)

    def delay(self) -> float:
        if self.parser is None:
            return 0.0
        value = self.parser.crawl_delay(ROBOTS_AGENT)
        return float(value) if value else 0.0


class Fetcher:
    """One HTTP client for pages, feeds and robots.txt files, shared by threads."""

    def __init__(self, policy: FetchPolicy | None = None) -> None:
        self.policy = policy or FetchPolicy()
        self._client = httpx.Client(
            transport=_GuardedTransport(self.policy),
            follow_redirects=False,
            trust_env=False,
            timeout=httpx.Timeout(
                self.policy.read_timeout,
                connect=self.policy.connect_timeout,
                pool=self.policy.connect_timeout,
            ),
            headers={"User-Agent": self.policy.user_agent, "Accept-Encoding": "gzip, deflate"},
        )
        self._robots: dict[str, _Robots] = {}
        self._next_request: dict[str, float] = {}
        self._lock = threading.Lock()

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def fetch(
        self, url: str, *, etag: str | None = None, last_modified: str | None = None
    ) -> Fetched:
        """GET `url`, following at most `max_redirects` redirects, each one checked like the
        first; `etag` / `last_modified` make the request conditional (304: `not_modified`)."""
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        current = url
        for _ in range(self.policy.max_redirects + 1):
            check_url(self.policy, current)
            if self.policy.respect_robots and not self._robots_for(current).allows(current):
                raise FetchError(f"{current}: robots.txt disallows it for {ROBOTS_AGENT}")
            fetched, location = self._get_with_retries(current, headers)
            if location is None:
                return fetched
            current = urljoin(current, location)
        raise FetchError(f"{url}: more than {self.policy.max_redirects} redirects")

    def _wait_for_host(self, url: str) -> None:
        host = (urlsplit(url).hostname or "").lower()
        interval = self.policy.per_host_seconds
        robots = self._robots.get(_origin(url))
        if robots is not None:
            interval = max(interval, min(robots.delay(), 60.0))
        with self._lock:
            now = time.monotonic()
            start = max(now, self._next_request.get(host, 0.0))
            self._next_request[host] = start + interval
        if start > now:
            time.sleep(start - now)

    def _get_with_retries(self, url: str, headers: dict[str, str]) -> tuple[Fetched, str | None]:
        attempt = 0
        while True:
            self._wait_for_host(url)
            try:
                fetched, location, retry_after = self._get_once(url, headers)
            except (httpx.TimeoutException, httpx.NetworkError) as error:
                if attempt >= self.policy.retries:
                    raise FetchError(f"{url}: {type(error).__name__}: {error}") from error
                wait = self.policy.backoff_seconds * 2**attempt
            else:
                if fetched.status not in RETRIED or attempt >= self.policy.retries:
                    if fetched.status >= 400:
                        raise FetchError(f"{url}: HTTP {fetched.status}", fetched.status)
                    return fetched, location
                wait = (
                    retry_after
                    if retry_after is not None
                    else self.policy.backoff_seconds * 2**attempt
                )
            attempt += 1
            time.sleep(min(wait, self.policy.max_retry_after))

    def _get_once(
        self, url: str, headers: dict[str, str]
    ) -> tuple[Fetched, str | None, float | None]:
        deadline = time.monotonic() + self.policy.total_seconds
        limit = self.policy.max_bytes
        with self._client.stream("GET", url, headers=headers) as response:
            if response.status_code in REDIRECTS and response.headers.get("location"):
                return self._fetched(url, response, b""), response.headers["location"], None
            declared = response.headers.get("content-length")
            if declared and declared.isdigit() and int(declared) > limit:
                raise FetchError(f"{url}: the body is {int(declared):,} bytes, over {limit:,}")
            chunks: list[bytes] = []
            size = 0
            for chunk in response.iter_raw():
                size += len(chunk)
                if size > limit:
                    raise FetchError(f"{url}: the body is over {limit:,} bytes")
                if time.monotonic() > deadline:
                    raise FetchError(
                        f"{url}: the response took over {self.policy.total_seconds:g} seconds"
                    )
                chunks.append(chunk)
            body = _decoded(b"".join(chunks), response.headers.get("content-encoding"), limit, url)
            return (
                self._fetched(url, response, body),
                None,
                _retry_after(response.headers.get("retry-after")),
            )

    @staticmethod
    def _fetched(url: str, response: httpx.Response, body: bytes) -> Fetched:
        return Fetched(
            url=url,
            status=response.status_code,
            body=body,
            content_type=response.headers.get("content-type"),
            etag=response.headers.get("etag"),
            last_modified=response.headers.get("last-modified"),
        )

    def _robots_for(self, url: str) -> _Robots:
        origin = _origin(url)
        with self._lock:
            known = self._robots.get(origin)
        if known is not None and known.until > time.monotonic():
            return known
        robots_url = origin + "/robots.txt"
        ttl = self.policy.robots_ttl_seconds
        try:
            fetched, location = self._get_with_retries(robots_url, {})
            if location is not None:  # a robots.txt redirect: followed once, same checks
                check_url(self.policy, urljoin(robots_url, location))
                fetched, _ = self._get_with_retries(urljoin(robots_url, location), {})
            parser = RobotFileParser(robots_url)
            parser.parse(fetched.body.decode("utf-8", errors="replace").splitlines())
            found = _Robots(parser, True, time.monotonic() + ttl)
        except AddressRefused:
            raise
        except FetchError as error:
            # RFC 9309: a robots.txt that is not there (4xx) allows everything; one that
            # cannot be read (5xx, no answer) disallows everything, for a while.
            missing = error.status is not None and 400 <= error.status < 500
            found = _Robots(None, missing, time.monotonic() + (ttl if missing else 60.0))
        with self._lock:
            self._robots[origin] = found
        return found


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def _retry_after(value: str | None) -> float | None:
    if not value:
        return None
    if value.strip().isdigit():
        return float(value.strip())
    try:
        return max(parsedate_to_datetime(value).timestamp() - time.time(), 0.0)
    except (TypeError, ValueError):
        return None


def _decoded(body: bytes, encoding: str | None, limit: int, url: str) -> bytes:
    """The body without its content encoding, refused past `limit` bytes once decoded (a
    small gzip bomb is still a bomb)."""
    if not encoding or encoding.strip().lower() in ("identity", ""):
        return body
    import zlib

    codings = [part.strip().lower() for part in encoding.split(",")]
    for coding in reversed(codings):
        if coding in ("gzip", "x-gzip", "deflate"):
            wbits = 16 + zlib.MAX_WBITS if coding != "deflate" else zlib.MAX_WBITS
            decompressor = zlib.decompressobj(wbits)
            body = decompressor.decompress(body, limit + 1)
            if len(body) > limit or decompressor.unconsumed_tail:
                raise FetchError(f"{url}: the decoded body is over {limit:,} bytes")
        elif coding != "identity":
            raise FetchError(f"{url}: unsupported content encoding {coding!r}")
    return body

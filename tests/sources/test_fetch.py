"""The fetcher against a real local server: the SSRF guard, robots.txt, conditional requests,
redirects, the size cap, timeouts, retries and the per-host rate limit."""

from __future__ import annotations

import gzip
import time
from collections.abc import Iterator

import pytest

from newsgraph.api.sources.fetch import (
    AddressRefused,
    Fetcher,
    FetchError,
    FetchPolicy,
    address_problem,
)
from tests.sources.site import Route, Site, serve

# The test's own server is reached by allowing exactly its address, so the guard still stands
# for every other loopback, private and link-local address (127.0.0.2 reaches the same server).
ONLY_THE_TEST_SERVER = FetchPolicy(
    allowed_networks=("127.0.0.1/32",),
    per_host_seconds=0.0,
    retries=0,
    read_timeout=1.0,
    connect_timeout=1.0,
    total_seconds=3.0,
    max_bytes=100_000,
)


@pytest.fixture
def site() -> Iterator[Site]:
    site = Site()
    with serve(site):
        site.add("/robots.txt", Route(b"User-agent: *\nDisallow: /private/\n", "text/plain"))
        site.add("/a", Route(b"<html><body><p>An article.</p></body></html>"))
        yield site


@pytest.mark.parametrize(
    ("address", "problem"),
    [
        ("127.0.0.1", "loopback"),
        ("10.1.2.3", "private"),
        ("192.168.0.1", "private"),
        ("169.254.169.254", "link-local"),
        ("::1", "loopback"),
        ("::ffff:127.0.0.1", "loopback"),
        ("fe80::1", "link-local"),
        ("100.64.0.1", "not a public"),
        ("0.0.0.0", "unspecified"),
        ("224.0.0.1", "multicast"),
    ],
)
def test_the_guard_names_what_it_refuses(address: str, problem: str) -> None:
    assert problem in (address_problem(address) or "")


def test_public_addresses_pass_the_guard() -> None:
    assert address_problem("93.184.216.34") is None
    assert address_problem("2606:2800:220:1:248:1893:25c8:1946") is None


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:{port}/a",
        "http://localhost:{port}/a",  # a name: refused once resolved, before connecting
        "http://10.0.0.1/",
        "http://169.254.169.254/latest/meta-data/",
        "http://[::1]:{port}/a",
        "file:///etc/passwd",
        "ftp://127.0.0.1/",
        "gopher://127.0.0.1:{port}/",
    ],
)
def test_private_addresses_and_other_schemes_are_refused_by_default(site: Site, url: str) -> None:
    port = site.base.rsplit(":", 1)[1]
    with Fetcher(FetchPolicy(retries=0)) as fetcher, pytest.raises(AddressRefused):
        fetcher.fetch(url.format(port=port))
    assert site.paths() == []  # nothing reached the server, not even robots.txt


def test_the_flag_allows_private_addresses(site: Site) -> None:
    policy = FetchPolicy(allow_private_addresses=True, per_host_seconds=0, retries=0)
    with Fetcher(policy) as fetcher:
        assert b"An article" in fetcher.fetch(f"{site.base}/a").body
        assert (
            b"An article" in fetcher.fetch(site.base.replace("127.0.0.1", "localhost") + "/a").body
        )


@pytest.mark.parametrize(
    "target",
    [
        "http://127.0.0.2:{port}/a",  # loopback too: the same server would answer
        "http://10.0.0.1/",
        "http://169.254.169.254/latest/meta-data/",
        "file:///etc/passwd",
    ],
)
def test_a_redirect_is_checked_like_the_first_url(site: Site, target: str) -> None:
    port = site.base.rsplit(":", 1)[1]
    site.add("/jump", Route(status=302, location=target.format(port=port)))
    with Fetcher(ONLY_THE_TEST_SERVER) as fetcher, pytest.raises(AddressRefused):
        fetcher.fetch(f"{site.base}/jump")


def test_redirects_are_followed_and_bounded(site: Site) -> None:
    site.add("/r1", Route(status=301, location="/r2"))
    site.add("/r2", Route(status=308, location=f"{site.base}/a"))
    for n in range(8):
        site.add(f"/loop{n}", Route(status=302, location=f"/loop{n + 1}"))
    with Fetcher(ONLY_THE_TEST_SERVER) as fetcher:
        fetched = fetcher.fetch(f"{site.base}/r1")
        assert (fetched.url, fetched.status) == (f"{site.base}/a", 200)
        with pytest.raises(FetchError, match="more than 5 redirects"):
            fetcher.fetch(f"{site.base}/loop0")


def test_robots_txt_is_respected_and_read_once(site: Site) -> None:
    site.add("/private/x", Route(b"<p>secret</p>"))
    with Fetcher(ONLY_THE_TEST_SERVER) as fetcher:
        with pytest.raises(FetchError, match=r"robots\.txt disallows"):
            fetcher.fetch(f"{site.base}/private/x")
        fetcher.fetch(f"{site.base}/a")
    assert "/private/x" not in site.paths()
    assert site.paths().count("/robots.txt") == 1
    agent = site.requests[0][1]["User-Agent"]
    assert agent.startswith("newsgraph/")


def test_a_robots_txt_that_errors_disallows_and_a_missing_one_allows(site: Site) -> None:
    site.add("/robots.txt", Route(b"down", "text/plain", status=503))
    with Fetcher(ONLY_THE_TEST_SERVER) as fetcher, pytest.raises(FetchError, match="robots"):
        fetcher.fetch(f"{site.base}/a")
    del site.routes["/robots.txt"]
    with Fetcher(ONLY_THE_TEST_SERVER) as fetcher:
        assert fetcher.fetch(f"{site.base}/a").status == 200


def test_conditional_requests_get_304(site: Site) -> None:
    with Fetcher(ONLY_THE_TEST_SERVER) as fetcher:
        first = fetcher.fetch(f"{site.base}/a")
        assert first.etag and first.last_modified
        again = fetcher.fetch(f"{site.base}/a", etag=first.etag, last_modified=first.last_modified)
    assert again.not_modified and again.body == b""
    assert site.answered("/a") == [200, 304]


def test_oversized_bodies_are_refused_declared_or_not(site: Site) -> None:
    site.add("/declared", Route(b"x" * 10, declare_length=50_000_000))
    site.add("/big", Route(b"<p>" + b"x" * 200_000 + b"</p>", unsized=True))
    with Fetcher(ONLY_THE_TEST_SERVER) as fetcher:
        with pytest.raises(FetchError, match="50,000,000 bytes, over 100,000"):
            fetcher.fetch(f"{site.base}/declared")
        with pytest.raises(FetchError, match="over 100,000 bytes"):
            fetcher.fetch(f"{site.base}/big")


def test_a_gzip_bomb_is_refused_once_decoded() -> None:
    from newsgraph.api.sources.fetch import _decoded

    bomb = gzip.compress(b"x" * 5_000_000)
    assert len(bomb) < 100_000
    with pytest.raises(FetchError, match="decoded body is over"):
        _decoded(bomb, "gzip", 100_000, "http://x/")
    assert _decoded(gzip.compress(b"fine"), "gzip", 100, "http://x/") == b"fine"


def test_a_slow_response_times_out_and_is_retried_with_backoff(site: Site) -> None:
    site.add("/slow", Route(b"<p>late</p>", delay=2.0))
    policy = FetchPolicy(
        allowed_networks=("127.0.0.1/32",),
        per_host_seconds=0,
        read_timeout=0.3,
        retries=1,
        backoff_seconds=0.2,
    )
    started = time.monotonic()
    with Fetcher(policy) as fetcher, pytest.raises(FetchError, match="ReadTimeout"):
        fetcher.fetch(f"{site.base}/slow")
    assert 0.7 < time.monotonic() - started < 3
    assert site.paths().count("/slow") in (0, 1, 2)  # logged when answered, after the delay


def test_a_server_error_is_retried_then_reported(site: Site) -> None:
    site.add("/flaky", Route(b"busy", status=503))
    policy = FetchPolicy(
        allowed_networks=("127.0.0.1/32",), per_host_seconds=0, retries=2, backoff_seconds=0.05
    )
    with Fetcher(policy) as fetcher, pytest.raises(FetchError, match="HTTP 503") as raised:
        fetcher.fetch(f"{site.base}/flaky")
    assert raised.value.status == 503
    assert site.answered("/flaky") == [503, 503, 503]


def test_requests_to_one_host_are_spaced(site: Site) -> None:
    policy = FetchPolicy(allowed_networks=("127.0.0.1/32",), per_host_seconds=0.3, retries=0)
    with Fetcher(policy) as fetcher:
        started = time.monotonic()
        for _ in range(3):
            fetcher.fetch(f"{site.base}/a")
    # robots.txt and three pages: three intervals at least.
    assert time.monotonic() - started >= 0.85

"""Fetching a URL safely: one wall-clock deadline, a streamed size cap, conditional requests, and no private
addresses.

Safety, for every request forewarn makes to a source (ingest and watch alike):

- only `http` and `https`; any other scheme is refused with a message that says so;
- the host name is resolved once, every address it resolves to is checked, and the connection is made to the
  checked address itself (the URL's host is replaced by the address; the `Host` header and, for HTTPS, the
  TLS server name and certificate check keep the real name), so a DNS answer that changes between the check
  and the connection ("DNS rebinding") cannot send the request elsewhere;
- redirects are followed by hand, and each hop is checked again the same way;
- loopback, private, link-local, shared (CGNAT), multicast, reserved and unspecified addresses are refused,
  also when an IPv6 address wraps one (IPv4-mapped and -compatible, 6to4 `2002::/16`, Teredo, NAT64), unless
  `allow_private` or `allow_networks` says so;
- a wall-clock deadline covers the whole fetch, redirects and body included (`fetch_deadline`), so a server
  dripping a byte at a time is abandoned at the deadline; `fetch_timeout` still bounds each connect and read.

Connections are not kept alive between requests: a pooled HTTPS connection to one address must never carry a
request for another host name whose certificate it never checked.
"""

from __future__ import annotations

import asyncio
import ipaddress
import re
import socket
import ssl
from collections.abc import Callable, Coroutine, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any, TypeVar
from urllib.parse import urljoin, urlsplit

import httpx

from ..errors import ConfigError, FetchError
from ..settings import Settings

MAX_REDIRECTS = 5
REDIRECTS = (301, 302, 303, 307, 308)
RETRY_LATER = (429, 503)
MAX_RETRY_AFTER = 7 * 86400.0  # a Retry-After further off than a week is read as a week
SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]+):")

Resolver = Callable[[str, int], Sequence[str]]
IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
T = TypeVar("T")


@dataclass(frozen=True)
class Validators:
    """What a previous response said about its body, sent back so an unchanged source answers 304."""

    etag: str = ""
    last_modified: str = ""

    def headers(self) -> dict[str, str]:
        found = {"If-None-Match": self.etag, "If-Modified-Since": self.last_modified}
        return {k: v for k, v in found.items() if v}


@dataclass(frozen=True)
class Fetched:
    url: str  # the URL asked for
    final_url: str  # after redirects
    content: bytes
    content_type: str
    status: int = 200
    validators: Validators = Validators()

    @property
    def not_modified(self) -> bool:
        return self.status == 304


class RetryLater(FetchError):
    """The server asked to be left alone for a while (429 Too Many Requests, 503 Service Unavailable)."""

    def __init__(self, message: str, status: int, retry_after: float | None) -> None:
        super().__init__(message)
        self.status = status
        self.retry_after = retry_after


# -- addresses ----------------------------------------------------------------------------------------------
NAT64 = ipaddress.ip_network("64:ff9b::/96")  # RFC 6052 well-known prefix: the last 32 bits are an IPv4 address
NAT64_LOCAL = ipaddress.ip_network("64:ff9b:1::/48")  # RFC 8215 local-use prefix: a private network by design
IPV4_COMPATIBLE = ipaddress.ip_network("::/96")  # deprecated ::a.b.c.d
SHARED = ipaddress.ip_network("100.64.0.0/10")  # carrier-grade NAT


def _kind(ip: IPAddress) -> str:
    """Why an address is not public, or '' when it is."""
    checks = (
        ("loopback", ip.is_loopback),
        ("unspecified", ip.is_unspecified),
        ("link-local", ip.is_link_local),
        ("multicast", ip.is_multicast),
        ("private", ip.is_private),
        ("shared (carrier-grade NAT)", isinstance(ip, ipaddress.IPv4Address) and ip in SHARED),
        ("reserved", ip.is_reserved),
        ("site-local", isinstance(ip, ipaddress.IPv6Address) and ip.is_site_local),
        ("not globally routable", not ip.is_global),
    )
    return next((name for name, hit in checks if hit), "")


def _wrapped(ip: IPAddress) -> list[tuple[str, IPAddress]]:
    """The IPv4 addresses an IPv6 address carries (where a packet to it would really go)."""
    if not isinstance(ip, ipaddress.IPv6Address):
        return []
    found: list[tuple[str, IPAddress]] = []
    if ip.ipv4_mapped:
        found.append(("IPv4-mapped", ip.ipv4_mapped))
    elif ip in IPV4_COMPATIBLE and int(ip) > 1:
        found.append(("IPv4-compatible", ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)))
    if ip.sixtofour:
        found.append(("6to4", ip.sixtofour))
    if ip.teredo:
        server, client = ip.teredo
        found += [("Teredo client", client), ("Teredo server", server)]
    if ip in NAT64:
        found.append(("NAT64", ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)))
    return found


def address_problem(address: str, allowed: Sequence[ipaddress.IPv4Network | ipaddress.IPv6Network] = ()) -> str:
    """'' when a connection to `address` is fine; else what it is, e.g. '2002:7f00:1:: (6to4 of 127.0.0.1) is
    loopback'. Addresses inside an `allowed` network are fine whatever they are."""
    ip = ipaddress.ip_address(address.split("%")[0])
    if any(ip in net for net in allowed if net.version == ip.version):
        return ""
    if isinstance(ip, ipaddress.IPv6Address) and ip in NAT64_LOCAL:
        return f"{ip} is a local-use NAT64 address"
    # an IPv4-mapped or NAT64 address is a way to write the IPv4 address inside (a dual-stack socket or the
    # NAT64 gateway connects to it): judge that alone
    translated = isinstance(ip, ipaddress.IPv6Address) and (ip.ipv4_mapped is not None or ip in NAT64)
    kind = "" if translated else _kind(ip)
    for label, inner in _wrapped(ip):
        if any(inner in net for net in allowed if net.version == 4):
            continue
        inner_kind = _kind(inner)
        if inner_kind:
            return f"{ip} ({label} of {inner}) is {inner_kind}"
    return f"{ip} is {kind}" if kind else ""


def is_public(address: str) -> bool:
    return not address_problem(address)


def allowed_networks(settings: Settings) -> list[ipaddress.IPv4Network | ipaddress.IPv6Network]:
    return [ipaddress.ip_network(part.strip(), strict=False) for part in settings.allow_networks.split(",")
            if part.strip()]


def system_resolver(host: str, port: int) -> list[str]:
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise FetchError(f"cannot resolve {host}: {exc}") from exc
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


# -- URLs ---------------------------------------------------------------------------------------------------
def has_scheme(source: str) -> bool:
    """True for anything written as a URL (`scheme:` then `//`), whatever the scheme, so that `file://x` or
    `gopher://x` is refused as a URL rather than looked for as a file."""
    found = SCHEME.match(source)
    return found is not None and source[found.end() : found.end() + 2] == "//"


def check_scheme(url: str) -> tuple[str, str, int]:
    """(scheme, host, port) of an http(s) URL; FetchError for any other scheme or a URL without a host."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as exc:
        raise FetchError(f"{url}: not a valid URL ({exc})") from exc
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        shown = f"{scheme}://" if scheme else "a URL without a scheme"
        raise FetchError(
            f"{url}: refused, only http:// and https:// URLs are fetched, not {shown}"
            + (" (to read a local file, give its path)" if scheme == "file" else "")
        )
    if not parts.hostname:
        raise FetchError(f"{url}: no host name")
    return scheme, parts.hostname, port or (443 if scheme == "https" else 80)


def checked_addresses(
    url: str, *, allow_private: bool, resolver: Resolver, allowed: Sequence[Any] = ()
) -> list[str]:
    """The addresses to connect to for `url`, each one checked; FetchError if any is refused."""
    _scheme, host, port = check_scheme(url)
    try:
        ipaddress.ip_address(host.split("%")[0])
        addresses = [host]
    except ValueError:
        addresses = list(resolver(host, port))
    if not addresses:
        raise FetchError(f"cannot resolve {host}: no address")
    if not allow_private:
        for address in addresses:
            problem = address_problem(address, allowed)
            if problem:
                raise FetchError(
                    f"{url}: refused, {host} resolves to a non-public address: {problem} "
                    "(use --allow-private, or the allow_networks setting, for intranet or test servers)"
                    if host != address
                    else f"{url}: refused, non-public address: {problem} "
                    "(use --allow-private, or the allow_networks setting, for intranet or test servers)"
                )
    return addresses


def check_url(url: str, *, allow_private: bool, resolver: Resolver | None = None) -> list[str]:
    """Refuse non-HTTP schemes, and hosts resolving to any non-public address unless allowed."""
    return checked_addresses(url, allow_private=allow_private, resolver=resolver or system_resolver)


def _pinned(url: str, address: str) -> tuple[httpx.URL, dict[str, str], dict[str, Any]]:
    """The request URL aimed at `address`, with the Host header and TLS server name of the real host."""
    original = httpx.URL(url)
    host = original.raw_host.decode("ascii")  # IDNA-encoded, as TLS and the Host header want it
    headers = {"Host": original.netloc.decode("ascii")}
    extensions: dict[str, Any] = {}
    if original.scheme == "https" and original.host != address.split("%")[0]:
        extensions["sni_hostname"] = host
    return original.copy_with(host=address.split("%")[0]), headers, extensions


# -- fetching -----------------------------------------------------------------------------------------------
def make_client(settings: Settings) -> httpx.AsyncClient:
    """A client for many fetches (the watcher keeps one): no redirects, no proxies from the environment, no
    keep-alive (see the module docstring)."""
    verify: ssl.SSLContext | bool = True
    if settings.ca_bundle:
        try:
            verify = ssl.create_default_context(cafile=settings.ca_bundle)
        except (OSError, ssl.SSLError) as exc:
            raise ConfigError(f"setting 'ca_bundle': cannot use {settings.ca_bundle!r}: {exc}") from exc
    return httpx.AsyncClient(
        verify=verify,
        timeout=httpx.Timeout(settings.fetch_timeout),
        headers={"User-Agent": settings.user_agent, "Accept": "*/*"},
        follow_redirects=False,
        trust_env=False,
        limits=httpx.Limits(max_keepalive_connections=0),
    )


async def fetch_async(
    url: str,
    settings: Settings,
    *,
    allow_private: bool = False,
    validators: Validators | None = None,
    resolver: Resolver | None = None,
    client: httpx.AsyncClient | None = None,
) -> Fetched:
    """GET `url` within `settings.fetch_deadline` seconds (redirects and body included). Returns the body, or an
    empty 304 when `validators` match; raises RetryLater on 429/503 and FetchError on anything else that
    goes wrong or is refused."""
    own = client is None
    active = client or make_client(settings)
    try:
        async with asyncio.timeout(settings.fetch_deadline):
            return await _follow(url, settings, active, allow_private, validators or Validators(),
                                 resolver or system_resolver)
    except TimeoutError:
        raise FetchError(
            f"{url}: abandoned after {settings.fetch_deadline:g} s (fetch_deadline): the server is too slow"
        ) from None
    finally:
        if own:
            await active.aclose()


async def _follow(
    url: str, settings: Settings, client: httpx.AsyncClient, allow_private: bool, validators: Validators,
    resolver: Resolver,
) -> Fetched:
    allowed = allowed_networks(settings)
    current = url
    for _ in range(MAX_REDIRECTS + 1):
        addresses = await asyncio.to_thread(
            checked_addresses, current, allow_private=allow_private, resolver=resolver, allowed=allowed
        )
        result = await _get_any(client, current, addresses, settings.max_fetch_bytes, validators)
        if isinstance(result, str):
            current = urljoin(current, result)
            continue
        return Fetched(url, current, result[0], result[1], result[2], result[3])
    raise FetchError(f"{url}: more than {MAX_REDIRECTS} redirects")


Answer = str | tuple[bytes, str, int, Validators]


async def _get_any(
    client: httpx.AsyncClient, url: str, addresses: Sequence[str], limit: int, validators: Validators
) -> Answer:
    """Try each checked address in turn until one connects."""
    for index, address in enumerate(addresses):
        try:
            return await _get(client, url, address, limit, validators)
        except (httpx.ConnectError, httpx.ConnectTimeout) as exc:
            if index == len(addresses) - 1:
                raise FetchError(f"{url}: cannot connect: {type(exc).__name__}: {exc}") from exc
        except (httpx.HTTPError, httpx.InvalidURL) as exc:
            raise FetchError(f"{url}: {type(exc).__name__}: {exc}") from exc
    raise FetchError(f"{url}: no address to connect to")


async def _get(client: httpx.AsyncClient, url: str, address: str, limit: int, validators: Validators) -> Answer:
    """The body, content type, status and validators; or the redirect target."""
    target, headers, extensions = _pinned(url, address)
    request = client.build_request("GET", target, headers={**headers, **validators.headers()},
                                   extensions=extensions)
    response = await client.send(request, stream=True)
    try:
        status = response.status_code
        if status in REDIRECTS and "location" in response.headers:
            return response.headers["location"]
        if status == 304:
            return b"", response.headers.get("content-type", ""), 304, _validators(response, validators)
        if status in RETRY_LATER:
            wait = retry_after(response.headers.get("retry-after", ""))
            said = f", retry after {wait:g} s" if wait is not None else ""
            raise RetryLater(f"{url}: HTTP {status} {response.reason_phrase}{said}", status, wait)
        if status >= 400:
            raise FetchError(f"{url}: HTTP {status} {response.reason_phrase}")
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > limit:
            raise FetchError(f"{url}: {int(declared):,} bytes is over the {limit:,}-byte limit (max_fetch_bytes)")
        body = bytearray()
        async for chunk in response.aiter_bytes():
            body.extend(chunk)
            if len(body) > limit:
                raise FetchError(f"{url}: body is over the {limit:,}-byte limit (max_fetch_bytes)")
        return bytes(body), response.headers.get("content-type", ""), status, _validators(response, Validators())
    finally:
        await response.aclose()


def _validators(response: httpx.Response, previous: Validators) -> Validators:
    return Validators(
        etag=response.headers.get("etag", previous.etag),
        last_modified=response.headers.get("last-modified", previous.last_modified),
    )


def retry_after(value: str, now: datetime | None = None) -> float | None:
    """Seconds to wait from a Retry-After header (delay-seconds or an HTTP date), capped at a week."""
    value = value.strip()
    if not value:
        return None
    if value.isdigit():
        return min(float(value), MAX_RETRY_AFTER)
    try:
        moment = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return min(max((moment - (now or datetime.now(UTC))).total_seconds(), 0.0), MAX_RETRY_AFTER)


def run_sync(coroutine: Coroutine[Any, Any, T]) -> T:
    """Run a coroutine from synchronous code, also when the caller is itself inside an event loop."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(coroutine)
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


def fetch(url: str, settings: Settings, *, allow_private: bool = False, resolver: Resolver | None = None) -> Fetched:
    """GET `url` for an ingest (blocking): same safety and deadline as the watcher's fetches."""
    return run_sync(fetch_async(url, settings, allow_private=allow_private, resolver=resolver))

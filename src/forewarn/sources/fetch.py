"""Fetching a URL safely: timeouts, a streamed size cap, a user agent, and no private addresses.

Every address the host name resolves to is checked (and again after each redirect, which is followed by
hand for that reason), so a feed URL cannot be used to reach loopback, the LAN or cloud metadata services
unless `allow_private` says so. A DNS answer that changes between the check and the connection (rebinding)
is not covered; run forewarn where the intranet is not reachable if that matters.
"""

from __future__ import annotations

import ipaddress
import socket
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import httpx

from ..errors import FetchError
from ..settings import Settings

MAX_REDIRECTS = 5


@dataclass(frozen=True)
class Fetched:
    url: str  # the URL asked for
    final_url: str  # after redirects
    content: bytes
    content_type: str


def fetch(url: str, settings: Settings, *, allow_private: bool = False) -> Fetched:
    """GET `url` (following up to five redirects); raises FetchError on refusal, error or oversize."""
    current = url
    with httpx.Client(
        timeout=httpx.Timeout(settings.fetch_timeout),
        headers={"User-Agent": settings.user_agent, "Accept": "*/*"},
        follow_redirects=False,
    ) as client:
        for _ in range(MAX_REDIRECTS + 1):
            check_url(current, allow_private=allow_private)
            try:
                response = _get(client, current, settings.max_fetch_bytes)
            except httpx.HTTPError as exc:
                raise FetchError(f"{current}: {type(exc).__name__}: {exc}") from exc
            if isinstance(response, str):
                current = urljoin(current, response)
                continue
            return Fetched(url, current, response[0], response[1])
    raise FetchError(f"{url}: more than {MAX_REDIRECTS} redirects")


def _get(client: httpx.Client, url: str, limit: int) -> str | tuple[bytes, str]:
    """The body and content type, or the redirect target."""
    with client.stream("GET", url) as response:
        if response.is_redirect and "location" in response.headers:
            return response.headers["location"]
        if response.status_code >= 400:
            raise FetchError(f"{url}: HTTP {response.status_code} {response.reason_phrase}")
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > limit:
            raise FetchError(f"{url}: {int(declared):,} bytes is over the {limit:,}-byte limit")
        body = bytearray()
        for chunk in response.iter_bytes():
            body.extend(chunk)
            if len(body) > limit:
                raise FetchError(f"{url}: body is over the {limit:,}-byte limit (max_fetch_bytes)")
        return bytes(body), response.headers.get("content-type", "")


def check_url(url: str, *, allow_private: bool) -> None:
    """Refuse non-HTTP schemes, and hosts resolving to any non-public address unless allowed."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise FetchError(f"{url}: only http and https URLs are fetched")
    if not parts.hostname:
        raise FetchError(f"{url}: no host name")
    if allow_private:
        return
    for address in resolve(parts.hostname, parts.port or (443 if parts.scheme == "https" else 80)):
        if not is_public(address):
            raise FetchError(
                f"{url}: refused, {parts.hostname} resolves to non-public address {address} "
                "(use --allow-private for intranet or test servers)"
            )


def resolve(host: str, port: int) -> list[str]:
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise FetchError(f"cannot resolve {host}: {exc}") from exc
    return sorted({str(info[4][0]) for info in infos})


def is_public(address: str) -> bool:
    ip = ipaddress.ip_address(address.split("%")[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    return not (
        ip.is_private
        or ip.is_loopback
        or ip.is_link_local
        or ip.is_multicast
        or ip.is_reserved
        or ip.is_unspecified
        or not ip.is_global
    )

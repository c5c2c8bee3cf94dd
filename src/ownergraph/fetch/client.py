"""The HTTP client: EDGAR's fair-access rules and the on-disk cache.

May import: :mod:`ownergraph.errors`, :mod:`.settings` and the foundation only.

- :class:`TokenBucket`: at most ``rate`` requests a second (a bucket of one token, so
  no burst can exceed the rate in any one-second window).
- :class:`EdgarClient`: ``httpx`` with the declared User-Agent; retries with
  exponential backoff (``tenacity``) on 429, 5xx, timeouts and connections dropped
  mid-body, honouring ``Retry-After``; one clear line on 403, 404 and an unreachable
  network.
- The cache: archived documents (immutable on EDGAR) are streamed into a temporary
  file beside their place and renamed when complete, so an interrupted fetch leaves no
  half file and a document is never fetched twice. JSON (tickers, submissions) is kept
  with its ``ETag``/``Last-Modified`` and revalidated with a conditional request. A
  plain file cache is used rather than an HTTP cache library because the archived
  documents must be ordinary files the loaders read like any file on disk.

Examples
--------
>>> bucket = TokenBucket(10.0)
>>> bucket.interval
0.1
"""

from __future__ import annotations

import email.utils
import json
import os
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import tenacity

from ownergraph.errors import FetchError
from ownergraph.fetch.settings import FetchSettings, check_user_agent

__all__ = ["EdgarClient", "RequestLog", "TokenBucket", "retry_after_seconds"]


class TokenBucket:
    """A thread-safe limiter: one token, refilled every ``1/rate`` seconds."""

    def __init__(self, rate: float, *, clock: Callable[[], float] = time.monotonic) -> None:
        self.interval = 1.0 / rate
        self._clock = clock
        self._next = 0.0
        self._lock = threading.Lock()

    def acquire(self) -> None:
        """Wait until a request may be sent."""
        with self._lock:
            now = self._clock()
            wait = self._next - now
            if wait > 0:
                time.sleep(wait)
                now = self._clock()
            self._next = max(now, self._next) + self.interval


def retry_after_seconds(value: str | None, *, now: float | None = None) -> float | None:
    """Seconds a ``Retry-After`` header asks for (a number or an HTTP date).

    Examples
    --------
    >>> retry_after_seconds("2"), retry_after_seconds(None), retry_after_seconds("soon")
    (2.0, None, None)
    >>> retry_after_seconds("Wed, 21 Oct 2015 07:28:10 GMT", now=1445412480.0)
    10.0
    """
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - (time.time() if now is None else now))


class _Retryable(Exception):
    """A failure worth another try (429, 5xx, timeout, dropped connection)."""

    def __init__(self, message: str, wait: float | None = None) -> None:
        super().__init__(message)
        self.wait = wait


@dataclass
class RequestLog:
    """What the client sent: every request's URL and the counts by kind."""

    urls: list[str] = field(default_factory=list)
    sent: list[float] = field(default_factory=list)  # time.monotonic() of each request
    archive_requests: int = 0
    json_requests: int = 0
    index_requests: int = 0
    retries: int = 0
    from_cache: int = 0
    revalidated: int = 0


class EdgarClient:
    """Requests to EDGAR under its fair-access rules, with the on-disk cache.

    Raises :class:`~ownergraph.errors.FetchError` at construction, before any request,
    when the settings declare no proper User-Agent (unless offline).
    """

    def __init__(self, settings: FetchSettings, *, transport: httpx.BaseTransport | None = None):
        self.settings = settings
        self.log = RequestLog()
        self.cache = settings.cache
        self._bucket = TokenBucket(settings.rate)
        self._http: httpx.Client | None = None
        if not settings.offline:
            agent = check_user_agent(settings.user_agent)
            self._http = httpx.Client(
                headers={"User-Agent": agent, "Accept-Encoding": "gzip, deflate"},
                timeout=httpx.Timeout(settings.timeout),
                follow_redirects=True,
                transport=transport,
            )

    def close(self) -> None:
        """Close the connection pool."""
        if self._http is not None:
            self._http.close()

    def __enter__(self) -> EdgarClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- requests -----------------------------------------------------------------------

    def _send(self, url: str, headers: dict[str, str], dest: Path | None) -> httpx.Response:
        """One request (after the bucket allows it); the body streamed to ``dest`` or read."""
        assert self._http is not None
        self._bucket.acquire()
        self.log.urls.append(url)
        self.log.sent.append(time.monotonic())
        try:
            with self._http.stream("GET", url, headers=headers) as r:
                if r.status_code == 429 or r.status_code >= 500:
                    wait = retry_after_seconds(r.headers.get("Retry-After"))
                    raise _Retryable(f"{url} answered {r.status_code}", wait)
                if r.status_code == 200 and dest is not None:
                    _stream_to(r, dest)
                else:
                    r.read()
                return r
        except httpx.TimeoutException as e:
            raise _Retryable(f"{url} timed out ({type(e).__name__})") from e
        except (httpx.RemoteProtocolError, httpx.ReadError, httpx.WriteError) as e:
            raise _Retryable(f"{url}: the connection was dropped ({e})") from e
        except httpx.ConnectError as e:
            host = httpx.URL(url).host
            raise FetchError(f"cannot reach {host}: the network is unreachable ({e})") from None
        except httpx.HTTPError as e:
            raise FetchError(f"{url}: the request failed ({type(e).__name__}: {e})") from None

    def _wait(self, state: tenacity.RetryCallState) -> float:
        exc = state.outcome.exception() if state.outcome else None
        asked = exc.wait if isinstance(exc, _Retryable) else None
        backoff = self.settings.backoff * 2 ** (state.attempt_number - 1)
        return min(self.settings.max_wait, asked if asked is not None else backoff)

    def get(
        self, url: str, *, headers: dict[str, str] | None = None, dest: Path | None = None
    ) -> httpx.Response:
        """GET ``url`` with retries; 403 and 404 and other 4xx end in one clear error."""
        if self._http is None:
            raise FetchError(f"offline: {url} is not in the cache {self.cache}")

        def count(state: tenacity.RetryCallState) -> None:
            self.log.retries += 1

        retrying = tenacity.Retrying(
            retry=tenacity.retry_if_exception_type(_Retryable),
            wait=self._wait,
            stop=tenacity.stop_after_attempt(max(1, self.settings.attempts)),
            before_sleep=count,
            reraise=True,
        )
        try:
            r: httpx.Response = retrying(self._send, url, headers or {}, dest)
        except _Retryable as e:
            raise FetchError(f"{e}; gave up after {self.settings.attempts} tries") from None
        if r.status_code == 403:
            raise FetchError(
                f"{url}: sec.gov refused the request (403 Forbidden); EDGAR blocks clients "
                "without a User-Agent naming a person or organisation and an e-mail address, "
                "or that send more than 10 requests a second"
            )
        if r.status_code == 404:
            raise FetchError(f"{url}: not found on EDGAR (404)")
        if r.status_code >= 400:
            raise FetchError(f"{url}: EDGAR answered {r.status_code} {r.reason_phrase}")
        return r

    # -- the cache ----------------------------------------------------------------------

    def archive(self, url: str, dest: Path) -> tuple[Path, bool]:
        """An archived (immutable) document at ``dest``: from the cache, else fetched.

        Returns the path and whether it was fetched now.
        """
        if dest.is_file():
            self.log.from_cache += 1
            return dest, False
        if self._http is None:
            raise FetchError(f"offline: {url} is not in the cache ({dest})")
        dest.parent.mkdir(parents=True, exist_ok=True)
        for stale in dest.parent.glob(f".{dest.name}.*.part"):
            stale.unlink(missing_ok=True)  # left by an interrupted run
        self.log.archive_requests += 1
        self.get(url, dest=dest)
        return dest, True

    def json(self, url: str, dest: Path, *, revalidate: bool = True) -> Any:
        """A JSON document, kept at ``dest`` and revalidated with its validators."""
        meta = dest.with_name(dest.name + ".meta")
        if dest.is_file() and (self._http is None or not revalidate):
            self.log.from_cache += 1
            return _read_json(dest)
        if self._http is None:
            raise FetchError(f"offline: {url} is not in the cache ({dest})")
        headers: dict[str, str] = {}
        if dest.is_file() and meta.is_file():
            validators = json.loads(meta.read_text(encoding="utf-8"))
            if validators.get("etag"):
                headers["If-None-Match"] = validators["etag"]
            if validators.get("last_modified"):
                headers["If-Modified-Since"] = validators["last_modified"]
        self.log.json_requests += 1
        r = self.get(url, headers=headers)
        if r.status_code == 304 and dest.is_file():
            self.log.revalidated += 1
            return _read_json(dest)
        try:
            data = json.loads(r.content)
        except ValueError:
            raise FetchError(f"{url}: the answer is not JSON") from None
        dest.parent.mkdir(parents=True, exist_ok=True)
        _write_atomic(dest, r.content)
        validators = {
            "etag": r.headers.get("ETag"),
            "last_modified": r.headers.get("Last-Modified"),
        }
        _write_atomic(meta, json.dumps(validators).encode())
        return data

    def text(self, url: str, dest: Path, *, immutable: bool) -> str:
        """A text document (a quarterly index) from the cache or fetched."""
        if immutable and dest.is_file():
            self.log.from_cache += 1
            return dest.read_text(encoding="latin-1")
        if self._http is None:
            if dest.is_file():
                return dest.read_text(encoding="latin-1")
            raise FetchError(f"offline: {url} is not in the cache ({dest})")
        dest.parent.mkdir(parents=True, exist_ok=True)
        self.log.index_requests += 1
        r = self.get(url)
        _write_atomic(dest, r.content)
        return r.content.decode("latin-1")


def _read_json(path: Path) -> Any:
    try:
        return json.loads(path.read_bytes())
    except ValueError:
        raise FetchError(f"{path}: the cached JSON is damaged; delete it and fetch again") from None


def _temp_for(dest: Path) -> Path:
    return dest.with_name(f".{dest.name}.{os.getpid()}.{threading.get_ident()}.part")


def _write_atomic(dest: Path, data: bytes) -> None:
    tmp = _temp_for(dest)
    tmp.write_bytes(data)
    os.replace(tmp, dest)


def _stream_to(r: httpx.Response, dest: Path) -> None:
    """The body into a temporary file, renamed to ``dest`` only when complete."""
    tmp = _temp_for(dest)
    try:
        with tmp.open("wb") as out:
            for chunk in r.iter_bytes():
                out.write(chunk)
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, dest)
    finally:
        tmp.unlink(missing_ok=True)

"""A Google Reader API client on httpx: ClientLogin, the `T` token, streams and edits.

Written against FreshRSS and the API's common subset (Miniflux, Inoreader, The Old Reader,
BazQux). Every failure is a `SyncError` whose message is one line naming the server (never a
password, token or credential in the URL) and what went wrong; a refused login is an
`AuthError` that names the setting to fix.

The `Auth` token is kept in memory only. When the server refuses it (401, as after a password
change or an expired session), the client logs in again once and repeats the request; a POST
refused for its `T` token gets a fresh token once.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

import httpx

from newsreader import __version__
from newsreader.links import redact_url
from newsreader.sync.ids import ItemIdError, item_id, short_form
from newsreader.text import clean_line

logger = logging.getLogger(__name__)

USER_AGENT = f"newsreader/{__version__}"
READ = "user/-/state/com.google/read"
STARRED = "user/-/state/com.google/starred"
READING_LIST = "user/-/state/com.google/reading-list"
LABEL_PREFIX = "user/-/label/"
MAX_RESPONSE_BYTES = 64 * 1024 * 1024
"""Largest API response read (a page of 1,000 full items is a few megabytes)."""
EDIT_BATCH = 200
"""Item ids per edit-tag request (servers cap the form's size)."""


class SyncError(Exception):
    """The server cannot be used now; the message is one line saying why."""


class AuthError(SyncError):
    """The server refused the account's credentials; the message names the setting to fix."""


@dataclass(frozen=True, slots=True)
class Credentials:
    """Who to log in as. `repr` never shows the password."""

    username: str
    password: str

    def __repr__(self) -> str:
        return f"Credentials(username={self.username!r}, password=<hidden>)"


@dataclass(frozen=True, slots=True)
class Page:
    """One page of a stream: its items (raw JSON objects) and where the next one starts."""

    items: list[dict[str, Any]]
    continuation: str | None


class GReaderClient:
    """One account on one Google Reader API server. Not thread-safe: one per worker."""

    def __init__(
        self,
        url: str,
        credentials: Credentials,
        *,
        timeout: float = 30.0,
        fix_hint: str = "[sync] in config.toml",
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        """Args:
        url: The API's base URL (`.../api/greader.php`); credentials in it are not allowed
            to reach messages.
        credentials: Username and password for ClientLogin.
        timeout: Seconds for each request (connect and read).
        fix_hint: Where the user sets the account, named in a refused login's message.
        transport: An httpx transport (tests of the client's own parsing only).
        """
        self.base = url.rstrip("/")
        self.shown = redact_url(self.base)
        self._credentials = credentials
        self._fix_hint = fix_hint
        self._auth: str | None = None
        self._token: str | None = None
        self._http = httpx.Client(
            headers={"User-Agent": USER_AGENT},
            timeout=httpx.Timeout(timeout, connect=min(timeout, 10.0)),
            follow_redirects=True,
            transport=transport,
        )

    def close(self) -> None:
        """Close the connections."""
        self._http.close()

    def __enter__(self) -> GReaderClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- authentication ------------------------------------------------------------------

    def login(self) -> None:
        """ClientLogin: exchange the username and password for an `Auth` token.

        Raises:
            AuthError: the server refused them (401/403).
            SyncError: the server cannot be reached or answered something else.
        """
        response = self._send(
            "POST",
            "/accounts/ClientLogin",
            data={"Email": self._credentials.username, "Passwd": self._credentials.password},
            what="login",
        )
        if response.status_code in (401, 403):
            raise AuthError(
                f"{self.shown}: the server refused user {self._credentials.username!r} with "
                f"this password ({response.status_code}); fix username, password_command or "
                f"password_file under {self._fix_hint}"
            )
        self._check_status(response, "login")
        fields = dict(line.split("=", 1) for line in response.text.splitlines() if "=" in line)
        auth = fields.get("Auth", "").strip()
        if not auth:
            raise SyncError(f"{self.shown}: login answered without an Auth token")
        self._auth, self._token = auth, None

    def forget_session(self) -> None:
        """Drop the Auth and T tokens (the next request logs in again)."""
        self._auth = self._token = None

    def _headers(self) -> dict[str, str]:
        if self._auth is None:
            self.login()
        return {"Authorization": f"GoogleLogin auth={self._auth}"}

    def _edit_token(self) -> str:
        if self._token is None:
            response = self._api("GET", "/reader/api/0/token", what="token")
            self._token = response.text.strip()
        return self._token

    # --- requests ------------------------------------------------------------------------

    def _send(self, method: str, path: str, *, what: str, **options: Any) -> httpx.Response:
        """One request; network trouble becomes a one-line `SyncError`.

        A form given as a list of pairs (`data`) is sent urlencoded, repeated names kept.
        """
        form = options.pop("data", None)
        if form is not None:
            options["content"] = urlencode(form if isinstance(form, list) else list(form.items()))
            options["headers"] = {
                **options.get("headers", {}),
                "Content-Type": "application/x-www-form-urlencoded",
            }
        try:
            response = self._http.request(method, self.base + path, **options)
        except httpx.TimeoutException as error:
            raise SyncError(f"{self.shown}: timed out ({what})") from error
        except httpx.ConnectError as error:
            raise SyncError(f"cannot reach {self.shown}: {_reason(error)}") from error
        except httpx.HTTPError as error:
            raise SyncError(f"{self.shown}: network error ({what}): {_reason(error)}") from error
        if len(response.content) > MAX_RESPONSE_BYTES:
            raise SyncError(f"{self.shown}: answer to {what} is larger than 64 MB")
        return response

    def _api(
        self, method: str, path: str, *, what: str, post_token: bool = False, **options: Any
    ) -> httpx.Response:
        """An authenticated request; a refused Auth (or T) token is renewed once."""
        for attempt in (1, 2):
            headers = self._headers()
            if post_token:
                options["data"] = [*options.get("data", []), ("T", self._edit_token())]
            response = self._send(method, path, what=what, headers=headers, **options)
            if response.status_code != 401 or attempt == 2:
                break
            logger.info("%s: %s refused the session; logging in again", self.shown, what)
            self.forget_session()
            if post_token:
                options["data"] = [pair for pair in options["data"] if pair[0] != "T"]
        if response.status_code == 401:
            raise AuthError(
                f"{self.shown}: the server refused the session for {what} (401) after logging "
                f"in again; check username, password_command or password_file under "
                f"{self._fix_hint}"
            )
        self._check_status(response, what)
        return response

    def _check_status(self, response: httpx.Response, what: str) -> None:
        if response.status_code >= 400:
            raise SyncError(
                f"{self.shown}: {what} failed: HTTP {response.status_code} "
                f"{clean_line(response.reason_phrase)[:60]}".rstrip()
            )

    def _json(self, response: httpx.Response, what: str) -> dict[str, Any]:
        try:
            value = json.loads(response.content)
        except (ValueError, UnicodeDecodeError) as error:
            raise SyncError(
                f"{self.shown}: {what} answered something that is not JSON ({_reason(error)[:80]})"
            ) from error
        if not isinstance(value, dict):
            raise SyncError(f"{self.shown}: {what} answered JSON that is not an object")
        return value

    # --- the API -------------------------------------------------------------------------

    def subscriptions(self) -> list[dict[str, Any]]:
        """`subscription/list`: each subscription's id, title, url and categories."""
        response = self._api(
            "GET",
            "/reader/api/0/subscription/list",
            what="subscription list",
            params={"output": "json"},
        )
        found = self._json(response, "subscription list").get("subscriptions")
        if not isinstance(found, list):
            raise SyncError(f"{self.shown}: subscription list has no subscriptions")
        return [sub for sub in found if isinstance(sub, dict)]

    def item_ids(
        self, stream: str, *, exclude: str | None = None, limit: int = 100_000
    ) -> list[int]:
        """`stream/items/ids`: up to `limit` item ids of a stream, newest first, all pages.

        Ids the server spells wrongly are skipped (and logged), not fatal.
        """
        found: list[int] = []
        continuation: str | None = None
        while len(found) < limit:
            params: dict[str, str | int] = {"s": stream, "n": min(limit - len(found), 10_000)}
            if exclude:
                params["xt"] = exclude
            if continuation:
                params["c"] = continuation
            response = self._api(
                "GET", "/reader/api/0/stream/items/ids", what="item ids", params=params
            )
            payload = self._json(response, "item ids")
            refs = payload.get("itemRefs") or []
            if not isinstance(refs, list):
                raise SyncError(f"{self.shown}: item ids answered without itemRefs")
            found.extend(self._ids(ref.get("id") for ref in refs if isinstance(ref, dict)))
            continuation = _continuation(payload)
            if not refs or continuation is None:
                break
        return found[:limit]

    def _ids(self, values: Iterator[object]) -> Iterator[int]:
        for value in values:
            try:
                yield item_id(value)
            except ItemIdError as error:
                logger.warning("%s: skipped an item: %s", self.shown, error)

    def stream_page(self, stream: str, count: int, continuation: str | None) -> Page:
        """`stream/contents`: one page of a stream's items, newest first."""
        params: dict[str, str | int] = {"n": count}
        if continuation:
            params["c"] = continuation
        response = self._api(
            "GET",
            f"/reader/api/0/stream/contents/{stream}",
            what="stream contents",
            params=params,
        )
        payload = self._json(response, "stream contents")
        items = payload.get("items")
        if not isinstance(items, list):
            raise SyncError(f"{self.shown}: stream contents answered without items")
        return Page([item for item in items if isinstance(item, dict)], _continuation(payload))

    def items(self, item_ids: Sequence[int]) -> list[dict[str, Any]]:
        """`stream/items/contents` (POST): the items with these ids."""
        found: list[dict[str, Any]] = []
        for start in range(0, len(item_ids), EDIT_BATCH):
            batch = item_ids[start : start + EDIT_BATCH]
            response = self._api(
                "POST",
                "/reader/api/0/stream/items/contents",
                what="item contents",
                data=[("i", short_form(value)) for value in batch],
            )
            items = self._json(response, "item contents").get("items") or []
            found.extend(item for item in items if isinstance(item, dict))
        return found

    def edit_tag(self, item_ids: Sequence[int], tag: str, *, add: bool) -> None:
        """`edit-tag`: add or remove a state (read, starred) or label on items."""
        for start in range(0, len(item_ids), EDIT_BATCH):
            batch = item_ids[start : start + EDIT_BATCH]
            data = [("i", short_form(value)) for value in batch]
            data.append(("a" if add else "r", tag))
            self._api("POST", "/reader/api/0/edit-tag", what="edit-tag", data=data, post_token=True)

    def subscribe(
        self, feed_url: str, *, title: str | None = None, folder: str | None = None
    ) -> None:
        """`subscription/edit ac=subscribe` (the server fetches the feed now)."""
        data = [("ac", "subscribe"), ("s", f"feed/{feed_url}")]
        if title:
            data.append(("t", title))
        if folder:
            data.append(("a", LABEL_PREFIX + folder))
        self._api(
            "POST",
            "/reader/api/0/subscription/edit",
            what="subscribe",
            data=data,
            post_token=True,
        )

    def unsubscribe(self, stream_id: str) -> None:
        """`subscription/edit ac=unsubscribe` of a stream (`feed/<id>`)."""
        self._api(
            "POST",
            "/reader/api/0/subscription/edit",
            what="unsubscribe",
            data=[("ac", "unsubscribe"), ("s", stream_id)],
            post_token=True,
        )


def _continuation(payload: Mapping[str, Any]) -> str | None:
    value = payload.get("continuation")
    return str(value) if isinstance(value, str | int) and str(value) else None


def _reason(error: BaseException) -> str:
    return clean_line(str(error))[:160] or type(error).__name__


def folder_of(categories: object) -> str | None:
    """The first folder (label) in a subscription's categories, if any."""
    if not isinstance(categories, list):
        return None
    for category in categories:
        if isinstance(category, dict):
            label = category.get("label")
            ident = category.get("id")
            if isinstance(label, str) and label:
                return clean_line(label)
            if isinstance(ident, str) and ident.startswith(LABEL_PREFIX):
                return clean_line(ident[len(LABEL_PREFIX) :])
    return None


ProgressCallback = Callable[[int, int, str], None]
"""`(done, total, what)`: called as a sync goes (total 0: not known yet)."""

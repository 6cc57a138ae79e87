"""The configured account: its password (from a command or a file, never the config) and client.

newsboat's convention: `password_command` runs a command whose first line of output is the
password (`pass show rss`), `password_file` names a file whose first line is. Messages name the
setting and the config file, never the password or the command's output.
"""

from __future__ import annotations

import logging
import os
import subprocess
from pathlib import Path

from newsreader.config import SyncSettings
from newsreader.links import strip_credentials
from newsreader.store import Store
from newsreader.sync.client import AuthError, Credentials, GReaderClient, SyncError
from newsreader.sync.engine import Syncer

logger = logging.getLogger(__name__)

PASSWORD_COMMAND_SECONDS = 60.0
"""How long a password command may take (a GPG agent may ask for a passphrase)."""


class NotConfigured(SyncError):
    """No account is set up in config.toml."""


def password(settings: SyncSettings, where: str) -> str:
    """The account's password from `password_command` or `password_file`.

    Args:
        settings: The `[sync]` table.
        where: The config file, named in messages.

    Raises:
        AuthError: neither is set, the command fails, or the file cannot be read or is empty.
    """
    if settings.password_command:
        return _from_command(settings.password_command, where)
    if settings.password_file:
        return _from_file(Path(settings.password_file).expanduser(), where)
    raise AuthError(f"{where}: [sync] needs password_command or password_file")


def _from_command(command: str, where: str) -> str:
    try:
        done = subprocess.run(
            command,
            shell=True,
            capture_output=True,
            text=True,
            timeout=PASSWORD_COMMAND_SECONDS,
            stdin=subprocess.DEVNULL,
        )
    except subprocess.TimeoutExpired as error:
        raise AuthError(
            f"{where}: [sync] password_command did not finish within {PASSWORD_COMMAND_SECONDS:g} s"
        ) from error
    except OSError as error:
        raise AuthError(f"{where}: [sync] password_command cannot run: {error.strerror}") from error
    first = done.stdout.splitlines()[0] if done.stdout.strip() else ""
    if done.returncode != 0 or not first:
        status = f"exit status {done.returncode}" if done.returncode else "no output"
        raise AuthError(f"{where}: [sync] password_command gave no password ({status})")
    return first


def _from_file(path: Path, where: str) -> str:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        reason = error.strerror if isinstance(error, OSError) else "not UTF-8 text"
        raise AuthError(f"{where}: [sync] password_file {path}: {reason}") from error
    first = text.splitlines()[0] if text.strip() else ""
    if not first:
        raise AuthError(f"{where}: [sync] password_file {path} is empty")
    if os.name == "posix" and path.stat().st_mode & 0o077:
        logger.warning("%s: password_file %s can be read by other users (chmod 600)", where, path)
    return first


def account_identity(settings: SyncSettings) -> str:
    """Which account the synced sources belong to: the URL (without credentials) and user."""
    return f"{strip_credentials(settings.url.rstrip('/'))} {settings.username}"


def open_client(settings: SyncSettings, where: str, *, timeout: float = 30.0) -> GReaderClient:
    """A client for the configured account (the password is read now).

    Raises:
        NotConfigured: no complete `[sync]` table.
        AuthError: the password cannot be read.
    """
    if not settings.configured:
        raise NotConfigured(
            f"{where}: no sync account; add a [sync] table with service, url, username and "
            "password_command or password_file"
        )
    credentials = Credentials(settings.username, password(settings, where))
    return GReaderClient(settings.url, credentials, timeout=timeout, fix_hint=f"[sync] in {where}")


def syncer_for(store: Store, settings: SyncSettings, where: str) -> Syncer:
    """A `Syncer` for the configured account (see `Syncer` for a change of account)."""
    client = open_client(settings, where)
    return Syncer(store, client, max_items=settings.max_items, account=account_identity(settings))


__all__ = [
    "AuthError",
    "NotConfigured",
    "SyncError",
    "account_identity",
    "open_client",
    "password",
    "syncer_for",
]

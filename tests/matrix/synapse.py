"""A real Synapse homeserver on loopback, for the Matrix tier (design.md §7, tier 4).

Synapse is not a project dependency: it is installed with pip into its own virtual
environment under the user's cache directory (``~/.cache/netwerkregie-test-synapse``, or
``$NETWERKREGIE_SYNAPSE_VENV``), once, and reused by later runs. Each test session gets a
fresh server: SQLite, loopback only, no federation, no TLS, raised rate limits, users
registered through the shared-secret admin API.
"""

from __future__ import annotations

import base64
import contextlib
import fcntl
import hashlib
import hmac
import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

# What the test environment installs; a change here reinstalls the cached environment.
SYNAPSE_REQUIREMENT = "matrix-synapse>=1.100,<2"
INSTALL_TIMEOUT = 20 * 60.0  # a first install on a slow mirror; normally about 30 s
START_TIMEOUT = 60.0  # a fresh SQLite schema and Twisted start in 2–5 s here
SERVER_NAME = "localhost"
_MARKER = ".netwerkregie-installed"


class SynapseUnavailable(RuntimeError):
    """Synapse could not be installed or started; the message says why and what was seen."""


def cache_root() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "netwerkregie-test-synapse"


def venv_dir() -> Path:
    override = os.environ.get("NETWERKREGIE_SYNAPSE_VENV")
    if override:
        return Path(override)
    version = f"py{sys.version_info.major}{sys.version_info.minor}"
    return cache_root() / f"venv-{version}"


def _python_of(venv: Path) -> Path:
    return venv / "bin" / "python"


def _installed(venv: Path) -> bool:
    marker = venv / _MARKER
    return (
        marker.is_file()
        and marker.read_text(encoding="utf-8").strip() == SYNAPSE_REQUIREMENT
        and _python_of(venv).exists()
    )


@contextlib.contextmanager
def _install_lock(venv: Path) -> Iterator[None]:
    """Two test runs on one machine (a developer and CI) install one at a time."""
    venv.parent.mkdir(parents=True, exist_ok=True)
    with open(venv.parent / f".{venv.name}.lock", "w", encoding="utf-8") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def ensure_synapse(venv: Path | None = None) -> Path:
    """The Python of a virtualenv with Synapse installed; installs it when missing.

    Returns quickly when a previous run installed it. Raises `SynapseUnavailable` with pip's
    output when the install fails (no network, no wheel for this Python, ...).
    """
    venv = venv or venv_dir()
    if _installed(venv):
        return _python_of(venv)
    try:
        return _install(venv)
    except OSError as error:
        raise SynapseUnavailable(
            f"installing Synapse for the Matrix tests into {venv} failed: {error}"
        ) from None


def _install(venv: Path) -> Path:
    with _install_lock(venv):
        if _installed(venv):  # another run installed it while we waited
            return _python_of(venv)
        shutil.rmtree(venv, ignore_errors=True)  # a half-finished earlier attempt
        steps = [
            [sys.executable, "-m", "venv", str(venv)],
            [str(_python_of(venv)), "-m", "pip", "install", "--quiet", SYNAPSE_REQUIREMENT],
            [str(_python_of(venv)), "-c", "import synapse.app.homeserver"],
        ]
        deadline = time.monotonic() + INSTALL_TIMEOUT
        for step in steps:
            _run_step(step, deadline)
        (venv / _MARKER).write_text(SYNAPSE_REQUIREMENT + "\n", encoding="utf-8")
    return _python_of(venv)


def _run_step(command: list[str], deadline: float) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    try:
        done = subprocess.run(  # noqa: S603 — our own fixed command line
            command, capture_output=True, text=True, env=env,
            timeout=max(1.0, deadline - time.monotonic()), check=False,
        )
    except subprocess.TimeoutExpired:
        raise SynapseUnavailable(
            f"installing Synapse for the Matrix tests timed out: {' '.join(command)}"
        ) from None
    if done.returncode != 0:
        lines = (done.stdout + done.stderr).strip().splitlines()[-25:]
        output = "\n".join(line if len(line) < 300 else line[:300] + " …" for line in lines)
        raise SynapseUnavailable(
            f"installing Synapse for the Matrix tests failed ({' '.join(command[-2:])}, "
            f"exit {done.returncode}); the Matrix tier needs `pip install "
            f"{SYNAPSE_REQUIREMENT}` to work on this machine.\n{output}"
        )


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _signing_key() -> str:
    """A Synapse signing key file line: algorithm, key id, unpadded base64 seed."""
    seed = base64.b64encode(secrets.token_bytes(32)).decode().rstrip("=")
    return f"ed25519 a_{secrets.token_hex(2)} {seed}\n"


@dataclass(frozen=True)
class Account:
    user_id: str
    password: str
    access_token: str


class Synapse:
    """One homeserver process with its data in ``data_dir``; `start`, `register`, `stop`."""

    def __init__(self, python: Path, data_dir: Path) -> None:
        self.python = python
        self.data_dir = data_dir
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.shared_secret = secrets.token_hex(16)
        self.log = data_dir / "homeserver.log"
        self._process: subprocess.Popen[bytes] | None = None
        self._admin: Account | None = None

    def write_config(self) -> Path:
        d = self.data_dir
        d.mkdir(parents=True, exist_ok=True)
        (d / "signing.key").write_text(_signing_key(), encoding="utf-8")
        lots = {"per_second": 1000, "burst_count": 1000}
        log_config = {
            "version": 1,
            "formatters": {"plain": {"format": "%(asctime)s %(name)s %(levelname)s %(message)s"}},
            "handlers": {"file": {"class": "logging.FileHandler", "formatter": "plain",
                                  "filename": str(self.log)}},
            "root": {"level": "WARNING", "handlers": ["file"]},
            "disable_existing_loggers": False,
        }
        config: dict[str, Any] = {
            "server_name": SERVER_NAME,
            "public_baseurl": self.url + "/",
            "pid_file": str(d / "homeserver.pid"),
            "listeners": [{
                "port": self.port, "bind_addresses": ["127.0.0.1"], "type": "http",
                "tls": False, "x_forwarded": False,
                "resources": [{"names": ["client"], "compress": False}],
            }],
            "database": {"name": "sqlite3", "args": {"database": str(d / "homeserver.db")}},
            "log_config": str(d / "log.config"),
            "media_store_path": str(d / "media"),
            "signing_key_path": str(d / "signing.key"),
            "registration_shared_secret": self.shared_secret,
            "macaroon_secret_key": secrets.token_hex(16),
            "form_secret": secrets.token_hex(16),
            "report_stats": False,
            "enable_registration": False,
            "enable_metrics": False,
            "url_preview_enabled": False,
            "presence": {"enabled": False},
            "trusted_key_servers": [],
            "suppress_key_server_warning": True,
            "federation_domain_whitelist": [],
            "bcrypt_rounds": 4,  # fast registration and login; these are throwaway accounts
            "rc_message": lots,
            "rc_registration": lots,
            "rc_login": {"address": lots, "account": lots, "failed_attempts": lots},
            "rc_joins": {"local": lots, "remote": lots},
            "rc_joins_per_room": lots,
            "rc_invites": {"per_room": lots, "per_user": lots, "per_issuer": lots},
            "rc_key_requests": lots,
            "rc_room_creation": lots,
            "rc_admin_redaction": lots,
        }
        # JSON is YAML, so no YAML library is needed on this side.
        (d / "log.config").write_text(json.dumps(log_config, indent=1), encoding="utf-8")
        path = d / "homeserver.yaml"
        path.write_text(json.dumps(config, indent=1), encoding="utf-8")
        return path

    def start(self) -> None:
        config = self.write_config()
        env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
        with open(self.data_dir / "stdout.log", "wb") as out:
            self._process = subprocess.Popen(  # noqa: S603 — our own fixed command line
                [str(self.python), "-m", "synapse.app.homeserver", "-c", str(config)],
                cwd=self.data_dir, env=env, stdout=out, stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
            )
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if self._process.poll() is not None:
                raise SynapseUnavailable(
                    f"Synapse exited with {self._process.returncode} while starting:\n"
                    + self.output_tail()
                )
            try:
                with urllib.request.urlopen(  # noqa: S310 — loopback http
                    f"{self.url}/_matrix/client/versions", timeout=1
                ) as answer:
                    if answer.status == 200:
                        return
            except OSError:
                pass
            time.sleep(0.05)
        self.stop()
        raise SynapseUnavailable(
            f"Synapse did not answer within {START_TIMEOUT:.0f} s:\n" + self.output_tail()
        )

    def output_tail(self, lines: int = 30) -> str:
        text = ""
        for name in ("stdout.log", "homeserver.log"):
            with contextlib.suppress(OSError):
                text += (self.data_dir / name).read_text(encoding="utf-8", errors="replace")
        return "\n".join(text.strip().splitlines()[-lines:])

    def stop(self) -> None:
        process, self._process = self._process, None
        if process is None or process.poll() is not None:
            return
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)

    def register(self, localpart: str, *, admin: bool = False) -> Account:
        """Create a user with the shared secret (Synapse's admin registration API)."""
        endpoint = f"{self.url}/_synapse/admin/v1/register"
        nonce = _request("GET", endpoint)["nonce"]
        password = secrets.token_urlsafe(12)
        mac = hmac.new(self.shared_secret.encode(), digestmod=hashlib.sha1)
        for part in (nonce, localpart, password, "admin" if admin else "notadmin"):
            if part != nonce:
                mac.update(b"\x00")
            mac.update(part.encode())
        answer = _request("POST", endpoint, {
            "nonce": nonce, "username": localpart, "password": password, "admin": admin,
            "mac": mac.hexdigest(),
        })
        return Account(str(answer["user_id"]), password, str(answer["access_token"]))


    def limit_messages(self, user_id: str, per_second: float, burst_count: int) -> None:
        """Give one user a message rate limit of its own (the admin API's override)."""
        if self._admin is None:
            self._admin = self.register("admin", admin=True)
        _request(
            "POST",
            f"{self.url}/_synapse/admin/v1/users/{urllib.parse.quote(user_id)}/override_ratelimit",
            {"messages_per_second": per_second, "burst_count": burst_count},
            token=self._admin.access_token,
        )


def _request(method: str, url: str, body: dict[str, Any] | None = None, *,
             token: str | None = None) -> dict[str, Any]:
    data = None if body is None else json.dumps(body).encode()
    headers = {"Content-Type": "application/json"}
    if token is not None:
        headers["Authorization"] = f"Bearer {token}"
    request = urllib.request.Request(  # noqa: S310 — loopback http
        url, data=data, method=method, headers=headers
    )
    try:
        with urllib.request.urlopen(request, timeout=10) as answer:  # noqa: S310
            result: dict[str, Any] = json.load(answer)
            return result
    except urllib.error.HTTPError as error:
        raise RuntimeError(f"{method} {url}: {error.code} {error.read()[:300]!r}") from None

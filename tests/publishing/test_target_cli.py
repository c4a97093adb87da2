"""`target mark`: the clerk's way out of unconfirmed and failed, in its own process."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from smalltown_social.core.accounts import Network
from smalltown_social.core.posts import Post, Target
from smalltown_social.core.states import TargetState
from smalltown_social.paths import resolve_paths
from smalltown_social.storage.accounts_repo import AccountsRepository
from smalltown_social.storage.database import Database
from smalltown_social.storage.events_repo import EventLog
from smalltown_social.storage.opening import open_database
from smalltown_social.storage.posts_repo import PostsRepository
from tests.target_states import drive

ROOT = Path(__file__).resolve().parents[2]
S = TargetState


def cli(base: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-m", "smalltown_social", "--basedir", str(base), *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )


def opened(base: Path) -> Database:
    paths = resolve_paths(base)
    paths.ensure()
    return open_database(paths.database, paths.backups)


def target_in(base: Path, state: TargetState, *, hours_ago: float = 0.5) -> int:
    database = opened(base)
    try:
        accounts = AccountsRepository(database)
        account = accounts.by_name("Canal") or accounts.add(Network.TELEGRAM, "Canal")
        posts = PostsRepository(database)
        due = datetime.now(UTC) - timedelta(hours=hours_ago)
        post = posts.save(Post(text="Pleno el jueves.", due_utc=due))
        assert post.id is not None
        (target,) = posts.add_targets([Target(post.id, account.id, S.SCHEDULED, due)])
        assert target.id is not None
        drive(database, target.id, state)
        return target.id
    finally:
        database.close()


def state_and_events(base: Path, target_id: int) -> tuple[TargetState, str | None, list[str]]:
    database = opened(base)
    try:
        target = PostsRepository(database).target(target_id)
        assert target is not None
        kinds = [e.kind for e in EventLog(database).recent() if e.target_id == target_id]
        return target.state, target.remote_url, kinds
    finally:
        database.close()


@pytest.mark.parametrize("start", [S.UNCONFIRMED, S.FAILED])
def test_mark_published_with_its_address(tmp_path: Path, start: TargetState) -> None:
    tid = target_in(tmp_path, start)
    url = "https://t.me/ayto/8"
    done = cli(tmp_path, "target", "mark", str(tid), "published", "--url", url)
    assert done.returncode == 0, done.stderr
    assert "Marcada como publicada" in done.stdout
    state, remote_url, kinds = state_and_events(tmp_path, tid)
    assert (state, remote_url) == (S.PUBLISHED, url)
    assert kinds[0] == "resolved"


def test_not_published_goes_out_again_or_waits_as_a_draft_when_too_late(tmp_path: Path) -> None:
    fresh = target_in(tmp_path, S.UNCONFIRMED, hours_ago=0.5)
    stale = target_in(tmp_path, S.UNCONFIRMED, hours_ago=30)
    done = cli(tmp_path, "target", "mark", str(fresh), "not-published")
    assert done.returncode == 0, done.stderr
    assert "próxima pasada" in done.stdout
    done = cli(tmp_path, "--lang", "en", "target", "mark", str(stale), "not-published")
    assert done.returncode == 0, done.stderr
    assert "draft" in done.stdout
    assert state_and_events(tmp_path, fresh)[0] is S.SCHEDULED
    assert state_and_events(tmp_path, stale)[0] is S.DRAFT


def test_abandon_is_logged(tmp_path: Path) -> None:
    tid = target_in(tmp_path, S.UNCONFIRMED)
    done = cli(tmp_path, "target", "mark", str(tid), "abandon")
    assert done.returncode == 0, done.stderr
    state, _url, kinds = state_and_events(tmp_path, tid)
    assert state is S.FAILED and kinds[0] == "abandoned"


def test_refusals_say_why_and_change_nothing(tmp_path: Path) -> None:
    published = target_in(tmp_path, S.PUBLISHED)
    done = cli(tmp_path, "target", "mark", str(published), "not-published")
    assert done.returncode == 1
    assert "«Publicada»" in done.stderr and "Traceback" not in done.stderr
    assert state_and_events(tmp_path, published)[0] is S.PUBLISHED
    missing = cli(tmp_path, "target", "mark", "999", "abandon")
    assert missing.returncode == 1 and "No existe" in missing.stderr
    bad = cli(tmp_path, "target", "mark", str(published), "published", "--url", "javascript:x")
    assert bad.returncode == 1 and "https://" in bad.stderr

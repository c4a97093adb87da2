"""`post`, `publish-due` and `status --json` for a Facebook Page and an Instagram account.

The real command line in a child process, the token in the real keyring, the
checking Graph server in place of Meta: `status --json` shows each target's
remote id and public address; `post --on-server` hands a Facebook post to
Facebook's scheduler.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from PIL import Image as PilImage

from smalltown_social.app import folder_secrets
from smalltown_social.core.accounts import Network
from smalltown_social.paths import resolve_paths
from smalltown_social.redaction import Redactor
from smalltown_social.storage.accounts_repo import AccountsRepository
from smalltown_social.storage.opening import open_database
from tests.networks.fake_server import Reply
from tests.networks.graph_fake import GraphFake
from tests.networks.test_instagram import IG, MEDIA, PHOTO, instagram_graph, ready_to_publish
from tests.publishing.test_cli import TOKEN, cli, status

PAGE = "104593022431585"
POST = f"{PAGE}_122110000000000001"

pytestmark = pytest.mark.keyring_real


@pytest.fixture
def graph() -> Iterator[GraphFake]:
    yield from instagram_graph()


@pytest.fixture
def base(tmp_path: Path, graph: GraphFake) -> Iterator[Path]:
    base = tmp_path / "town"
    paths = resolve_paths(base)
    paths.ensure()
    database = open_database(paths.database, paths.backups)
    accounts = AccountsRepository(database)
    made = [
        accounts.add(Network.FACEBOOK, "Ayto FB", server_url=graph.url, channel=PAGE),
        accounts.add(Network.INSTAGRAM, "Ayto IG", server_url=graph.url, channel=IG),
    ]
    store = folder_secrets(database, Redactor())
    database.close()
    for account in made:
        store.set(account.secret_key, TOKEN)
    try:
        yield base
    finally:
        for account in made:
            store.delete(account.secret_key)


def test_status_json_shows_remote_ids_and_public_addresses(
    base: Path, graph: GraphFake, tmp_path: Path
) -> None:
    graph.on("POST", f"/{PAGE}/feed", Reply.json({"id": POST}))
    ready_to_publish(graph)
    poster = tmp_path / "cartel.jpg"
    PilImage.new("RGB", (1080, 1080), (20, 90, 160)).save(poster)
    done = cli(
        base,
        "post",
        "--account",
        "Ayto FB",
        "--account",
        "Ayto IG",
        "--text",
        "Fiestas de San Roque: programa en el ayuntamiento.",
        "--image",
        str(poster),
        "--alt",
        "Cartel azul de las fiestas",
    )
    assert done.returncode == 0, done.stderr
    graph.on("POST", f"/{PAGE}/photos", Reply.json({"id": PHOTO, "post_id": POST}))
    done = cli(base, "publish-due")
    assert done.returncode == 0, done.stderr + done.stdout
    rows = {row["account"]: row for row in status(base)}
    assert rows["Ayto FB"]["state"] == "published"
    assert rows["Ayto FB"]["remote_id"] == POST
    assert rows["Ayto FB"]["url"] == f"https://www.facebook.com/{POST}"
    assert rows["Ayto IG"]["state"] == "published"
    assert rows["Ayto IG"]["remote_id"] == MEDIA
    assert rows["Ayto IG"]["url"] == "https://www.instagram.com/p/CSgf9BChwVq/"
    facebook_photo = graph.calls("POST", f"/{PAGE}/photos")
    # One photo post on the Page (with its alt text) and one unpublished copy for Instagram.
    assert sum(b"Cartel azul de las fiestas" in c.body for c in facebook_photo) == 1
    assert sum(b'name="temporary"' in c.body for c in facebook_photo) == 1
    assert graph.violations == []


def test_post_on_server_hands_it_to_facebooks_scheduler(base: Path, graph: GraphFake) -> None:
    graph.on("POST", f"/{PAGE}/feed", Reply.json({"id": POST}))
    at = (datetime.now(UTC) + timedelta(days=3)).astimezone(ZoneInfo("Europe/Madrid"))
    done = cli(
        base,
        "post",
        "--account",
        "Ayto FB",
        "--text",
        "Pleno ordinario el jueves a las 20 h.",
        "--at",
        at.replace(tzinfo=None).isoformat(timespec="minutes"),
        "--on-server",
    )
    assert done.returncode == 0, done.stderr
    assert cli(base, "publish-due").returncode == 0
    (row,) = status(base)
    assert row["state"] == "published" and row["remote_id"] == POST  # Facebook keeps it
    form = graph.calls("POST", f"/{PAGE}/feed")[0].form_dict()
    assert form["published"] == "false" and int(form["scheduled_publish_time"]) > 0

"""`post` says what each X target will cost, and this month's spending, before it is spent."""

from __future__ import annotations

from pathlib import Path

from smalltown_social.core.accounts import Network
from smalltown_social.paths import resolve_paths
from smalltown_social.storage.accounts_repo import AccountsRepository
from smalltown_social.storage.opening import open_database
from tests.publishing.test_cli import cli


def test_post_prints_the_x_price_per_account_and_the_month(tmp_path: Path) -> None:
    base = tmp_path / "town"
    paths = resolve_paths(base)
    paths.ensure()
    database = open_database(paths.database, paths.backups)
    accounts = AccountsRepository(database)
    accounts.add(Network.X, "X Ayto", handle="@ayto")
    accounts.add(Network.X, "X Biblioteca", handle="@biblio")
    accounts.add(Network.TELEGRAM, "Canal Telegram")
    database.close()
    text = "Programa de fiestas: https://sede.valdelomar.es/fiestas"
    args = ["--account", "X Ayto", "--account", "X Biblioteca", "--account", "Canal Telegram"]
    done = cli(base, "post", *args, "--text", text, "--at", "2027-06-01T09:30")
    assert done.returncode == 0, done.stderr
    assert (
        "Coste en X: 0,20 US$ por cuenta (con enlace) × 2 = 0,40 US$. "
        "Este mes: 0,00 US$ de un límite de 10,00 US$." in done.stdout
    )
    assert "Telegram" not in done.stdout.split("Coste")[1].split("\n")[0]
    plain = cli(
        base,
        "post",
        "--account",
        "X Ayto",
        "--text",
        "Pleno el jueves.",
        "--at",
        "2027-06-01T10:00",
    )
    assert "Coste en X: 0,015 US$ por cuenta (sin enlace) × 1 = 0,015 US$." in plain.stdout
    free = cli(
        base, "post", "--account", "Canal Telegram", "--text", "Pleno", "--at", "2027-06-01T11:00"
    )
    assert free.returncode == 0 and "Coste" not in free.stdout


def test_status_json_shows_x_and_linkedin_remote_ids_and_urls(tmp_path: Path) -> None:
    from smalltown_social.core.posts import Post, Target
    from smalltown_social.core.states import TargetState
    from smalltown_social.networks.linkedin import post_url
    from smalltown_social.storage.posts_repo import PostsRepository
    from tests.publishing.test_cli import status
    from tests.target_states import drive

    base = tmp_path / "town"
    paths = resolve_paths(base)
    paths.ensure()
    database = open_database(paths.database, paths.backups)
    x = AccountsRepository(database).add(Network.X, "X Ayto", handle="@ayto")
    linkedin = AccountsRepository(database).add(Network.LINKEDIN, "LinkedIn", channel="2414183")
    posts = PostsRepository(database)
    post = posts.save(Post(text="Pleno el jueves."))
    assert post.id is not None
    targets = posts.add_targets(
        [
            Target(post.id, x.id, TargetState.SCHEDULED),
            Target(post.id, linkedin.id, TargetState.SCHEDULED),
        ]
    )
    x_url = "https://x.com/ayto/status/1863000000000000042"
    share = "urn:li:share:7140000000000000001"
    drive(
        database,
        targets[0].id or 0,
        TargetState.PUBLISHED,
        remote_id="1863000000000000042",
        url=x_url,
    )
    drive(database, targets[1].id or 0, TargetState.PUBLISHED, remote_id=share, url=post_url(share))
    database.close()
    rows = {row["account"]: row for row in status(base)}
    assert (rows["X Ayto"]["remote_id"], rows["X Ayto"]["url"]) == ("1863000000000000042", x_url)
    assert rows["LinkedIn"]["remote_id"] == share
    assert rows["LinkedIn"]["url"] == f"https://www.linkedin.com/feed/update/{share}/"

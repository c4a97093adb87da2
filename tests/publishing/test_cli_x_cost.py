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

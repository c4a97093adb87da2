"""The results figures computed in SQL: medians, the 90th percentile, listening, the CSV."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime, timedelta

from smalltown_social.core.accounts import Network
from smalltown_social.core.inbox import InboxItem, ItemKind
from smalltown_social.core.posts import Post, Target
from smalltown_social.core.results import Counts, month_range
from smalltown_social.publishing.results_report import build_month_report, report_csv
from smalltown_social.storage.accounts_repo import AccountsRepository
from smalltown_social.storage.database import Database
from smalltown_social.storage.inbox_repo import InboxRepository
from smalltown_social.storage.metrics_repo import MetricsRepository, Reading
from smalltown_social.storage.posts_repo import PostsRepository
from smalltown_social.storage.results_query import ResultsQuery
from smalltown_social.storage.timefmt import to_db

START = datetime(2026, 11, 1, tzinfo=UTC)
END = datetime(2026, 12, 1, tzinfo=UTC)


def publish(
    database: Database,
    account_id: int,
    text: str,
    at: datetime,
    counts: Counts | None,
    *,
    content_type: str | None = "service",
) -> int:
    posts = PostsRepository(database)
    post = posts.save(Post(text=text, content_type=content_type))
    assert post.id is not None
    target = posts.add_target(Target(post.id, account_id))
    assert target.id is not None
    with database.write() as conn:
        conn.execute(
            "UPDATE targets SET state = 'published', remote_id = ?, remote_url = ?, "
            "published_utc = ? WHERE id = ?",
            (f"r{target.id}", f"https://m.example/@ayto/{target.id}", to_db(at), target.id),
        )
        conn.execute("INSERT INTO metric_state (target_id) VALUES (?)", (target.id,))
    if counts is not None:
        MetricsRepository(database).record(
            [Reading(target.id, at, counts)], at + timedelta(days=2), timedelta(days=30)
        )
    return target.id


def test_medians_per_type_and_network_are_the_middle_post(database: Database) -> None:
    account = AccountsRepository(database).add(Network.MASTODON, "ayto")
    for n, shares in enumerate((0, 1, 2, 10, 50)):
        publish(
            database, account.id, f"Aviso {n}", START + timedelta(days=n), Counts(reposts=shares)
        )
    publish(database, account.id, "Sin leer", START + timedelta(days=9), None)
    publish(database, account.id, "Otro mes", START - timedelta(days=3), Counts(reposts=99))
    [group] = ResultsQuery(database).by_type_and_network(START, END)
    assert group.key == ("service", "mastodon")
    assert (group.posts, group.measured, group.median_shares) == (6, 5, 2)


def test_listening_counts_answers_and_response_times_by_label_and_network(
    database: Database,
) -> None:
    account = AccountsRepository(database).add(Network.FACEBOOK, "pagina")
    inbox = InboxRepository(database)
    label = int(database.scalar("SELECT id FROM labels WHERE name = 'Queja'"))
    delays = [10, 20, 30, 40, 50, 60, 70, 80, 90, 100]  # minutes
    for n, minutes in enumerate([*delays, None]):
        received = START + timedelta(days=1, hours=n)
        inbox.upsert(
            [
                InboxItem(
                    account_id=account.id,
                    network=Network.FACEBOOK,
                    remote_id=f"c{n}",
                    kind=ItemKind.COMMENT,
                    text="La farola de mi calle no funciona",
                    received_utc=received,
                )
            ]
        )
        with database.write() as conn:
            conn.execute(
                "UPDATE inbox_items SET label_id = ?, answered_utc = ? WHERE remote_id = ?",
                (
                    label,
                    to_db(received + timedelta(minutes=minutes)) if minutes else None,
                    f"c{n}",
                ),
            )
    with database.write() as conn:  # answered elsewhere: counted, but with no time to count
        conn.execute("UPDATE inbox_items SET status = 'answered' WHERE remote_id = 'c10'")
    [row] = ResultsQuery(database).listening(START, END)
    assert (row.label, row.network, row.received, row.answered) == ("Queja", "facebook", 11, 11)
    assert row.median_s == 50 * 60  # nearest rank: the 5th of 10
    assert row.p90_s == 90 * 60  # nearest rank: the 9th of 10


def received(
    database: Database,
    account_id: int,
    network: Network,
    label: str | None,
    minutes: int | None,
    *,
    n: int,
) -> None:
    """One message received in the month, with its label and (if any) its answer time."""
    at = START + timedelta(days=2, hours=n)
    InboxRepository(database).upsert(
        [InboxItem(account_id, network, f"m{n}", ItemKind.COMMENT, "¿A qué hora abre?", at)]
    )
    with database.write() as conn:
        conn.execute(
            "UPDATE inbox_items SET label_id = (SELECT id FROM labels WHERE name = ?), "
            "answered_utc = ? WHERE remote_id = ?",
            (label, to_db(at + timedelta(minutes=minutes)) if minutes else None, f"m{n}"),
        )


def test_listening_by_label_alone_by_network_alone_and_in_all(database: Database) -> None:
    accounts = AccountsRepository(database)
    page = accounts.add(Network.FACEBOOK, "pagina")
    masto = accounts.add(Network.MASTODON, "ayto")
    messages = [
        (page, Network.FACEBOOK, "Consulta", 10),
        (page, Network.FACEBOOK, "Consulta", 30),
        (masto, Network.MASTODON, "Consulta", 50),
        (masto, Network.MASTODON, "Consulta", None),
        (page, Network.FACEBOOK, "Queja", 120),
        (masto, Network.MASTODON, "Queja", 240),
        (masto, Network.MASTODON, None, None),
    ]
    for n, (account, network, label, minutes) in enumerate(messages):
        received(database, account.id, network, label, minutes, n=n)
    query = ResultsQuery(database)
    by_label = {r.label: r for r in query.listening(START, END, by=("label",))}
    assert set(by_label) == {"Consulta", "Queja", ""}
    question = by_label["Consulta"]
    assert question.network is None  # every network together
    assert (question.received, question.answered) == (4, 3)
    assert (question.median_s, question.p90_s) == (30 * 60, 50 * 60)  # of 10, 30, 50 minutes
    assert (by_label["Queja"].median_s, by_label["Queja"].p90_s) == (120 * 60, 240 * 60)
    by_network = {r.network: r for r in query.listening(START, END, by=("network",))}
    assert set(by_network) == {"facebook", "mastodon"}
    facebook = by_network["facebook"]
    assert facebook.label is None and (facebook.received, facebook.answered) == (3, 3)
    assert (facebook.median_s, facebook.p90_s) == (30 * 60, 120 * 60)  # of 10, 30, 120
    mastodon = by_network["mastodon"]
    assert (mastodon.received, mastodon.answered, mastodon.median_s) == (4, 2, 50 * 60)
    [total] = query.listening(START, END, by=())
    assert (total.label, total.network, total.received, total.answered) == (None, None, 7, 5)
    assert (total.median_s, total.p90_s) == (50 * 60, 240 * 60)  # of 10, 30, 50, 120, 240
    assert query.listening(END, END + timedelta(days=30), by=()) == []  # none: no row
    pairs = query.listening(START, END)
    assert [(r.label, r.network) for r in pairs][-1] == ("", "mastodon")  # no label: last
    report = build_month_report(query, "2026-11", "UTC")
    sheet = list(csv.reader(io.StringIO(report_csv(report).decode("utf-8-sig")), delimiter=";"))
    gap = sheet.index([])
    assert sheet[gap + 1][:4] == ["escucha", "etiqueta", "red", "recibidos"]
    listening = sheet[gap + 2 :]
    assert ["por etiqueta", "Consulta", "", "4", "3", "30", "50"] in listening
    assert ["por etiqueta", "sin etiqueta", "", "1", "0", "", ""] in listening
    assert ["por red", "", "facebook", "3", "3", "30", "120"] in listening
    assert ["por etiqueta y red", "Queja", "mastodon", "1", "1", "240", "240"] in listening
    assert listening[-1] == ["total", "", "", "7", "5", "50", "240"]


def test_the_csv_opens_in_a_spanish_spreadsheet_and_runs_no_formula(database: Database) -> None:
    account = AccountsRepository(database).add(Network.MASTODON, "ayto")
    publish(database, account.id, '=HYPERLINK("http://x";"pulse")', START, Counts(likes=1))
    publish(database, account.id, "Piscina: horario de invierno; abre a las 10:00", START, None)
    report = build_month_report(ResultsQuery(database), "2026-11", "Europe/Madrid")
    data = report_csv(report)
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    texts = {r["texto"] for r in rows}
    assert '\'=HYPERLINK("http://x";"pulse")' in texts  # a leading ' keeps it text
    assert "Piscina: horario de invierno; abre a las 10:00" in texts  # quoted, not split
    unread = next(r for r in rows if r["texto"].startswith("Piscina"))
    assert (unread["me gusta"], unread["estado"]) == ("", "sin leer")


def test_a_month_is_the_town_s_month(database: Database) -> None:
    start, end = month_range("2026-11", "Europe/Madrid")
    assert (start, end) == (
        datetime(2026, 10, 31, 23, tzinfo=UTC),
        datetime(2026, 11, 30, 23, tzinfo=UTC),
    )
    start, _ = month_range("2026-07", "Atlantic/Canary")
    assert start == datetime(2026, 6, 30, 23, tzinfo=UTC)
    del database

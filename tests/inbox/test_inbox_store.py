"""Search, filters, keyset pages, CSV export, replies queued for the outbox, moderation."""

from __future__ import annotations

import csv
import io
from datetime import timedelta

import pytest

from smalltown_social.core.accounts import Account, Network
from smalltown_social.core.inbox import InboxItem, InboxStatus, ItemKind
from smalltown_social.core.labels import Label
from smalltown_social.core.reply_check import blocking, check_reply, repeats_subject
from smalltown_social.core.states import TargetState
from smalltown_social.networks.base import PermanentError
from smalltown_social.publishing.compose import PostComposer
from smalltown_social.publishing.inbox_actions import fill_template, moderate
from smalltown_social.storage.database import Database
from smalltown_social.storage.events_repo import EventLog
from smalltown_social.storage.inbox_query import InboxFilter, InboxQuery, export_csv, fts_query
from smalltown_social.storage.inbox_repo import InboxRepository
from smalltown_social.storage.posts_repo import PostsRepository
from tests.inbox.conftest import T0
from tests.inbox.fake_adapter import FakeInboxAdapter


def item(account: Account, n: int, text: str, **extra: object) -> InboxItem:
    fields: dict[str, object] = {
        "account_id": account.id,
        "network": account.network,
        "remote_id": f"r{n}",
        "kind": ItemKind.COMMENT,
        "text": text,
        "received_utc": T0 + timedelta(minutes=n),
        "author_name": f"Lucía {n}",
        "author_handle": f"@lucia{n}",
    }
    fields.update(extra)
    return InboxItem(**fields)  # type: ignore[arg-type]


@pytest.fixture
def stored(database: Database, accounts: list[Account]) -> InboxRepository:
    repo = InboxRepository(database)
    mastodon, bluesky = accounts
    repo.upsert(
        [
            item(mastodon, 1, "Hay un VEHÍCULO abandonado en la plaza"),
            item(mastodon, 2, "¿A qué hora abre la piscina?", status=InboxStatus.PENDING),
            item(bluesky, 3, "Gracias por el aviso del vehiculo"),
            item(bluesky, 4, '=HYPERLINK("http://x")', author_name="-Mal"),
        ]
    )
    return repo


def test_search_ignores_accents_and_case(stored: InboxRepository, database: Database) -> None:
    query = InboxQuery(database)

    def found(words: str) -> list[str]:
        return [i.remote_id for i in query.page(InboxFilter(search=words))]

    assert set(found("vehiculo")) == {"r1", "r3"}
    assert found("VEHÍCULO plaza") == ["r1"]
    assert found("pisc") == ["r2"]  # prefix
    assert len(found('"')) == 4  # what the clerk types never breaks the query (no words: all)
    assert found('" OR *') == []
    assert query.count(InboxFilter(search="vehículo", network=Network.BLUESKY)) == 1


def test_filters_and_keyset_pages(
    stored: InboxRepository, database: Database, accounts: list[Account]
) -> None:
    query = InboxQuery(database)
    assert query.count(InboxFilter()) == 4
    assert query.count(InboxFilter(status=InboxStatus.PENDING)) == 1
    assert query.count(InboxFilter(account_id=accounts[0].id)) == 2
    assert query.count(InboxFilter(since_utc=T0 + timedelta(minutes=3))) == 2
    first = query.page(InboxFilter(), limit=3)
    rest = query.page(InboxFilter(), after=first[-1], limit=3)
    assert [r.text[:5] for r in first + rest] == ["=HYPE", "Graci", "¿A qu", "Hay u"]


def test_one_model_with_enums_from_the_list_and_from_the_repository(
    stored: InboxRepository, database: Database
) -> None:
    """The list, the single item and the thread map a row the same way, to enums."""
    own = stored.add_label("Piscinas")
    r2 = stored.by_remote_id("mastodon", "r2")
    r1 = stored.by_remote_id("mastodon", "r1")
    assert r1 is not None and r1.id is not None and r2 is not None and r2.id is not None
    stored.set_label([r1.id], stored.label_ids()[Label.COMPLAINT])
    stored.set_label([r2.id], own)
    listed = {i.remote_id: i for i in InboxQuery(database).page(InboxFilter())}
    for remote_id in ("r1", "r2"):
        one = stored.by_remote_id("mastodon", remote_id)
        assert one is not None
        assert listed[remote_id] == one
        assert one in stored.thread(one)
        assert type(one.network) is Network and type(one.kind) is ItemKind
        assert type(one.status) is InboxStatus
    assert listed["r1"].label is Label.COMPLAINT
    assert listed["r2"].label == "Piscinas" and listed["r2"].status is InboxStatus.PENDING
    assert listed["r1"].account_name == "Ayto en Mastodon"


def test_csv_export_for_the_council(stored: InboxRepository, database: Database) -> None:
    out = io.StringIO()
    assert export_csv(InboxQuery(database), InboxFilter(), out) == 4
    rows = list(csv.reader(io.StringIO(out.getvalue()), delimiter=";"))
    assert rows[0][:4] == ["id", "fecha_utc", "red", "cuenta"]
    by_remote = {r[7]: r for r in rows[1:]}
    assert "Hay un VEHÍCULO abandonado en la plaza" in by_remote
    formula = next(r for r in rows[1:] if "HYPERLINK" in r[7])
    assert formula[7].startswith("'=") and formula[5] == "'-Mal"  # never runs in a spreadsheet


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_csv_export_escapes_every_text_column(
    database: Database, accounts: list[Account], start: str
) -> None:
    """Issue #9, hole 8: the URL column was not escaped, nor cells starting with TAB or CR."""
    repo = InboxRepository(database)
    formula = f'{start}HYPERLINK("http://malo.example","pulse")'
    repo.upsert(
        [
            item(
                accounts[0],
                1,
                formula,
                author_name=formula,
                author_handle=formula,
                url=formula,
            )
        ]
    )
    repo.add_label(formula)
    with database.write() as conn:
        conn.execute("UPDATE inbox_items SET label_id = (SELECT max(id) FROM labels)")
    out = io.StringIO()
    assert export_csv(InboxQuery(database), InboxFilter(), out) == 1
    header, row = list(csv.reader(io.StringIO(out.getvalue()), delimiter=";"))
    for name in ("autor", "usuario", "texto", "enlace"):  # (a label name is stored stripped)
        assert row[header.index(name)] == "'" + formula, name
    for cell in row:
        assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), cell


def test_reply_goes_to_the_outbox_due_now(
    stored: InboxRepository, database: Database, accounts: list[Account]
) -> None:
    question = stored.by_remote_id("mastodon", "r2")
    assert question is not None
    posts = PostsRepository(database)
    composer = PostComposer(database, clock=lambda: T0)
    post = composer.reply(question, "La piscina abre a las 11.", who="ana").post
    assert post.id is not None and post.reply_to_item_id == question.id
    [target] = posts.targets_of(post.id)
    assert (target.state, target.account_id, target.due_utc) == (
        TargetState.SCHEDULED,
        question.account_id,
        T0,
    )
    event = EventLog(database).recent()[0]
    assert (event.kind, event.target_id) == ("inbox_reply_queued", target.id)
    assert "ana" in event.detail


def test_moderation_where_the_network_allows_and_recorded(
    stored: InboxRepository, database: Database, accounts: list[Account]
) -> None:
    offensive = stored.by_remote_id("mastodon", "r1")
    assert offensive is not None
    adapter = FakeInboxAdapter(accounts[0], [])
    events = EventLog(database)
    moderate(adapter, stored, events, offensive, "hide", who="ana")
    assert adapter.hidden == ["r1"]
    after = stored.get(offensive.id or 0)
    assert after is not None and after.hidden and after.status == "archived"
    assert events.recent()[0].kind == "inbox_hide" and "ana" in events.recent()[0].detail
    adapter.can_hide = False
    with pytest.raises(PermanentError):
        moderate(adapter, stored, events, offensive, "hide", who="ana")


def test_personal_data_in_a_public_reply_is_blocked() -> None:
    question = "¿Ha llegado mi solicitud de la piscina?"
    public = check_reply("Su solicitud con DNI 12345678Z está aceptada", question)
    assert blocking(public)
    assert "mensaje privado" in next(f for f in public if f.rule == "personal_data").message
    assert blocking(check_reply("Escríbanos a lucia.perez@gmail.com sobre la solicitud", question))
    private = check_reply("Su solicitud con DNI 12345678Z está aceptada", question, private=True)
    assert not blocking(private)
    assert not blocking(check_reply("Su solicitud está aceptada, gracias", question))


def test_reply_should_repeat_the_subject() -> None:
    question = "¿A qué hora abre la piscina municipal?"
    assert repeats_subject("La piscina abre a las 11.", question)
    assert repeats_subject("Las piscinas abren a las 11.", question)
    assert not repeats_subject("A las 11.", question)
    assert [f.rule for f in check_reply("A las 11.", question)] == ["reply_subject"]
    assert repeats_subject("De nada", "¡Gracias!")  # nothing to repeat


def test_saved_reply_variables() -> None:
    text = fill_template("Hola, {nombre}: gracias. {desconocida}", {"nombre": "Lucía"})
    assert text == "Hola, Lucía: gracias. {desconocida}"


def test_dense_and_sparse_searches_page_the_same_way(
    database: Database, accounts: list[Account]
) -> None:
    """Both query plans (few matches, matches everywhere) give the same newest-first pages."""
    repo = InboxRepository(database)
    repo.upsert(
        [
            item(accounts[0], n, f"Farola {'rota' if n % 3 else 'apagada'} número {n}")
            for n in range(60)
        ]
    )
    query = InboxQuery(database)
    pages = {}
    for dense in (False, True):
        query._density = {fts_query("farola"): dense}
        first = query.page(InboxFilter(search="farola"), limit=25)
        rest = query.page(InboxFilter(search="farola"), after=first[-1], limit=100)
        pages[dense] = [r.id for r in first + rest]
    assert pages[False] == pages[True]
    assert len(pages[True]) == 60
    received = [r.received_utc for r in query.page(InboxFilter(search="farola"), limit=100)]
    assert received == sorted(received, reverse=True)

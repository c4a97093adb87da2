"""The `--demo` database: Valdelomar, filled from resources/demo/valdelomar.json."""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from smalltown_social.core.accounts import Network
from smalltown_social.core.guidance.personal_data import check_personal_data
from smalltown_social.core.states import TargetState
from smalltown_social.storage.accounts_repo import AccountsRepository
from smalltown_social.storage.database import Database
from smalltown_social.storage.demo import (
    INBOX_STATUSES,
    LABELS,
    DemoSummary,
    demo_file,
    fill_demo,
    load_demo_content,
    render_text,
)
from smalltown_social.storage.inbox_query import InboxFilter, InboxQuery
from smalltown_social.storage.inbox_repo import InboxRepository
from smalltown_social.storage.opening import open_database
from smalltown_social.storage.posts_repo import PostsRepository
from smalltown_social.storage.timefmt import from_db

S = TargetState
MADRID = ZoneInfo("Europe/Madrid")
# Eleven days after the spring DST change (29 March 2026): the demo spans both offsets.
NOW = datetime(2026, 4, 10, 9, 0, tzinfo=UTC)
PAST = {S.PUBLISHED, S.FAILED, S.UNCONFIRMED, S.MISSED}


def _open(folder: Path) -> Database:
    return open_database(folder / "demo.db", folder / "backups")


@pytest.fixture
def demo(tmp_path: Path) -> Iterator[tuple[Database, DemoSummary]]:
    db = _open(tmp_path)
    summary = fill_demo(db, NOW)
    yield db, summary
    db.close()


# --- what is in it ---------------------------------------------------------


def test_targets_in_every_state_but_publishing(demo: tuple[Database, DemoSummary]) -> None:
    db, summary = demo
    counts = PostsRepository(db).counts_by_state()
    assert set(counts) == set(S) - {S.PUBLISHING}
    assert counts == summary.targets_by_state
    assert counts[S.PUBLISHED] > counts[S.SCHEDULED] > counts[S.FAILED] >= 2
    assert counts[S.UNCONFIRMED] >= 1
    assert counts[S.MISSED] >= 1
    assert db.scalar("SELECT count(*) FROM targets WHERE state = 'publishing'") == 0


def test_posts_cover_every_content_type(demo: tuple[Database, DemoSummary]) -> None:
    db, summary = demo
    types = Counter(r["content_type"] for r in db.query("SELECT content_type FROM posts"))
    assert set(types) == {
        "urgent",
        "procedure",
        "grant",
        "event",
        "health",
        "service",
        "participation",
        "local_life",
        "correction",
    }
    assert 45 <= summary.posts == sum(types.values()) <= 60
    # Drafts without a date exist, and every post has at least one target.
    assert db.scalar("SELECT count(*) FROM posts WHERE due_utc IS NULL") >= 3
    orphans = (
        "SELECT count(*) FROM posts p "
        "WHERE NOT EXISTS (SELECT 1 FROM targets t WHERE t.post_id = p.id)"
    )
    assert db.scalar(orphans) == 0


def test_one_demo_account_per_network_without_secrets(demo: tuple[Database, DemoSummary]) -> None:
    db, summary = demo
    accounts = AccountsRepository(db).all()
    assert sorted(a.network for a in accounts) == sorted(Network)
    assert summary.accounts == len(accounts) == len(Network)
    assert all(a.demo for a in accounts)
    assert AccountsRepository(db).count(include_demo=False) == 0
    raw = json.loads(demo_file().read_text(encoding="utf-8"))
    for account in raw["accounts"]:
        assert not {k for k in account if re.search(r"secret|token|password|key", k)}


def test_inbox_has_about_200_items_with_every_status_and_label(
    demo: tuple[Database, DemoSummary],
) -> None:
    db, summary = demo
    inbox = InboxRepository(db)
    assert 180 <= inbox.count() == summary.inbox <= 230
    assert {s: inbox.count(s) for s in INBOX_STATUSES} == summary.inbox_by_status
    assert all(inbox.count(s) >= 5 for s in INBOX_STATUSES)
    used = {
        r["name"]
        for r in db.query(
            "SELECT DISTINCT l.name FROM inbox_items i JOIN labels l ON l.id = i.label_id"
        )
    }
    assert used == LABELS
    kinds = Counter(r["kind"] for r in db.query("SELECT kind FROM inbox_items"))
    assert set(kinds) == {"comment", "reply", "mention", "message"}
    networks = {r["network"] for r in db.query("SELECT DISTINCT network FROM inbox_items")}
    assert networks == {n.value for n in Network}
    authors = Counter(r["author_name"] for r in db.query("SELECT author_name FROM inbox_items"))
    assert len(authors) >= 50  # varied people, some of them regulars
    assert max(authors.values()) >= 4
    assert all(re.fullmatch(r"[\w ]+ [A-Z]\.", name) for name in authors)


def test_offensive_messages_are_labelled(demo: tuple[Database, DemoSummary]) -> None:
    db, _ = demo
    rows = db.query(
        "SELECT i.text FROM inbox_items i JOIN labels l ON l.id = i.label_id "
        "WHERE l.name = 'Ofensivo'"
    )
    assert 2 <= len(rows) <= 5
    assert any("inútiles" in r["text"] for r in rows)


# --- times -----------------------------------------------------------------


def test_due_times_are_aware_and_on_the_right_side_of_now(
    demo: tuple[Database, DemoSummary],
) -> None:
    db, _ = demo
    targets = [t for p in _post_ids(db) for t in PostsRepository(db).targets_of(p)]
    assert targets
    for target in targets:
        if target.due_utc is None:
            assert target.state is S.DRAFT
            continue
        assert target.due_utc.tzinfo is not None
        assert target.due_utc.utcoffset() == timedelta(0)
        assert NOW - timedelta(days=36) < target.due_utc < NOW + timedelta(days=32)
        if target.state in PAST:
            assert target.due_utc < NOW
        if target.state is S.SCHEDULED:
            assert target.due_utc > NOW
    upcoming = PostsRepository(db).upcoming(3)
    assert upcoming
    assert upcoming[0].due_utc > NOW
    assert [u.due_utc for u in upcoming] == sorted(u.due_utc for u in upcoming)


def test_local_times_survive_the_dst_change(demo: tuple[Database, DemoSummary]) -> None:
    """A post at 10:00 in Valdelomar is 09:00 UTC in winter and 08:00 UTC in summer."""
    db, _ = demo
    content = load_demo_content()
    offsets = set()
    rows = db.query(
        "SELECT p.id, p.text, t.due_utc FROM posts p JOIN targets t ON t.post_id = p.id "
        "WHERE t.due_utc IS NOT NULL ORDER BY p.id"
    )
    demo_posts = [p for p in content.posts if p.day is not None]
    post_ids = sorted({r["id"] for r in rows})
    assert len(post_ids) == len(demo_posts)
    wanted = dict(zip(post_ids, demo_posts, strict=True))
    for row in rows:
        due = from_db(row["due_utc"])
        assert due is not None
        local = due.astimezone(MADRID)
        assert local.time() == wanted[row["id"]].at
        offsets.add(local.utcoffset())
    assert offsets == {timedelta(hours=1), timedelta(hours=2)}


def test_a_post_today_moves_to_the_right_side_of_now(tmp_path: Path) -> None:
    """The demo's "today" posts never end up published in the future or scheduled in the past."""
    for hour in (0, 5, 7, 12, 18, 22):
        folder = tmp_path / f"h{hour}"
        folder.mkdir()
        db = _open(folder)
        now = datetime(2026, 10, 25, hour, 17, tzinfo=UTC)  # the autumn DST change day
        fill_demo(db, now)
        for row in db.query("SELECT state, due_utc FROM targets WHERE due_utc IS NOT NULL"):
            due = from_db(row["due_utc"])
            assert due is not None
            if row["state"] in PAST:
                assert due < now
            elif row["state"] == "scheduled":
                assert due > now
        db.close()


def test_published_targets_have_plausible_remote_ids_and_events(
    demo: tuple[Database, DemoSummary],
) -> None:
    db, summary = demo
    hosts = {
        "facebook": "https://www.facebook.com/104829375610284_",
        "instagram": "https://www.instagram.com/p/",
        "x": "https://x.com/AytoValdelomar/status/",
        "mastodon": "https://lomar.social/@valdelomar/",
        "bluesky": "https://bsky.app/profile/valdelomar.es/post/",
        "telegram": "https://t.me/valdelomar_informa/",
        "linkedin": "https://www.linkedin.com/feed/update/urn:li:share:",
    }
    rows = db.query("SELECT t.*, a.network FROM targets t JOIN accounts a ON a.id = t.account_id")
    remote_ids = [r["remote_id"] for r in rows if r["remote_id"]]
    assert len(remote_ids) == len(set(remote_ids))
    for row in rows:
        if row["state"] == "published":
            assert row["remote_url"].startswith(hosts[row["network"]])
            assert row["remote_id"]
            assert row["published_utc"] == row["due_utc"]
            assert row["attempts"] >= 1
        else:
            assert row["remote_id"] is None
            assert row["remote_url"] is None
        if row["state"] in {"failed", "unconfirmed", "missed"}:
            assert row["error"]
    errors = {r["error"] for r in rows if r["state"] == "failed"}
    assert any("La sesión de Facebook ha caducado" in e for e in errors)
    kinds = Counter(r["kind"] for r in db.query("SELECT kind FROM events"))
    assert kinds["published"] == summary.targets_by_state[S.PUBLISHED]
    assert kinds["failed"] == summary.targets_by_state[S.FAILED]
    assert summary.events == sum(kinds.values())
    stamps = [r["at_utc"] for r in db.query("SELECT at_utc FROM events ORDER BY id")]
    assert stamps == sorted(stamps)
    assert stamps[-1] < NOW.isoformat()


def test_inbox_items_answer_published_posts_after_they_went_out(
    demo: tuple[Database, DemoSummary],
) -> None:
    db, _ = demo
    rows = db.query(
        "SELECT i.*, t.state, t.due_utc AS post_due, t.remote_id AS post_remote, "
        "t.account_id AS target_account FROM inbox_items i "
        "LEFT JOIN targets t ON t.id = i.target_id"
    )
    linked = [r for r in rows if r["target_id"] is not None]
    assert len(linked) >= 120
    for row in rows:
        received = from_db(row["received_utc"])
        assert received is not None
        assert NOW - timedelta(days=35) <= received < NOW
        if row["target_id"] is None:
            assert row["kind"] in {"mention", "message"}
            continue
        assert row["state"] == "published"
        assert row["kind"] in {"comment", "reply"}
        assert row["parent_remote_id"] == row["post_remote"]
        assert row["account_id"] == row["target_account"]
        post_due = from_db(row["post_due"])
        assert post_due is not None
        assert received >= post_due
    mentions = [r["text"] for r in rows if r["kind"] == "mention"]
    assert mentions
    assert all("{cuenta}" not in t for t in mentions)
    assert any("@AytoValdelomar" in t for t in mentions)


def test_search_finds_accented_words_typed_without_accents(
    demo: tuple[Database, DemoSummary],
) -> None:
    db, _ = demo
    found = InboxQuery(db).page(InboxFilter(search="camion basura"))
    assert found
    assert any("camión de la basura" in item.text for item in found)
    assert InboxQuery(db).page(InboxFilter(search="farola"))


# --- rules of filling ------------------------------------------------------


def test_filling_twice_or_a_used_database_is_refused(
    demo: tuple[Database, DemoSummary], tmp_path: Path
) -> None:
    db, _ = demo
    with pytest.raises(ValueError, match="empty"):
        fill_demo(db, NOW)
    other = tmp_path / "used"
    other.mkdir()
    used = _open(other)
    AccountsRepository(used).add(Network.MASTODON, "Ayto en Mastodon")
    with pytest.raises(ValueError, match="empty"):
        fill_demo(used, NOW)
    assert PostsRepository(used).count() == 0
    used.close()


def test_a_naive_now_is_refused(tmp_path: Path) -> None:
    db = _open(tmp_path)
    with pytest.raises(ValueError, match="timezone"):
        fill_demo(db, datetime(2026, 4, 10, 9, 0))  # noqa: DTZ001
    db.close()


def test_same_now_and_seed_give_the_same_database(tmp_path: Path) -> None:
    dumps = []
    for name, seed in (("a", 7), ("b", 7), ("c", 8)):
        folder = tmp_path / name
        folder.mkdir()
        db = _open(folder)
        fill_demo(db, NOW, seed=seed)
        dumps.append(_dump(db))
        db.close()
    assert dumps[0] == dumps[1]
    assert dumps[0]["inbox_items"] != dumps[2]["inbox_items"]
    assert dumps[0]["posts"] == dumps[2]["posts"]  # the texts and times are data, not chance


# --- the texts -------------------------------------------------------------


DATE = re.compile(
    r"\b(lunes|martes|miércoles|jueves|viernes|sábado|domingo) \d{1,2}\b"
    r"|\b\d{1,2} de (enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre"
    r"|noviembre|diciembre)\b",
    re.IGNORECASE,
)
HOUR = re.compile(r"\b\d{1,2}:\d{2}\b")
PLACE = re.compile(
    r"\b(calle|plaza|paseo|avenida|polideportivo|biblioteca|teatro|parque|ermita|casa de la"
    r" cultura|hogar del jubilado|polígono)\b",
    re.IGNORECASE,
)
PHONE = re.compile(r"\b9\d{2} \d{3} \d{3}\b|\b112\b")
LINK = re.compile(r"\bsede\.valdelomar\.es(/\w+)?|\bvaldelomar\.es/\w+")


def _texts(db: Database, content_type: str) -> list[str]:
    """The good (not deliberately weak) posts of one type, as stored."""
    weak = {p.key for p in load_demo_content().posts if p.weak}
    keys = [p.key for p in load_demo_content().posts]
    rows = db.query("SELECT id, text, content_type FROM posts ORDER BY id")
    return [
        r["text"]
        for r, key in zip(rows, keys, strict=True)
        if r["content_type"] == content_type and key not in weak
    ]


def test_event_posts_say_when_and_where(demo: tuple[Database, DemoSummary]) -> None:
    db, _ = demo
    events = _texts(db, "event")
    assert len(events) >= 6
    for text in events:
        assert DATE.search(text), text
        assert HOUR.search(text), text
        assert PLACE.search(text), text
        assert re.search(r"accesible|sillas? de ruedas|sin escalones|ascensor|movilidad", text), (
            text
        )
    theatre = next(t for t in events if "La posada del camino" in t)
    assert "Teatro El Pósito (calle del Pilar, 3)" in theatre
    assert "5 €" in theatre
    assert re.search(r"El sábado \d{1,2} de \w+, a las 19:00", theatre)
    for agenda in (t for t in events if t.startswith("Agenda del fin de semana")):
        saturday = re.search(r"Sábado (\d{1,2}) de (\w+)", agenda)
        sunday = re.search(r"Domingo (\d{1,2}) de (\w+)", agenda)
        assert saturday and sunday, agenda
        assert int(sunday[1]) == int(saturday[1]) + 1 or int(sunday[1]) == 1, agenda


def test_other_types_carry_the_facts_they_need(demo: tuple[Database, DemoSummary]) -> None:
    db, _ = demo
    for text in _texts(db, "urgent"):
        assert DATE.search(text) or "hoy" in text.lower(), text
        assert PHONE.search(text), text
        assert PLACE.search(text) or re.search(r"urbanización|municipio", text), text
    for text in _texts(db, "grant"):
        assert re.search(r"€|%|gratis", text), text
        assert re.search(r"hasta el " + DATE.pattern, text, re.IGNORECASE), text
        assert LINK.search(text), text
    for text in _texts(db, "procedure"):
        assert re.search(r"hasta el ", text), text
        assert LINK.search(text), text
    for text in _texts(db, "participation"):
        assert re.search(r"hasta el ", text), text
    for text in _texts(db, "health"):
        assert PHONE.search(text) or "centro de salud" in text, text
    for text in _texts(db, "correction"):
        assert text.startswith("Corrección"), text
    water = next(t for t in _texts(db, "urgent") if "agua" in t)
    assert "de 9:00 a 13:00" in water
    assert "900 000 310" in water


def test_good_posts_follow_the_guidance_and_weak_drafts_do_not(
    demo: tuple[Database, DemoSummary],
) -> None:
    db, _ = demo
    content = load_demo_content()
    rows = db.query("SELECT p.id, p.text, p.due_utc FROM posts p ORDER BY id")
    weak = []
    for row, demo_post in zip(rows, content.posts, strict=True):
        text = row["text"]
        tags = re.findall(r"#\w+", text)
        if demo_post.weak:
            weak.append(demo_post.weak)
            assert row["due_utc"] is None
            assert demo_post.state is S.DRAFT
            continue
        assert len(tags) <= 2, text
        assert all(t[1].isupper() and len(t) <= 13 for t in tags), text
        if tags:
            assert text.rstrip().endswith(tags[-1]), text
        assert not re.search(r"\b(?![IVXLCDM]+\b)[A-ZÁÉÍÓÚÑ]{5,}\b", text), text  # no shouting
        assert not text.startswith("El Ayuntamiento informa"), text
        assert not re.search(r"inaugura|compromiso cumplido|gracias a la gestión", text, re.I)
        assert not re.search(r"\{|\}", text)
        for sentence in re.split(r"(?<=[.!?])\s+|\n+", text):
            assert len(sentence.split()) <= 25, sentence
    assert set(weak) == {"bureaucratic", "all_caps", "propaganda", "press_release"}
    assert any(t.startswith("Se pone en conocimiento de los vecinos") for t in _all_texts(db))
    assert any(t.startswith("El alcalde inaugura") for t in _all_texts(db))


def test_render_text_counts_days_and_weekdays_from_the_post_day() -> None:
    friday = date(2026, 4, 10)
    assert render_text("{fecha:+0}", friday) == "viernes 10 de abril"
    assert render_text("{dia:+3}", friday) == "lunes 13"
    assert render_text("{Fecha:sab}", friday) == "Sábado 11 de abril"
    assert render_text("{fecha:vie}", friday) == "viernes 17 de abril"  # the next one
    assert render_text("{dia:jue+7}", friday) == "jueves 23"
    assert render_text("{fecha:+22}", friday) == "sábado 2 de mayo"
    saturday = date(2026, 4, 11)
    # A weekend agenda written on a Saturday is about the next weekend, both days.
    assert render_text("{dia:sab} y {dia:sab+1}", saturday) == "sábado 18 y domingo 19"
    with pytest.raises(ValueError, match="placeholder"):
        render_text("{hora:+1}", friday)
    with pytest.raises(ValueError, match="bad day"):
        render_text("{fecha:mañana}", friday)


def test_content_errors_are_refused(tmp_path: Path) -> None:
    raw = json.loads(demo_file().read_text(encoding="utf-8"))
    raw["posts"][0]["state"] = "publishing"
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(raw, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(ValueError, match="never seeded"):
        load_demo_content(bad)
    raw = json.loads(demo_file().read_text(encoding="utf-8"))
    raw["inbox"][0]["post"] = "basura-festivo"  # missed: nobody can have answered it
    bad.write_text(json.dumps(raw, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(ValueError, match="not a published"):
        load_demo_content(bad)


# --- no personal data in examples ------------------------------------------


def test_no_personal_data_the_guidance_would_block_anywhere_in_the_demo(
    demo: tuple[Database, DemoSummary],
) -> None:
    db, _ = demo
    texts = [demo_file().read_text(encoding="utf-8"), *_all_texts(db)]
    for table, columns in {
        "inbox_items": "text, author_name, author_handle, url, remote_id",
        "accounts": "name, handle, server_url, channel",
        "targets": "remote_id, remote_url, error",
        "events": "detail",
    }.items():
        for row in db.query(f"SELECT {columns} FROM {table}"):
            texts.extend(str(v) for v in row if v is not None)
    assert len(texts) > 1000
    # The guidance's own detectors: what would stop a real post stops the demo's examples.
    offending = [
        (t[:80], [t[f.start : f.end] for f in found])
        for t in texts
        if (found := [f for f in check_personal_data(t, "es") if f.severity == "block"])
    ]
    assert offending == []
    # Citizens never leave an e-mail address: the only ones are the town hall's.
    emails = set(re.findall(r"(?<![@\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+", " ".join(texts)))
    assert all(e.endswith("valdelomar.es") for e in emails), emails


# --- helpers ---------------------------------------------------------------


def _post_ids(db: Database) -> list[int]:
    return [int(r["id"]) for r in db.query("SELECT id FROM posts ORDER BY id")]


def _all_texts(db: Database) -> list[str]:
    return [str(r["text"]) for r in db.query("SELECT text FROM posts ORDER BY id")]


def _dump(db: Database) -> dict[str, list[tuple[object, ...]]]:
    """Every row of the demo tables, minus the columns stamped with the wall clock."""
    wall_clock = {"created_utc", "updated_utc"}
    dump: dict[str, list[tuple[object, ...]]] = {}
    for table in ("accounts", "posts", "targets", "events", "inbox_items"):
        cursor = db.conn.execute(f"SELECT * FROM {table} ORDER BY id")
        names = [d[0] for d in cursor.description]
        keep = [i for i, n in enumerate(names) if n not in wall_clock]
        dump[table] = [tuple(row[i] for i in keep) for row in cursor.fetchall()]
    return dump


def test_dump_helper_sees_rows(demo: tuple[Database, DemoSummary]) -> None:
    db, _ = demo
    dump = _dump(db)
    assert all(dump[t] for t in dump)
    assert len(dump["inbox_items"][0]) == len(db.query("PRAGMA table_info(inbox_items)"))


def test_demo_times_in_the_content_avoid_the_dst_gap() -> None:
    for post in load_demo_content().posts:
        if post.at is not None:
            assert not time(2) <= post.at < time(3)


def test_demo_facebook_and_instagram_accounts_have_what_their_adapters_need(
    demo: tuple[Database, DemoSummary],
) -> None:
    from smalltown_social.networks.facebook import FacebookAdapter
    from smalltown_social.networks.instagram import InstagramAdapter
    from smalltown_social.networks.registry import adapter_for
    from smalltown_social.redaction import Redactor

    db, _ = demo
    accounts = {a.network: a for a in AccountsRepository(db).all()}
    facebook = adapter_for(accounts[Network.FACEBOOK], "demo-token-not-used", Redactor())
    instagram = adapter_for(accounts[Network.INSTAGRAM], "demo-token-not-used", Redactor())
    assert isinstance(facebook, FacebookAdapter) and facebook.page_id == "104829375610284"
    assert isinstance(instagram, InstagramAdapter) and instagram.ig_user == "17841405822304914"
    facebook.close()
    instagram.close()
    rows = db.conn.execute(
        "SELECT remote_id, remote_url FROM targets WHERE account_id = ? AND remote_url IS NOT NULL",
        (accounts[Network.FACEBOOK].id,),
    ).fetchall()
    assert rows and all(url == f"https://www.facebook.com/{rid}" for rid, url in rows)

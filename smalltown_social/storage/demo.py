"""Fill the `--demo` database with Valdelomar, a fictional town, so a newcomer sees a living app.

The content is data (`resources/demo/valdelomar.json`): posts with a day relative
to today and a local wall-clock time, and inbox messages from invented
neighbours. This module turns it into rows: demo accounts (no secrets), posts
whose targets carry every state a real month brings (published with plausible
remote ids, a few failed, one unconfirmed, a missed one, scheduled ones, drafts),
the event log of what went out, and ~200 inbox items. Times are Europe/Madrid
wall-clock converted to UTC with zoneinfo, so they stay right across DST.
Everything random comes from one seeded `random.Random`: the same `now` and
seed give the same database.
"""

from __future__ import annotations

import json
import random
import re
import unicodedata
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from smalltown_social.core.accounts import NETWORK_NAMES, Account, Network
from smalltown_social.core.inbox import InboxItem, InboxStatus, ItemKind
from smalltown_social.core.local_time import MONTH_NAMES
from smalltown_social.core.posts import Post, Target
from smalltown_social.core.resources import resource
from smalltown_social.core.states import TargetState
from smalltown_social.storage.accounts_repo import AccountsRepository
from smalltown_social.storage.database import Database
from smalltown_social.storage.events_repo import EventLog
from smalltown_social.storage.inbox_repo import InboxRepository
from smalltown_social.storage.posts_repo import PostsRepository

S = TargetState

CONTENT_TYPES = frozenset(
    {
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
)
LABELS = frozenset({"Consulta", "Queja", "Sugerencia", "Incidencia", "Agradecimiento", "Ofensivo"})
INBOX_STATUSES = tuple(InboxStatus)
# The outbox alone moves a target to `publishing`, and only for seconds: never seeded.
SEEDED_STATES = frozenset(S) - {S.PUBLISHING}
PAST_STATES = frozenset({S.PUBLISHED, S.FAILED, S.UNCONFIRMED, S.MISSED})
FIRST_DAY, LAST_DAY = -35, 30
INBOX_DAYS = 35
# Published posts are at least this old, scheduled ones at least this far ahead.
MARGIN = timedelta(minutes=30)

WEEKDAYS = ("lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo")
WEEKDAY_KEYS = ("lun", "mar", "mie", "jue", "vie", "sab", "dom")
_PLACEHOLDER = re.compile(r"\{([A-Za-z]+):([^}]*)\}")
_DAY_SPEC = re.compile(r"^(?:([+-]\d+)|(lun|mar|mie|jue|vie|sab|dom)(?:\+(\d+))?)$")

# Networks where an answer to a post is a comment rather than a reply post.
COMMENT_NETWORKS = frozenset(
    {Network.FACEBOOK, Network.INSTAGRAM, Network.LINKEDIN, Network.TELEGRAM}
)
PUBLIC_WEIGHTS: dict[Network, int] = {
    Network.FACEBOOK: 10,
    Network.INSTAGRAM: 5,
    Network.TELEGRAM: 3,
    Network.X: 3,
    Network.MASTODON: 2,
    Network.BLUESKY: 2,
    Network.LINKEDIN: 2,
}
MESSAGE_WEIGHTS: dict[Network, int] = {
    Network.FACEBOOK: 6,
    Network.INSTAGRAM: 3,
    Network.TELEGRAM: 2,
    Network.X: 1,
    Network.MASTODON: 1,
}
MENTION_WEIGHTS: dict[Network, int] = {
    Network.X: 3,
    Network.MASTODON: 2,
    Network.BLUESKY: 2,
    Network.INSTAGRAM: 2,
    Network.FACEBOOK: 2,
}
CITIZEN_INSTANCES = ("lomar.social", "vegadellomar.social")
TWITTER_EPOCH_MS = 1_288_834_974_657
TID_ALPHABET = "234567abcdefghijklmnopqrstuvwxyz"
CODE_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-"


# --- the content file ------------------------------------------------------


@dataclass(frozen=True)
class DemoAccount:
    network: Network
    name: str
    handle: str | None
    server_url: str | None
    channel: str | None
    mention: str
    extra: dict[str, str]


@dataclass(frozen=True)
class TargetOverride:
    state: TargetState
    error: str | None
    attempts: int


@dataclass(frozen=True)
class DemoPost:
    key: str
    content_type: str
    day: int | None
    at: time | None
    state: TargetState
    networks: tuple[Network, ...]
    text: str
    overrides: dict[Network, TargetOverride]
    weak: str | None

    def state_on(self, network: Network) -> TargetState:
        override = self.overrides.get(network)
        return override.state if override else self.state


@dataclass(frozen=True)
class DemoMessage:
    """One inbox template: a public answer to `post`, a mention or a private message."""

    kind: str  # "public", "mention" or "message"
    text: str
    label: str | None
    post: str | None
    status: str | None


@dataclass(frozen=True)
class DemoContent:
    time_zone: str
    accounts: tuple[DemoAccount, ...]
    errors: dict[str, str]
    posts: tuple[DemoPost, ...]
    names: tuple[str, ...]
    initials: str
    inbox: tuple[DemoMessage, ...]


def demo_file() -> Path:
    return resource("demo", "valdelomar.json")


def load_demo_content(path: Path | None = None) -> DemoContent:
    """Read and check the demo content; raises ValueError saying what is wrong."""
    source = path or demo_file()
    raw = json.loads(source.read_text(encoding="utf-8"))
    if not isinstance(raw, dict):
        raise ValueError(f"{source}: the top level must be an object")
    errors = {str(k): str(v) for k, v in _dict(raw, "errors").items()}
    accounts = tuple(_account(a) for a in _list(raw, "accounts"))
    networks = [a.network for a in accounts]
    if len(set(networks)) != len(networks):
        raise ValueError("demo content: one account per network")
    posts = tuple(_post(p, errors, frozenset(networks)) for p in _list(raw, "posts"))
    keys = [p.key for p in posts]
    if len(set(keys)) != len(keys):
        raise ValueError("demo content: post keys must be unique")
    answerable = {p.key for p in posts if any(p.state_on(n) is S.PUBLISHED for n in p.networks)}
    inbox = tuple(_message(m, answerable) for m in _list(raw, "inbox"))
    authors = _dict(raw, "authors")
    names = tuple(str(n) for n in _list(authors, "names"))
    initials = _str(authors, "initials")
    if not names or not initials:
        raise ValueError("demo content: authors need names and initials")
    time_zone = _str(_dict(raw, "town"), "time_zone")
    ZoneInfo(time_zone)  # raises for an unknown zone
    return DemoContent(time_zone, accounts, errors, posts, names, initials, inbox)


def _account(raw: Any) -> DemoAccount:
    known = {"network", "name", "handle", "server_url", "channel", "mention"}
    return DemoAccount(
        network=Network(_str(raw, "network")),
        name=_str(raw, "name"),
        handle=_opt_str(raw, "handle"),
        server_url=_opt_str(raw, "server_url"),
        channel=_opt_str(raw, "channel"),
        mention=_str(raw, "mention"),
        extra={str(k): str(v) for k, v in raw.items() if k not in known},
    )


def _post(raw: Any, errors: dict[str, str], networks: frozenset[Network]) -> DemoPost:
    key = _str(raw, "key")
    content_type = _str(raw, "content_type")
    if content_type not in CONTENT_TYPES:
        raise ValueError(f"demo post {key}: unknown content type {content_type!r}")
    state = _state(key, _str(raw, "state"))
    day = raw.get("day")
    at_text = _opt_str(raw, "time")
    if (day is None) != (at_text is None):
        raise ValueError(f"demo post {key}: give both day and time, or neither")
    if day is not None and (not isinstance(day, int) or not FIRST_DAY <= day <= LAST_DAY):
        raise ValueError(f"demo post {key}: day must be an integer from {FIRST_DAY} to {LAST_DAY}")
    at = time.fromisoformat(at_text) if at_text else None
    if at is not None and at.hour == 2:
        raise ValueError(f"demo post {key}: 02:00-02:59 may not exist on a DST change day")
    if day is None and state is not S.DRAFT:
        raise ValueError(f"demo post {key}: only drafts may have no date")
    chosen = tuple(Network(n) for n in _list(raw, "accounts"))
    if not chosen or not set(chosen) <= networks:
        raise ValueError(f"demo post {key}: accounts must be demo networks")
    overrides: dict[Network, TargetOverride] = {}
    for network_id, spec in _dict(raw, "targets").items():
        network = Network(network_id)
        if network not in chosen:
            raise ValueError(f"demo post {key}: override for an account it does not use")
        error_key = _opt_str(spec, "error")
        if error_key is not None and error_key not in errors:
            raise ValueError(f"demo post {key}: unknown error {error_key!r}")
        overrides[network] = TargetOverride(
            state=_state(key, _str(spec, "state")),
            error=errors[error_key] if error_key else None,
            attempts=int(spec.get("attempts", 1)),
        )
    for target_state in [state, *(o.state for o in overrides.values())]:
        if day is None and target_state is not S.DRAFT:
            raise ValueError(f"demo post {key}: a target without date must be a draft")
    text = _str(raw, "text")
    render_text(text, date(2026, 1, 1))  # checks every placeholder
    return DemoPost(
        key=key,
        content_type=content_type,
        day=day,
        at=at,
        state=state,
        networks=chosen,
        text=text,
        overrides=overrides,
        weak=_opt_str(raw, "weak"),
    )


def _message(raw: Any, answerable: set[str]) -> DemoMessage:
    post = _opt_str(raw, "post")
    kind = _opt_str(raw, "kind") or "public"
    text = _str(raw, "text")
    if kind not in {"public", "mention", "message"}:
        raise ValueError(f"demo inbox: unknown kind {kind!r} for {text!r}")
    if (kind == "public") != (post is not None):
        raise ValueError(f"demo inbox: a public answer needs its post, others none: {text!r}")
    if post is not None and post not in answerable:
        raise ValueError(f"demo inbox: {post!r} is not a published demo post")
    label = _opt_str(raw, "label")
    if label is not None and label not in LABELS:
        raise ValueError(f"demo inbox: unknown label {label!r}")
    status = _opt_str(raw, "status")
    if status is not None and status not in INBOX_STATUSES:
        raise ValueError(f"demo inbox: unknown status {status!r}")
    if kind == "mention" and "{cuenta}" not in text:
        raise ValueError(f"demo inbox: a mention must name {{cuenta}}: {text!r}")
    return DemoMessage(kind=kind, text=text, label=label, post=post, status=status)


def _state(key: str, value: str) -> TargetState:
    state = TargetState(value)
    if state not in SEEDED_STATES:
        raise ValueError(f"demo post {key}: state {value!r} is never seeded")
    return state


def _str(raw: Any, key: str) -> str:
    value = raw.get(key) if isinstance(raw, dict) else None
    if not isinstance(value, str):
        raise ValueError(f"demo content: {key!r} must be text in {raw!r:.80}")
    return value


def _opt_str(raw: Any, key: str) -> str | None:
    return None if raw.get(key) is None else _str(raw, key)


def _list(raw: Any, key: str) -> list[Any]:
    value = raw.get(key)
    if not isinstance(value, list):
        raise ValueError(f"demo content: {key!r} must be a list")
    return value


def _dict(raw: Any, key: str) -> dict[str, Any]:
    value = raw.get(key, {})
    if not isinstance(value, dict):
        raise ValueError(f"demo content: {key!r} must be an object")
    return value


# --- dates in the texts ----------------------------------------------------


def render_text(template: str, base: date) -> str:
    """Replace {fecha:+N}, {dia:sab}, {Fecha:jue+7}… with dates counted from `base`.

    `fecha` gives "jueves 14 de mayo", `dia` "jueves 14"; a capital first letter
    capitalises the result. A weekday means the next one strictly after `base`.
    """

    def replace(match: re.Match[str]) -> str:
        kind, spec = match.group(1), match.group(2)
        day = _resolve_day(spec, base)
        if kind.lower() == "fecha":
            text = f"{WEEKDAYS[day.weekday()]} {day.day} de {MONTH_NAMES[day.month - 1].es}"
        elif kind.lower() == "dia":
            text = f"{WEEKDAYS[day.weekday()]} {day.day}"
        else:
            raise ValueError(f"unknown date placeholder {match.group(0)!r}")
        return text[0].upper() + text[1:] if kind[0].isupper() else text

    rendered = _PLACEHOLDER.sub(replace, template)
    if "{" in rendered or "}" in rendered:
        raise ValueError(f"unbalanced placeholder in {template!r:.80}")
    return rendered


def _resolve_day(spec: str, base: date) -> date:
    found = _DAY_SPEC.match(spec)
    if found is None:
        raise ValueError(f"bad day in placeholder: {spec!r}")
    offset, weekday, extra = found.groups()
    if offset is not None:
        return base + timedelta(days=int(offset))
    ahead = (WEEKDAY_KEYS.index(weekday) - base.weekday() - 1) % 7 + 1
    return base + timedelta(days=ahead + int(extra or 0))


# --- the summary -----------------------------------------------------------


@dataclass(frozen=True)
class DemoSummary:
    accounts: int
    posts: int
    targets_by_state: dict[TargetState, int]
    events: int
    inbox: int
    inbox_by_status: dict[str, int] = field(default_factory=dict)

    def __str__(self) -> str:
        states = ", ".join(f"{s.value} {n}" for s, n in self.targets_by_state.items())
        statuses = ", ".join(f"{s} {n}" for s, n in self.inbox_by_status.items())
        return (
            f"{self.accounts} accounts, {self.posts} posts, targets: {states}; "
            f"{self.events} events; inbox {self.inbox}: {statuses}"
        )


# --- filling ---------------------------------------------------------------


@dataclass(frozen=True)
class _Published:
    """A published target an inbox item can answer."""

    target_id: int
    network: Network
    remote_id: str
    remote_url: str
    due_utc: datetime


@dataclass(frozen=True)
class _Answer:
    """What the remote id of one inbox item depends on."""

    network: Network
    kind: str
    handle: str
    moment: datetime
    parent: _Published | None
    account: DemoAccount


def fill_demo(database: Database, now: datetime, seed: int = 2026) -> DemoSummary:
    """Fill an EMPTY database with the Valdelomar demo; raises ValueError otherwise.

    `now` (timezone-aware) is the moment the demo is built around: past posts
    were published before it, scheduled ones come after it.
    """
    if now.tzinfo is None:
        raise ValueError("fill_demo needs a timezone-aware `now`")
    accounts_repo = AccountsRepository(database)
    posts_repo = PostsRepository(database)
    if accounts_repo.count() or posts_repo.count():
        raise ValueError("the demo is only filled into an empty database")
    content = load_demo_content()
    rng = random.Random(seed)  # noqa: S311 (made-up demo data, not secrets)
    ids = _RemoteIds(rng)
    zone = ZoneInfo(content.time_zone)
    now = now.astimezone(UTC)

    accounts = {
        a.network: accounts_repo.add(
            a.network,
            a.name,
            handle=a.handle,
            server_url=a.server_url,
            channel=a.channel,
            demo=True,
        )
        for a in content.accounts
    }
    demo_accounts = {a.network: a for a in content.accounts}

    planned = [_plan(p, now, zone) for p in content.posts]
    saved = posts_repo.save_all(
        [
            Post(
                text=render_text(p.text, base),
                content_type=p.content_type,
                time_zone=content.time_zone,
                due_utc=due,
            )
            for p, (base, due) in zip(content.posts, planned, strict=True)
        ]
    )

    targets: list[Target] = []
    for demo_post, post, (_, due) in zip(content.posts, saved, planned, strict=True):
        assert post.id is not None
        for network in demo_post.networks:
            state = demo_post.state_on(network)
            override = demo_post.overrides.get(network)
            remote_id = remote_url = None
            if state is S.PUBLISHED:
                assert due is not None
                remote_id, remote_url = ids.post(demo_accounts[network], due)
            error = override.error if override else None
            if state is S.MISSED and error is None:
                error = content.errors.get("missed")
            targets.append(
                Target(
                    post_id=post.id,
                    account_id=accounts[network].id,
                    state=state,
                    due_utc=due,
                    time_zone=content.time_zone,
                    idempotency_key=f"{rng.getrandbits(128):032x}",
                    remote_id=remote_id,
                    remote_url=remote_url,
                    error=error,
                    attempts=_attempts(state, override),
                )
            )
    added = posts_repo.add_targets(targets)

    events = _record_events(database, added, accounts, rng)
    published = {
        post.id: [
            _Published(
                target_id=t.id or 0,
                network=_network_of(t, accounts),
                remote_id=t.remote_id or "",
                remote_url=t.remote_url or "",
                due_utc=t.due_utc or now,
            )
            for t in added
            if t.post_id == post.id and t.state is S.PUBLISHED
        ]
        for post in saved
    }
    by_key = {p.key: published[s.id] for p, s in zip(content.posts, saved, strict=True)}
    inbox_repo = InboxRepository(database)
    items = _inbox_items(
        content,
        published=by_key,
        accounts=accounts,
        demo_accounts=demo_accounts,
        labels=inbox_repo.label_ids(),
        now=now,
        rng=rng,
        ids=ids,
    )
    inbox_repo.upsert(items)

    return DemoSummary(
        accounts=len(accounts),
        posts=len(saved),
        targets_by_state=dict(sorted(Counter(t.state for t in added).items())),
        events=events,
        inbox=len(items),
        inbox_by_status={s: n for s in INBOX_STATUSES if (n := sum(i.status == s for i in items))},
    )


def _plan(post: DemoPost, now: datetime, zone: ZoneInfo) -> tuple[date, datetime | None]:
    """The local day the post's text counts from, and its due time in UTC.

    A post "today" is moved a day back (if already out) or forward (if still
    scheduled) when `now` would put it on the wrong side of the present.
    """
    today = now.astimezone(zone).date()
    if post.day is None or post.at is None:
        return today, None
    day = today + timedelta(days=post.day)
    states = {post.state_on(n) for n in post.networks}
    while True:
        due = datetime.combine(day, post.at, tzinfo=zone).astimezone(UTC)
        if states & PAST_STATES and due > now - MARGIN:
            day -= timedelta(days=1)
        elif S.SCHEDULED in states and due < now + MARGIN:
            day += timedelta(days=1)
        else:
            return day, due


def _attempts(state: TargetState, override: TargetOverride | None) -> int:
    if override is not None:
        return override.attempts
    return 1 if state in {S.PUBLISHED, S.FAILED, S.UNCONFIRMED} else 0


def _network_of(target: Target, accounts: dict[Network, Account]) -> Network:
    return next(n for n, a in accounts.items() if a.id == target.account_id)


def _record_events(
    database: Database, targets: list[Target], accounts: dict[Network, Account], rng: random.Random
) -> int:
    """One event per target that went out or needed the clerk, in time order."""
    log = EventLog(database)
    rows: list[tuple[datetime, str, str, Target]] = []
    for target in targets:
        if target.state not in PAST_STATES or target.due_utc is None:
            continue
        network = NETWORK_NAMES[_network_of(target, accounts)]
        at = target.due_utc + timedelta(seconds=rng.randint(1, 25))
        if target.state is S.PUBLISHED:
            detail = f"{network} {target.remote_id}"
        else:
            detail = f"{network}: {target.error or ''}".rstrip(": ")
        if target.state is S.MISSED:
            at = target.due_utc + timedelta(hours=2)
        rows.append((at, target.state.value, detail, target))
    rows.sort(key=lambda row: (row[0], row[3].id or 0))
    with database.write() as conn:
        for at, kind, detail, target in rows:
            log.record(
                kind,
                detail,
                post_id=target.post_id,
                target_id=target.id,
                account_id=target.account_id,
                conn=conn,
                at_utc=at,
            )
    return len(rows)


def _weighted(rng: random.Random, weights: dict[Network, int], allowed: set[Network]) -> Network:
    choices = [n for n in weights if n in allowed]
    return rng.choices(choices, weights=[weights[n] for n in choices])[0]


def _inbox_items(
    content: DemoContent,
    *,
    published: dict[str, list[_Published]],
    accounts: dict[Network, Account],
    demo_accounts: dict[Network, DemoAccount],
    labels: dict[str, int],
    now: datetime,
    rng: random.Random,
    ids: _RemoteIds,
) -> list[InboxItem]:
    authors = _Authors(content.names, content.initials, rng)
    earliest = now - timedelta(days=INBOX_DAYS)
    latest = now - timedelta(minutes=2)
    items: list[InboxItem] = []
    for message in content.inbox:
        text = message.text
        parent: _Published | None = None
        if message.post is not None:
            options = published[message.post]
            network = _weighted(rng, PUBLIC_WEIGHTS, {p.network for p in options})
            parent = next(p for p in options if p.network is network)
            kind = "comment" if network in COMMENT_NETWORKS else "reply"
            received = parent.due_utc + _answer_delay(rng)
            received = min(received, parent.due_utc + (latest - parent.due_utc) * rng.random())
        else:
            weights = MESSAGE_WEIGHTS if message.kind == "message" else MENTION_WEIGHTS
            network = _weighted(rng, weights, set(accounts))
            kind = message.kind
            received = earliest + (latest - earliest) * rng.random()
            text = text.replace("{cuenta}", demo_accounts[network].mention)
        received = max(earliest, min(received, latest)).replace(microsecond=0)
        name, handle = authors.pick(network)
        remote_id, url = ids.inbox(
            _Answer(network, kind, handle, received, parent, demo_accounts[network])
        )
        status = message.status or _status(message.label, now - received, rng)
        keep_label = status != "new" or message.label == "Ofensivo" or rng.random() < 0.5
        items.append(
            InboxItem(
                account_id=accounts[network].id,
                network=network,
                remote_id=remote_id,
                kind=ItemKind(kind),
                text=text,
                received_utc=received,
                author_name=name,
                author_handle=handle,
                url=url,
                parent_remote_id=parent.remote_id if parent else None,
                target_id=parent.target_id if parent else None,
                status=InboxStatus(status),
                label_id=labels[message.label] if message.label and keep_label else None,
            )
        )
    items.sort(key=lambda i: (i.received_utc, i.network, i.remote_id))
    return items


def _answer_delay(rng: random.Random) -> timedelta:
    """Most answers come within hours of a post; some days later."""
    if rng.random() < 0.8:
        return timedelta(minutes=3 + rng.expovariate(1 / 180))
    return timedelta(hours=rng.uniform(12, 96))


def _status(label: str | None, age: timedelta, rng: random.Random) -> str:
    """What a clerk who keeps up would have done by now with a message of this age."""
    roll = rng.random()
    if label == "Ofensivo":
        return "new" if age < timedelta(hours=12) else "archived"
    if age < timedelta(days=1):
        return "new" if roll < 0.8 else "pending"
    if age < timedelta(days=4):
        return "new" if roll < 0.3 else "pending" if roll < 0.7 else "answered"
    if label in {None, "Agradecimiento"}:
        return "archived" if roll < 0.65 else "answered"
    return "answered" if roll < 0.65 else "archived" if roll < 0.9 else "pending"


def _slug(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z]", "", plain.lower())


class _Authors:
    """Invented neighbours: a few write often, most once; one handle per network each."""

    def __init__(self, names: tuple[str, ...], initials: str, rng: random.Random) -> None:
        self._rng = rng
        people = {f"{name} {rng.choice(initials)}." for name in names}
        self._people = sorted(people)
        rng.shuffle(self._people)
        self._weights = [1 / (rank + 3) for rank in range(len(self._people))]
        self._handles: dict[tuple[str, Network], str] = {}

    def pick(self, network: Network) -> tuple[str, str]:
        name = self._rng.choices(self._people, weights=self._weights)[0]
        key = (name, network)
        if key not in self._handles:
            self._handles[key] = self._handle(name, network)
        return name, self._handles[key]

    def _handle(self, name: str, network: Network) -> str:
        rng = self._rng
        first, initial = name.rsplit(" ", 1)
        slug, ini = _slug(first), _slug(initial)
        digits = rng.choice(["", "", str(rng.randint(10, 99))])
        if network is Network.INSTAGRAM:
            return f"@{slug}{rng.choice(['', '_', '.'])}{ini}{digits}"
        if network is Network.X:
            camel = "".join(part.capitalize() for part in first.split())
            return f"@{_ascii(camel)}{initial.rstrip('.')}{digits}"
        if network is Network.MASTODON:
            return f"@{slug}{ini}@{rng.choice(CITIZEN_INSTANCES)}"
        if network is Network.BLUESKY:
            return f"{slug}{ini}{digits}.bsky.social"
        if network is Network.TELEGRAM:
            return f"@{slug}_{ini}{digits}"
        return ""  # Facebook and LinkedIn show names, not handles


def _ascii(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()


class _RemoteIds:
    """Fake but plausible remote ids and URLs, per network, never repeated."""

    def __init__(self, rng: random.Random) -> None:
        self._rng = rng
        self._used: set[str] = set()
        self._telegram_message = rng.randint(1200, 1500)
        self._telegram_comment = rng.randint(20_000, 30_000)
        self._telegram_group = rng.randint(10**9, 2 * 10**9 - 1)
        self._dids: dict[str, str] = {}

    def _unique(self, make: Callable[[], str]) -> str:
        for _ in range(100):
            value = make()
            if value not in self._used:
                self._used.add(value)
                return value
        raise RuntimeError("could not make a unique demo id")

    def _digits(self, count: int) -> str:
        return str(self._rng.randrange(10 ** (count - 1), 10**count))

    def _token(self, length: int) -> str:
        return "".join(self._rng.choice(CODE_ALPHABET) for _ in range(length))

    def _snowflake(self, moment: datetime) -> str:
        ms = int(moment.timestamp() * 1000)
        return self._unique(
            lambda: str(((ms - TWITTER_EPOCH_MS) << 22) | self._rng.getrandbits(22))
        )

    def _mastodon(self, moment: datetime) -> str:
        ms = int(moment.timestamp() * 1000)
        return self._unique(lambda: str((ms << 16) | self._rng.getrandbits(16)))

    def _tid(self, moment: datetime) -> str:
        def make() -> str:
            value = (int(moment.timestamp() * 1_000_000) << 10) | self._rng.getrandbits(10)
            return "".join(TID_ALPHABET[(value >> (5 * i)) & 31] for i in reversed(range(13)))

        return self._unique(make)

    def _did(self, handle: str) -> str:
        if handle not in self._dids:
            self._dids[handle] = "did:plc:" + "".join(
                self._rng.choice(TID_ALPHABET) for _ in range(24)
            )
        return self._dids[handle]

    def post(self, account: DemoAccount, due: datetime) -> tuple[str, str]:
        """Remote id and URL of a town hall post published at about `due`."""
        moment = due + timedelta(seconds=self._rng.randint(1, 20))
        makers: dict[Network, Callable[[DemoAccount, datetime], tuple[str, str]]] = {
            Network.FACEBOOK: self._facebook_post,
            Network.INSTAGRAM: self._instagram_post,
            Network.X: self._x_post,
            Network.MASTODON: self._mastodon_post,
            Network.BLUESKY: self._bluesky_post,
            Network.TELEGRAM: self._telegram_post,
            Network.LINKEDIN: self._linkedin_post,
        }
        return makers[account.network](account, moment)

    def _facebook_post(self, account: DemoAccount, _: datetime) -> tuple[str, str]:
        page = account.extra["page_id"]
        part = self._unique(lambda: self._digits(16))
        post_id = f"{page}_{part}"
        return post_id, f"https://www.facebook.com/{post_id}"  # as networks/facebook.py records

    def _instagram_post(self, _: DemoAccount, __: datetime) -> tuple[str, str]:
        media = self._unique(lambda: "179" + self._digits(14))
        code = self._unique(lambda: self._token(11))
        return media, f"https://www.instagram.com/p/{code}/"

    def _x_post(self, account: DemoAccount, moment: datetime) -> tuple[str, str]:
        tweet = self._snowflake(moment)
        return tweet, f"https://x.com/{(account.handle or '').lstrip('@')}/status/{tweet}"

    def _mastodon_post(self, account: DemoAccount, moment: datetime) -> tuple[str, str]:
        status = self._mastodon(moment)
        return status, f"{account.server_url}/@{(account.handle or '').lstrip('@')}/{status}"

    def _bluesky_post(self, account: DemoAccount, moment: datetime) -> tuple[str, str]:
        tid = self._tid(moment)
        uri = f"at://{account.extra['did']}/app.bsky.feed.post/{tid}"
        return uri, f"https://bsky.app/profile/{account.handle}/post/{tid}"

    def _telegram_post(self, account: DemoAccount, _: datetime) -> tuple[str, str]:
        self._telegram_message += self._rng.randint(1, 3)
        channel = (account.channel or "").lstrip("@")
        return str(self._telegram_message), f"https://t.me/{channel}/{self._telegram_message}"

    def _linkedin_post(self, _: DemoAccount, __: datetime) -> tuple[str, str]:
        urn = f"urn:li:share:{self._unique(lambda: '7' + self._digits(18))}"
        return urn, f"https://www.linkedin.com/feed/update/{urn}/"

    def inbox(self, answer: _Answer) -> tuple[str, str | None]:
        """Remote id and URL (None for private messages) of one citizen's message."""
        makers: dict[Network, Callable[[_Answer], tuple[str, str | None]]] = {
            Network.FACEBOOK: self._facebook_item,
            Network.INSTAGRAM: self._instagram_item,
            Network.X: self._x_item,
            Network.MASTODON: self._mastodon_item,
            Network.BLUESKY: self._bluesky_item,
            Network.TELEGRAM: self._telegram_item,
            Network.LINKEDIN: self._linkedin_item,
        }
        return makers[answer.network](answer)

    def _facebook_item(self, answer: _Answer) -> tuple[str, str | None]:
        if answer.kind == "message":
            return self._unique(lambda: "m_" + self._token(22)), None
        comment = self._unique(lambda: self._digits(16))
        if answer.parent is None:  # tagged in someone's own post
            return comment, None
        page, part = answer.parent.remote_id.split("_", 1)
        url = f"https://www.facebook.com/{page}/posts/{part}?comment_id={comment}"
        return f"{part}_{comment}", url

    def _instagram_item(self, answer: _Answer) -> tuple[str, str | None]:
        if answer.kind == "message":
            return self._unique(lambda: "aWdf" + self._token(30)), None
        media = self._unique(lambda: "180" + self._digits(14))
        if answer.parent is None:
            return media, f"https://www.instagram.com/p/{self._unique(lambda: self._token(11))}/"
        return media, answer.parent.remote_url

    def _x_item(self, answer: _Answer) -> tuple[str, str | None]:
        tweet = self._snowflake(answer.moment)
        if answer.kind == "message":
            return tweet, None
        return tweet, f"https://x.com/{answer.handle.lstrip('@')}/status/{tweet}"

    def _mastodon_item(self, answer: _Answer) -> tuple[str, str | None]:
        status = self._mastodon(answer.moment)
        user, instance = answer.handle.lstrip("@").split("@", 1)
        return status, f"https://{instance}/@{user}/{status}"

    def _bluesky_item(self, answer: _Answer) -> tuple[str, str | None]:
        tid = self._tid(answer.moment)
        return (
            f"at://{self._did(answer.handle)}/app.bsky.feed.post/{tid}",
            f"https://bsky.app/profile/{answer.handle}/post/{tid}",
        )

    def _telegram_item(self, answer: _Answer) -> tuple[str, str | None]:
        self._telegram_comment += self._rng.randint(1, 9)
        if answer.kind == "message":
            chat = self._unique(lambda: "5" + self._digits(9))
            return f"dm:{chat}:{self._telegram_comment}", None
        channel = (answer.account.channel or "").lstrip("@")
        post = answer.parent.remote_id if answer.parent else "0"
        return (
            f"-100{self._telegram_group}:{self._telegram_comment}",
            f"https://t.me/{channel}/{post}?comment={self._telegram_comment}",
        )

    def _linkedin_item(self, answer: _Answer) -> tuple[str, str | None]:
        parent = answer.parent
        activity = parent.remote_id.rsplit(":", 1)[-1] if parent else "7" + self._digits(18)
        comment = self._unique(lambda: "7" + self._digits(18))
        urn = f"urn:li:comment:(urn:li:activity:{activity},{comment})"
        return urn, parent.remote_url if parent else None

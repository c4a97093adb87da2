"""Save or schedule a post: the one use case behind the composer, `post` and inbox replies.

Each call reads the town's settings once (`Town`: time zone, electoral
period), runs the guidance once over the text for the chosen accounts'
networks, and writes the post, its targets and its events in one transaction.

- `save_draft` is never refused and needs no network: the draft is kept
  whatever the guidance says. A scheduled post edited into one with a `block`
  finding (and no override reason) goes back to draft.
- `schedule` refuses (`Refused`, in Spanish and English) an empty text, no
  account or one twice, an unknown content type, a time in the past, an image
  that cannot be used or lacks its alt text, and a `block` finding. The only
  way past a block is an override reason, written to the event log with who
  gave it (the event's time is when).
- `reply` queues an answer to an inbox item through `schedule`.

No Qt: the composer runs it off the GUI thread (ui/tasks.py).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from smalltown_social.core import guidance  # its engine is imported by the first review
from smalltown_social.core.accounts import Account
from smalltown_social.core.guidance import Finding, NetworkLimit, content_types
from smalltown_social.core.guidance.lengths import limit_for_accounts
from smalltown_social.core.guidance.profile import TownProfile
from smalltown_social.core.i18n import Language, Text
from smalltown_social.core.inbox import InboxItem, InboxStatus
from smalltown_social.core.networks import rules_for
from smalltown_social.core.override import reason_problem
from smalltown_social.core.posts import Image, Post
from smalltown_social.core.reply_check import check_reply
from smalltown_social.core.settings import (
    TIME_ZONE,
    TOWN_DOMAINS,
    TOWN_HANDLES,
    TOWN_NAME,
    TOWN_OFFICIALS,
    TOWN_PHONES,
    town_profile,
)
from smalltown_social.networks.media import ImageError, check_image
from smalltown_social.storage.accounts_repo import AccountsRepository
from smalltown_social.storage.database import Database
from smalltown_social.storage.events_repo import EventLog
from smalltown_social.storage.inbox_repo import InboxRepository
from smalltown_social.storage.posts_repo import PostsRepository
from smalltown_social.storage.settings_repo import SettingsRepository
from smalltown_social.storage.targets_store import TargetStore

log = logging.getLogger(__name__)

PAST_GRACE = timedelta(minutes=1)  # "now" typed a moment ago is not in the past

EMPTY = Text(
    "La publicación está vacía: escriba el texto antes de programarla.",
    "The post is empty: write the text before scheduling it.",
)
BAD_CHARACTERS = Text(
    "El texto tiene caracteres que no son válidos (¿se copió de un archivo con otra "
    "codificación?). Escríbalo de nuevo.",
    "The text has characters that are not valid (copied from a file in another encoding?). "
    "Type it again.",
)
NO_ACCOUNT = Text(
    "Elija al menos una cuenta donde publicar.", "Choose at least one account to post to."
)
ACCOUNT_TWICE = Text(
    "La cuenta «{name}» está elegida dos veces.", "The account “{name}” is chosen twice."
)
UNKNOWN_TYPE = Text(
    "No existe el tipo de contenido «{type}». Los tipos son: {valid}.",
    "There is no content type “{type}”. The types are: {valid}.",
)
IN_THE_PAST = Text(
    "Esa hora ya ha pasado. Elija otra o publique ahora.",
    "That time has already passed. Choose another or publish now.",
)
ALT_MISSING = Text(
    "Falta el texto alternativo de la imagen {n}: describa lo que se ve.",
    "Image {n} has no alt text: describe what it shows.",
)
IMAGE_REQUIRED = Text(
    "{networks} solo publica con al menos una imagen: añada una foto o quite esa cuenta.",
    "{networks} only publishes with at least one image: add a photo or remove that account.",
)
BLOCKED = Text(
    "No se ha programado: la revisión encontró un problema grave.",
    "Not scheduled: the review found a serious problem.",
)


@dataclass(frozen=True)
class Town:
    """The town's settings a post depends on, read once per call."""

    time_zone: str
    electoral_period: tuple[date, date] | None
    profile: TownProfile | None = None  # the town's own contacts, name and officials

    @classmethod
    def read(cls, settings: SettingsRepository) -> Town:
        profile = town_profile(
            settings.get(TOWN_NAME),
            settings.get(TOWN_PHONES),
            settings.get(TOWN_DOMAINS),
            settings.get(TOWN_HANDLES),
            settings.get(TOWN_OFFICIALS),
        )
        return cls(settings.get(TIME_ZONE), settings.electoral_period(), profile)


@dataclass(frozen=True)
class Draft:
    """What the clerk wrote and where it should go."""

    text: str
    accounts: tuple[Account, ...]
    content_type: str | None = None
    images: tuple[Image, ...] = ()
    server_scheduling: bool = False
    post_id: int | None = None
    block_override: str | None = None  # a reason given earlier, kept on the post
    reply_to: InboxItem | None = None


class Refused(Exception):
    """The post was not scheduled; `text` says why, `findings` are the blocks (if that is why)."""

    def __init__(self, text: Text, findings: Sequence[Finding] = ()) -> None:
        super().__init__(text.en)
        self.text = text
        self.findings = list(findings)


@dataclass(frozen=True)
class Saved:
    """What a call wrote, and what the guidance said about the text."""

    post: Post
    findings: list[Finding]
    scheduled: int = 0  # targets now scheduled
    unscheduled: int = 0  # scheduled targets moved back to draft by a block finding

    @property
    def post_id(self) -> int:
        assert self.post.id is not None
        return self.post.id


def network_limits(accounts: Iterable[Account], *, caption: bool) -> list[NetworkLimit]:
    """The length limit of each chosen network (a Mastodon server's own, where it has one)."""
    chosen = list(accounts)
    networks = dict.fromkeys(a.network.value for a in chosen)
    return [limit_for_accounts(network, chosen, caption=caption) for network in networks]


def review(draft: Draft, town: Town, *, when: datetime | None, language: Language) -> list[Finding]:
    """The guidance for `draft` as it would go out at `when` (None: now)."""
    item = draft.reply_to
    if item is not None:
        return check_reply(
            draft.text,
            item.text,
            network=item.network,
            private=item.private,
            language=language,
            when=when,
            electoral_period=town.electoral_period,
            profile=town.profile,
        )
    return guidance.analyze(
        draft.text,
        content_type=draft.content_type,
        networks=network_limits(draft.accounts, caption=bool(draft.images)),
        images=draft.images,
        when=when,
        electoral_period=town.electoral_period,
        language=language,
        profile=town.profile,
    )


def blocks_of(findings: Iterable[Finding]) -> list[Finding]:
    return [f for f in findings if f.severity == "block"]


def refusal(draft: Draft, due_utc: datetime, now: datetime) -> Text | None:
    """Why `draft` cannot be scheduled at `due_utc`, before the guidance; None if it can."""
    past = IN_THE_PAST if due_utc < now - PAST_GRACE else None
    return _text_refusal(draft) or _accounts_refusal(draft) or past or _images_refusal(draft)


def _text_refusal(draft: Draft) -> Text | None:
    try:
        draft.text.encode("utf-8")
    except UnicodeEncodeError:  # lone surrogates: undecodable bytes from a command line
        return BAD_CHARACTERS
    if not draft.text.strip():
        return EMPTY
    known = [t.id for t in content_types()]
    if draft.content_type is not None and draft.content_type not in known:
        return UNKNOWN_TYPE.format(type=draft.content_type, valid=", ".join(known))
    return None


def _accounts_refusal(draft: Draft) -> Text | None:
    if not draft.accounts:
        return NO_ACCOUNT
    seen: set[int] = set()
    for account in draft.accounts:
        if account.id in seen:
            return ACCOUNT_TWICE.format(name=account.name)
        seen.add(account.id)
    return None


def _images_refusal(draft: Draft) -> Text | None:
    if not draft.images and draft.reply_to is None:
        needing = [
            rules_for(a.network).name for a in draft.accounts if rules_for(a.network).image_required
        ]
        if needing:
            return IMAGE_REQUIRED.format(networks=", ".join(dict.fromkeys(needing)))
    for number, image in enumerate(draft.images, start=1):
        try:
            check_image(Path(image.path))
        except ImageError as error:
            return error.text
        if not image.alt_text.strip():
            return ALT_MISSING.format(n=number)
    return None


def _now() -> datetime:
    return datetime.now(UTC)


class PostComposer:
    """Save a draft, schedule a post, queue a reply: one transaction each."""

    def __init__(
        self,
        database: Database,
        *,
        language: Callable[[], Language] = lambda: "es",
        clock: Callable[[], datetime] = _now,
    ) -> None:
        """`language` is read per call: the clerk may switch it while the app runs."""
        self._database = database
        self._posts = PostsRepository(database)
        self._settings = SettingsRepository(database)
        self._accounts = AccountsRepository(database)
        self._inbox = InboxRepository(database)
        self._events = EventLog(database)
        self._targets = TargetStore(database)
        self._language = language
        self._clock = clock

    def town(self) -> Town:
        return Town.read(self._settings)

    def save_draft(self, draft: Draft, due_utc: datetime | None = None) -> Saved:
        """Keep the draft as written (never refused); a blocked scheduled post goes to draft."""
        town = self.town()
        findings = review(draft, town, when=due_utc, language=self._language())
        rules = [] if draft.block_override else sorted({f.rule for f in blocks_of(findings)})
        accounts = [a.id for a in draft.accounts]
        with self._database.write():
            post = self._posts.save(self._post(draft, town, due_utc, draft.block_override))
            assert post.id is not None
            self._targets.sync_drafts(post.id, accounts)
            moved = self._targets.unschedule(post.id, rules) if rules else 0
        if moved:
            log.info("post %s back to draft: block finding %s", post.id, ", ".join(rules))
        return Saved(post, findings, unscheduled=moved)

    def schedule(
        self,
        draft: Draft,
        due_utc: datetime | None = None,
        *,
        override_reason: str | None = None,
        who: str = "",
    ) -> Saved:
        """Schedule `draft` on its accounts at `due_utc` (None: now); `Refused` if it may not go.

        A `block` finding is passed only with `override_reason`, logged with `who`.
        """
        now = self._clock()
        due = now.replace(microsecond=0) if due_utc is None else due_utc
        problem = refusal(draft, due, now)
        if problem is not None:
            raise Refused(problem)
        town = self.town()
        findings = review(draft, town, when=due, language=self._language())
        blocks = blocks_of(findings)
        reason = (override_reason or "").strip() or None
        if blocks and reason is None:
            raise Refused(BLOCKED, blocks)
        thin = reason_problem(reason) if blocks and reason is not None else None
        if thin is not None:
            raise Refused(thin, blocks)
        override = reason if blocks else None
        rules = sorted({f.rule for f in blocks})
        logged = f"{who}: {override}" if override and who else override
        with self._database.write():
            post = self._posts.save(self._post(draft, town, due, override))
            assert post.id is not None
            count = self._targets.schedule(
                post.id,
                [a.id for a in draft.accounts],
                due,
                town.time_zone,
                override_reason=logged,
                overridden_rules=rules,
            )
            item = draft.reply_to
            if item is not None and item.id is not None:
                self._inbox.set_status([item.id], InboxStatus.PENDING)
                self._events.record(
                    "inbox_reply_queued",
                    f"{who}: item {item.id}",
                    post_id=post.id,
                    target_id=self._posts.targets_of(post.id)[0].id,
                    account_id=item.account_id,
                )
        if override:
            log.info("post %s scheduled over a block finding (%s)", post.id, ", ".join(rules))
        return Saved(post, findings, scheduled=count)

    def reply(self, item: InboxItem, text: str, *, who: str) -> Saved:
        """Queue an answer to `item` on its own account, due now; the outbox sends it."""
        if item.id is None:
            raise ValueError("an inbox item must be stored before it is answered")
        account = self._accounts.get(item.account_id)
        accounts = (account,) if account is not None else ()
        return self.schedule(Draft(text, accounts, reply_to=item), who=who)

    def _post(
        self, draft: Draft, town: Town, due_utc: datetime | None, override: str | None
    ) -> Post:
        return Post(
            id=draft.post_id,
            text=draft.text,
            content_type=draft.content_type,
            time_zone=town.time_zone,
            due_utc=due_utc,
            images=draft.images,
            block_override=override,
            server_scheduling=draft.server_scheduling,
            reply_to_item_id=draft.reply_to.id if draft.reply_to is not None else None,
        )

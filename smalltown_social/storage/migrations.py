"""Numbered schema steps recorded in `PRAGMA user_version`.

Each step runs in its own IMMEDIATE transaction together with the version
bump, so a crash mid-migration leaves the previous version intact. A file at
an older version is backed up (online backup API) before the first step runs.
Never edit a released step: add a new one.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

from smalltown_social.storage.database import Database

Step = Callable[[sqlite3.Connection], None]


def run_script(conn: sqlite3.Connection, script: str) -> None:
    """Run several statements inside the caller's transaction.

    `executescript()` would COMMIT first, breaking the step's atomicity, so
    statements are split where `sqlite3.complete_statement` says one ends
    (which keeps trigger bodies whole).
    """
    pending = ""
    for line in script.splitlines(keepends=True):
        pending += line
        if sqlite3.complete_statement(pending):
            conn.execute(pending)
            pending = ""
    if pending.strip():
        raise ValueError(f"incomplete SQL statement in migration: {pending!r}")


TARGET_STATES = "('draft','scheduled','publishing','published','failed','unconfirmed','missed')"


def _v1_posts_and_accounts(conn: sqlite3.Connection) -> None:
    run_script(
        conn,
        f"""
        CREATE TABLE accounts (
            id INTEGER PRIMARY KEY,
            network TEXT NOT NULL,
            name TEXT NOT NULL UNIQUE,
            handle TEXT,
            server_url TEXT,
            channel TEXT,
            status TEXT NOT NULL DEFAULT 'unknown',
            status_detail TEXT,
            expires_utc TEXT,
            demo INTEGER NOT NULL DEFAULT 0,
            created_utc TEXT NOT NULL
        ) STRICT;
        CREATE TABLE posts (
            id INTEGER PRIMARY KEY,
            text TEXT NOT NULL,
            content_type TEXT,
            time_zone TEXT NOT NULL DEFAULT 'Europe/Madrid',
            due_utc TEXT,
            recurrence TEXT,
            block_override TEXT,
            created_utc TEXT NOT NULL,
            updated_utc TEXT NOT NULL
        ) STRICT;
        CREATE TABLE images (
            id INTEGER PRIMARY KEY,
            post_id INTEGER NOT NULL REFERENCES posts(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            path TEXT NOT NULL,
            alt_text TEXT NOT NULL DEFAULT ''
        ) STRICT;
        CREATE INDEX images_post ON images(post_id, position);
        CREATE TABLE targets (
            id INTEGER PRIMARY KEY,
            post_id INTEGER NOT NULL REFERENCES posts(id) ON DELETE CASCADE,
            account_id INTEGER NOT NULL REFERENCES accounts(id),
            state TEXT NOT NULL DEFAULT 'draft' CHECK (state IN {TARGET_STATES}),
            due_utc TEXT,
            time_zone TEXT NOT NULL DEFAULT 'Europe/Madrid',
            idempotency_key TEXT NOT NULL UNIQUE,
            remote_id TEXT,
            remote_url TEXT,
            error TEXT,
            attempts INTEGER NOT NULL DEFAULT 0,
            next_attempt_utc TEXT,
            claimed_utc TEXT,
            published_utc TEXT,
            updated_utc TEXT NOT NULL,
            UNIQUE (post_id, account_id)
        ) STRICT;
        CREATE INDEX targets_due ON targets(state, due_utc);
        CREATE TABLE settings (
            key TEXT PRIMARY KEY,
            value TEXT NOT NULL
        ) STRICT;
        """,
    )


def _v2_inbox(conn: sqlite3.Connection) -> None:
    run_script(
        conn,
        """
        CREATE TABLE labels (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE COLLATE NOCASE,
            builtin INTEGER NOT NULL DEFAULT 0,
            color TEXT
        ) STRICT;
        INSERT INTO labels (name, builtin, color) VALUES
            ('Consulta', 1, '#1f6feb'), ('Queja', 1, '#d1242f'),
            ('Sugerencia', 1, '#8250df'), ('Incidencia', 1, '#bc4c00'),
            ('Agradecimiento', 1, '#1a7f37'), ('Ofensivo', 1, '#57606a');
        CREATE TABLE inbox_items (
            id INTEGER PRIMARY KEY,
            account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
            network TEXT NOT NULL,
            remote_id TEXT NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN ('comment','mention','reply','message')),
            author_name TEXT NOT NULL DEFAULT '',
            author_handle TEXT NOT NULL DEFAULT '',
            text TEXT NOT NULL DEFAULT '',
            url TEXT,
            parent_remote_id TEXT,
            target_id INTEGER REFERENCES targets(id) ON DELETE SET NULL,
            received_utc TEXT NOT NULL,
            status TEXT NOT NULL DEFAULT 'new'
                CHECK (status IN ('new','pending','answered','archived')),
            label_id INTEGER REFERENCES labels(id) ON DELETE SET NULL,
            answered_utc TEXT,
            UNIQUE (network, remote_id)
        ) STRICT;
        CREATE INDEX inbox_received ON inbox_items(received_utc DESC);
        CREATE INDEX inbox_status ON inbox_items(status, received_utc DESC);
        CREATE TABLE inbox_cursors (
            account_id INTEGER PRIMARY KEY REFERENCES accounts(id) ON DELETE CASCADE,
            cursor TEXT,
            synced_utc TEXT
        ) STRICT;
        -- Accent- and case-insensitive search: "vehiculo" finds "vehículo".
        CREATE VIRTUAL TABLE inbox_fts USING fts5(
            text, author_name, author_handle,
            content='inbox_items', content_rowid='id',
            tokenize='unicode61 remove_diacritics 2'
        );
        CREATE TRIGGER inbox_fts_insert AFTER INSERT ON inbox_items BEGIN
            INSERT INTO inbox_fts(rowid, text, author_name, author_handle)
            VALUES (new.id, new.text, new.author_name, new.author_handle);
        END;
        CREATE TRIGGER inbox_fts_delete AFTER DELETE ON inbox_items BEGIN
            INSERT INTO inbox_fts(inbox_fts, rowid, text, author_name, author_handle)
            VALUES ('delete', old.id, old.text, old.author_name, old.author_handle);
        END;
        CREATE TRIGGER inbox_fts_update AFTER UPDATE OF text, author_name, author_handle
        ON inbox_items BEGIN
            INSERT INTO inbox_fts(inbox_fts, rowid, text, author_name, author_handle)
            VALUES ('delete', old.id, old.text, old.author_name, old.author_handle);
            INSERT INTO inbox_fts(rowid, text, author_name, author_handle)
            VALUES (new.id, new.text, new.author_name, new.author_handle);
        END;
        """,
    )


def _v3_event_log(conn: sqlite3.Connection) -> None:
    run_script(
        conn,
        """
        CREATE TABLE events (
            id INTEGER PRIMARY KEY,
            at_utc TEXT NOT NULL,
            kind TEXT NOT NULL,
            post_id INTEGER,
            target_id INTEGER,
            account_id INTEGER,
            detail TEXT NOT NULL DEFAULT ''
        ) STRICT;
        CREATE INDEX events_at ON events(at_utc);
        CREATE INDEX events_target ON events(target_id);
        """,
    )


def _v4_replies_and_server_scheduling(conn: sqlite3.Connection) -> None:
    """A reply is a post answering an inbox item; a post may go to the server's scheduler."""
    run_script(
        conn,
        """
        ALTER TABLE posts ADD COLUMN reply_to_item_id INTEGER
            REFERENCES inbox_items(id) ON DELETE SET NULL;
        ALTER TABLE posts ADD COLUMN server_scheduling INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE inbox_items ADD COLUMN root_remote_id TEXT;
        ALTER TABLE inbox_items ADD COLUMN hidden INTEGER NOT NULL DEFAULT 0;
        CREATE TABLE saved_replies (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE COLLATE NOCASE,
            text TEXT NOT NULL
        ) STRICT;
        """,
    )


def _v5_server_length_rules(conn: sqlite3.Connection) -> None:
    """A Mastodon instance sets its own post length: kept per account."""
    run_script(
        conn,
        """
        ALTER TABLE accounts ADD COLUMN max_length INTEGER;
        ALTER TABLE accounts ADD COLUMN url_length INTEGER;
        """,
    )


def _v6_handed_over(conn: sqlite3.Connection) -> None:
    """A target handed to the network's own scheduler: out of our hands, but withdrawable."""
    run_script(conn, "ALTER TABLE targets ADD COLUMN on_server INTEGER NOT NULL DEFAULT 0;")


def _v7_claim_owner(conn: sqlite3.Connection) -> None:
    """Who holds a claim: a claim whose process is gone is recovered at once."""
    run_script(conn, "ALTER TABLE targets ADD COLUMN claim_owner TEXT;")


def _v8_install_id(conn: sqlite3.Connection) -> None:
    """A random id of this data folder: its keyring entries are named after it.

    Two data folders of the same Windows user share one keyring; before this
    step both named their entries `account-<id>` and overwrote each other's.
    `legacy_secrets_adopted` records that the old entries were copied once.
    """
    run_script(
        conn,
        """
        CREATE TABLE install (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            install_id TEXT NOT NULL CHECK (length(install_id) = 32),
            legacy_secrets_adopted INTEGER NOT NULL DEFAULT 0
        ) STRICT;
        INSERT INTO install (id, install_id) VALUES (1, lower(hex(randomblob(16))));
        """,
    )


def _v9_removed_accounts(conn: sqlite3.Connection) -> None:
    """A removed account with published history stays as a row, marked removed."""
    run_script(conn, "ALTER TABLE accounts ADD COLUMN removed_utc TEXT;")


def _v10_replies_marked(conn: sqlite3.Connection) -> None:
    """A reply stays a reply: kept off the calendar and its export even once its inbox item is gone.

    `reply_to_item_id` turns NULL when the item is deleted (retention, a removed
    account), so it cannot say by itself that a post was a reply, possibly a
    private one. Existing replies are found by that link or by their
    `inbox_reply_queued` event; the triggers mark every later one.
    """
    run_script(
        conn,
        """
        ALTER TABLE posts ADD COLUMN is_reply INTEGER NOT NULL DEFAULT 0;
        UPDATE posts SET is_reply = 1 WHERE reply_to_item_id IS NOT NULL OR id IN (
            SELECT post_id FROM events WHERE kind = 'inbox_reply_queued' AND post_id IS NOT NULL
        );
        CREATE TRIGGER posts_reply_insert AFTER INSERT ON posts
        WHEN new.reply_to_item_id IS NOT NULL BEGIN
            UPDATE posts SET is_reply = 1 WHERE id = new.id;
        END;
        CREATE TRIGGER posts_reply_update AFTER UPDATE OF reply_to_item_id ON posts
        WHEN new.reply_to_item_id IS NOT NULL AND new.is_reply = 0 BEGIN
            UPDATE posts SET is_reply = 1 WHERE id = new.id;
        END;
        """,
    )


def _v11_first_claim(conn: sqlite3.Connection) -> None:
    """When a target's idempotency key was first sent: recovery matches no older post."""
    run_script(conn, "ALTER TABLE targets ADD COLUMN first_claim_utc TEXT;")


def _v12_remote_containers(conn: sqlite3.Connection) -> None:
    """An object a network made before publishing (an Instagram container), per key.

    Kept so that a retry after an unknown outcome publishes the same container
    instead of making a second one.
    """
    run_script(
        conn,
        """
        CREATE TABLE remote_containers (
            account_id INTEGER NOT NULL,
            idempotency_key TEXT NOT NULL,
            container_id TEXT NOT NULL,
            created_utc TEXT NOT NULL,
            PRIMARY KEY (account_id, idempotency_key)
        );
        """,
    )


def _v13_metric_snapshots(conn: sqlite3.Connection) -> None:
    """What the networks say of each published target, read back after publication.

    `metric_snapshots` keeps one row per target and slot: the first reading at
    about 1 hour, 1 day and 7 days after publication, and the latest one.
    `metric_state` says when to read a target next, whether the post is gone
    from the network (history kept), and what the network would not give.
    """
    run_script(
        conn,
        """
        CREATE TABLE metric_snapshots (
            target_id INTEGER NOT NULL REFERENCES targets(id) ON DELETE CASCADE,
            slot TEXT NOT NULL CHECK (slot IN ('1h','1d','7d','latest')),
            taken_utc TEXT NOT NULL,
            likes INTEGER NOT NULL DEFAULT 0,
            reposts INTEGER NOT NULL DEFAULT 0,
            replies INTEGER NOT NULL DEFAULT 0,
            quotes INTEGER NOT NULL DEFAULT 0,
            views INTEGER,
            PRIMARY KEY (target_id, slot)
        ) STRICT;
        CREATE TABLE metric_state (
            target_id INTEGER PRIMARY KEY REFERENCES targets(id) ON DELETE CASCADE,
            theme TEXT NOT NULL DEFAULT 'other'
                CHECK (theme IN ('service','institutional','other')),
            next_fetch_utc TEXT,
            last_fetch_utc TEXT,
            failures INTEGER NOT NULL DEFAULT 0,
            gone_utc TEXT,
            unavailable TEXT,
            missing_permissions TEXT,
            last_error TEXT
        ) STRICT;
        CREATE INDEX metric_state_next ON metric_state(next_fetch_utc);
        CREATE INDEX targets_published ON targets(published_utc) WHERE state = 'published';
        """,
    )


STEPS: tuple[Step, ...] = (
    _v1_posts_and_accounts,
    _v2_inbox,
    _v3_event_log,
    _v4_replies_and_server_scheduling,
    _v5_server_length_rules,
    _v6_handed_over,
    _v7_claim_owner,
    _v8_install_id,
    _v9_removed_accounts,
    _v10_replies_marked,
    _v11_first_claim,
    _v12_remote_containers,
    _v13_metric_snapshots,
)
LATEST = len(STEPS)


def migrate(
    database: Database, *, backup: Callable[[str], Path] | None = None, upto: int = LATEST
) -> int:
    """Bring the schema to `upto`; returns the version found before.

    `backup(reason)` is called once before touching a non-empty older file.
    """
    found = database.user_version()
    if found < upto and found > 0 and backup is not None:
        backup(f"before-migration-v{found}")
    for version in range(found + 1, upto + 1):
        with database.write() as conn:
            STEPS[version - 1](conn)
            conn.execute(f"PRAGMA user_version = {version}")
    return found

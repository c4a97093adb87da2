"""A town's published history with counts, for the results page, report tests and benchmark.

Deterministic (a seeded random): `fill_results(database, posts, end)` writes
`posts` published targets spread over the months before `end`, four metric
snapshots each (1 h, 1 d, 7 d, latest), their metric_state (theme), and inbox
messages with labels and answers. Bulk inserts in one transaction.
"""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

from smalltown_social.storage.database import Database
from smalltown_social.storage.timefmt import to_db

NETWORKS = ("mastodon", "bluesky", "facebook", "telegram")
TYPES = (
    ("service", "service", "El punto limpio abre el sábado de 9:00 a 14:00 por el festivo."),
    ("urgent", "service", "Corte de agua mañana de 8:00 a 12:00 en la calle Mayor."),
    ("grant", "service", "Ayudas al alquiler joven: solicitudes hasta el 15 de diciembre."),
    ("event", "other", "Concierto de la banda municipal el viernes a las 20:00 en la plaza."),
    ("local_life", "other", "La ermita de San Isidro al amanecer. ¿Desde dónde la veis?"),
    (None, "institutional", "El alcalde inaugura la nueva rotonda gracias al equipo de gobierno."),
)
LABELS = ("Consulta", "Queja", "Incidencia", "Sugerencia")


def fill_results(
    database: Database,
    posts: int,
    end: datetime,
    *,
    months: int = 36,
    seed: int = 12,
    networks: tuple[str, ...] = NETWORKS,
) -> None:
    rng = random.Random(seed)
    span = timedelta(days=30 * months)
    with database.write() as conn:
        accounts = {}
        for network in networks:
            cursor = conn.execute(
                "INSERT INTO accounts (network, name, handle, status, created_utc) "
                "VALUES (?, ?, ?, 'ok', ?)",
                (network, f"Ayto ({network})", f"ayto.{network}", to_db(end - span)),
            )
            accounts[network] = cursor.lastrowid
        labels = {
            r["name"]: r["id"] for r in conn.execute("SELECT id, name FROM labels").fetchall()
        }
        targets = []
        for n in range(posts):
            published = end - span * rng.random()
            published = published.replace(hour=rng.choice((8, 9, 10, 12, 14, 18, 20)))
            type_id, theme, text = rng.choice(TYPES)
            network = rng.choice(networks)
            cursor = conn.execute(
                "INSERT INTO posts (text, content_type, created_utc, updated_utc) "
                "VALUES (?, ?, ?, ?)",
                (f"{text} ({n})", type_id, to_db(published), to_db(published)),
            )
            post_id = cursor.lastrowid
            cursor = conn.execute(
                "INSERT INTO targets (post_id, account_id, state, idempotency_key, remote_id, "
                "remote_url, published_utc, updated_utc) "
                "VALUES (?, ?, 'published', ?, ?, ?, ?, ?)",
                (
                    post_id,
                    accounts[network],
                    f"key-{n}",
                    f"r{n}",
                    f"https://{network}.example/ayto/{n}",
                    to_db(published),
                    to_db(published),
                ),
            )
            targets.append((cursor.lastrowid, published, network, theme))
        snapshots = []
        states: list[tuple[int | None, str, str | None]] = []
        for target_id, published, network, theme in targets:
            if network == "telegram":
                states.append((target_id, theme, "no_counts"))
                continue
            states.append((target_id, theme, None))
            weight = 3 if theme == "service" else 1
            likes = rng.randint(0, 12 * weight) if rng.random() > 0.15 else 0
            reposts = rng.randint(0, 5 * weight) if likes else 0
            replies = rng.randint(0, 4) if likes else 0
            for slot, age, share in (
                ("1h", timedelta(hours=1), 0.3),
                ("1d", timedelta(days=1), 0.8),
                ("7d", timedelta(days=7), 1.0),
                ("latest", timedelta(days=10), 1.0),
            ):
                snapshots.append(
                    (
                        target_id,
                        slot,
                        to_db(published + age),
                        int(likes * share),
                        int(reposts * share),
                        int(replies * share),
                        0,
                    )
                )
        conn.executemany(
            "INSERT INTO metric_snapshots (target_id, slot, taken_utc, likes, reposts, replies, "
            "quotes) VALUES (?, ?, ?, ?, ?, ?, ?)",
            snapshots,
        )
        conn.executemany(
            "INSERT INTO metric_state (target_id, theme, unavailable) VALUES (?, ?, ?)", states
        )
        items = []
        for n in range(posts // 2):
            received = end - span * rng.random()
            delay = timedelta(minutes=rng.randint(5, 60 * 48))
            answered = received + delay if rng.random() > 0.2 else None
            network = rng.choice(networks)
            items.append(
                (
                    accounts[network],
                    network,
                    f"m{n}",
                    "comment",
                    "Una vecina",
                    "¿A qué hora abre el registro?",
                    to_db(received),
                    "answered" if answered else "new",
                    labels[rng.choice(LABELS)] if rng.random() > 0.1 else None,
                    to_db(answered),
                )
            )
        conn.executemany(
            "INSERT INTO inbox_items (account_id, network, remote_id, kind, author_name, text, "
            "received_utc, status, label_id, answered_utc) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            items,
        )


def month_of(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m")

"""Reading the inbox: the one place that maps a stored row to an `InboxItem` and searches.

The list reads pages by keyset (received time, id) rather than OFFSET, so the
thousandth page costs what the first does; it never holds more rows than the
clerk has scrolled past. Search is FTS5 (accents and case ignored, prefix
match). `InboxRepository` (the writes) reads single items and threads through
`SELECT_ITEMS` and `item_from_row` here.
"""

from __future__ import annotations

import csv
import io
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

from smalltown_social.core.accounts import Network
from smalltown_social.core.inbox import InboxItem, InboxStatus, ItemKind
from smalltown_social.core.labels import Label
from smalltown_social.core.untrusted_text import csv_cell
from smalltown_social.storage.database import Database
from smalltown_social.storage.timefmt import from_db_required, to_db

PAGE_SIZE = 500
DENSE_MATCHES = 10_000  # from this many matches on, page by walking the time index


def fts_query(words: str) -> str:
    """Turn what the clerk typed into a safe FTS5 query: quoted terms, prefix-matched."""
    terms = [t.replace('"', "") for t in words.split()]
    return " ".join(f'"{t}"*' for t in terms if t)


@dataclass(frozen=True)
class InboxFilter:
    network: Network | None = None
    account_id: int | None = None
    status: InboxStatus | None = None
    label_id: int | None = None
    since_utc: datetime | None = None
    until_utc: datetime | None = None
    search: str = ""

    def where(self, *, dense: bool = False) -> tuple[str, list[Any]]:
        """SQL conditions and their parameters.

        `dense`: the search matches so many items that walking the newest-first index
        and checking each against the matches beats sorting every match (`+` keeps
        SQLite from driving the query from the match list).
        """
        clauses: list[str] = []
        params: list[Any] = []
        for column, value in (
            ("i.network", self.network),
            ("i.account_id", self.account_id),
            ("i.status", self.status),
            ("i.label_id", self.label_id),
        ):
            if value is not None:
                clauses.append(f"{column} = ?")
                params.append(value.value if isinstance(value, StrEnum) else value)
        if self.since_utc is not None:
            clauses.append("i.received_utc >= ?")
            params.append(to_db(self.since_utc))
        if self.until_utc is not None:
            clauses.append("i.received_utc < ?")
            params.append(to_db(self.until_utc))
        query = fts_query(self.search)
        if query:
            column = "+i.id" if dense else "i.id"
            matches = "IN (SELECT rowid FROM inbox_fts WHERE inbox_fts MATCH ?)"
            clauses.append(f"{column} {matches}")
            params.append(query)
        return (" AND ".join(clauses) or "1"), params


SELECT_ITEMS = (
    "SELECT i.id, i.account_id, i.network, i.remote_id, i.kind, i.text, i.received_utc, "
    "i.author_name, i.author_handle, i.url, i.parent_remote_id, i.root_remote_id, "
    "i.target_id, i.status, i.label_id, i.hidden, a.name AS account_name, "
    "p.text AS post_text, l.name AS label, l.color AS label_color "
    "FROM inbox_items i JOIN accounts a ON a.id = i.account_id "
    "LEFT JOIN targets t ON t.id = i.target_id LEFT JOIN posts p ON p.id = t.post_id "
    "LEFT JOIN labels l ON l.id = i.label_id "
)
"""Every column of an item and what is read with it; the table is `i`."""

# Dictionary look-ups: an enum call per row and column costs more than the row itself.
_NETWORKS = {n.value: n for n in Network}
_KINDS = {k.value: k for k in ItemKind}
_STATUSES = {s.value: s for s in InboxStatus}
_LABELS: dict[str, Label | str] = {label.value: label for label in Label}


def item_from_row(r: sqlite3.Row) -> InboxItem:
    label = r["label"]
    return InboxItem(
        id=r["id"],
        account_id=r["account_id"],
        network=_NETWORKS[r["network"]],
        remote_id=r["remote_id"],
        kind=_KINDS[r["kind"]],
        text=r["text"],
        received_utc=from_db_required(r["received_utc"]),
        author_name=r["author_name"],
        author_handle=r["author_handle"],
        url=r["url"],
        parent_remote_id=r["parent_remote_id"],
        root_remote_id=r["root_remote_id"],
        target_id=r["target_id"],
        status=_STATUSES[r["status"]],
        label_id=r["label_id"],
        hidden=bool(r["hidden"]),
        account_name=r["account_name"],
        post_text=r["post_text"],
        label=None if label is None else _LABELS.get(label, label),
        label_color=r["label_color"],
    )


class InboxQuery:
    def __init__(self, database: Database) -> None:
        self._database = database
        self._density: dict[str, bool] = {}  # search -> many matches (cached per search)

    def count(self, flt: InboxFilter) -> int:
        where, params = flt.where()
        return int(
            self._database.scalar(
                f"SELECT count(*) FROM inbox_items i WHERE {where}",  # noqa: S608 - fixed clauses
                tuple(params),
            )
        )

    def page(
        self, flt: InboxFilter, after: InboxItem | None = None, limit: int = PAGE_SIZE
    ) -> list[InboxItem]:
        """Newest first; `after` is the last row of the previous page."""
        where, params = flt.where(dense=self._dense(flt.search))
        if after is not None:
            where += " AND (i.received_utc < ? OR (i.received_utc = ? AND i.id < ?))"
            stamp = to_db(after.received_utc)
            params += [stamp, stamp, after.id]
        rows = self._database.query(
            f"{SELECT_ITEMS} WHERE {where} ORDER BY i.received_utc DESC, i.id DESC LIMIT ?",
            (*params, limit),
        )
        return [item_from_row(r) for r in rows]

    def _dense(self, search: str) -> bool:
        query = fts_query(search)
        if not query:
            return False
        if query not in self._density:
            found = self._database.scalar(
                "SELECT count(*) FROM (SELECT 1 FROM inbox_fts WHERE inbox_fts MATCH ? LIMIT ?)",
                (query, DENSE_MATCHES),
            )
            if len(self._density) > 100:
                self._density.clear()
            self._density[query] = int(found) >= DENSE_MATCHES
        return self._density[query]

    def all(self, flt: InboxFilter) -> Iterator[InboxItem]:
        after: InboxItem | None = None
        while True:
            rows = self.page(flt, after)
            yield from rows
            if len(rows) < PAGE_SIZE:
                return
            after = rows[-1]

    def labels(self) -> list[tuple[int, str, str | None, bool]]:
        """(id, name, colour, built in) of every label, built-in ones first."""
        rows = self._database.query(
            "SELECT id, name, color, builtin FROM labels ORDER BY builtin DESC, name"
        )
        return [(r["id"], r["name"], r["color"], bool(r["builtin"])) for r in rows]

    def count_new(self) -> int:
        return int(self._database.scalar("SELECT count(*) FROM inbox_items WHERE status = 'new'"))


CSV_COLUMNS = (
    "id",
    "fecha_utc",
    "red",
    "cuenta",
    "tipo",
    "autor",
    "usuario",
    "texto",
    "publicacion",
    "etiqueta",
    "estado",
    "enlace",
)


CSV_DELIMITER = ";"  # Excel set to Spanish splits on ";" (the comma is the decimal mark)


def export_csv(
    query: InboxQuery, flt: InboxFilter, out: io.TextIOBase | Any, delimiter: str = CSV_DELIMITER
) -> int:
    """Write the filtered inbox as CSV (header in Spanish); returns rows written.

    Every text cell goes through `csv_cell`: one starting with = + - @, a tab
    or a carriage return gets a leading ' so a spreadsheet never runs it.
    """
    writer = csv.writer(out, delimiter=delimiter)
    writer.writerow(CSV_COLUMNS)
    n = 0
    for row in query.all(flt):
        cells: list[object] = [
            row.id,
            to_db(row.received_utc),
            row.network,
            row.account_name,
            row.kind,
            row.author_name,
            row.author_handle,
            row.text,
            row.post_text or "",
            row.label or "",
            row.status,
            row.url or "",
        ]
        writer.writerow([csv_cell(cell) if isinstance(cell, str) else cell for cell in cells])
        n += 1
    return n

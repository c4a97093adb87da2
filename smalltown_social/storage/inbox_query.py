"""What the inbox list shows: filtered, searched, one page at a time.

Pages are read by keyset (received time, id) rather than OFFSET, so the
thousandth page costs what the first does; the list never holds more rows
than the clerk has scrolled past.
"""

from __future__ import annotations

import csv
import io
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from smalltown_social.core.untrusted_text import csv_cell
from smalltown_social.storage.database import Database
from smalltown_social.storage.inbox_repo import fts_query
from smalltown_social.storage.timefmt import from_db_required, to_db

PAGE_SIZE = 500
DENSE_MATCHES = 10_000  # from this many matches on, page by walking the time index


@dataclass(frozen=True)
class InboxFilter:
    network: str | None = None
    account_id: int | None = None
    status: str | None = None
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
                params.append(value)
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


@dataclass(frozen=True)
class InboxRow:
    """One line of the inbox list."""

    id: int
    network: str
    account_name: str
    kind: str
    author_name: str
    author_handle: str
    text: str
    post_text: str | None
    received_utc: datetime
    status: str
    label: str | None
    label_color: str | None
    hidden: bool
    url: str | None


_SELECT = (
    "SELECT i.id, i.network, a.name AS account_name, i.kind, i.author_name, i.author_handle, "
    "i.text, p.text AS post_text, i.received_utc, i.status, l.name AS label, "
    "l.color AS label_color, i.hidden, i.url "
    "FROM inbox_items i JOIN accounts a ON a.id = i.account_id "
    "LEFT JOIN targets t ON t.id = i.target_id LEFT JOIN posts p ON p.id = t.post_id "
    "LEFT JOIN labels l ON l.id = i.label_id "
)


def _row(r: sqlite3.Row) -> InboxRow:
    return InboxRow(
        id=r["id"],
        network=r["network"],
        account_name=r["account_name"],
        kind=r["kind"],
        author_name=r["author_name"],
        author_handle=r["author_handle"],
        text=r["text"],
        post_text=r["post_text"],
        received_utc=from_db_required(r["received_utc"]),
        status=r["status"],
        label=r["label"],
        label_color=r["label_color"],
        hidden=bool(r["hidden"]),
        url=r["url"],
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
        self, flt: InboxFilter, after: InboxRow | None = None, limit: int = PAGE_SIZE
    ) -> list[InboxRow]:
        """Newest first; `after` is the last row of the previous page."""
        where, params = flt.where(dense=self._dense(flt.search))
        if after is not None:
            where += " AND (i.received_utc < ? OR (i.received_utc = ? AND i.id < ?))"
            stamp = to_db(after.received_utc)
            params += [stamp, stamp, after.id]
        rows = self._database.query(
            f"{_SELECT} WHERE {where} ORDER BY i.received_utc DESC, i.id DESC LIMIT ?",
            (*params, limit),
        )
        return [_row(r) for r in rows]

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

    def all(self, flt: InboxFilter) -> Iterator[InboxRow]:
        after: InboxRow | None = None
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

    def unseen(self, since_id: int) -> int:
        """New items stored after item id `since_id` (for the navigation count)."""
        return int(
            self._database.scalar(
                "SELECT count(*) FROM inbox_items WHERE id > ? AND status = 'new'", (since_id,)
            )
        )

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

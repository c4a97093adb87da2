"""Reading a post's insights from Meta's Graph API, without losing the other counts.

Insights need a permission the clerk may not have granted (`read_insights` for
a Facebook Page, `instagram_manage_insights` for Instagram), and Meta refuses
them on small Pages. The counts read from the post itself stay good: a refused
permission is named in `Metrics.missing_permissions`, any other refusal only
leaves the views out (logged).
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from smalltown_social.networks.base import NeedsReconnect, PermanentError
from smalltown_social.networks.graph import GraphClient
from smalltown_social.networks.shapes import as_dict, as_int, as_list, as_str

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Insights:
    values: dict[str, int]
    missing_permission: str | None = None


def insight_values(body: Mapping[str, Any]) -> dict[str, int]:
    """`{"data": [{"name": "reach", "values": [{"value": 12}]}]}` (or `total_value`) as a dict."""
    found: dict[str, int] = {}
    for entry in as_list(body.get("data")):
        item = as_dict(entry)
        name = as_str(item.get("name"))
        values = as_list(item.get("values"))
        if values:
            found[name] = as_int(as_dict(values[-1]).get("value"))
        elif "total_value" in item:
            found[name] = as_int(as_dict(item.get("total_value")).get("value"))
    return found


def read_insights(
    graph: GraphClient, path: str, params: Mapping[str, Any] | None, permission: str
) -> Insights:
    try:
        return Insights(insight_values(graph.get(path, params)))
    except NeedsReconnect as error:  # the post itself was just read: this is the permission
        log.info("insights refused (%s): %s", permission, error.detail)
        return Insights({}, permission)
    except PermanentError as error:
        log.info("insights not available: %s", error.detail)
        return Insights({})

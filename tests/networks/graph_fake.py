"""A local Graph API server that checks every request against Meta's own API description.

`tests/fixtures/meta-specs/` holds the node descriptions Meta generates its
SDKs from (Graph API v25.0). Every request the adapters send is checked
before a reply is chosen:

- the path is `/v25.0/{id}` or `/v25.0/{id}/{edge}` and the id is one the
  test declared with its node type (`Page`, `PagePost`, `Comment`, `Photo`,
  `IGUser`, `IGMedia`, `IGComment`, or `IGContainer`);
- the method and edge exist on that node;
- every parameter (query, form or multipart) is one the edge declares, with
  a value of the declared type (`bool`, `unsigned int`, `datetime`, enums from
  `enum_types.json`, `list<Object>`, `file`…); GET may also carry Meta's paging
  parameters;
- every name in `fields=` is a field or edge of the node it asks.

The one parameter the node files leave out is the uploaded file itself
(the SDKs add it): a multipart file part named `source` on a `photos` edge,
as Meta's Page Photos documentation names it.

A request that fails is answered the way Meta answers an invalid parameter
(HTTP 400, code 100) and recorded in `violations`; the `graph` fixture fails
the test if any were recorded. Three objects the node files do not describe
are written from the recorded replies: an Instagram media container (fields
of `publish/container_info.json`), the publishing limit
(`users/content_publish_limit.json`) and `debug_token` (`base/token_info.json`).
"""

from __future__ import annotations

import json
import re
from email.parser import BytesParser
from email.policy import HTTP
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl

from tests.networks.fake_server import FakeServer, Reply, Seen

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
SPECS = FIXTURES / "meta-specs"
GRAPH = FIXTURES / "graph-api"
VERSION = (SPECS / "version.txt").read_text("utf-8").strip()
PREFIX = f"/{VERSION}" if VERSION.startswith("v") else f"/v{VERSION}"
PAGING = {"fields", "limit", "after", "before", "since", "until", "summary", "__paging_token"}

_NODES = ("Page", "PagePost", "Post", "Comment", "Photo", "IGUser", "IGMedia", "IGComment")
_ENUMS = {
    entry["name"]: set(entry["values"])
    for entry in json.loads((SPECS / "enum_types.json").read_text("utf-8"))
}


def _load(name: str) -> dict[str, Any]:
    spec: dict[str, Any] = json.loads((SPECS / f"{name}.json").read_text("utf-8"))
    return spec


SPEC: dict[str, dict[str, Any]] = {name: _load(name) for name in _NODES}
# Not in the node files: written from the recorded container reply.
_CONTAINER = json.loads((GRAPH / "instagram/apidata/publish/container_info.json").read_text())
SPEC["IGContainer"] = {
    "apis": [{"method": "GET", "params": []}],
    "fields": [{"name": name, "type": "string"} for name in _CONTAINER],
}
# The return type of IGUser's `content_publishing_limit` edge: fields of the recorded reply.
_LIMIT = json.loads((GRAPH / "instagram/apidata/users/content_publish_limit.json").read_text())
SPEC["ContentPublishingLimitResponse"] = {
    "apis": [],
    "fields": [{"name": name, "type": "Object"} for name in _LIMIT["data"][0]],
}


def recorded(relative: str) -> Any:
    """A recorded reply from tests/fixtures/graph-api."""
    return json.loads((GRAPH / relative).read_text("utf-8"))


def graph_error(code: int, message: str, subcode: int = 0, **extra: Any) -> dict[str, Any]:
    """An error body in Meta's shape (as in base/error_data.json)."""
    error: dict[str, Any] = {
        "message": message,
        "type": "OAuthException",
        "code": code,
        "fbtrace_id": "AQt_hJ68vFybS4TnupatNtX",
    }
    if subcode:
        error["error_subcode"] = subcode
    return {"error": error | extra}


class GraphFake(FakeServer):
    """The fake server plus Meta's parameter checks. `ids` maps object ids to node types."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: dict[str, str] = {}
        self.violations: list[str] = []

    def node(self, object_id: str, kind: str) -> None:
        assert kind in SPEC, kind
        self.ids[object_id] = kind

    def on(self, method: str, path: str, *replies: Reply) -> None:
        """Route `path` (without the version prefix)."""
        self.route(method, f"{PREFIX}{path}", *replies)

    def calls(self, method: str, path: str) -> list[Seen]:
        return self.requests_to(method, f"{PREFIX}{path}")

    def _next(self, method: str, path: str) -> Reply:
        problem = self.check(self.seen[-1])
        if problem:
            self.violations.append(f"{method} {path}: {problem}")
            return Reply.json(graph_error(100, f"(#100) Invalid parameter: {problem}"), 400)
        return super()._next(method, path)

    # --- the checks ----------------------------------------------------------------------

    def check(self, seen: Seen) -> str:  # noqa: PLR0911 - one return per check
        if not seen.path.startswith(f"{PREFIX}/"):
            return f"not under {PREFIX}"
        parts = seen.path[len(PREFIX) + 1 :].split("/")
        params = seen.query + _body_params(seen)
        if parts == ["debug_token"]:
            names = {name for name, _ in params}
            return "" if names == {"input_token"} else f"debug_token takes input_token, not {names}"
        kind = self.ids.get(parts[0])
        if kind is None:
            return f"unknown object {parts[0]}"
        if "access_token" in {name for name, _ in params}:
            return "the token must travel in the Authorization header"
        edge = parts[1] if len(parts) > 1 else None
        api = _api(kind, seen.method, edge)
        if api is None:
            return f"{kind} has no {seen.method} {edge or '(node)'}"
        declared = {p["name"]: p["type"] for p in api["params"]}
        target = api.get("return", kind) if edge else kind
        for name, value in params:
            if name == "source" and value == "<file>" and edge in ("photos", "videos"):
                continue  # the upload itself: the specs leave it to the SDKs (Meta's docs)
            if name == "fields":
                problem = _check_fields(value, target if edge else kind)
            elif seen.method == "GET" and name in PAGING and name not in declared:
                problem = ""
            else:
                problem = _check_param(name, value, declared)
            if problem:
                return problem
        return ""


def _api(kind: str, method: str, edge: str | None) -> dict[str, Any] | None:
    for api in SPEC[kind]["apis"]:
        if api["method"] == method and api.get("endpoint") == edge:
            return api  # type: ignore[no-any-return]
    return None


def _body_params(seen: Seen) -> list[tuple[str, str]]:
    kind = seen.headers.get("Content-Type", "")
    if kind.startswith("multipart/form-data"):
        message = BytesParser(policy=HTTP).parsebytes(
            f"Content-Type: {kind}\r\n\r\n".encode() + seen.body
        )
        found: list[tuple[str, str]] = []
        for part in message.iter_parts():
            name = str(part.get_param("name", header="content-disposition") or "")
            if part.get_filename():
                found.append((name, "<file>"))
            else:
                payload = part.get_payload(decode=True)
                found.append((name, payload.decode() if isinstance(payload, bytes) else ""))
        return found
    if seen.body:
        return parse_qsl(seen.body.decode(), keep_blank_values=True)
    return []


_INDEXED = re.compile(r"^(\w+)\[(\d+)\]$")


def _check_param(name: str, value: str, declared: dict[str, str]) -> str:
    indexed = _INDEXED.match(name)
    if indexed:  # attached_media[0]={...}: one element of a list parameter
        base = indexed.group(1)
        kind = declared.get(base, "")
        if not kind.startswith("list<"):
            return f"{name}: {base} is not a list parameter"
        return _check_value(name, value, kind[5:-1])
    if name not in declared:
        return f"unknown parameter {name}"
    return _check_value(name, value, declared[name])


def _check_value(name: str, value: str, kind: str) -> str:  # noqa: PLR0911, PLR0912
    if kind == "file":
        return "" if value == "<file>" else f"{name} must be a file part"
    if value == "<file>":
        return f"{name} is a {kind}, not a file"
    if kind == "string":
        return ""
    if kind == "bool":
        return "" if value in ("true", "false") else f"{name}={value!r} is not a bool"
    if kind in ("unsigned int", "int"):
        ok = value.isdigit() or (kind == "int" and value.lstrip("-").isdigit())
        return "" if ok else f"{name}={value!r} is not an {kind}"
    if kind == "datetime":
        return "" if value.isdigit() or "T" in value else f"{name}={value!r} is not a datetime"
    if kind in ("Object", "map"):
        return "" if isinstance(_json(value), dict) else f"{name} is not a JSON object"
    if kind.startswith("list<"):
        element = kind[5:-1]
        items = _json(value)
        if not isinstance(items, list):
            items = value.split(",")
        for item in items:
            text = item if isinstance(item, str) else json.dumps(item)
            problem = _check_value(name, text, element)
            if problem:
                return problem
        return ""
    if kind == "list":
        return ""
    if kind in _ENUMS:
        return "" if value in _ENUMS[kind] else f"{name}={value!r} not in {kind}"
    return f"{name}: no check for type {kind}"


def _json(value: str) -> Any:
    try:
        return json.loads(value)
    except ValueError:
        return None


def _top_level(fields: str) -> list[str]:
    """`a,b.summary(x),c{d,e}` → ["a", "b", "c"]."""
    names: list[str] = []
    depth = 0
    current = ""
    for character in fields:
        if character in "({":
            depth += 1
        elif character in ")}":
            depth -= 1
        if character == "," and depth == 0:
            names.append(current)
            current = ""
        else:
            current += character
    names.append(current)
    return [re.split(r"[.({]", name, maxsplit=1)[0].strip() for name in names if name.strip()]


def _check_fields(value: str, kind: str) -> str:
    spec = SPEC.get(kind)
    if spec is None:
        return f"fields of {kind} cannot be checked"
    known = {field["name"] for field in spec["fields"]}
    known |= {api.get("endpoint") for api in spec["apis"] if api.get("endpoint")}
    unknown = [name for name in _top_level(value) if name not in known]
    return f"{kind} has no field {', '.join(unknown)}" if unknown else ""

# ruff: noqa: E501, PLR0915
"""Precision and recall of the guidance rules and inbox labels on tests/data/guidance_eval.json.

    .venv/bin/python scripts/guidance_eval.py            # the held-out half ("test")
    .venv/bin/python scripts/guidance_eval.py --half tune
    .venv/bin/python scripts/guidance_eval.py --show propaganda   # list the misses

Posts marked `electoral` are analysed with an electoral period running.
"With profile" runs the same posts with the town's own phones and domain
registered (the town profile in Ajustes).
"""

from __future__ import annotations

import argparse
import inspect
import json
import re
import sys
from collections import Counter
from datetime import date, datetime
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from smalltown_social.core import labels
from smalltown_social.core.guidance import Finding, analyze
from smalltown_social.core.guidance.textutil import fold

DATA = Path(__file__).resolve().parents[1] / "tests" / "data" / "guidance_eval.json"
PERIOD = (date(2027, 4, 1), date(2027, 5, 23))
IN_PERIOD = datetime(2027, 5, 2, 10, 0)  # noqa: DTZ001 - a local wall-clock time, as the composer passes
OUT_OF_PERIOD = datetime(2027, 7, 2, 10, 0)  # noqa: DTZ001

# What a plain keyword list would say "needs an answer" (the baseline the issue compares with).
BASELINE = re.compile(
    r"\?|queja|verguenza|roto|rota|averia|no funciona|fuga|bache|cuando|donde|"
    r"propongo|sugerencia|deberian|estaria bien|hace falta"
)


def _profile(post: dict[str, Any]) -> Any:
    from smalltown_social.core.guidance.profile import TownProfile  # noqa: PLC0415

    raw = post["profile"]
    return TownProfile(name=raw["town"], phones=tuple(raw["phones"]), domains=tuple(raw["domains"]))


def run_post(post: dict[str, Any], with_profile: bool = False) -> list[Finding]:
    kwargs: dict[str, Any] = {
        "when": IN_PERIOD if post["electoral"] else OUT_OF_PERIOD,
        "electoral_period": PERIOD,
    }
    if with_profile:
        kwargs["profile"] = _profile(post)
    return analyze(post["text"], **kwargs)


def pct(part: int, whole: int) -> str:
    return f"{100 * part / whole:5.1f} % ({part}/{whole})" if whole else "   n/a"


def prf(tp: int, fp: int, fn: int) -> str:
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return f"P {100 * precision:5.1f} %  R {100 * recall:5.1f} %  F1 {100 * f1:5.1f}  (tp {tp}, fp {fp}, fn {fn})"


def evaluate_posts(posts: list[dict[str, Any]], show: str | None) -> None:
    has_profile = "profile" in inspect.signature(analyze).parameters
    results = {p["id"]: run_post(p) for p in posts}
    prop = {pid: any(f.rule == "propaganda" for f in fs) for pid, fs in results.items()}
    blocked = {pid: any(f.severity == "block" for f in fs) for pid, fs in results.items()}

    symbolic = [p for p in posts if p["symbolic"]]
    service = [p for p in posts if p["service"]]
    print(f"POSTS: {len(posts)}")
    print("Propaganda (any severity)")
    print(
        f"  recall on institutional/symbolic posts  {pct(sum(prop[p['id']] for p in symbolic), len(symbolic))}"
    )
    by_cat: Counter[str] = Counter()
    of_cat: Counter[str] = Counter()
    for p in symbolic:
        of_cat[p["category"]] += 1
        by_cat[p["category"]] += prop[p["id"]]
    for cat in of_cat:
        print(f"    {cat:22} {pct(by_cat[cat], of_cat[cat])}")
    print(
        f"  false alarms on service posts           {pct(sum(prop[p['id']] for p in service), len(service))}"
    )
    sym_out = [p for p in symbolic if not p["electoral"]]
    print(
        f"  blocks outside an electoral period      {pct(sum(blocked[p['id']] for p in sym_out), len(sym_out))}  (want 0)"
    )
    electoral = [p for p in posts if p["electoral"]]
    tp = sum(1 for p in electoral if p["block"] and blocked[p["id"]])
    fp = sum(1 for p in electoral if not p["block"] and blocked[p["id"]])
    fn = sum(1 for p in electoral if p["block"] and not blocked[p["id"]])
    print(f"Electoral period, block                   {prf(tp, fp, fn)}")
    cited = [
        f
        for p in electoral
        for f in results[p["id"]]
        if f.rule == "propaganda" and f.severity == "block"
    ]
    print(
        f"  blocks citing LOREG art. 50             {pct(sum('art. 50' in f.message for f in cited), len(cited))}"
    )
    for cat in ("works_money", "other_admin", "electoral_service"):
        group = [p for p in electoral if p["category"] == cat]
        print(
            f"  {cat:22} blocked {pct(sum(blocked[p['id']] for p in group), len(group))}  (want 0)"
        )

    print("Personal data")
    for kind in ("institutional", "private"):
        group = [p for p in posts if p["personal"] == kind]
        pd_block = [
            any(f.rule == "personal_data" and f.severity == "block" for f in results[p["id"]])
            for p in group
        ]
        pd_any = [any(f.rule == "personal_data" for f in results[p["id"]]) for p in group]
        print(
            f"  {kind:14} blocked {pct(sum(pd_block), len(group))}  any finding {pct(sum(pd_any), len(group))}"
        )
        if has_profile and kind == "institutional":
            silent = [
                not any(
                    f.rule == "personal_data" and f.start < f.end and _registered(p, f)
                    for f in run_post(p, True)
                )
                for p in group
            ]
            print(
                f"  {kind:14} silent on registered contacts with the profile {pct(sum(silent), len(group))}"
            )
    others = [p for p in posts if p["personal"] == "none"]
    print(
        f"  other posts with a personal-data block   {pct(sum(any(f.rule == 'personal_data' and f.severity == 'block' for f in results[p['id']]) for p in others), len(others))}"
    )

    print("Noise (share of posts where the rule fires)")
    rules: Counter[str] = Counter()
    dup = 0
    for fs in results.values():
        for rule in {f.rule for f in fs}:
            rules[rule] += 1
        keys = [(f.rule, f.start, f.end) for f in fs]
        dup += len(keys) != len(set(keys))
    for rule, count in sorted(rules.items(), key=lambda r: -r[1]):
        print(f"  {rule:22} {pct(count, len(posts))}")
    print(f"  posts with the same rule twice on one span {pct(dup, len(posts))}")
    caps_in_tags = sum(
        1
        for p in posts
        for f in results[p["id"]]
        if f.rule == "all_caps"
        and re.search(r"[#@]\w*$", p["text"][max(0, f.start - 30) : f.start + 1])
    )
    print(f"  all_caps findings inside @handles/#hashtags  {caps_in_tags}")
    if show:
        print(f"\nMISSES/ALARMS for {show}:")
        for p in posts:
            fired = any(
                f.rule == show or (show == "block" and f.severity == "block")
                for f in results[p["id"]]
            )
            expected = (
                p["symbolic"]
                if show == "propaganda"
                else p["block"]
                if show == "block"
                else p["personal"] == "private"
            )
            if fired != expected:
                print(f"  [{'miss' if expected else 'ALARM'}] {p['id']}: {p['text'][:150]!r}")


def _registered(post: dict[str, Any], finding: Finding) -> bool:
    span = fold(post["text"][finding.start : finding.end])
    digits = re.sub(r"\D", "", span)
    phones = [re.sub(r"\D", "", n) for n in post["profile"]["phones"]]
    return (bool(digits) and digits[-9:] in phones) or any(
        d in span for d in post["profile"]["domains"]
    )


def evaluate_messages(messages: list[dict[str, Any]], show: str | None) -> None:
    print(f"\nMESSAGES: {len(messages)}")
    classify = getattr(labels, "classify", None)
    predicted: dict[str, Any] = {}
    answer: dict[str, bool | None] = {}
    for m in messages:
        if classify is not None:
            result = classify(m["text"])
            predicted[m["id"]] = result.label
            answer[m["id"]] = result.needs_answer
        else:
            label = labels.suggest_label(m["text"])
            predicted[m["id"]] = label
            answer[m["id"]] = label in labels.NEEDS_ANSWER if label is not None else None
    for label in labels.BUILTIN_LABELS:
        tp = sum(1 for m in messages if m["label"] == label and predicted[m["id"]] == label)
        fp = sum(1 for m in messages if m["label"] != label and predicted[m["id"]] == label)
        fn = sum(1 for m in messages if m["label"] == label and predicted[m["id"]] != label)
        print(f"  {label:15} {prf(tp, fp, fn)}")
    unsure = sum(1 for m in messages if predicted[m["id"]] is None)
    wrong = sum(
        1 for m in messages if predicted[m["id"]] is not None and predicted[m["id"]] != m["label"]
    )
    print(
        f"  no label (unsure or nothing to file)  {pct(unsure, len(messages))}; a wrong label {pct(wrong, len(messages))}"
    )
    rhetorical = [m for m in messages if m["category"] == "rhetorical"]
    print(
        f"  rhetorical questions filed as Consulta {pct(sum(predicted[m['id']] == 'Consulta' for m in rhetorical), len(rhetorical))}"
    )
    for name, guess in (
        ("needs an answer (ours)", answer),
        (
            "keyword-list baseline",
            {m["id"]: bool(BASELINE.search(fold(m["text"]))) for m in messages},
        ),
    ):
        tp = sum(1 for m in messages if m["needs_answer"] and guess[m["id"]])
        fp = sum(1 for m in messages if not m["needs_answer"] and guess[m["id"]])
        fn = sum(1 for m in messages if m["needs_answer"] and not guess[m["id"]])
        undecided = sum(1 for m in messages if guess[m["id"]] is None)
        print(f"  {name:24} {prf(tp, fp, fn)}  undecided {undecided}")
    if show in labels.BUILTIN_LABELS or show == "answer":
        print(f"\nERRORS for {show}:")
        for m in messages:
            if show == "answer":
                if bool(answer[m["id"]]) != m["needs_answer"]:
                    print(f"  [{answer[m['id']]}] {m['id']}: {m['text']!r}")
            elif (m["label"] == show) != (predicted[m["id"]] == show):
                print(f"  [{predicted[m['id']]}] {m['id']}: {m['text']!r}")


DEMO = Path(__file__).resolve().parents[1] / "resources" / "demo" / "valdelomar.json"


def demo_messages() -> list[dict[str, Any]]:
    """The demo town's inbox (written by another part of the project, labelled there):
    a second set of messages, independent of the templates above."""
    raw = json.loads(DEMO.read_text(encoding="utf-8"))
    found = []
    for index, item in enumerate(raw["inbox"]):
        if not item.get("text"):
            continue
        label = item.get("label") or None
        found.append(
            {
                "id": f"demo-{index}",
                "half": "test",
                "category": "demo",
                "text": item["text"],
                "label": label,
                "needs_answer": label in ("Consulta", "Queja", "Incidencia", "Sugerencia"),
            }
        )
    return found


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--half", choices=("tune", "test", "all"), default="test")
    parser.add_argument("--show", default=None)
    args = parser.parse_args()
    data = json.loads(DATA.read_text(encoding="utf-8"))
    keep = (lambda item: True) if args.half == "all" else (lambda item: item["half"] == args.half)
    print(f"half: {args.half}")
    evaluate_posts([p for p in data["posts"] if keep(p)], args.show)
    evaluate_messages([m for m in data["messages"] if keep(m)], args.show)
    print("\nDEMO INBOX (resources/demo/valdelomar.json, labelled elsewhere in the project)")
    evaluate_messages(
        demo_messages(), args.show if args.show and args.show.startswith("demo") else None
    )


if __name__ == "__main__":
    main()

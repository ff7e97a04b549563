"""Brief-quality metrics over labelled conversations, with the definitions of shared/eval/score.py."""

from __future__ import annotations

import re
import statistics
from collections.abc import Iterable, Mapping
from typing import Any

import msgspec

from domain.brief import AgentAssistPortal

FRUSTRATED_EMOTIONS = frozenset({"frustration", "anger"})
_NON_ALNUM = re.compile(r"[^0-9a-z]+")
_NON_DIGIT = re.compile(r"\D+")

Conversation = Mapping[str, Any]
BriefData = Mapping[str, Any]


def norm(value: object) -> str:
    return _NON_ALNUM.sub("", str(value).lower())


def digits(value: object) -> str:
    return _NON_DIGIT.sub("", str(value))


def same(gold: object, got: object) -> bool:
    """A gold value is found when equal or contained after normalising, or on equal 4+ digit strings."""
    a, b = norm(gold), norm(got)
    if not a or not b:
        return False
    if a == b or (len(a) >= 3 and a in b):
        return True
    da, db = digits(gold), digits(got)
    return len(da) >= 4 and da == db


def user_values(conv: Conversation) -> set[str]:
    """Values the caller stated, per the dataset's own labels."""
    labels = conv["labels"]
    out: set[str] = set()
    for mention in labels.get("slot_mentions", []):
        if mention.get("role") == "user":
            out.add(str(mention["value"]))
    sgd = labels.get("sgd")
    if sgd:
        for ta in sgd.get("turn_actions", []):
            t = ta["turn"]
            if t >= len(conv["turns"]) or conv["turns"][t]["role"] != "user":
                continue
            text = norm(conv["turns"][t]["content"])
            for action in ta["actions"]:
                if action.get("act") == "INFORM":
                    for v in action.get("values", []):
                        if norm(v) and norm(v) in text:
                            out.add(str(v))
    return out


def _walk(x: object, out: set[str]) -> None:
    if isinstance(x, dict):
        for v in x.values():
            _walk(v, out)
    elif isinstance(x, list):
        for v in x:
            _walk(v, out)
    elif isinstance(x, (str, int, float)) and not isinstance(x, bool):
        out.add(str(x))


def all_values(conv: Conversation) -> set[str]:
    """Every value the labels know for the conversation (either side): the reference for precision."""
    labels = conv["labels"]
    out = set(user_values(conv))
    _walk(labels.get("scenario", {}), out)
    for action in labels.get("actions", []):
        _walk(action.get("values", []), out)
    sgd = labels.get("sgd")
    if sgd:
        for ta in sgd.get("turn_actions", []):
            for action in ta["actions"]:
                _walk(action.get("values", []), out)
    return out


def gold_frustrated_turns(conv: Conversation) -> tuple[set[int], bool]:
    """Caller turns labelled frustrated, and whether the conversation has frustration labels at all."""
    labels = conv["labels"]
    if "turn_annotations" in labels:
        return {
            a["turn"]
            for a in labels["turn_annotations"]
            if a.get("role") == "user" and FRUSTRATED_EMOTIONS & set(a.get("emotion") or [])
        }, True
    if "user_turn_satisfaction" in labels:
        return {
            r["turn"]
            for r in labels["user_turn_satisfaction"]
            if r["ratings"] and statistics.mean(r["ratings"]) <= 2
        }, True
    return set(), False


def f1(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return (2 * p * r / (p + r) if p + r else 0.0), p, r


def _as_data(brief: AgentAssistPortal | BriefData) -> BriefData:
    if isinstance(brief, AgentAssistPortal):
        data: BriefData = msgspec.to_builtins(brief)
        return data
    return brief


def score(
    conversations: Iterable[Conversation], briefs: Mapping[str, AgentAssistPortal | BriefData]
) -> dict[str, Any]:
    """The metrics of score.py for `briefs` (by conversation id) against the labelled `conversations`."""
    convs = {c["id"]: c for c in conversations}
    gt_n = gt_hit = ex_n = ex_hit = 0
    ftp = ffp = ffn = 0
    itp = ifp = ifn = 0
    frust_scored = False
    missing = 0
    for cid, conv in convs.items():
        raw = briefs.get(cid)
        if raw is None:
            missing += 1
            continue
        b = _as_data(raw)
        got = [str(i.get("value")) for i in b.get("information_collected", [])]
        gts = user_values(conv)
        gt_n += len(gts)
        gt_hit += sum(any(same(g, x) for x in got) for g in gts)
        ref = all_values(conv)
        if ref:
            ex_n += len(got)
            ex_hit += sum(any(same(r, x) or same(x, r) for r in ref) for x in got)
        gold, has = gold_frustrated_turns(conv)
        transcript = b.get("transcript", [])
        if has:
            frust_scored = True
            pred = {
                i
                for i, t in enumerate(transcript)
                if any(m.get("type") == "frustration" for m in t.get("markers", []))
            }
            pred &= {i for i, t in enumerate(conv["turns"]) if t["role"] == "user"}
            ftp += len(pred & gold)
            ffp += len(pred - gold)
            ffn += len(gold - pred)
        if "actions" in conv["labels"]:
            g = any(a["action"] == "verify-identity" for a in conv["labels"]["actions"])
            p = any(m.get("type") == "identity_verified" for t in transcript for m in t.get("markers", []))
            itp += g and p
            ifp += p and not g
            ifn += g and not p
    out: dict[str, Any] = {"conversations": len(convs) - missing, "missing_briefs": missing}
    if gt_n:
        out["info_recall"] = round(gt_hit / gt_n, 3)
        out["info_values"] = gt_n
    if ex_n:
        out["info_precision"] = round(ex_hit / ex_n, 3)
        out["info_extracted"] = ex_n
    if frust_scored:
        f, fp_, fr_ = f1(ftp, ffp, ffn)
        out.update(
            frustration_f1=round(f, 3),
            frustration_precision=round(fp_, 3),
            frustration_recall=round(fr_, 3),
            frustration_gold_turns=ftp + ffn,
        )
    if itp + ifp + ifn:
        out["identity_f1"] = round(f1(itp, ifp, ifn)[0], 3)
    return out

"""One matcher for every span task: exact first, then a maximum one-to-one matching of overlaps.

Entities (the four SemEval strategies), linking, timexes and event triggers all pair
predicted with gold spans through :func:`align`. An item is a span ``[start, end)``
(end-exclusive) with a ``label`` and a hashable ``content`` (whatever else the task
compares: a slug, a QID, a TIMEX3 value). The pairing is built in *tiers*, each on
what the earlier tiers left unpaired:

- equality tiers pair items with equal keys: ``"content"`` = span, label and content;
  ``"label"`` = span and label; ``"bounds"`` = span. Inside a group of equal keys the
  items are paired in content order (as many pairs as the smaller side has items,
  the most that is possible);
- overlap tiers pair items that share at least one position (and, with
  ``min_overlap``, where the overlap covers at least that share of the gold span):
  ``"overlap_label"`` only items of the same label, ``"overlap"`` any. Each overlap
  tier is a **maximum** one-to-one matching (augmenting paths, Kuhn), so no pair is
  lost to the order in which items are visited; gold items are visited, and their
  candidates tried, in content order, preferring the longer overlap, then the
  smaller boundary distance ``|Δstart| + |Δend|``.

Exact tiers come first, so a prediction that matches a gold span exactly is never
displaced by one that merely overlaps it (SemEval-2013 task 9.1's intent; nervaluate's
greedy pairing can give the gold span to an earlier overlapping prediction). The
price, in contrived cases, is one pair fewer than a matching that ignores
exactness could find.

Every decision depends on content only: items are sorted by ``(start, end, label,
content)`` and the list position breaks ties only between identical items, which
are interchangeable. Cost: the equality tiers are hash joins; overlap candidates
come from a sweep over both sides sorted by start, which only compares spans that
are open at the same time, so the cost is near-linear for text spans that do not
pile up (not every gold span against every prediction).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Hashable, Iterable, Sequence

EQUALITY_TIERS = ("content", "label", "bounds")
OVERLAP_TIERS = ("overlap_label", "overlap")


@dataclass(frozen=True)
class Item:
    """A span to align: ``[start, end)``, a label and any other compared content."""

    start: int
    end: int
    label: str = ""
    content: Hashable = None

    def order(self) -> tuple:
        return (self.start, self.end, self.label, repr(self.content))


@dataclass
class Alignment:
    """``pairs`` of ``(gold index, pred index, tier)`` sorted by gold index; unpaired indices, sorted."""

    pairs: list[tuple[int, int, str]] = field(default_factory=list)
    missed: list[int] = field(default_factory=list)
    spurious: list[int] = field(default_factory=list)


def overlap(a: Item, b: Item) -> int:
    """Number of shared positions (0 or less when disjoint or touching)."""
    return min(a.end, b.end) - max(a.start, b.start)


def _keys(items: list[tuple[int, Item]], tier: str) -> list[Hashable]:
    """The equality key of every item for ``tier``, in the given order."""
    if tier == "content":
        return [(item.start, item.end, item.label, item.content) for _, item in items]
    if tier == "label":
        return [(item.start, item.end, item.label) for _, item in items]
    return [(item.start, item.end) for _, item in items]


def _equal_pairs(gold: list[tuple[int, Item]], pred: list[tuple[int, Item]], tier: str) -> list[tuple[int, int]]:
    groups: dict[Hashable, list[int]] = {}
    for (pi, _), key in zip(reversed(pred), reversed(_keys(pred, tier))):
        groups.setdefault(key, []).append(pi)  # each group lists its items last first: pop() takes the first
    pairs = []
    for (gi, _), key in zip(gold, _keys(gold, tier)):
        waiting = groups.get(key)
        if waiting:
            pairs.append((gi, waiting.pop()))
    return pairs


def overlap_candidates(gold: Sequence[tuple[int, Item]], pred: Sequence[tuple[int, Item]],
                       min_overlap: float | None = None) -> dict[int, list[int]]:
    """Gold index -> predicted indices it overlaps, found by a sweep over spans sorted by start.

    Both sequences must be sorted by start. A prediction enters the open list when the
    sweep reaches its start and leaves it once it ends before the current gold starts.
    """
    out: dict[int, list[int]] = {}
    open_preds: list[tuple[int, Item]] = []
    nxt = 0
    for gi, g in gold:
        while nxt < len(pred) and pred[nxt][1].start < g.end:
            open_preds.append(pred[nxt])
            nxt += 1
        open_preds = [(pi, p) for pi, p in open_preds if p.end > g.start]
        found = []
        for pi, p in open_preds:
            shared = overlap(g, p)
            if shared > 0 and (min_overlap is None or shared / (g.end - g.start) >= min_overlap):
                found.append(pi)
        if found:
            out[gi] = found
    return out


def _max_matching(gold: list[tuple[int, Item]], pred: list[tuple[int, Item]], same_label: bool,
                  min_overlap: float | None, g_rank: dict[int, int], p_rank: dict[int, int]) -> list[tuple[int, int]]:
    """Maximum one-to-one matching of overlapping items (Kuhn's augmenting paths, iterative)."""
    by_pred = dict(pred)
    by_gold = dict(gold)
    cands = overlap_candidates(sorted(gold, key=lambda x: x[1].start), sorted(pred, key=lambda x: x[1].start),
                               min_overlap)
    options: dict[int, list[int]] = {}
    for gi, pis in cands.items():
        g = by_gold[gi]
        kept = [pi for pi in pis if not same_label or by_pred[pi].label == g.label]
        if kept:
            options[gi] = sorted(kept, key=lambda pi: (-overlap(g, by_pred[pi]),
                                                       abs(g.start - by_pred[pi].start) + abs(g.end - by_pred[pi].end),
                                                       p_rank[pi]))
    owner: dict[int, int] = {}  # pred -> gold
    for root in sorted(options, key=lambda gi: g_rank[gi]):
        _augment(root, options, owner)
    return [(gi, pi) for pi, gi in owner.items()]


def _augment(root: int, options: dict[int, list[int]], owner: dict[int, int]) -> bool:
    """One augmenting-path search from ``root`` (depth-first, explicit stack)."""
    seen: set[int] = set()
    stack: list[tuple[int, int]] = [(root, 0)]
    path: list[int] = []  # pred chosen at each level
    while stack:
        gi, pos = stack.pop()
        cands = options.get(gi, ())
        while pos < len(cands) and cands[pos] in seen:
            pos += 1
        if pos == len(cands):
            if path:
                path.pop()
            continue
        pi = cands[pos]
        seen.add(pi)
        stack.append((gi, pos + 1))
        path.append(pi)
        if pi not in owner:
            golds = [g for g, _ in stack]
            for g, p in zip(golds, path):
                owner[p] = g
            return True
        stack.append((owner[pi], 0))
    return False


def _content_order(items: Sequence[Item]) -> list[int]:
    """Indices sorted by :meth:`Item.order`, then index (the sort is stable)."""
    keys = [(it.start, it.end, it.label, repr(it.content)) for it in items]  # Item.order(), inlined
    return sorted(range(len(items)), key=keys.__getitem__)


_State = tuple[list[tuple[int, Item]], list[tuple[int, Item]], list[tuple[int, int, str]]]  # free gold, free pred, pairs


def align(gold: Sequence[Item], pred: Sequence[Item], tiers: Iterable[str] = ("content", "label", "bounds", "overlap"),
          min_overlap: float | None = None) -> Alignment:
    """Pair predicted with gold items, tier by tier (see the module docstring).

    Args:
        gold: Gold items.
        pred: Predicted items.
        tiers: Names from :data:`EQUALITY_TIERS` and :data:`OVERLAP_TIERS`, in order.
        min_overlap: Minimum share of the gold span an overlap must cover (overlap tiers), or None.
    """
    return align_many(gold, pred, [tiers], min_overlap)[0]


def align_many(gold: Sequence[Item], pred: Sequence[Item], tier_lists: Iterable[Iterable[str]],
               min_overlap: float | None = None) -> list[Alignment]:
    """:func:`align` for each list of tiers, running a tier prefix that several lists share only once.

    A tier works only on what the tiers before it left, so the state after a prefix is the
    same whichever list it starts; each list continues from the longest prefix already run.
    """
    g_order, p_order = _content_order(gold), _content_order(pred)
    g_rank = {gi: r for r, gi in enumerate(g_order)}
    p_rank = {pi: r for r, pi in enumerate(p_order)}
    states: dict[tuple[str, ...], _State] = {(): ([(gi, gold[gi]) for gi in g_order], [(pi, pred[pi]) for pi in p_order], [])}
    out = []
    for tiers in map(tuple, tier_lists):
        done = len(tiers)
        while tiers[:done] not in states:
            done -= 1
        free_g, free_p, pairs = states[tiers[:done]]
        for n in range(done, len(tiers)):
            if not free_g or not free_p:
                break
            free_g, free_p, pairs = _run_tier(tiers[n], free_g, free_p, pairs, min_overlap, g_rank, p_rank)
            states[tiers[:n + 1]] = (free_g, free_p, pairs)
        out.append(Alignment(sorted(pairs), sorted(gi for gi, _ in free_g), sorted(pi for pi, _ in free_p)))
    return out


def _run_tier(tier: str, free_g: list[tuple[int, Item]], free_p: list[tuple[int, Item]],
              pairs: list[tuple[int, int, str]], min_overlap: float | None,
              g_rank: dict[int, int], p_rank: dict[int, int]) -> _State:
    """The state after one more tier (new lists: a state may be shared by several tier lists)."""
    if tier in EQUALITY_TIERS:
        found = _equal_pairs(free_g, free_p, tier)
    elif tier in OVERLAP_TIERS:
        found = _max_matching(free_g, free_p, tier == "overlap_label", min_overlap, g_rank, p_rank)
    else:
        raise ValueError(f"unknown tier {tier!r}; expected one of {EQUALITY_TIERS + OVERLAP_TIERS}")
    done_g = {gi for gi, _ in found}
    done_p = {pi for _, pi in found}
    return ([x for x in free_g if x[0] not in done_g], [x for x in free_p if x[0] not in done_p],
            pairs + [(gi, pi, tier) for gi, pi in found])

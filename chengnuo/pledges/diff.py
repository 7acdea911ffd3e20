"""What changed between two versions of a pledge, item by item, for the reviewer (审诺).

Items carry no identity across versions (a revision copies them), so an item of the new
version is paired with the most similar item of the old one. Paired items are unchanged or
changed (each changed field with its inserted and deleted words); the rest are added or
removed. Plain data in, plain data out: the template does the escaping.
"""

import difflib
import re
from dataclasses import dataclass, field

# Chinese is compared character by character, other scripts word by word.
_TOKEN = re.compile(r"[A-Za-z0-9_.%-]+|\s+|.", re.S)
# Below this similarity two items are different commitments, not one edited.
PAIRING_THRESHOLD = 0.45

ADDED, REMOVED, CHANGED, UNCHANGED = "added", "removed", "changed", "unchanged"


@dataclass(frozen=True)
class Segment:
    op: str  # "equal", "insert" or "delete"
    text: str


@dataclass
class FieldChange:
    name: str
    label: str
    segments: list[Segment]


@dataclass
class ItemDiff:
    status: str
    old: object = None
    new: object = None
    changes: list[FieldChange] = field(default_factory=list)

    @property
    def item(self):
        return self.new if self.new is not None else self.old


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(text or "")


def highlight(old: str, new: str) -> list[Segment]:
    """Segments that rebuild old (equal + delete) and new (equal + insert)."""
    a, b = tokens(old), tokens(new)
    segments: list[Segment] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            segments.append(Segment("equal", "".join(a[i1:i2])))
            continue
        if op in ("delete", "replace"):
            segments.append(Segment("delete", "".join(a[i1:i2])))
        if op in ("insert", "replace"):
            segments.append(Segment("insert", "".join(b[j1:j2])))
    return segments


def _ratio(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, tokens(a), tokens(b), autojunk=False).ratio()


def _fields(item) -> dict[str, str]:
    """The comparable text of an item; milestones and suggestions as lines."""
    return {
        "category": item.get_category_display(),
        "content": item.content,
        "target": item.target,
        "due_date": item.due_date.isoformat() if item.due_date else "",
        "milestones": "\n".join(f"{m.due_date.isoformat()} {m.title}"
                                for m in item.milestones.all()),
        "suggestions": "\n".join(s.text for s in item.suggestions.all()),
    }


def _pairs(old_items: list, new_items: list) -> dict[int, int]:
    """new index -> old index: identical items first, then the most similar above the
    threshold, each old item used once."""
    old_fields = [_fields(i) for i in old_items]
    new_fields = [_fields(i) for i in new_items]
    pairs: dict[int, int] = {}
    used: set[int] = set()
    for n, nf in enumerate(new_fields):
        for o, of in enumerate(old_fields):
            if o not in used and nf == of:
                pairs[n] = o
                used.add(o)
                break
    scored = sorted(
        ((_ratio(of["content"] + of["target"], nf["content"] + nf["target"]), -abs(n - o), n, o)
         for n, nf in enumerate(new_fields) if n not in pairs
         for o, of in enumerate(old_fields) if o not in used),
        reverse=True)
    for score, _distance, n, o in scored:
        if score < PAIRING_THRESHOLD:
            break
        if n in pairs or o in used:
            continue
        pairs[n] = o
        used.add(o)
    return pairs


def compare(old_items: list, new_items: list, labels: dict[str, str]) -> list[ItemDiff]:
    """The item diff from old_items to new_items, in the new order; each removed item
    follows the new item that came after it in the old order, or ends the list.

    labels names the fields (category, content, target, due_date, milestones, suggestions)
    in the reader's language.
    """
    pairs = _pairs(old_items, new_items)
    paired_old = set(pairs.values())
    result: list[ItemDiff] = []
    for n, new in enumerate(new_items):
        if n not in pairs:
            result.append(ItemDiff(ADDED, new=new))
            continue
        old = old_items[pairs[n]]
        before, after = _fields(old), _fields(new)
        changes = [FieldChange(name, labels.get(name, name), highlight(before[name], after[name]))
                   for name in before if before[name] != after[name]]
        result.append(ItemDiff(CHANGED if changes else UNCHANGED, old=old, new=new,
                               changes=changes))
    for o, old in enumerate(old_items):
        if o in paired_old:
            continue
        # Place the removed item where it stood: before the first kept item that followed it.
        at = len(result)
        for index, entry in enumerate(result):
            if entry.old is not None and old_items.index(entry.old) > o:
                at = index
                break
        result.insert(at, ItemDiff(REMOVED, old=old))
    return result


def summary(diffs: list[ItemDiff]) -> dict[str, int]:
    counts = {ADDED: 0, REMOVED: 0, CHANGED: 0, UNCHANGED: 0}
    for entry in diffs:
        counts[entry.status] += 1
    return counts

"""Quality advisor for 审诺 (reviewing a pledge).

The 2010 guideline asks that commitments be 明确、具体、实在 and warns against
commitments that are 过高过泛、不切实际、不可操作 or 形式主义.  This module reads the
plain text of a pledge's items and tells the reviewer, item by item, which of those
warnings may apply and why.  It only advises: the reviewer approves or returns.

It is deliberately pure Python over plain data (no models, no queries) so that the
caller decides what to compare against and the checks can be tested without a
database.
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

__all__ = [
    "CONCERNS",
    "Advice",
    "Flag",
    "ItemText",
    "OtherItem",
    "advise",
    "concern_label",
    "normalize",
    "similarity",
]

# Stable concern codes for the four warnings in the guideline.
OVERBROAD = "overbroad"  # 过高过泛
UNREALISTIC = "unrealistic"  # 不切实际
INOPERABLE = "inoperable"  # 不可操作
FORMALISM = "formalism"  # 形式主义

CONCERNS = {
    OVERBROAD: gettext_lazy("Over-ambitious or too sweeping"),
    UNREALISTIC: gettext_lazy("Unrealistic"),
    INOPERABLE: gettext_lazy("Not actionable"),
    FORMALISM: gettext_lazy("Formalism"),
}

# Content shorter than this (in letters and digits) cannot say what, for whom and how much.
MINIMUM_CONTENT_CHARS = 8
# How much of a resembling item is quoted back to the reviewer.
EXCERPT_CHARS = 24


@dataclass(frozen=True)
class ItemText:
    key: str
    content: str
    target: str
    due_date: datetime.date | None


@dataclass(frozen=True)
class OtherItem:
    owner_label: str
    content: str
    target: str


@dataclass(frozen=True)
class Flag:
    code: str
    concern: str
    message: str
    resembles: OtherItem | None = None
    similarity: float | None = None


@dataclass(frozen=True)
class Advice:
    pledge_flags: list[Flag]
    item_flags: dict[str, list[Flag]]

    @property
    def flag_count(self) -> int:
        return len(self.pledge_flags) + sum(len(flags) for flags in self.item_flags.values())


def concern_label(concern: str) -> str:
    """The translated name of a concern code, e.g. "overbroad" -> 过高过泛."""
    return str(CONCERNS[concern])


# --------------------------------------------------------------------------- text

# In str patterns \w is exactly the Unicode letters and digits plus "_".
_NOT_LETTER_OR_DIGIT = re.compile(r"[\W_]+")


def normalize(text: str) -> str:
    """Letters and digits only, lowercased, full-width folded to half-width.

    Punctuation and spacing differ between copies of the same commitment (、 vs ，,
    full-width digits), so they must not count for or against a resemblance.
    """
    return _NOT_LETTER_OR_DIGIT.sub("", unicodedata.normalize("NFKC", text or "").lower())


def _compact(text: str) -> str:
    # Keeps punctuation such as % that the quantity patterns need, drops spacing.
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text or "").lower())


def _grams(normalized: str) -> frozenset[str]:
    """Character bigrams and trigrams; a one-character text is its own gram."""
    if len(normalized) < 2:
        return frozenset((normalized,)) if normalized else frozenset()
    grams = {normalized[i:i + 2] for i in range(len(normalized) - 1)}
    grams.update(normalized[i:i + 3] for i in range(len(normalized) - 2))
    return frozenset(grams)


def _dice(a: frozenset[str], b: frozenset[str]) -> float:
    if not a or not b:
        return 0.0
    return 2 * len(a & b) / (len(a) + len(b))


def similarity(a: str, b: str) -> float:
    """Dice coefficient of character bigrams+trigrams of the normalized texts, 0..1.

    Symmetric; 1.0 for texts that are equal once spacing and punctuation are ignored.
    An empty text resembles nothing (0.0): there is nothing to have copied.
    """
    return _dice(_grams(normalize(a)), _grams(normalize(b)))


# ------------------------------------------------------------------ quantities

_CN_DIGIT = "零〇一二两三四五六七八九十百千万"
# Measure words after an Arabic number ("12次", "3 times").
_MEASURE = (
    r"(?:户次|人次|万元|小时|课时|学时|公里|平方米|季度|个月|周次|"
    r"次|户|名|人|件|场|篇|天|个|元|项|期|条|份|本|批|棵|株|米|亩|处|家|堂|节|课|"
    r"周|年|所|座|台|位|间|张|套|封|趟|轮|组|支|首|幅|部|册|块|斤|吨|日|遍|回|"
    r"times|hours|hrs|households|people|persons|visits|sessions)"
)
# After Chinese numerals, measure words that also make up set phrases are left out
# (五位一体, 一部分, 一张蓝图).
_CN_MEASURE = (
    r"(?:户次|人次|万元|小时|课时|学时|公里|季度|个月|"
    r"次|户|名|人|件|场|篇|天|个|元|项|期|条|份|本|批|棵|株|米|亩|处|家|堂|节|课|"
    r"周|年|所|座|台|间|套|封|趟|轮|组|首|幅|册|遍|回)"
)
# A lone 一 is mostly part of a word (一名合格党员, 一个党员一面旗帜); only measure words
# that rarely occur that way count.
_ONE_MEASURE = (
    r"(?:户次|人次|万元|小时|季度|次|户|场|篇|件|项|期|堂|节|课|天|周|年|批|份|处|家|元)"
)

_QUANTITY_PATTERNS = [
    re.compile(r"\d+(?:\.\d+)?(?:余|多)?" + _MEASURE),
    re.compile(r"\d+(?:\.\d+)?%|百分之[" + _CN_DIGIT + r"]+"),
    re.compile(r"(?<![一" + _CN_DIGIT + r"])一(?![" + _CN_DIGIT + r"])" + _ONE_MEASURE),
    re.compile(r"(?:[" + _CN_DIGIT + r"]{2,}|[零〇二两三四五六七八九十百千万])(?:余|多)?"
               + _CN_MEASURE),
    # A frequency: 每月, 每两周, 每季度.
    re.compile(r"每[两二三四半]?(?:天|日|周|星期|月|季度|季|半年|年|学期|旬)"),
    # A date or a deadline within the year.
    re.compile(r"\d{4}年|\d{4}[-/.]\d{1,2}|\d{1,2}月(?:\d{1,2}[日号])?"
               r"|[一二三四五六七八九十]{1,3}月(?:份|底|前|末|[上中下]旬|\d)"
               r"|年底|年末|月底|月末|季度末|季末|上半年|下半年"),
]

# Set phrases that contain a numeral and a measure word but promise no quantity.
_NUMERAL_SLOGANS = re.compile(
    r"(?:做|当|成为|争做|争当|是)一[名个位]"
    r"|一[名个]党员一面旗帜?|千家万户|万家灯火|三会一课|两学一做|百年"
    r"|[一二两三四五六七八九十]项(?:规定|纪律|禁令)"
    r"|[一二两三四五六七八九十]个(?:意识|自信|维护|全面|代表|务必|必须|确立|服从)"
)


def _has_quantity(content: str, target: str) -> bool:
    # Any Arabic number in the target counts: the field exists to hold the measure.
    if re.search(r"\d", _compact(target)):
        return True
    text = _NUMERAL_SLOGANS.sub("", _compact(content + " " + target))
    return any(pattern.search(text) for pattern in _QUANTITY_PATTERNS)


# ---------------------------------------------------------------- phrase lists

# Slogans that on their own say nothing about what will actually be done.
STOCK_PHRASES = (
    "进一步", "切实加强", "切实提高", "切实增强", "不断提高", "不断增强", "不断加强", "不断提升",
    "全面提升", "全面提高", "全面加强", "努力做到", "努力成为", "积极发挥", "充分发挥",
    "高度重视", "认真贯彻", "认真落实", "深入学习贯彻", "深入贯彻", "大力弘扬", "大力加强",
    "模范带头作用", "先锋模范作用", "带头作用", "争当表率", "争做表率", "当好表率",
    "严格要求自己", "严于律己", "时刻牢记", "牢固树立", "始终坚持", "自觉践行", "以身作则",
    "率先垂范", "全心全意为人民服务", "勇于担当", "扎实推进", "着力提升", "继续保持",
    "发扬优良传统", "永葆", "提高思想认识", "提高政治觉悟", "增强宗旨意识", "合格党员",
    "一面旗帜", "作出应有贡献", "做出应有贡献", "贡献自己的力量", "贡献力量",
)

# Promises no one can guarantee.
_BROAD_PATTERNS = re.compile(
    r"(?:全部|彻底|全面|一切问题|所有问题)(?:解决|消除|根除|杜绝)"
    r"|(?:解决|消除|化解|杜绝)(?:所有|全部|一切)"
    r"|彻底(?:消除|根除|解决|杜绝|改变|扭转)|根除"
    r"|杜绝一切|杜绝所有"
    r"|(?:所有|全部|每一位|每位|每个|人人)"
    r"(?:群众|居民|村民|党员|老人|家庭|住户|服务对象|人)?都?(?:满意|称赞|叫好)"
    r"|(?:100|百分之百|百分百)%?(?:满意|解决|完成|办结|落实)"
    r"|满意(?:率|度)(?:达到|达|为)?(?:100%|百分之百|百分百)"
    r"|零(?:投诉|上访|信访|差错|失误|纠纷|矛盾|事故|发案)"
    r"|万无一失|有求必应|一个不落|一个都不能少|毫无保留"
)

# Concrete actions a reviewer can check happened. 组织 only as a verb, not 党组织 or
# 组织生活, which are nouns in these texts.
_ACTION_PATTERN = re.compile(
    r"走访|探望|看望|慰问|上门|入户|举办|开展|召开|主持|讲授|宣讲|授课|辅导|培训|"
    r"帮助|帮扶|结对|资助|捐|调解|化解|调处|排查|清理|清扫|打扫|整治|修建|修缮|维修|修理|"
    r"种植|植树|巡逻|值守|值班|接待|代办|代购|陪护|照料|收集|征集|登记|建立台账|建立档案|建档|"
    r"撰写|编写|录入|发放|联系|对接|参加|参与|完成|提交|学习|自学|读|办|送|教|修|"
    r"(?<![党基层])组织(?!生活|关系|作用|建设|纪律|观念|原则|程序|上|的)"
)


def _phrase_regex(phrases: Iterable[str]) -> re.Pattern[str]:
    # Longest first, so 深入学习贯彻 is reported rather than 深入贯彻 inside it.
    ordered = sorted(set(phrases), key=len, reverse=True)
    return re.compile("|".join(re.escape(p) for p in ordered))


_STOCK_PATTERN = _phrase_regex(STOCK_PHRASES)


def _unique(matches: Iterable[str]) -> list[str]:
    seen: dict[str, None] = {}
    for match in matches:
        seen.setdefault(match, None)
    return list(seen)


def _quote(phrases: Iterable[str]) -> str:
    return "、".join(f"“{p}”" for p in phrases)


def _excerpt(text: str) -> str:
    text = re.sub(r"\s+", " ", text or "").strip()
    if len(text) <= EXCERPT_CHARS:
        return text
    return text[:EXCERPT_CHARS] + "…"


def _percent(value: float) -> int:
    return int(round(value * 100))


# ---------------------------------------------------------------- item checks

def _check_text(item: ItemText) -> list[Flag]:
    flags = []
    content = item.content or ""
    target = item.target or ""
    both = content + " " + target
    compact = _compact(both)
    measurable = _has_quantity(content, target)

    length = len(normalize(content))
    if length < MINIMUM_CONTENT_CHARS:
        flags.append(Flag(
            "too_short", INOPERABLE,
            _("The commitment is only %(count)d characters long; it does not say what will "
              "be done, for whom, or how much.") % {"count": length},
        ))

    if not measurable:
        if target.strip():
            message = _("The target “%(target)s” has no number, frequency or date, and neither "
                        "does the content, so no one can tell whether it was kept."
                        ) % {"target": _excerpt(target)}
        else:
            message = _("There is no measurable target: the content gives no number, "
                        "frequency or date, so no one can tell whether it was kept.")
        flags.append(Flag("no_measurable_target", INOPERABLE, message))

    broad = _unique(m.group(0) for m in _BROAD_PATTERNS.finditer(compact))
    if broad:
        flags.append(Flag(
            "too_broad", OVERBROAD,
            _("Promises more than anyone can guarantee: %(phrases)s. Commit to what can "
              "actually be delivered.") % {"phrases": _quote(broad)},
        ))

    stock = _unique(_STOCK_PATTERN.findall(compact))
    if stock:
        # The slogan is harmless when a concrete, measurable action follows it; the verbs
        # are looked for outside the slogans so 深入学习贯彻 does not count as 学习.
        remainder = _STOCK_PATTERN.sub("|", compact)
        concrete = measurable and _ACTION_PATTERN.search(remainder) is not None
        if not concrete:
            flags.append(Flag(
                "stock_phrases", FORMALISM,
                _("Stock phrases without a concrete, measurable action: %(phrases)s. Say what "
                  "will be done, for whom and how many times.") % {"phrases": _quote(stock)},
            ))
    return flags


def _check_due(item: ItemText, cycle_end: datetime.date | None) -> list[Flag]:
    if item.due_date is None:
        return [Flag(
            "no_due_date", INOPERABLE,
            _("There is no completion date, so progress cannot be checked against a schedule."),
        )]
    if cycle_end is not None and item.due_date > cycle_end:
        return [Flag(
            "due_after_cycle_end", UNREALISTIC,
            _("Due on %(due)s, after this commitment period ends on %(end)s.")
            % {"due": item.due_date.isoformat(), "end": cycle_end.isoformat()},
        )]
    return []


# ---------------------------------------------------------------------- advise

def advise(
    items: list[ItemText],
    *,
    minimum_items: int,
    maximum_items: int,
    others: Iterable[OtherItem] = (),
    similarity_threshold: float = 0.6,
    cycle_end: datetime.date | None = None,
) -> Advice:
    """Flags that may make a pledge 过高过泛、不切实际、不可操作 or 形式主义.

    Each item is checked on its own (measurable target, due date, stock phrases, sweeping
    promises, length), against the other items of the same pledge and against ``others``
    (for instance the other members' items of the same cycle) for near copies. The pledge
    as a whole is checked against the cycle's minimum and maximum number of items.
    """
    if minimum_items > maximum_items:
        raise ValueError("minimum_items must not exceed maximum_items")
    if not 0 < similarity_threshold <= 1:
        raise ValueError("similarity_threshold must be in (0, 1]")
    keys = [item.key for item in items]
    if len(set(keys)) != len(keys):
        raise ValueError("item keys must be unique")

    pledge_flags = []
    count = len(items)
    if count < minimum_items:
        pledge_flags.append(Flag(
            "too_few_items", FORMALISM,
            _("The pledge has %(count)d items; this cycle asks for at least %(minimum)d. So "
              "few commitments cannot show the post's duties and risk being a formality.")
            % {"count": count, "minimum": minimum_items},
        ))
    if count > maximum_items:
        pledge_flags.append(Flag(
            "too_many_items", UNREALISTIC,
            _("The pledge has %(count)d items; this cycle allows at most %(maximum)d. More "
              "than can be honoured well is unrealistic; keep the ones that matter most.")
            % {"count": count, "maximum": maximum_items},
        ))

    item_flags = {item.key: _check_text(item) + _check_due(item, cycle_end) for item in items}

    # Gram sets are built once per text; comparing is then one set intersection per pair.
    own = [_grams(normalize(item.content + item.target)) for item in items]
    compared = [(other, _grams(normalize(other.content + other.target))) for other in others]

    for index, item in enumerate(items):
        grams = own[index]
        if not grams:
            continue
        size = len(grams)
        best, best_score = None, 0.0
        for other, other_grams in compared:
            other_size = len(other_grams)
            # Dice can be at most 2*min/(sum); skip pairs whose sizes alone rule them out.
            if 2 * min(size, other_size) < similarity_threshold * (size + other_size):
                continue
            score = _dice(grams, other_grams)
            if score >= similarity_threshold and score > best_score:
                best, best_score = other, score
        if best is not None:
            item_flags[item.key].append(Flag(
                "near_copy", FORMALISM,
                _("Nearly the same as the commitment of %(owner)s, “%(excerpt)s” (%(percent)d%% "
                  "similar). Check that it is written for this post and its own duties.")
                % {"owner": best.owner_label, "excerpt": _excerpt(best.content),
                   "percent": _percent(best_score)},
                resembles=best, similarity=best_score,
            ))

        # Within the pledge, the later item is the one flagged, pointing at the earlier one.
        for earlier in range(index):
            score = _dice(grams, own[earlier])
            if score >= similarity_threshold:
                item_flags[item.key].append(Flag(
                    "near_copy", FORMALISM,
                    _("Nearly the same as item %(number)d of this pledge, “%(excerpt)s” "
                      "(%(percent)d%% similar); it may be a repeat.")
                    % {"number": earlier + 1, "excerpt": _excerpt(items[earlier].content),
                       "percent": _percent(score)},
                    similarity=score,
                ))
                break

    return Advice(pledge_flags=pledge_flags, item_flags=item_flags)

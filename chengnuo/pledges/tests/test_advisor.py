"""The 审诺 quality advisor: what it flags, what it leaves alone, and why it says so."""

import datetime
import time

import pytest
from django.utils import translation

from chengnuo.pledges import advisor
from chengnuo.pledges.advisor import Advice, Flag, ItemText, OtherItem, advise, similarity

DUE = datetime.date(2025, 12, 31)
CYCLE_END = datetime.date(2025, 12, 31)

GOOD_ITEMS = [
    ("每月走访社区独居老人不少于4户，帮助解决实际困难", "全年走访48户次"),
    ("全年参加组织生活12次，每次作学习发言", "参加率100%"),
    ("每周一次到社区党员服务站值班，接待群众来访", "全年值班50次"),
    ("结对帮扶困难家庭2户，协助申请临时救助", "年底前帮扶2户"),
    ("利用法律专长为居民调解邻里纠纷", "全年调解不少于10起"),
    ("每季度组织楼道居民清理堆放杂物一次", "每季度1次"),
    ("为社区老年大学讲授智能手机使用课程", "全年授课8课时"),
    ("进一步密切联系群众，每月走访困难户不少于2户", "全年24户次"),
    ("在小区开展垃圾分类宣传，走访五户困难群众", "6月底前完成"),
]


@pytest.fixture
def english():
    with translation.override("en"):
        yield


def item(content, target="", due_date=DUE, key="1"):
    return ItemText(key=key, content=content, target=target, due_date=due_date)


def codes_for(content, target="", due_date=DUE, cycle_end=CYCLE_END):
    advice = advise([item(content, target, due_date)], minimum_items=1, maximum_items=10,
                    cycle_end=cycle_end)
    return {flag.code for flag in advice.item_flags["1"]}


def only_flag(content, target="", code=None, due_date=DUE):
    advice = advise([item(content, target, due_date)], minimum_items=1, maximum_items=10)
    flags = [flag for flag in advice.item_flags["1"] if flag.code == code]
    assert len(flags) == 1
    return flags[0]


# ------------------------------------------------------------------- good items

@pytest.mark.parametrize(("content", "target"), GOOD_ITEMS)
def test_a_concrete_measurable_commitment_with_a_due_date_is_not_flagged(content, target):
    assert codes_for(content, target) == set()


def test_a_whole_pledge_of_good_items_has_no_flags_at_all():
    items = [item(c, t, key=str(n)) for n, (c, t) in enumerate(GOOD_ITEMS)]
    advice = advise(items, minimum_items=3, maximum_items=10, cycle_end=CYCLE_END)
    assert advice.pledge_flags == []
    assert advice.item_flags == {str(n): [] for n in range(len(GOOD_ITEMS))}
    assert advice.flag_count == 0


@pytest.mark.parametrize("content", [
    "每月走访困难户不少于2户",
    "全年参加组织生活12次",
    "每周一次到社区图书室值班",
    "走访五户困难群众并登记需求",
    "慰问辖区退役军人家庭三十户",
    "协助物业完成楼道改造的百分之九十",
    "在2025年10月前建成楼栋议事会",
    "到社区服务中心做志愿服务每两周半天",
])
def test_a_number_frequency_or_date_in_the_content_alone_is_a_measurable_target(content):
    assert "no_measurable_target" not in codes_for(content)


# -------------------------------------------------------------------- bad items

@pytest.mark.parametrize(("content", "target", "expected"), [
    ("认真学习", "", {"too_short", "no_measurable_target"}),
    ("认真学习党的理论，提高自身素质", "", {"no_measurable_target"}),
    ("认真学习党的理论，提高自身素质", "学有所获", {"no_measurable_target"}),
    ("做一名合格党员，发挥先锋模范作用", "", {"no_measurable_target", "stock_phrases"}),
    ("进一步增强宗旨意识，不断提高服务水平", "", {"no_measurable_target", "stock_phrases"}),
    ("树牢四个意识，遵守八项规定，争当表率", "", {"no_measurable_target", "stock_phrases"}),
    ("深入学习贯彻党的二十大精神，做到学思践悟", "", {"no_measurable_target", "stock_phrases"}),
    ("一个党员一面旗帜，走进千家万户服务群众", "", {"no_measurable_target", "stock_phrases"}),
    ("彻底解决小区所有矛盾纠纷，做到零投诉", "", {"no_measurable_target", "too_broad"}),
    ("每月走访独居老人4户，确保所有老人都满意", "全年48户次", {"too_broad"}),
    ("调解邻里纠纷，全年调解10起，做到群众满意率100%", "", {"too_broad"}),
])
def test_a_weak_commitment_gets_exactly_the_expected_flags(content, target, expected):
    assert codes_for(content, target) == expected


def test_a_stock_phrase_with_a_concrete_measurable_action_is_not_formalism():
    assert codes_for("充分发挥党员先锋模范作用，每月走访困难户不少于2户", "全年24户次") == set()


def test_a_stock_phrase_with_an_action_but_no_measure_is_still_formalism():
    assert codes_for("充分发挥作用，帮助群众解决困难") == {"no_measurable_target",
                                                          "stock_phrases"}


def test_a_missing_due_date_makes_an_item_inoperable():
    flag = only_flag(*GOOD_ITEMS[0], code="no_due_date", due_date=None)
    assert flag.concern == "inoperable"
    assert codes_for(*GOOD_ITEMS[0], due_date=None) == {"no_due_date"}


def test_a_due_date_after_the_cycle_ends_is_unrealistic(english):
    late = datetime.date(2026, 3, 1)
    assert codes_for(*GOOD_ITEMS[0], due_date=late) == {"due_after_cycle_end"}
    advice = advise([item(*GOOD_ITEMS[0], due_date=late)], minimum_items=1, maximum_items=5,
                    cycle_end=CYCLE_END)
    [flag] = advice.item_flags["1"]
    assert flag.concern == "unrealistic"
    assert "2026-03-01" in flag.message and "2025-12-31" in flag.message


def test_without_a_cycle_end_a_late_due_date_is_not_judged():
    assert codes_for(*GOOD_ITEMS[0], due_date=datetime.date(2030, 1, 1), cycle_end=None) == set()


def test_each_flag_names_the_concern_from_the_guideline():
    advice = advise([
        item("认真学习", key="short"),
        item("做一名合格党员，发挥先锋模范作用", key="slogan"),
        item("彻底解决小区所有矛盾纠纷", "全年", key="broad"),
    ], minimum_items=1, maximum_items=5)
    concerns = {key: {(f.code, f.concern) for f in flags}
                for key, flags in advice.item_flags.items()}
    assert concerns == {
        "short": {("too_short", "inoperable"), ("no_measurable_target", "inoperable")},
        "slogan": {("no_measurable_target", "inoperable"), ("stock_phrases", "formalism")},
        "broad": {("no_measurable_target", "inoperable"), ("too_broad", "overbroad")},
    }


# --------------------------------------------------------------------- messages

def test_the_stock_phrase_message_names_the_phrases_found(english):
    flag = only_flag("进一步增强宗旨意识，不断提高服务水平", code="stock_phrases")
    assert "“进一步”" in flag.message
    assert "“不断提高”" in flag.message
    assert "“增强宗旨意识”" in flag.message
    assert flag.message.startswith("Stock phrases without a concrete, measurable action")


def test_the_longest_stock_phrase_is_named_not_the_shorter_one_inside_it(english):
    flag = only_flag("深入学习贯彻党的二十大精神，做到学思践悟", code="stock_phrases")
    assert "“深入学习贯彻”" in flag.message
    assert "“深入贯彻”" not in flag.message


def test_the_sweeping_promise_message_quotes_the_promise(english):
    flag = only_flag("彻底解决小区所有矛盾纠纷，做到零投诉", code="too_broad")
    assert "“彻底解决”" in flag.message and "“零投诉”" in flag.message


def test_the_missing_target_message_quotes_an_unmeasurable_target(english):
    flag = only_flag("认真学习党的理论，提高自身素质", "学有所获", code="no_measurable_target")
    assert "“学有所获”" in flag.message


def test_the_too_short_message_says_how_short(english):
    flag = only_flag("认真学习", code="too_short")
    assert "only 4 characters" in flag.message


def test_messages_go_through_gettext_before_the_details_are_filled_in(monkeypatch):
    # Marks every translated msgid, so a message built without gettext, or translated
    # after interpolation (which would never match the catalogue), shows up.
    seen = []

    def fake_gettext(msgid):
        seen.append(msgid)
        return "«" + msgid + "»"

    monkeypatch.setattr(advisor, "_", fake_gettext)
    advice = advise([item("进一步增强宗旨意识", due_date=None)], minimum_items=2,
                    maximum_items=5, others=[OtherItem("李建国", "进一步增强宗旨意识", "")])
    messages = [f.message for f in advice.pledge_flags + advice.item_flags["1"]]
    assert len(messages) == 5
    assert all(m.startswith("«") and m.endswith("»") for m in messages)
    assert len(seen) == 5
    assert any("“进一步”" in m for m in messages)
    assert any("李建国" in m for m in messages)


def test_the_concern_codes_have_translated_labels():
    with translation.override("en"):
        assert advisor.concern_label("overbroad") == "Over-ambitious or too sweeping"
    assert set(advisor.CONCERNS) == {"overbroad", "unrealistic", "inoperable", "formalism"}


# ------------------------------------------------------------------- similarity

def test_similarity_of_identical_texts_is_one():
    assert similarity("每月走访困难户不少于2户", "每月走访困难户不少于2户") == 1.0


def test_similarity_is_symmetric():
    a = "每月走访社区独居老人不少于4户，帮助解决实际困难"
    b = "每月走访独居老人3户，帮助他们解决困难"
    assert similarity(a, b) == similarity(b, a)
    assert 0 < similarity(a, b) < 1


def test_similarity_of_unrelated_texts_is_low():
    assert similarity("每月走访社区独居老人不少于4户", "协助物业清理楼道堆放杂物") < 0.1


def test_similarity_ignores_punctuation_spacing_width_and_case():
    assert similarity("每月走访 2 户，帮助 PC 维修。", "每月走访２户、帮助pc维修") == 1.0


def test_similarity_of_an_empty_text_is_zero():
    assert similarity("", "每月走访2户") == 0.0
    assert similarity("，。 ", "，。") == 0.0


def test_a_changed_number_still_reads_as_a_near_copy():
    assert similarity("每月走访社区独居老人不少于4户", "每月走访社区独居老人不少于5户") > 0.8


# -------------------------------------------------------------------- near copies

def test_an_item_copied_from_another_member_names_that_member_and_the_percentage(english):
    others = [
        OtherItem("张伟", "协助物业清理楼道堆放杂物", "每季度1次"),
        OtherItem("李建国", "每月走访社区独居老人不少于5户，帮助他们解决生活中的实际困难",
                  "全年走访60户次"),
    ]
    advice = advise([item(*GOOD_ITEMS[0])], minimum_items=1, maximum_items=5, others=others)
    [flag] = advice.item_flags["1"]
    assert flag.code == "near_copy" and flag.concern == "formalism"
    assert flag.resembles == others[1]
    assert flag.similarity == pytest.approx(similarity(
        GOOD_ITEMS[0][0] + GOOD_ITEMS[0][1], others[1].content + others[1].target))
    assert "李建国" in flag.message
    assert "“每月走访社区独居老人不少于5户，帮助他们解决生活…”" in flag.message
    assert f"({round(flag.similarity * 100)}% similar)" in flag.message


def test_only_the_closest_other_item_is_reported():
    others = [
        OtherItem("张伟", "每月走访社区老人不少于3户，帮助解决困难", ""),
        OtherItem("李建国", "每月走访社区独居老人不少于4户，帮助解决实际困难", "全年走访48户次"),
        OtherItem("王强", "每月走访社区独居老人不少于4户", "全年48户次"),
    ]
    advice = advise([item(*GOOD_ITEMS[0])], minimum_items=1, maximum_items=5, others=others)
    [flag] = advice.item_flags["1"]
    assert flag.resembles.owner_label == "李建国"
    assert flag.similarity == 1.0


def test_a_resemblance_below_the_threshold_is_not_flagged():
    other = OtherItem("李建国", "每周走访辖区独居老人2户，帮他们解决实际困难", "全年100户次")
    score = similarity(GOOD_ITEMS[0][0] + GOOD_ITEMS[0][1], other.content + other.target)
    assert 0.3 < score < 0.6
    loose = advise([item(*GOOD_ITEMS[0])], minimum_items=1, maximum_items=5, others=[other],
                   similarity_threshold=score)
    strict = advise([item(*GOOD_ITEMS[0])], minimum_items=1, maximum_items=5, others=[other])
    assert [f.code for f in loose.item_flags["1"]] == ["near_copy"]
    assert strict.item_flags["1"] == []


def test_two_near_identical_items_in_one_pledge_flag_the_later_one(english):
    items = [
        item("每月走访社区独居老人不少于4户，帮助解决实际困难", "全年48户次", key="a"),
        item("协助物业清理楼道堆放杂物", "每季度1次", key="b"),
        item("每月走访社区独居老人不少于4户，帮他们解决实际困难", "全年48户次", key="c"),
    ]
    advice = advise(items, minimum_items=1, maximum_items=5)
    assert advice.item_flags["a"] == [] and advice.item_flags["b"] == []
    [flag] = advice.item_flags["c"]
    assert flag.code == "near_copy" and flag.resembles is None
    assert flag.similarity > 0.6
    assert "item 1 of this pledge" in flag.message


def test_near_copy_detection_is_fast_enough_for_a_whole_county():
    others = [OtherItem(f"党员{n}", f"第{n}号网格每月走访第{n % 97}栋居民{n % 13}户，协助办理事项",
                        f"全年{n}户次") for n in range(2000)]
    items = [item(content, target, key=str(n)) for n, (content, target) in enumerate(GOOD_ITEMS)]
    items.append(item("为社区老人代购生活用品", "每周1次", key="extra"))
    assert len(items) == 10
    started = time.perf_counter()
    advise(items, minimum_items=1, maximum_items=10, others=others)
    assert time.perf_counter() - started < 0.5


# ----------------------------------------------------------------- whole pledge

def test_too_few_items_is_flagged_on_the_pledge_as_a_formality(english):
    advice = advise([item(*GOOD_ITEMS[0])], minimum_items=3, maximum_items=8)
    [flag] = advice.pledge_flags
    assert (flag.code, flag.concern) == ("too_few_items", "formalism")
    assert "1 items" in flag.message and "at least 3" in flag.message
    assert advice.flag_count == 1


def test_too_many_items_is_flagged_on_the_pledge_as_unrealistic(english):
    items = [item(c, t, key=str(n)) for n, (c, t) in enumerate(GOOD_ITEMS[:4])]
    advice = advise(items, minimum_items=1, maximum_items=3)
    [flag] = advice.pledge_flags
    assert (flag.code, flag.concern) == ("too_many_items", "unrealistic")
    assert "4 items" in flag.message and "at most 3" in flag.message


def test_an_item_count_within_the_range_has_no_pledge_flags():
    items = [item(c, t, key=str(n)) for n, (c, t) in enumerate(GOOD_ITEMS[:3])]
    assert advise(items, minimum_items=3, maximum_items=3).pledge_flags == []


def test_an_empty_pledge_is_too_small_and_has_no_item_entries():
    advice = advise([], minimum_items=2, maximum_items=5)
    assert [f.code for f in advice.pledge_flags] == ["too_few_items"]
    assert advice.item_flags == {}


def test_every_item_key_is_present_and_flags_are_counted():
    advice = advise([item(*GOOD_ITEMS[0], key="good"), item("认真学习", key="bad")],
                    minimum_items=3, maximum_items=5)
    assert set(advice.item_flags) == {"good", "bad"}
    assert advice.item_flags["good"] == []
    assert advice.flag_count == 1 + 2
    assert isinstance(advice, Advice) and all(isinstance(f, Flag) for f in advice.pledge_flags)


@pytest.mark.parametrize("kwargs", [
    {"minimum_items": 5, "maximum_items": 3},
    {"minimum_items": 1, "maximum_items": 3, "similarity_threshold": 0},
    {"minimum_items": 1, "maximum_items": 3, "similarity_threshold": 1.5},
])
def test_inconsistent_settings_are_refused(kwargs):
    with pytest.raises(ValueError):
        advise([item(*GOOD_ITEMS[0])], **kwargs)


def test_duplicate_item_keys_are_refused():
    with pytest.raises(ValueError):
        advise([item(*GOOD_ITEMS[0]), item(*GOOD_ITEMS[1])], minimum_items=1, maximum_items=3)

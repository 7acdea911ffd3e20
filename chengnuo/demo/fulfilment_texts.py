"""What the running year's members, secretaries and residents write (Chinese, as they
would). Kept apart from the story so the story reads as a sequence of steps."""

# A report's narrative by how far the item has come.
PROGRESS_NARRATIVES = (
    (30, "已召集相关人员商定实施办法，完成前期摸底，台账已建立。"),
    (60, "按计划推进，已完成过半，群众反映良好，下阶段重点解决剩余难点。"),
    (99, "主体工作已基本完成，正在收尾并征求群众意见。"),
    (100, "已全部完成，完成情况已在党务公开栏公示，接受群众监督。"),
)
MILESTONE_NARRATIVE = "已完成节点“{title}”，相关照片和记录已上传。"
BEHIND_NARRATIVE = "因人手不足进度滞后，已向支部说明，下月集中推进。"

MEMBER_DEEDS = (
    "暴雨夜里主动到地下车库帮助居民转移车辆，一直忙到凌晨两点。",
    "连续三个月每周陪独居的李奶奶去社区医院复诊，帮她整理药盒。",
    "在楼道发现电动车违规充电，及时劝阻并协助物业排除火灾隐患。",
)
PUBLIC_DEEDS = (
    ("小区门口老人摔倒，这位党员第一时间上前扶起并联系家属，还垫付了打车费。", "陈阿姨",
     "138****2046"),
    ("疫苗接种点人多，他自愿维持秩序一上午，还帮老人填表。", "曙光小区居民", ""),
)
ORGANIZATION_DEED = "牵头组织楼道党员为困难家庭修缮漏水屋顶，自己垫付材料费未要求报销。"
DISMISSED_DEED = ("他每天都在朋友圈转发正能量文章。", "热心群众")
DISMISS_REASON = "所述为日常转发，不是具体的闪光言行；欢迎补充具体事例。"

STAR_CITATION = "{name}：{deed}"
STAR_LIST_TITLE = "{county}{year}年第{quarter}季度“闪光言行之星”"

QUARTER_SUMMARIES = {
    1: ("本季度支部对公开承诺事项进行了一次梳理：多数事项按进度推进，楼道长联系台账已建立；"
        "个别节点滞后，已逐一提醒并明确完成时限。党员在防汛和邻里互助中涌现出多件闪光言行。"),
    2: ("二季度承诺事项整体推进较好，半数以上事项完成过半；但仍有事项逾期未完成，"
        "支部已约谈相关党员并报上级党委。下季度重点督促逾期事项限期完成，继续开展亮身份活动。"),
    3: ("三季度逾期事项已按整改要求逐项落实，多数承诺事项进入收尾阶段。"
        "支部将在年底前对照进度表再梳理一次，为年度评诺做好准备。"),
}
CORRECTION_REASON = "漏记了一名党员的闪光言行，更正其点评。"
DEED_ADDENDUM = "补记：本季度有一件闪光言行经支部核实。"
NOT_COMMITTED_WORDS = "本年度承诺尚未公开，请尽快对照岗位职责提出承诺。"
COMMENT_WORDS = {
    "good": "履诺积极，事项按进度完成，群众评价好。",
    "fairly_good": "多数事项按进度推进，个别节点需抓紧。",
    "average": "履诺进度偏慢，请对照进度表加快推进。",
    "poor": "承诺事项明显滞后，支部将督促整改。",
}

CRITICISM_TITLE = "关于{name}部分承诺事项逾期未完成的通报"
CRITICISM_BODY = ("经季度督诺和逾期清查，{name}及个别党员的公开承诺事项未按进度表完成。"
                  "根据公开承诺、定期考评制度，现予通报批评，并责令限期整改。"
                  "各基层党组织要引以为戒，坚持诺必践、践必果。")
ORGANIZATION_ORDER = "对逾期事项制定补救计划，明确责任人和完成时间，并在党务公开栏公布整改结果。"
MEMBER_ORDER = "在规定期限内完成逾期的承诺事项，并提交完成情况和佐证材料。"
MEMBER_ANSWER = "已于本月完成全部工作，群众签字确认单和现场照片见附件。"
ACCEPT_RESULT = "经核查，整改到位，群众满意。"

COMMENDATION_TITLE = "关于表扬{year}年第{quarter}季度“闪光言行之星”的通报"
COMMENDATION_BODY = ("{names}在履行承诺中表现突出，事迹经所在党组织核实，现予通报表扬。"
                     "希望广大党员向他们学习，亮身份、作表率。")

"""What the demonstration's people write: suggestions, commitment items, reviewers' guidance.

Written for the showcase community (曙光社区) as a branch secretary, a retired member or a
resident would write them: concrete, with a number, a frequency or a date, so the public
board reads like a real one. A few items are deliberately weak (a slogan, no target, no date,
a promise nobody can keep, a near copy of a neighbour's item) so the reviewer's quality
advisor has something to point at; they sit in versions that are returned or still waiting
for review, never on a published board.

Due dates are given as the quarter whose last day is the deadline (1 to 4), so the texts
fit whichever year the demo is seeded in; None leaves the date out on purpose.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class ItemSpec:
    category: str
    content: str
    target: str = ""
    due: int | None = 4  # the item is due at the end of this quarter; None: no date (weak)
    milestones: tuple[tuple[str, int], ...] = ()  # (title, quarter it is due by)
    adopts: str = ""  # key of the suggestion the item takes up


@dataclass(frozen=True)
class SuggestionSpec:
    key: str
    text: str
    author: str = ""
    outcome: str = "pending"  # pending, adopted, covered, declined
    answer: str = ""


# ---- suggestions (征求群众意见建议) ---------------------------------------------------------

BRANCH_SUGGESTIONS = (
    SuggestionSpec("bins", "3号楼和5号楼之间的垃圾桶太少，早上经常满出来，能不能多放几组分类桶？",
                   "3号楼居民", "adopted",
                   "采纳。支部已承诺年内把第一网格的分类投放点从4个增加到10个。"),
    SuggestionSpec("handrails", "老小区楼道没有扶手，老人上下楼很危险，希望党员帮忙装一下。",
                   "李阿姨", "adopted",
                   "采纳。支部党员志愿者将协助为8个楼道安装扶手，先装有高龄老人的楼道。"),
    SuggestionSpec("progress", "希望支部的承诺能在公开栏里定期公布进展，让我们知道办得怎么样。",
                   "", "adopted", "采纳。支部每月在党务公开栏和居民微信群公布一次承诺进展。"),
    SuggestionSpec("clutter", "楼道里堆了很多纸箱和旧家具，有消防隐患，希望有人管一管。",
                   "6号楼住户", "covered",
                   "已在承诺中。环境卫生监督岗的党员每周巡查楼道两次，发现堆放当天劝导清理。"),
    SuggestionSpec("parking", "建议把小区中间的空地改成收费停车场，外来车辆太多了。", "王师傅",
                   "declined",
                   "暂不采纳。小区场地属全体业主共有，改建停车场须经业主大会表决，超出支部职权；"
                   "已转交社区居委会和业委会研究，结果会在公开栏公布。"),
    SuggestionSpec("lights", "小区北门到7号楼的路灯坏了好几盏，晚上走路看不清。", "晚归的上班族"),
    SuggestionSpec("homework", "双职工家庭孩子放学没人管，希望周末能有人辅导孩子写作业。",
                   "一位家长"),
)

COMMITTEE_SUGGESTIONS = (
    SuggestionSpec("flooding", "每逢大雨，小区东侧低洼处积水很深，希望能改造一下下水管。",
                   "东区居民", "adopted",
                   "采纳。社区党委承诺协调完成3幢楼的雨污分流改造，第二季度末前完工。"),
    SuggestionSpec("canteen", "独居老人吃饭不方便，社区能不能办个老年食堂？", "赵大伯", "adopted",
                   "采纳。社区服务中心将开设老年助餐点，首批为30位独居老人每天供应午餐。"),
    SuggestionSpec("visits", "希望社区干部多到小区里走走，听听居民的意见。", "", "adopted",
                   "采纳。社区党委班子成员每人联系一个小区，每月到小区接待居民两次。"),
    SuggestionSpec("checkup", "建议社区每年组织一次免费体检。", "退休职工", "covered",
                   "已有安排。街道社区卫生服务中心每年为65岁以上老人免费体检一次，"
                   "社区会提前在公开栏和微信群通知时间。"),
    SuggestionSpec("lifts", "希望社区出钱给每栋老楼都装上电梯。", "", "declined",
                   "暂不采纳。加装电梯须经本幢业主协商同意，并可申请政府补助；社区不能出资，"
                   "但会帮助协调业主意见、代办补助申请。"),
    SuggestionSpec("gym", "小区健身器材老化，有几件已经松动了，担心有人受伤。", "晨练的居民"),
)

# ---- organization pledges (五个好 + 为群众办实事) ------------------------------------------

COMMITTEE_ITEMS = (
    ItemSpec("leadership_team",
             "班子成员每人联系一个居民小区，每月到联系小区接待居民不少于2次；每季度召开1次"
             "班子会专题研究居民反映的问题。",
             "每人每月接待2次以上；全年专题会4次", 4,
             (("建立班子成员联系小区台账并公示", 1), ("半年接待情况在公开栏通报", 2)),
             adopts="visits"),
    ItemSpec("member_team",
             "对所属3个支部的党员开展集中轮训，每季度举办1期党课；年内培养入党积极分子2名，"
             "完成流动党员登记。",
             "党课4期；入党积极分子2名", 4, (("完成流动党员摸底登记", 1),)),
    ItemSpec("working_mechanism",
             "建立“居民议事会”，每两个月召开1次，由居民代表、物业和业委会共同商议小区公共事务，"
             "议定事项30天内办结并公示结果。",
             "全年议事会6次；议定事项30天内办结", 4),
    ItemSpec("work_results",
             "协调完成东区3幢老楼的雨污分流改造，施工期间每周公布1次进度。",
             "3幢楼改造完工", 2,
             (("征求居民意见并公示施工方案", 1),), adopts="flooding"),
    ItemSpec("public_reputation",
             "每季度入户开展1次居民满意度调查，每次不少于200户，对不满意的事项逐条回访。",
             "每季度调查200户以上", 4),
    ItemSpec("practical_service",
             "在社区服务中心开设老年助餐点，为80岁以上独居老人每天提供午餐，首批服务不少于30人。",
             "助餐点开办；服务独居老人30人以上", 2,
             (("选定场地并完成食品安全备案", 1),), adopts="canteen"),
)

BRANCH_ITEMS = (
    ItemSpec("leadership_team",
             "支委会每月召开1次，研究落实党员承诺和居民诉求，会议情况在党务公开栏公示。",
             "支委会全年12次", 4),
    ItemSpec("member_team",
             "每月组织1次主题党日，党员参与率达到90%以上；对年老体弱的党员每季度送学上门1次。",
             "主题党日12次；送学上门4次", 4),
    ItemSpec("working_mechanism",
             "为无职党员设立环境卫生监督、政策宣传等岗位，每季度在党员大会上点评1次履岗情况。",
             "全年点评4次", 4, (("完成设岗定责并张榜公布", 1),)),
    ItemSpec("work_results",
             "推进第一网格垃圾分类，把分类投放点从4个增加到10个，年底前分类准确率达到80%。",
             "投放点10个；准确率80%", 3,
             (("新增投放点选址并征求楼道居民意见", 1), ("新增6个投放点投入使用", 2)),
             adopts="bins"),
    ItemSpec("public_reputation",
             "每月在党务公开栏和居民微信群公布1次承诺进展，每半年请居民代表测评1次支部和党员履诺"
             "情况。",
             "公布12次；测评2次", 4, adopts="progress"),
    ItemSpec("practical_service",
             "组织党员志愿者与12户独居老人和残疾人家庭结对，每周上门探访1次，并协助为8个楼道"
             "安装扶手。",
             "结对12户；安装扶手8处", 3,
             (("完成困难家庭摸排建档", 1), ("首批4处扶手安装完成", 2)), adopts="handrails"),
)

# ---- member pledges (五带头 + 岗位职责 + 为群众办实事好事) ----------------------------------

SECRETARY_ITEMS = (  # a member holding a leadership post: above the higher minimum
    ItemSpec("lead_learning",
             "每月自学党的理论和政策文件不少于8小时并做学习笔记，每季度为支部党员讲1次党课。",
             "全年党课4次", 4),
    ItemSpec("lead_excellence",
             "带领支部完成第一网格垃圾分类任务，每周到投放点督导1次，年底分类准确率达到80%。",
             "每周督导1次", 4, (("督导情况半年小结", 2),)),
    ItemSpec("lead_service",
             "每月两个周六上午在社区服务中心“书记接待日”接待居民，诉求当场登记，7个工作日内答复。",
             "每月接待2次", 4),
    ItemSpec("lead_discipline",
             "不收受居民和商户的礼品礼金；支部活动经费每季度在党务公开栏公示1次。",
             "经费公示4次", 4),
    ItemSpec("lead_integrity",
             "带头劝导不文明养犬、高空抛物等行为，每月参加1次文明劝导志愿服务。",
             "全年劝导12次以上", 4),
    ItemSpec("good_deeds",
             "与2户低保家庭结对，每月上门走访1次，帮助他们的子女联系助学和就业信息。",
             "结对2户，每月走访1次", 4),
)

# The second leader first writes slogans; the secretary returns them and she rewrites them.
LEADER_FIRST_ITEMS = (
    ItemSpec("lead_learning", "进一步加强理论学习，不断提高思想认识。", "", None),
    ItemSpec("lead_excellence", "认真做好支部组织工作，充分发挥模范带头作用。", "", None),
    ItemSpec("lead_service",
             "每月走访网格内10户居民，收集意见建议并登记台账，当月反馈办理结果。",
             "每月走访10户", 4),
    ItemSpec("lead_discipline", "按时足额交纳党费，每月参加支部组织生活，全年不缺席。",
             "组织生活12次", 4),
    ItemSpec("good_deeds", "全心全意为人民服务，让所有居民都满意。", "", None),
)
LEADER_RETURN_GUIDANCE = (
    "第1、2、5项只是口号，没有具体做法、数量和完成时间；“让所有居民都满意”承诺过高，"
    "做不到也无法检查。请改成能检查的具体事项，写明做什么、多少次、什么时候完成。")
LEADER_REVISIONS = {  # position in the pledge -> the rewritten item
    1: ItemSpec("lead_learning",
                "每月参加1次街道组织委员培训，每季度在支部大会上交流1次学习体会。",
                "培训12次；交流4次", 4),
    2: ItemSpec("lead_excellence",
                "负责支部党员信息和党费台账，每月5日前核对更新；年内完成2名入党积极分子的"
                "培养考察材料。",
                "台账每月更新；考察材料2份", 4, (("完成积极分子半年考察", 2),)),
    5: ItemSpec("good_deeds",
                "每季度组织1次“邻里议事”，帮居民协调停车、晾晒等小区琐事，每次形成会议纪要。",
                "议事4次；纪要4份", 4),
}
LEADER_RESUBMIT_NOTE = "已按审核意见修改第1、2、5项，写明了次数和完成时间。"

# The demo "member" account: a member without a post, committing through their duty post.
MEMBER_ACCOUNT_ITEMS = (
    ItemSpec("post_duty",
             "每周二、周五巡查第一网格5幢楼的楼道和垃圾投放点，发现乱堆乱放当天劝导，"
             "劝导不听的拍照报社区并跟踪到整改完成。",
             "每周巡查2次，全年不少于90次", 4,
             (("建立巡查记录本", 1), ("半年巡查问题汇总报支部", 2))),
    ItemSpec("lead_service",
             "每月陪社区医生上门为楼道里2位行动不便的老人量1次血压，并把结果记在健康卡上。",
             "全年12次", 4),
    ItemSpec("lead_learning",
             "每月参加支部主题党日学习，年内读完2本党史读物，各写1篇读书心得。",
             "读书2本；心得2篇", 4, (("读完第一本并写心得", 2),)),
)

# A member who has already published, and then amends one item.
PUBLISHED_ITEMS = (
    ItemSpec("lead_service",
             "每周三下午在社区服务中心值班2小时，帮助老年居民用手机办理社保认证和预约挂号。",
             "全年值班不少于40次", 4),
    ItemSpec("lead_learning", "每月学习1次支部推送的学习材料，参加全部主题党日活动。",
             "主题党日12次", 4),
    ItemSpec("good_deeds",
             "与1户独居老人结对，每周打1次电话、每月上门1次，帮忙代购生活用品。",
             "每周电话1次，每月上门1次", 4),
)
AMENDMENT_REASON = "单位排班调整，周三下午不能再到社区值班，改为周六上午。"
AMENDMENT_REVISIONS = {
    1: ItemSpec("lead_service",
                "每周六上午在社区服务中心值班2小时，帮助老年居民用手机办理社保认证和预约挂号。",
                "全年值班不少于40次", 4),
}

# Waiting for review with weak items: a near copy of the published member's first item, and
# a slogan with neither target nor date.
WEAK_ITEMS = (
    ItemSpec("lead_service",
             "每周三下午在社区服务中心值班2小时，帮助老年居民使用手机办理社保认证和预约挂号。",
             "全年值班不少于40次", 4),
    ItemSpec("lead_integrity", "充分发挥党员先锋模范作用，争做一名合格党员。", "", None),
    ItemSpec("good_deeds", "每季度参加1次社区组织的义诊或献血志愿服务。", "全年4次", 4),
)

# Returned with guidance, not yet revised.
RETURNED_ITEMS = (
    ItemSpec("lead_excellence", "立足本职岗位，争创一流业绩。", "", None),
    ItemSpec("good_deeds", "每季度参加1次“文明楼道”评比前的楼道清扫。", "全年4次", 4),
    ItemSpec("lead_learning", "认真学习，提高自己。", "", 4),
)
RETURNED_GUIDANCE = (
    "“立足本职岗位，争创一流业绩”请结合你的具体工作写出目标和完成时间；“认真学习，提高自己”"
    "没有具体内容。修改后重新提交。")
RETURNED_GUIDANCE_POST = "岗位职责一项请写清楚做什么、为谁做、每月做多少次。"

# An oral pledge: short, in the member's own words, recorded by the secretary.
ORAL_ITEMS = (
    (
        ItemSpec("lead_integrity", "给楼里的孩子讲老党员的故事，每季度讲1次。", "全年4次", 4),
        ItemSpec("lead_discipline", "按时交党费，支部送学上门时认真听，每月1次。",
                 "每月1次", 4),
        ItemSpec("good_deeds", "每月和楼里另一位独居老人互相串门1次，谁有不舒服就告诉社区。",
                 "每月1次", 4),
    ),
    (
        ItemSpec("good_deeds", "每季度帮社区照看1次“爱心菜园”，把收的菜送给楼里的困难老人。",
                 "全年4次", 4),
        ItemSpec("lead_learning", "每月听1次广播里的党史讲座，在支部学习会上说说体会。",
                 "每月1次", 4),
        ItemSpec("lead_discipline", "不信谣不传谣，每季度请孙辈帮忙查1次手机里有没有诈骗短信。",
                 "全年4次", 4),
    ),
    (
        ItemSpec("lead_service", "每天上午在小区门口的长椅边看着点，有外来推销的提醒邻居别上当。",
                 "每天1次", 4),
        ItemSpec("lead_integrity", "每半年和年轻党员结一次对子，讲讲以前支部的老规矩。",
                 "全年2次", 4),
        ItemSpec("lead_learning", "每月让支部送学的同志读1次学习材料给我听，记下1条体会。",
                 "每月1次", 4),
    ),
)
ORAL_NOTE = "本人口述，支部书记代为记录，已当面读给本人听并确认。"

# In-service members: the work pledge at their unit and the residence pledge at home.
WORK_ITEMS = (
    (
        ItemSpec("lead_excellence",
                 "本岗位经办的业务做到当天受理、5个工作日内办结，每月统计1次办结时限。",
                 "办结时限5个工作日", 4),
        ItemSpec("lead_learning",
                 "每季度参加1次业务培训并通过考核，年内取得1项岗位相关的培训证书。",
                 "培训4次；证书1项", 4, (("报名参加培训", 1),)),
        ItemSpec("lead_discipline",
                 "遵守单位考勤和保密制度，经手的档案资料每月底前按规定整理归档。",
                 "每月归档1次", 4),
    ),
    (
        ItemSpec("lead_excellence",
                 "带1名新入职同事，每月和他一起复盘1次工作，半年内让他能独立上岗。",
                 "带徒1名，半年独立上岗", 2, (("制定带教计划", 1),)),
        ItemSpec("lead_service",
                 "每季度随单位到基层开展1次便民服务活动，现场为群众解答咨询。",
                 "全年4次", 4),
        ItemSpec("lead_integrity",
                 "在科室带头落实首问负责制，来电来访一次告知到位，每月整理1次首问登记台账。",
                 "台账每月1次", 4),
    ),
    (
        ItemSpec("lead_excellence",
                 "提出2条改进本部门工作流程的合理化建议，并推动至少1条在年内落地。",
                 "建议2条，落地1条", 4, (("向部门提交建议", 2),)),
        ItemSpec("lead_learning",
                 "每天用“学习强国”学习，每季度参加1次单位组织的党史知识测试。",
                 "测试4次", 4),
        ItemSpec("lead_discipline",
                 "不利用工作便利为亲友办事谋利，每半年向支部书面报告1次遵守廉洁纪律的情况。",
                 "书面报告2次", 4),
    ),
)
RESIDENCE_ITEMS = (
    (
        ItemSpec("lead_service",
                 "周末参加社区“红色代办”志愿服务，每月至少1次，为行动不便的邻居代办证件、代缴"
                 "费用。",
                 "全年12次以上", 4),
        ItemSpec("good_deeds", "为所住的楼栋建立邻里互助群，每季度组织1次楼道大扫除。",
                 "大扫除4次", 4),
        ItemSpec("lead_integrity", "在小区带头文明停车，每季度参加1次文明停车劝导。",
                 "劝导4次", 4),
    ),
    (
        ItemSpec("lead_service", "每月第一个周日到社区“四点半课堂”辅导小学生作业2小时。",
                 "全年12次", 4),
        ItemSpec("good_deeds", "寒暑假为社区困难家庭的孩子义务辅导功课，每个假期不少于4次。",
                 "每个假期4次", 4),
        ItemSpec("lead_integrity", "带头参加垃圾分类“桶边督导”，每季度值守2次。",
                 "全年值守8次", 4),
    ),
    (
        ItemSpec("lead_service", "参加社区平安巡防队，每月夜间巡逻1次，协助排查楼道消防隐患。",
                 "全年巡逻12次", 4),
        ItemSpec("good_deeds", "每季度参加1次社区爱心义卖或捐书活动，年内为社区图书角捐书20本。",
                 "捐书20本", 4, (("捐出第一批10本", 2),)),
        ItemSpec("lead_discipline",
                 "遵守小区管理规约，装修养犬不扰邻，第一季度内配合社区完成1次家庭人口信息更新。",
                 "信息更新1次", 1),
    ),
)

# Duty posts (设岗定责): two ways of committing to each post's duties, and a weak one.
POST_DUTY_ITEMS: dict[str, tuple[ItemSpec, ItemSpec]] = {
    "政策宣传岗": (
        ItemSpec("post_duty",
                 "每月入户宣讲1次医保、养老等惠民政策，每次不少于10户，帮助居民弄清办事流程。",
                 "每月10户以上", 4),
        ItemSpec("post_duty", "每季度在小区宣传栏更新1次政策解读，办理事项附上窗口和电话。",
                 "全年更新4次", 4),
    ),
    "环境卫生监督岗": (
        ItemSpec("post_duty", "每天早上看看自家楼下垃圾桶周围干不干净，有问题当天告诉网格员。",
                 "每天1次", 4),
        ItemSpec("post_duty",
                 "每周巡查1次责任片区的环境卫生，发现乱倒垃圾当场劝导并登记，每月汇总报支部。",
                 "每周巡查1次", 4),
    ),
    "矛盾纠纷调解岗": (
        ItemSpec("post_duty", "每月走访责任片区的住户不少于8户，了解邻里矛盾，能调解的当场调解。",
                 "每月走访8户", 4),
        ItemSpec("post_duty", "参加社区调解委员会，每季度至少参与调解1起邻里或家庭纠纷。",
                 "全年4起以上", 4),
    ),
    "关爱帮扶岗": (
        ItemSpec("post_duty", "结对联系2位空巢老人，每周电话问候1次，每月上门探望1次。",
                 "结对2人", 4),
        ItemSpec("post_duty", "每季度走访1次片区内的留守儿童家庭，帮助孩子解决学习用品等困难。",
                 "全年走访4次", 4),
    ),
    "平安巡防岗": (
        ItemSpec("post_duty", "每周参加1次小区治安巡逻，每月检查1次楼道灭火器是否过期。",
                 "巡逻每周1次", 4),
        ItemSpec("post_duty", "每季度为片区老人讲1次防诈骗知识，每次不少于15人参加。",
                 "全年4次", 4),
    ),
    "民情联络岗": (
        ItemSpec("post_duty", "联系片区20户居民，每月收集1次意见建议，办理结果7天内反馈本人。",
                 "联系20户", 4),
        ItemSpec("post_duty", "每季度召开1次楼道居民恳谈会，会上意见整理后报支部。",
                 "全年4次", 4),
    ),
    "文明新风岗": (
        ItemSpec("post_duty", "每季度组织1次邻里文体活动，带头劝导红白喜事大操大办。",
                 "全年4次", 4),
        ItemSpec("post_duty", "每月参加1次社区志愿服务，年内带动2户邻居加入志愿者队伍。",
                 "带动2户", 4),
    ),
}


def weak_post_duty(post: str) -> ItemSpec:
    """A post duty item that only repeats the post's name: no action, target or date."""
    return ItemSpec("post_duty", f"做好{post}的工作。", "", None)

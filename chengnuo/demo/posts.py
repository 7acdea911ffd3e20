"""Duty posts (设岗定责) that organizations define for members without a post.

Guideline part 一 item 四: 无职党员要结合党员设岗定责开展承诺. These are the posts villages
and communities in Zhejiang commonly set, with the duties written as a secretary would.
"""

# (post name, responsibilities)
DUTY_POSTS: tuple[tuple[str, str], ...] = (
    ("政策宣传岗", "宣传党的路线方针政策和各项惠民政策，每月至少入户宣讲一次，"
                  "帮助群众了解办事流程。"),
    ("环境卫生监督岗", "每周巡查责任片区的环境卫生，劝导乱扔乱倒、乱堆乱放，"
                      "发现问题及时报告并跟踪整改。"),
    ("矛盾纠纷调解岗", "经常了解邻里、家庭矛盾纠纷，协助开展调解，"
                      "重大情况及时向党组织报告。"),
    ("关爱帮扶岗", "结对联系困难群众、空巢老人和留守儿童，定期走访，"
                  "帮助解决生产生活中的实际困难。"),
    ("平安巡防岗", "参加治安巡逻和消防安全检查，做好防火防盗防诈骗宣传。"),
    ("民情联络岗", "联系一片群众，收集意见建议和诉求，及时向党组织反映并反馈办理结果。"),
    ("文明新风岗", "带头移风易俗，参与志愿服务，组织邻里文体活动。"),
)

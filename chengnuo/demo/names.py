"""Word lists for demonstration names: people, villages, communities, enterprises.

Surnames are weighted roughly as they are common in Zhejiang (王, 陈, 张, 李, 吴, 徐 lead;
金, 俞, 楼, 应 are more frequent here than elsewhere). Given names follow the fashion of
the decade a person was born in, which is what makes a roster look real at a glance.
"""

import random

# (surname, weight)
SURNAMES: tuple[tuple[str, int], ...] = (
    ("王", 70), ("陈", 68), ("张", 50), ("李", 45), ("吴", 40), ("徐", 38), ("周", 32),
    ("金", 26), ("胡", 26), ("杨", 24), ("朱", 24), ("黄", 22), ("林", 22), ("沈", 20),
    ("郑", 20), ("叶", 18), ("何", 16), ("俞", 14), ("蒋", 14), ("钱", 12), ("方", 12),
    ("刘", 12), ("潘", 11), ("孙", 11), ("赵", 10), ("章", 10), ("应", 9), ("楼", 9),
    ("邵", 8), ("汪", 8), ("许", 8), ("毛", 8), ("夏", 7), ("姚", 7), ("袁", 6), ("施", 6),
    ("顾", 6), ("柴", 5), ("傅", 5), ("丁", 5), ("韩", 5), ("程", 5), ("郭", 5), ("卢", 5),
    ("项", 4), ("鲍", 4), ("葛", 4), ("倪", 4), ("严", 4), ("戴", 4), ("范", 4), ("谢", 4),
    ("骆", 3), ("屠", 3), ("诸葛", 1), ("欧阳", 1),
)

# Given names by the decade of birth; two characters mostly, one character sometimes.
GIVEN_NAMES: dict[str, dict[int, tuple[str, ...]]] = {
    "male": {
        1930: ("德福", "根生", "阿水", "金土", "荣昌", "茂林", "寿康", "炳坤", "仁贵", "志成"),
        1940: ("国华", "建华", "秀山", "福根", "振兴", "土根", "长林", "仁和", "树德", "有才"),
        1950: ("建国", "援朝", "卫东", "国庆", "红军", "建设", "跃进", "和平", "胜利", "志强"),
        1960: ("卫国", "文革", "向东", "建军", "国平", "小平", "伟民", "立新", "永康", "海林"),
        1970: ("建平", "伟", "军", "勇", "斌", "杰", "海峰", "晓东", "国栋", "志刚", "建明"),
        1980: ("磊", "鹏", "超", "浩", "俊杰", "晨", "凯", "鑫", "宇", "伟杰", "明辉"),
        1990: ("浩然", "子轩", "宇航", "嘉豪", "天宇", "俊豪", "博文", "梓豪", "一鸣", "家乐"),
    },
    "female": {
        1930: ("秀英", "桂英", "月娥", "阿珍", "凤仙", "菊香", "素珍", "玉兰", "金花", "杏娟"),
        1940: ("秀珍", "桂芳", "玉珍", "美娟", "彩凤", "爱珍", "菊英", "月琴", "桂花", "兰英"),
        1950: ("红梅", "建英", "秀华", "爱华", "国英", "卫红", "跃华", "美华", "丽君", "小红"),
        1960: ("丽华", "红霞", "海燕", "雪芳", "春燕", "小燕", "玉芬", "美芳", "卫萍", "建萍"),
        1970: ("丽", "芳", "静", "敏", "燕", "丽娟", "晓红", "雅琴", "海英", "慧", "萍"),
        1980: ("婷", "倩", "佳", "琳", "晓燕", "丹丹", "莉莉", "雪", "颖", "蕾", "佳慧"),
        1990: ("诗雨", "欣怡", "佳琪", "雨婷", "梦瑶", "思涵", "可欣", "晓雯", "嘉怡", "子涵"),
    },
}

# Syllables for village and community names (e.g. 桥头村, 金沙社区).
PLACE_FIRST = ("东", "西", "南", "北", "上", "下", "新", "金", "石", "桥", "溪", "山", "梅",
               "竹", "桃", "杨", "柳", "塘", "湖", "龙", "凤", "安", "和", "长", "永", "前",
               "后", "横", "岭", "沙", "大", "小", "青", "白", "花", "庙", "双", "枫")
PLACE_SECOND = ("头", "口", "湾", "岙", "埠", "坞", "岭", "溪", "塘", "桥", "港", "坑", "园",
                "林", "田", "家", "庄", "墩", "浦", "湖", "山", "洋", "畈", "源", "宅", "苑")

# Pieces of non-public enterprise names (浙江华鑫纺织有限公司).
FIRM_PREFIX = ("华", "鑫", "恒", "泰", "宏", "嘉", "永", "盛", "达", "正", "天", "新", "利",
               "博", "信", "诚", "荣", "海", "东", "宇", "振", "明", "万", "康")
FIRM_TRADE = ("纺织", "机械", "电器", "五金", "塑业", "服饰", "食品", "化工", "印染", "电子",
              "建材", "包装", "汽配", "轴承", "竹木", "茶业", "物流", "印刷", "制衣", "阀门")

# County-level organs, institutions, state enterprises, schools and social organizations.
GOVERNMENT_BUREAUS = ("发展和改革局", "财政局", "教育局", "民政局", "人力资源和社会保障局",
                      "农业局", "水利局", "卫生局", "司法局", "审计局", "统计局", "环境保护局",
                      "住房和城乡建设局", "交通运输局", "文化广电新闻出版局", "林业局")
INSTITUTIONS = ("人民医院", "中医院", "疾病预防控制中心", "妇幼保健院", "图书馆", "文化馆",
                "农业技术推广中心", "档案馆", "广播电视台", "社会福利院")
STATE_ENTERPRISES = ("自来水有限公司", "城市建设投资集团有限公司", "交通投资集团有限公司",
                     "国有资产经营有限公司", "粮食收储有限公司", "公共交通有限公司")
SCHOOLS = ("实验小学", "第一中学", "第二中学", "职业中等专业学校", "实验初级中学",
           "中心小学", "高级中学")
SOCIAL_ORGANIZATIONS = ("个体劳动者协会", "律师协会", "义工联合会", "慈善总会", "老年人协会",
                        "企业家协会", "社会组织服务中心")


def decade_of(year: int) -> int:
    return max(1930, min(1990, year // 10 * 10))


def person_name(rng: random.Random, gender: str, birth_year: int) -> str:
    surnames, weights = zip(*SURNAMES, strict=True)
    surname = rng.choices(surnames, weights)[0]
    return surname + rng.choice(GIVEN_NAMES[gender][decade_of(birth_year)])


def place_name(rng: random.Random) -> str:
    return rng.choice(PLACE_FIRST) + rng.choice(PLACE_SECOND)


def firm_name(rng: random.Random, county: str) -> str:
    """A plausible private firm: 浙江 or the county's short name, two characters, a trade."""
    region = rng.choice(("浙江", short_name(county)))
    brand = rng.choice(FIRM_PREFIX) + rng.choice(FIRM_PREFIX)
    return f"{region}{brand}{rng.choice(FIRM_TRADE)}有限公司"


def short_name(division: str) -> str:
    """西湖区 -> 西湖, 景宁畲族自治县 -> 景宁, 义乌市 -> 义乌; one-character names keep it."""
    for suffix in ("畲族自治县", "区", "市", "县"):
        if division.endswith(suffix) and len(division) - len(suffix) >= 2:
            return division[: -len(suffix)]
    return division

#!/usr/bin/env python3
"""Generates the bundled example data of `groupguard demo` (app/src/main/resources/demo/).

Writes rules.yaml, blacklist.yaml, messages.jsonl, member-events.jsonl, labels.jsonl and
expected.md. Deterministic: a fixed seed and a fixed start time, so running it again gives
byte-identical files. Standard library only.

Ground truth: every scripted message carries the rules it is meant to break (the labels).
The script then checks its own data before writing anything:
  * every record fits its .avsc schema (field names, required fields, enum symbols, types);
  * rate, duplicate, flood and blacklist expectations are recomputed by simulating those
    checks over the whole timeline and must equal the scripted labels (so random chatter
    never trips them by accident);
  * no innocent message contains a keyword or regex of a rule that applies to its group
    (plain matching; the disguised spellings are only in labelled violations).

Usage: generate_demo_data.py [--check]   (--check: fail if the committed files are stale)
"""
import argparse
import json
import random
import re
import sys
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
AVRO_DIR = REPO / "schemas" / "src" / "main" / "avro"
OUT_DIR = REPO / "app" / "src" / "main" / "resources" / "demo"

SEED = 20261120
START = datetime(2026, 11, 20, 9, 0, tzinfo=timezone.utc)
START_MS = int(START.timestamp() * 1000)
DURATION_S = 30 * 60
CHATTER_MESSAGES = 240

ACME, LOTUS, RIVERSIDE = "acme-retail", "lotus-dining", "riverside-school"

# --------------------------------------------------------------------------------------------
# Groups and members
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Group:
    tenant: str
    group_id: str
    owner: str
    language: str  # "en" or "zh": which chatter templates fit
    chatter_weight: int
    customers: tuple  # members who chat innocently
    staff: tuple  # employees (and bots) who answer


GROUPS = [
    Group(ACME, "acme-vip-en", "emp-alice", "en", 5,
          ("c-emma", "c-jack", "c-olivia", "c-noah", "c-sophia", "c-rude-ray"),
          ("emp-alice", "emp-maria", "bot-acme")),
    Group(ACME, "acme-fans-zh", "emp-wang", "zh", 5,
          ("c-zhang-wei", "c-li-na", "c-wang-fang", "c-liu-yang", "c-chen-jie"),
          ("emp-wang", "bot-acme")),
    Group(ACME, "acme-outlet-zh", "emp-wang", "zh", 4,
          ("c-zhao-lei", "c-sun-li", "c-zhou-min", "c-li-na"),
          ("emp-wang", "emp-maria")),
    Group(LOTUS, "lotus-sh-members", "emp-chen", "zh", 4,
          ("c-xu-jing", "c-ma-chao", "c-hu-ying", "c-guo-tao"),
          ("emp-chen", "bot-lotus")),
    Group(LOTUS, "lotus-bj-members", "emp-liu", "zh", 4,
          ("c-he-ping", "c-lin-xue", "c-gao-yan", "c-ex-staff"),
          ("emp-liu", "bot-lotus")),
    Group(LOTUS, "lotus-gz-members", "emp-huang", "zh", 3,
          ("c-luo-qi", "c-deng-hui", "c-reformed"),
          ("emp-huang",)),
    Group(RIVERSIDE, "riverside-class-5a", "emp-jones", "en", 4,
          ("p-garcia", "p-kim", "p-osei", "p-novak", "p-singh"),
          ("emp-jones",)),
    Group(RIVERSIDE, "riverside-parents", "emp-park", "en", 4,
          ("p-garcia", "p-kim", "p-brown", "p-ahmed"),
          ("emp-park", "emp-jones")),
]
GROUP_BY_ID = {g.group_id: g for g in GROUPS}

EMPLOYEE_ROLES = {"emp-maria": ["admin"], "emp-jones": ["teacher"], "emp-park": ["principal"]}
VIP_CUSTOMERS = {"c-emma", "c-olivia"}


def sender_kind(member):
    if member.startswith("emp-"):
        return "EMPLOYEE"
    if member.startswith("bot-"):
        return "BOT"
    return "CUSTOMER"


def sender_roles(member, group):
    roles = []
    if member == group.owner:
        roles.append("owner")
    roles += EMPLOYEE_ROLES.get(member, [])
    if member in VIP_CUSTOMERS:
        roles.append("vip")
    return roles


# --------------------------------------------------------------------------------------------
# Rules and blacklist (the demo publishes these before replaying the traffic)
# --------------------------------------------------------------------------------------------

R_ACME_ABUSE = "acme-respectful-language"
R_ACME_ADS = "acme-no-ads"
R_ACME_LINKS = "acme-own-links-only"
R_ACME_CARDS = "acme-own-mini-programs-only"
R_ACME_FLOOD = "acme-campaign-flood"
R_LOTUS_CIVILITY = "lotus-civility"
R_LOTUS_DUPLICATES = "lotus-no-repeats"
R_LOTUS_RATE = "lotus-slow-down"
R_LOTUS_RESALE = "lotus-voucher-resale-trial"
R_SCHOOL_LANGUAGE = "riverside-kind-words"
R_SCHOOL_LINKS = "riverside-staff-links-only"

WECHAT_ID_REGEX = "(?i)v[x信]\\s*[:：]?\\s*[a-z0-9_-]{5,}"


RULES = [
    ({"tenantId": ACME, "ruleId": R_ACME_ABUSE, "version": 1, "name": "Respectful language",
      "creatorId": "emp-maria", "allGroups": True,
      "keywords": [{"text": "idiot"}, {"text": "loser"}, {"text": "ass"},
                   {"text": "scam", "match": "SUBSTRING"},
                   {"text": "傻瓜"}, {"text": "骗子"}, {"text": "白痴"}],
      "allowWords": ["scampi", "scamper", "傻瓜相机"],
      "updatedAt": "2026-11-18T10:00:00Z"},
     "English and Chinese insults in every Acme group. Latin keywords match whole words (AUTO),\n"
     "so 'class' and 'passage' never hit 'ass'; 'scam' matches inside words ('scammers'), except\n"
     "in the allow-words; 傻瓜相机 (a point-and-shoot camera) is allowed. Escalation ladder applies."),
    ({"tenantId": ACME, "ruleId": R_ACME_ADS, "version": 1, "name": "No unauthorised ads",
      "creatorId": "emp-maria", "allGroups": True,
      "keywords": [{"text": "代购"}, {"text": "加微信"}, {"text": "刷单"}],
      "regexes": [WECHAT_ID_REGEX],
      "penalty": {"action": "KICK"},
      "memberReason": "Unauthorised advertising is not allowed in Acme groups; advertisers are removed.",
      "updatedAt": "2026-11-18T10:05:00Z"},
     "Ads are kicked at once. The regex catches WeChat ids ('vx: abc123', 'V信：abc123')."),
    ({"tenantId": ACME, "ruleId": R_ACME_LINKS, "version": 1, "name": "Links: Acme sites only",
      "creatorId": "emp-maria", "allGroups": True,
      "linkWhitelist": ["acme.example", "https://pay.example.net/acme/"],
      "exemptMembers": ["c-swift-express"],
      "updatedAt": "2026-11-18T10:10:00Z"},
     "A domain covers its subdomains (shop.acme.example); the second entry is a URL prefix.\n"
     "The delivery partner c-swift-express is exempt and may post tracking links."),
    ({"tenantId": ACME, "ruleId": R_ACME_CARDS, "version": 1, "name": "Mini-programs: Acme apps only",
      "creatorId": "emp-maria", "groupIds": ["acme-fans-zh", "acme-outlet-zh", "acme-vip-en"],
      "miniProgramWhitelist": ["wxa1c3e5f7a9b1c3e5", "wxa1c3e5f7a9b1c3e6"],
      "updatedAt": "2026-11-18T10:15:00Z"},
     "Only the Acme shop and membership mini-programs may be shared (explicit group list)."),
    ({"tenantId": ACME, "ruleId": R_ACME_FLOOD, "version": 1, "name": "Shopping-game flood",
      "creatorId": "emp-maria", "allGroups": True,
      "floodLimit": {"distinctMembers": 3, "windowSeconds": 60},
      "penalty": {"action": "KICK"},
      "memberReason": "Coordinated promotion campaigns are removed from Acme groups.",
      "updatedAt": "2026-11-18T10:20:00Z"},
     "Three or more accounts posting the same content within a minute, across any Acme groups,\n"
     "are one campaign; from the third account on, posters are kicked."),
    ({"tenantId": LOTUS, "ruleId": R_LOTUS_CIVILITY, "version": 1, "name": "文明用语",
      "creatorId": "emp-chen", "allGroups": True,
      "keywords": [{"text": "傻瓜"}, {"text": "骗子"}, {"text": "白痴"}, {"text": "垃圾店"}],
      "penalty": {"action": "MUTE", "muteSeconds": 86400},
      "memberReason": "请文明发言，您已被禁言一天。",
      "updatedAt": "2026-11-17T08:00:00Z"},
     "Chinese keywords match as substrings; traditional forms (騙子) and separators must not\n"
     "help. Penalty override: a one-day mute."),
    ({"tenantId": LOTUS, "ruleId": R_LOTUS_DUPLICATES, "version": 1, "name": "请勿刷屏（重复消息）",
      "creatorId": "emp-chen", "allGroups": True,
      "duplicateLimit": {"maxCopies": 2, "windowSeconds": 600},
      "updatedAt": "2026-11-17T08:05:00Z"},
     "The same member may post the same text twice in ten minutes; the third copy on violates."),
    ({"tenantId": LOTUS, "ruleId": R_LOTUS_RATE, "version": 1, "name": "请勿刷屏（发言频率）",
      "creatorId": "emp-chen", "allGroups": True,
      "rateLimit": {"maxMessages": 5, "windowSeconds": 60},
      "penalty": {"action": "WARN"},
      "updatedAt": "2026-11-17T08:10:00Z"},
     "At most five messages per member per group per minute; the sixth on gets a warning."),
    ({"tenantId": LOTUS, "ruleId": R_LOTUS_RESALE, "version": 1, "name": "团购券转让（试运行）",
      "creatorId": "emp-liu", "shadow": True, "allGroups": True,
      "keywords": [{"text": "团购券转让"}, {"text": "低价转让"}],
      "updatedAt": "2026-11-19T16:00:00Z"},
     "Shadow mode: a new keyword list under test; violations are recorded, no action is taken."),
    ({"tenantId": RIVERSIDE, "ruleId": R_SCHOOL_LANGUAGE, "version": 1, "name": "Kind words",
      "creatorId": "emp-park", "allGroups": True,
      "keywords": [{"text": "idiot"}, {"text": "loser"}, {"text": "stupid"}],
      "memberReason": "Please keep messages kind: teachers and parents read this group.",
      "updatedAt": "2026-09-01T07:00:00Z"},
     "Whole-word English insults; 'class', 'closer' and 'Scunthorpe' stay innocent."),
    ({"tenantId": RIVERSIDE, "ruleId": R_SCHOOL_LINKS, "version": 1, "name": "Only staff share links",
      "creatorId": "emp-park", "groupIds": ["riverside-class-5a", "riverside-parents"],
      "senderRestrictions": [{"senderKinds": ["CUSTOMER"], "forbid": "LINKS"}],
      "penalty": {"action": "DELETE_ONLY"},
      "memberReason": "Only school staff may share links in school groups.",
      "updatedAt": "2026-09-01T07:05:00Z"},
     "Parents (CUSTOMER accounts) may not post links, in the text or as link cards; staff may.\n"
     "The message is removed, nothing more."),
]
RULE_BY_ID = {rule["ruleId"]: rule for rule, _ in RULES}

BLACKLIST = [
    ({"tenantId": ACME, "scope": "ENTERPRISE", "memberId": "c-spam-king",
      "reason": "Posts counterfeit-goods ads in many groups", "addedBy": "emp-maria",
      "addedAt": "2026-10-02T08:00:00Z"},
     "Barred from every Acme group."),
    ({"tenantId": ACME, "scope": "PERSONAL", "ownerId": "emp-wang", "memberId": "c-troll-mike",
      "reason": "Harassed staff in Wang's groups", "addedBy": "emp-wang",
      "addedAt": "2026-11-12T14:20:00Z"},
     "Personal: applies only in groups owned by emp-wang; c-troll-mike may still speak in acme-vip-en."),
    ({"tenantId": LOTUS, "scope": "ENTERPRISE", "memberId": "c-bad-review",
      "reason": "Threatened fake reviews for free meals", "addedBy": "emp-chen",
      "addedAt": "2026-11-18T10:00:00Z", "expiresAt": "2026-12-31T23:59:59Z"},
     "Expires at the end of the year: still active during the demo."),
    ({"tenantId": LOTUS, "scope": "ENTERPRISE", "memberId": "c-reformed",
      "reason": "Seven-day cooling-off after abusive posts", "addedBy": "emp-liu",
      "addedAt": "2026-11-01T09:00:00Z", "expiresAt": "2026-11-08T09:00:00Z"},
     "Expired before the demo: c-reformed may speak again."),
    ({"tenantId": LOTUS, "scope": "PERSONAL", "ownerId": "emp-chen", "memberId": "c-ex-staff",
      "reason": "Former employee poaching members", "addedBy": "emp-chen",
      "addedAt": "2026-11-15T12:00:00Z"},
     "Personal: applies in emp-chen's group lotus-sh-members only."),
    ({"tenantId": RIVERSIDE, "scope": "ENTERPRISE", "memberId": "p-tutor-ad",
      "reason": "Unsolicited paid-tutoring ads", "addedBy": "emp-park",
      "addedAt": "2026-10-20T07:30:00Z"},
     "Barred from every school group."),
]

# --------------------------------------------------------------------------------------------
# Scripted traffic: violations, disguises and innocent look-alikes, with their labels
# --------------------------------------------------------------------------------------------


@dataclass
class Msg:
    at: float  # seconds after START
    group: str
    sender: str
    text: object = None
    content_type: str = "TEXT"
    links: list = field(default_factory=list)
    app_id: object = None
    app_title: object = None
    mentions: list = field(default_factory=list)
    rules: tuple = ()  # expected rule ids
    kinds: tuple = ()  # expected ViolationKind symbols
    note: str = ""
    scripted: bool = True
    message_id: str = ""


def kw(rule, note):
    return {"rules": (rule,), "kinds": ("KEYWORD",), "note": note}


def scripted_messages():
    m = []

    def add(at, group, sender, text=None, **kwargs):
        m.append(Msg(at, group, sender, text, **kwargs))

    # --- acme-vip-en: an escalating offender, plain and disguised insults --------------------
    add(95, "acme-vip-en", "c-rude-ray", "Whoever designed this checkout is an idiot",
        **kw(R_ACME_ABUSE, "plain keyword"))
    add(232, "acme-vip-en", "c-rude-ray", "Only an ｉｄｉｏｔ pays full price here",
        **kw(R_ACME_ABUSE, "full-width letters"))
    add(388, "acme-vip-en", "c-rude-ray", "Stop being such an іdіоt about returns", mentions=["emp-alice"],
        **kw(R_ACME_ABUSE, "Cyrillic і and о look-alikes"))
    add(541, "acme-vip-en", "c-rude-ray", "what an id\u200biot policy",
        **kw(R_ACME_ABUSE, "zero-width space inside the word"))
    add(702, "acme-vip-en", "c-rude-ray", "you are a l0ser", **kw(R_ACME_ABUSE, "leetspeak 0 for o"))
    add(905, "acme-vip-en", "c-jack", "honestly what a loser move to cancel my order", **kw(R_ACME_ABUSE, "plain keyword"))
    add(1010, "acme-vip-en", "c-jack", "the courier is an i.d.i.o.t", **kw(R_ACME_ABUSE, "dots between letters"))
    add(1133, "acme-vip-en", "c-noah", "don't be an ass about the refund", **kw(R_ACME_ABUSE, "whole word 'ass'"))
    add(1244, "acme-vip-en", "c-noah", "i d i o t", **kw(R_ACME_ABUSE, "spaces between letters"))
    add(1388, "acme-vip-en", "c-noah", "such an idiooooot", **kw(R_ACME_ABUSE, "repeated letters"))
    add(1477, "acme-vip-en", "c-jack", "lo🙄ser behaviour from support", **kw(R_ACME_ABUSE, "emoji inside the word"))
    add(1560, "acme-vip-en", "c-noah", "total 1d10t", **kw(R_ACME_ABUSE, "leetspeak 1 for i, 0 for o"))
    add(1602, "acme-vip-en", "c-jack", "This flash sale is a scam", **kw(R_ACME_ABUSE, "plain keyword"))
    add(1690, "acme-vip-en", "c-olivia", "Those resellers are scammers, report them", **kw(R_ACME_ABUSE, "SUBSTRING keyword inside 'scammers'"))
    add(1775, "acme-vip-en", "c-rude-ray", "LOSER!!!", **kw(R_ACME_ABUSE, "upper case"))
    # innocent look-alikes in the same group
    add(140, "acme-vip-en", "c-emma", "The classic trench coat is back, first class quality!", note="innocent: 'class'/'classic' contain 'ass'")
    add(300, "acme-vip-en", "c-olivia", "The passage to the food court is closed today", note="innocent: 'passage' contains 'ass'")
    add(450, "acme-vip-en", "c-sophia", "Your shop assistant in Scunthorpe was so helpful", note="innocent: 'assistant', 'Scunthorpe'")
    add(610, "acme-vip-en", "c-emma", "Getting closer to Black Friday, can't wait", note="innocent: 'closer' contains 'loser'")
    add(820, "acme-vip-en", "c-sophia", "The garlic scampi at the food court is great", note="innocent: allow-word 'scampi' contains 'scam'")
    add(1300, "acme-vip-en", "c-olivia", "Kids scamper around the toy aisle every Saturday", note="innocent: allow-word 'scamper'")
    add(1740, "acme-vip-en", "c-troll-mike", "Any restock date for the wool scarves?",
        note="innocent: c-troll-mike's personal blacklist belongs to emp-wang, this group is emp-alice's")

    # --- acme-fans-zh / acme-outlet-zh: Chinese insults and ads --------------------------------
    add(120, "acme-fans-zh", "c-liu-yang", "客服是骗子吧，退款一直不到", **kw(R_ACME_ABUSE, "plain keyword"))
    add(415, "acme-fans-zh", "c-liu-yang", "這家店的客服是騙子", **kw(R_ACME_ABUSE, "traditional 騙子 for 骗子"))
    add(660, "acme-fans-zh", "c-chen-jie", "排队的人都是傻瓜吗", **kw(R_ACME_ABUSE, "plain keyword"))
    add(980, "acme-fans-zh", "c-chen-jie", "白痴才会原价买", **kw(R_ACME_ABUSE, "plain keyword"))
    add(1205, "acme-outlet-zh", "c-zhou-min", "店员真是傻.瓜", **kw(R_ACME_ABUSE, "dot between the characters"))
    add(1420, "acme-outlet-zh", "c-zhou-min", "骗😡子！", **kw(R_ACME_ABUSE, "emoji between the characters"))
    add(1680, "acme-fans-zh", "c-chen-jie", "你是白 痴吗", **kw(R_ACME_ABUSE, "space between the characters"))
    add(255, "acme-fans-zh", "c-wang-fang", "生日快乐！祝小李生日快乐🎂", note="innocent: 生日快乐")
    add(780, "acme-outlet-zh", "c-sun-li", "奥特莱斯还有傻瓜相机卖吗？", note="innocent: allow-word 傻瓜相机")
    ads = kw(R_ACME_ADS, "")
    add(330, "acme-fans-zh", "c-deal-hunter", "专业代购，正品保证，私聊", **{**ads, "note": "ad keyword 代购"})
    add(585, "acme-outlet-zh", "c-deal-hunter", "想赚零花钱的加微信", **{**ads, "note": "ad keyword 加微信"})
    add(866, "acme-outlet-zh", "c-deal-hunter", "刷单兼职，日结200", **{**ads, "note": "ad keyword 刷单"})
    add(1088, "acme-fans-zh", "c-deal-hunter", "代-购大牌包包，便宜", **{**ads, "note": "ad keyword with a hyphen inside"})
    add(1715, "acme-outlet-zh", "c-deal-hunter", "加 微 信 领优惠券", **{**ads, "note": "ad keyword with spaces inside"})
    add(1230, "acme-outlet-zh", "c-deal-hunter", "正品代购 www.bags-outlet.cn",
        rules=(R_ACME_ADS, R_ACME_LINKS), kinds=("KEYWORD", "LINK"), note="ad keyword and an unlisted link: two rules")
    regex = {"rules": (R_ACME_ADS,), "kinds": ("REGEX",)}
    add(1333, "acme-fans-zh", "c-deal-hunter", "有需要的 vx: deals_8888", **regex, note="WeChat id regex")
    add(1555, "acme-outlet-zh", "c-deal-hunter", "V信：bagsoutlet2026", **regex, note="WeChat id regex, full-width colon")
    add(1510, "acme-vip-en", "c-jack", "DM me on vx:cheapbags01 for deals", **regex, note="WeChat id regex in English")

    # --- acme links and mini-program cards ----------------------------------------------------
    link = {"rules": (R_ACME_LINKS,), "kinds": ("LINK",)}
    add(175, "acme-vip-en", "c-jack", "90% off at shop.example-offers.com today", **link, note="bare domain in text")
    add(470, "acme-fans-zh", "c-liu-yang", "www.bad-deals.cn/promo 全场一折", **link, note="www link in text")
    add(745, "acme-vip-en", "c-noah", "best prices at cheap-bags . com", **link, note="domain spaced out to dodge link detection")
    add(1045, "acme-outlet-zh", "c-zhao-lei", "同款更便宜", content_type="LINK",
        links=["http://tb.example-mall.cn/item/8812"], **link, note="link card to another shop")
    add(1640, "acme-vip-en", "c-olivia", "pay here instead", content_type="LINK",
        links=["https://pay.example.net/other-shop/checkout"], **link, note="same payment host, prefix not whitelisted")
    add(60, "acme-vip-en", "emp-alice", "Black Friday preview is live!", content_type="LINK",
        links=["https://www.acme.example/black-friday"], note="innocent: whitelisted domain (subdomain www)")
    add(350, "acme-vip-en", "bot-acme", "Your order status: https://shop.acme.example/orders/77812",
        note="innocent: whitelisted subdomain in text")
    add(520, "acme-fans-zh", "emp-wang", "退货流程请看 https://acme.example/returns",
        note="innocent: whitelisted domain in text")
    add(935, "acme-outlet-zh", "c-sun-li", "付款链接", content_type="LINK",
        links=["https://pay.example.net/acme/order/1234"], note="innocent: whitelisted URL prefix")
    add(1180, "acme-vip-en", "c-swift-express", "Parcels for the vip event: track.example-express.com/p/5531",
        note="innocent: member exempt from the link rule")
    card = {"rules": (R_ACME_CARDS,), "kinds": ("MINI_PROGRAM",)}
    add(640, "acme-fans-zh", "c-wang-fang", None, content_type="MINI_PROGRAM", app_id="wx5e1d0b7a9c3f2e10",
        app_title="砍一刀领好礼", **card, note="card of an unlisted mini-program")
    add(1270, "acme-vip-en", "c-emma", None, content_type="MINI_PROGRAM", app_id="wx77aa12bc34de56f0",
        app_title="Spin & Win", **card, note="card of an unlisted mini-program")
    add(205, "acme-fans-zh", "emp-wang", "会员日福利看这里", content_type="MINI_PROGRAM", app_id="wxa1c3e5f7a9b1c3e6",
        app_title="Acme会员中心", note="innocent: whitelisted mini-program")
    add(1150, "acme-outlet-zh", "c-zhao-lei", None, content_type="MINI_PROGRAM", app_id="wxa1c3e5f7a9b1c3e5",
        app_title="Acme商城", note="innocent: whitelisted mini-program")

    # --- acme flood: five fresh accounts post the same shopping game within 40 s -------------
    flood_text = "🎁黑五购物小游戏！帮我点一下，三人成团免费领，回复1参与"
    for i, (at, group) in enumerate([(750, "acme-fans-zh"), (758, "acme-outlet-zh"), (767, "acme-vip-en"),
                                     (779, "acme-fans-zh"), (790, "acme-outlet-zh")], start=1):
        expectation = {"rules": (R_ACME_FLOOD,), "kinds": ("FLOOD",),
                       "note": f"flood campaign, account {i} of 5 (the third distinct account makes it a flood)"} \
            if i >= 3 else {"note": f"flood campaign, account {i} of 5: below the flood threshold yet"}
        add(at, group, f"c-game-0{i}", flood_text, **expectation)

    # --- acme blacklisted members ---------------------------------------------------------------
    black = {"kinds": ("BLACKLISTED_SENDER",)}
    add(400, "acme-outlet-zh", "c-spam-king", "大家好，新人报到", **black, note="enterprise blacklist")
    add(1360, "acme-vip-en", "c-spam-king", "hi all, anyone selling gift cards?", **black, note="enterprise blacklist")
    add(1500, "acme-fans-zh", "c-troll-mike", "你们的客服还在吗", **black, note="personal blacklist of the group owner emp-wang")

    # --- lotus-dining ---------------------------------------------------------------------------
    civility = kw(R_LOTUS_CIVILITY, "")
    add(150, "lotus-sh-members", "c-guo-tao", "服务员是傻瓜吗，点的菜一直不上", **{**civility, "note": "plain keyword"})
    add(480, "lotus-bj-members", "c-he-ping", "这家店就是骗子", **{**civility, "note": "plain keyword"})
    add(720, "lotus-gz-members", "c-deng-hui", "收银的是騙子", **{**civility, "note": "traditional 騙子"})
    add(1030, "lotus-sh-members", "c-guo-tao", "傻🙄瓜服务", **{**civility, "note": "emoji between the characters"})
    add(1260, "lotus-bj-members", "c-he-ping", "经理是白痴", **{**civility, "note": "plain keyword"})
    add(1520, "lotus-bj-members", "c-lin-xue", "别理那个骗 子", **{**civility, "note": "space between the characters"})
    add(1450, "lotus-gz-members", "c-deng-hui", "垃圾店，再也不来了", **{**civility, "note": "plain keyword"})
    add(1620, "lotus-sh-members", "c-ma-chao", "垃 圾 店", **{**civility, "note": "spaces between the characters"})
    add(330, "lotus-sh-members", "c-xu-jing", "生日快乐！今晚在店里给妈妈过生日", note="innocent: 生日快乐")
    # duplicates: the same question five times, 100 s apart
    for i, at in enumerate([560, 660, 760, 860, 960], start=1):
        expectation = {"rules": (R_LOTUS_DUPLICATES,), "kinds": ("DUPLICATE",),
                       "note": f"copy {i} of the same text (two copies allowed in 10 min)"} \
            if i > 2 else {"note": f"copy {i} of the same text: allowed"}
        add(at, "lotus-sh-members", "c-coupon-amy", "有人拼桌吗？周六晚上六人桌", **expectation)
    # rate: eight messages in 35 s
    burst = ["到了吗", "我在门口", "排号多少了", "怎么还没叫号", "服务员呢", "能快点吗", "等了半小时了", "还要多久"]
    for i, text in enumerate(burst, start=1):
        expectation = {"rules": (R_LOTUS_RATE,), "kinds": ("RATE_LIMIT",),
                       "note": f"message {i} within a minute (five allowed)"} \
            if i > 5 else {"note": f"message {i} within a minute: allowed"}
        add(1100 + 5 * (i - 1), "lotus-bj-members", "c-xiao-ming", text, **expectation)
    shadow = {"rules": (R_LOTUS_RESALE,), "kinds": ("KEYWORD",)}
    add(690, "lotus-bj-members", "c-lin-xue", "团购券转让，198元双人套餐，需要私聊", **shadow, note="shadow rule: recorded, no action")
    add(1390, "lotus-gz-members", "c-luo-qi", "低价转让两张火锅券", **shadow, note="shadow rule: recorded, no action")
    add(1660, "lotus-sh-members", "c-xu-jing", "有团购券转让吗？想要两张", **shadow, note="shadow rule: a buyer also trips it (why it is on trial)")
    add(270, "lotus-gz-members", "c-bad-review", "今天的菜不好吃，给我免单不然差评", **black,
        note="enterprise blacklist entry that expires at year end: active")
    add(1220, "lotus-gz-members", "c-reformed", "上次是我不对，今天的鱼很好吃", note="innocent: blacklist entry expired")
    add(840, "lotus-sh-members", "c-ex-staff", "想吃的私聊我，有内部价", **black,
        note="personal blacklist of the group owner emp-chen")
    add(1580, "lotus-bj-members", "c-ex-staff", "北京店今天人多吗？", note="innocent: personal blacklist belongs to emp-chen, this group is emp-liu's")

    # --- riverside-school -----------------------------------------------------------------------
    school = kw(R_SCHOOL_LANGUAGE, "")
    add(210, "riverside-parents", "p-angry-dan", "The driver who blocked the gate is an idiot", **{**school, "note": "plain keyword"})
    add(500, "riverside-parents", "p-angry-dan", "That was a stupid decision by the board", **{**school, "note": "plain keyword"})
    add(810, "riverside-parents", "p-angry-dan", "only a L0SER skips the meeting", **{**school, "note": "upper case and leetspeak"})
    add(1110, "riverside-parents", "p-angry-dan", "stuuuupid rule", **{**school, "note": "repeated letters"})
    add(1400, "riverside-parents", "p-angry-dan", "what a ѕtupid timetable", **{**school, "note": "Cyrillic ѕ look-alike"})
    add(1700, "riverside-class-5a", "p-novak", "l o s e r", mentions=["p-kim"], **{**school, "note": "spaces between letters"})
    add(1180, "riverside-class-5a", "p-singh", "you absolute idiot", mentions=["p-osei"], **{**school, "note": "plain keyword"})
    no_links = {"rules": (R_SCHOOL_LINKS,), "kinds": ("SENDER_RESTRICTION",)}
    add(360, "riverside-class-5a", "p-garcia", "Great reading tips: https://reading.example.org/tips", **no_links,
        note="parent posts a link in the text")
    add(950, "riverside-parents", "p-kim", "Costume sale", content_type="LINK",
        links=["https://costumes.example.com/school"], **no_links, note="parent posts a link card")
    add(1500, "riverside-parents", "p-brown", "carpool sheet at docs.example.com/carpool", **no_links,
        note="parent posts a bare domain")
    add(1610, "riverside-class-5a", "p-osei", "Found a maths game: www.mathfun.example.com", **no_links,
        note="parent posts a www link")
    add(180, "riverside-class-5a", "emp-jones", "Homework sheet: https://riverside.example.edu/5a/week47",
        note="innocent: staff may post links")
    add(240, "riverside-class-5a", "p-osei", "Which passage of the classic novel do we read for class?",
        note="innocent: 'passage', 'classic', 'class'")
    add(660, "riverside-parents", "p-singh", "The school trip to Scunthorpe is getting closer!",
        note="innocent: 'Scunthorpe', 'closer'")
    add(1010, "riverside-parents", "p-tutor-ad", "Hello parents, I am new here", **black, note="enterprise blacklist")
    return m


# --------------------------------------------------------------------------------------------
# Innocent chatter from templates
# --------------------------------------------------------------------------------------------

EN_SLOTS = {
    "product": ["wool scarf", "rain jacket", "denim jacket", "leather boots", "gift card", "winter coat",
                "backpack", "cashmere sweater", "running shoes", "travel mug"],
    "size": ["S", "M", "L", "XL", "size 38", "size 42"],
    "store": ["Downtown", "Riverside Mall", "Airport", "Eastgate", "Harbour"],
    "day": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
    "color": ["navy", "olive", "black", "cream", "burgundy"],
    "hour": ["9", "10", "11"],
}
EN_CUSTOMER = [
    "Is the {product} back in stock in {size}?", "Just picked up my {product}, love it!",
    "What time does the {store} store open on {day}?", "Does the {product} come in {color}?",
    "Any news on the Black Friday sale for the {product}?", "Can I return a {product} bought online at the {store} store?",
    "The {store} store had a long queue on {day}", "Is the {color} {product} worth it?",
    "Thanks, the {product} in {color} arrived today", "Does the {store} store do gift wrapping?",
]
EN_STAFF = [
    "Hi! The {product} in {size} is back on {day}.", "The {store} store opens at {hour}:00 on {day}.",
    "Yes, the {product} comes in {color} too.", "Online orders can be returned at the {store} store within 30 days.",
    "Black Friday prices for the {product} start on {day}.", "Gift wrapping is free at the {store} store this week.",
]
ZH_RETAIL_SLOTS = {
    "product": ["羊毛围巾", "羽绒服", "牛仔外套", "运动鞋", "双肩包", "保温杯", "羊绒衫", "雨伞"],
    "size": ["S", "M", "L", "XL", "38", "42"],
    "store": ["南京路", "徐家汇", "五角场", "陆家嘴", "虹桥"],
    "day": ["周一", "周二", "周三", "周四", "周五", "周六", "周日"],
    "color": ["藏青色", "黑色", "米白色", "酒红色", "墨绿色"],
    "hour": ["9", "10", "11"],
}
ZH_RETAIL_CUSTOMER = [
    "请问{product}还有{size}码吗？", "{store}店{day}几点开门？", "刚收到{product}，质量很好👍",
    "{color}的{product}好看吗？", "{product}黑五会打折吗？", "网上买的{product}可以去{store}店退吗？",
    "{day}去{store}店人多吗？", "{product}有{color}的吗？", "会员积分能换{product}吗？", "{store}店有停车位吗？",
]
ZH_RETAIL_STAFF = [
    "您好，{product}{size}码{day}到货。", "{store}店{day}{hour}点开门哦。", "{product}有{color}的，欢迎到店试穿。",
    "网购商品30天内可以到{store}店退换。", "{product}黑五当天有优惠，敬请关注。", "{store}店{day}有会员专场活动。",
]
ZH_DINING_SLOTS = {
    "store": ["静安寺", "人民广场", "三里屯", "国贸", "天河", "珠江新城"],
    "dish": ["酸菜鱼", "小笼包", "红烧肉", "麻婆豆腐", "烤鸭", "糖醋排骨", "虾饺", "杨枝甘露"],
    "n": ["两", "三", "四", "六", "八"],
    "time": ["六点", "六点半", "七点", "七点半", "中午十二点"],
    "day": ["今晚", "明天中午", "周六晚上", "周日中午", "周五晚上"],
}
ZH_DINING_CUSTOMER = [
    "{day}{store}店还有位子吗？", "{dish}太好吃了！", "想订{n}人桌，{day}{time}可以吗？",
    "{store}店的{dish}今天有吗？", "{day}去{store}店要排队吗？", "推荐一下{store}店的招牌菜？",
    "会员日{dish}打折吗？", "{store}店可以带宠物吗？", "刚吃完{dish}，好满足", "{store}店停车方便吗？",
]
ZH_DINING_STAFF = [
    "{day}{store}店还有{n}人桌，可以预订。", "{dish}每天限量供应，建议早点来。", "{store}店{time}之前基本不用排队。",
    "会员日{dish}八折哦。", "已为您预留{day}{time}的{n}人桌。", "{store}店提供免费停车两小时。",
]
EN_SCHOOL_SLOTS = {
    "subject": ["maths", "science", "reading", "history", "art", "music"],
    "day": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"],
    "event": ["the science fair", "sports day", "the book swap", "picture day", "the winter concert", "the bake sale"],
    "item": ["a water bottle", "a packed lunch", "PE kit", "a library book", "wellies", "a recorder"],
}
EN_SCHOOL_PARENT = [
    "Is the {subject} homework due on {day}?", "Do the children need {item} on {day}?",
    "What time does {event} start?", "Can parents help out at {event}?",
    "Thanks for organising {event}!", "My son left {item} at school on {day}",
    "Is there {subject} club this {day}?", "Who is bringing snacks for {event}?",
]
EN_SCHOOL_STAFF = [
    "Reminder: {event} is on {day}.", "Please send {item} on {day}.", "The {subject} homework is due on {day}.",
    "Thank you to everyone who helped with {event}.", "{subject} club runs every {day} after school.",
]
TEMPLATES = {
    (ACME, "en"): (EN_SLOTS, EN_CUSTOMER, EN_STAFF),
    (ACME, "zh"): (ZH_RETAIL_SLOTS, ZH_RETAIL_CUSTOMER, ZH_RETAIL_STAFF),
    (LOTUS, "zh"): (ZH_DINING_SLOTS, ZH_DINING_CUSTOMER, ZH_DINING_STAFF),
    (RIVERSIDE, "en"): (EN_SCHOOL_SLOTS, EN_SCHOOL_PARENT, EN_SCHOOL_STAFF),
}


def fill(template, slots, rnd):
    text = template
    for name, values in slots.items():
        text = text.replace("{" + name + "}", rnd.choice(values))
    return text


def content_key(text):
    """What the duplicate and flood checks compare: case and spacing do not matter."""
    return " ".join((text or "").casefold().split())


def chatter(rnd, scripted):
    """Innocent messages, never repeating a text within a tenant in ten minutes and never
    letting a member reach the rate limit, so only scripted messages break stateful rules."""
    weights = [g.chatter_weight for g in GROUPS]
    times = sorted(rnd.uniform(5, DURATION_S - 5) for _ in range(CHATTER_MESSAGES))
    recent_texts = [(msg.at, GROUP_BY_ID[msg.group].tenant, content_key(msg.text)) for msg in scripted]
    sent = [(msg.at, msg.group, msg.sender) for msg in scripted]
    out = []
    for at in times:
        group = rnd.choices(GROUPS, weights)[0]
        slots, customer_templates, staff_templates = TEMPLATES[(group.tenant, group.language)]
        while True:
            staff = rnd.random() < 0.3
            sender = rnd.choice(group.staff if staff else group.customers)
            text = fill(rnd.choice(staff_templates if staff else customer_templates), slots, rnd)
            key = content_key(text)
            text_recent = any(t == group.tenant and k == key and abs(at - when) < 600
                              for when, t, k in recent_texts)
            absent = not present(group.group_id, sender, at)
            busy = sum(1 for when, g, s in sent if g == group.group_id and s == sender and abs(at - when) < 60) >= 3
            if not text_recent and not busy and not absent:
                break
        recent_texts.append((at, group.tenant, key))
        sent.append((at, group.group_id, sender))
        out.append(Msg(at, group.group_id, sender, text, scripted=False, note="chatter"))
    return out


# --------------------------------------------------------------------------------------------
# Member events
# --------------------------------------------------------------------------------------------


# (seconds after START, group, member, type, invitedBy, expected to be a blacklisted join)
MEMBER_EVENTS = [
    (60, "lotus-gz-members", "bot-lotus", "JOIN", "emp-huang", False),
    (110, "acme-vip-en", "c-sophia", "JOIN", "c-emma", False),
    (160, "riverside-parents", "p-ahmed", "JOIN", "emp-park", False),
    (220, "acme-outlet-zh", "c-spam-king", "JOIN", None, True),
    (250, "lotus-gz-members", "c-bad-review", "JOIN", None, True),
    (300, "lotus-bj-members", "c-gao-yan", "JOIN", "emp-liu", False),
    (420, "lotus-gz-members", "c-reformed", "JOIN", "c-luo-qi", False),
    (500, "lotus-sh-members", "c-ex-staff", "JOIN", "c-guo-tao", True),
    (510, "lotus-bj-members", "c-ex-staff", "JOIN", "c-he-ping", False),
    (540, "riverside-parents", "p-tutor-ad", "JOIN", None, True),
    (600, "riverside-class-5a", "p-brown", "JOIN", "emp-jones", False),
    (700, "acme-fans-zh", "c-game-01", "JOIN", None, False),
    (705, "acme-outlet-zh", "c-game-02", "JOIN", None, False),
    (712, "acme-vip-en", "c-game-03", "JOIN", None, False),
    (718, "acme-fans-zh", "c-game-04", "JOIN", None, False),
    (725, "acme-outlet-zh", "c-game-05", "JOIN", None, False),
    (1200, "acme-outlet-zh", "c-troll-mike", "JOIN", None, True),
    (1500, "lotus-sh-members", "c-hu-ying", "LEAVE", None, False),
    (1650, "acme-vip-en", "c-noah", "LEAVE", None, False),
    (1760, "riverside-parents", "p-angry-dan", "LEAVE", None, False),
]


def present(group_id, member, at):
    """Whether the member is in the group at that time, judged by their join / leave events."""
    for event_at, event_group, event_member, event_type, _, _ in MEMBER_EVENTS:
        if event_group == group_id and event_member == member:
            if event_type == "JOIN" and at < event_at or event_type == "LEAVE" and at >= event_at:
                return False
    return True


def member_events():
    records = []
    for i, (at, group_id, member, event_type, invited_by, blacklisted) in enumerate(MEMBER_EVENTS, start=1):
        group = GROUP_BY_ID[group_id]
        records.append(({
            "eventId": f"ev-{i:03d}", "tenantId": group.tenant, "groupId": group_id,
            "groupOwnerId": group.owner, "memberId": member, "memberKind": sender_kind(member),
            "type": event_type, "eventTime": START_MS + at * 1000, "invitedBy": invited_by,
        }, blacklisted))
    return records


# --------------------------------------------------------------------------------------------
# Self-checks
# --------------------------------------------------------------------------------------------


class SchemaCheck:
    """Checks plain-JSON records against the .avsc files (named types resolved across files)."""

    def __init__(self, avro_dir):
        self.named = {}
        self.top = {}
        for path in sorted(avro_dir.rglob("*.avsc")):
            schema = json.loads(path.read_text(encoding="utf-8"))
            self._register(schema, schema.get("namespace"))
            self.top[schema["name"]] = schema

    def _register(self, schema, namespace):
        if isinstance(schema, list):
            for branch in schema:
                self._register(branch, namespace)
        elif isinstance(schema, dict):
            if schema.get("type") in ("record", "enum", "fixed"):
                namespace = schema.get("namespace", namespace)
                self.named[schema["name"]] = schema
                self.named[f"{namespace}.{schema['name']}"] = schema
            for child in schema.get("fields", []):
                self._register(child["type"], namespace)
            if schema.get("type") == "array":
                self._register(schema["items"], namespace)

    def check(self, record_name, value):
        self._check(self.top[record_name], value, record_name)

    def _check(self, schema, value, path):
        if isinstance(schema, str) and schema in self.named:
            schema = self.named[schema]
        if isinstance(schema, list):
            errors = []
            for branch in schema:
                try:
                    return self._check(branch, value, path)
                except ValueError as e:
                    errors.append(str(e))
            raise ValueError(f"{path}: fits no branch of the union: {errors}")
        kind = schema if isinstance(schema, str) else schema["type"]
        if isinstance(schema, dict) and schema.get("logicalType") == "timestamp-millis":
            if isinstance(value, str):
                datetime.fromisoformat(value.replace("Z", "+00:00"))
                return
        checks = {
            "null": lambda v: v is None, "boolean": lambda v: isinstance(v, bool),
            "string": lambda v: isinstance(v, str),
            "int": lambda v: isinstance(v, int) and not isinstance(v, bool) and -2**31 <= v < 2**31,
            "long": lambda v: isinstance(v, int) and not isinstance(v, bool),
        }
        if kind in checks:
            if not checks[kind](value):
                raise ValueError(f"{path}: {value!r} is not a {kind}")
        elif kind == "enum":
            if value not in schema["symbols"]:
                raise ValueError(f"{path}: {value!r} is not one of {schema['symbols']}")
        elif kind == "array":
            if not isinstance(value, list):
                raise ValueError(f"{path}: {value!r} is not an array")
            for i, item in enumerate(value):
                self._check(schema["items"], item, f"{path}[{i}]")
        elif kind == "record":
            if not isinstance(value, dict):
                raise ValueError(f"{path}: {value!r} is not a {schema['name']} object")
            names = {f["name"] for f in schema["fields"]}
            unknown = set(value) - names
            if unknown:
                raise ValueError(f"{path}: unknown fields {sorted(unknown)} for {schema['name']}")
            for f in schema["fields"]:
                if f["name"] in value:
                    self._check(f["type"], value[f["name"]], f"{path}.{f['name']}")
                elif "default" not in f:
                    raise ValueError(f"{path}: required field {f['name']} missing")
        else:
            raise ValueError(f"{path}: unsupported schema {schema!r}")


def applicable_rules(tenant, group_id):
    return [rule for rule, _ in RULES if rule["tenantId"] == tenant and rule.get("enabled", True)
            and (rule.get("allGroups") or group_id in rule.get("groupIds", []))]


def plain_keyword_hits(msg, tenant):
    """Keywords and regexes found by plain matching (no de-obfuscation): a lower bound used to
    prove that innocent messages are innocent."""
    text = (msg.text or "").casefold()
    hits = set()
    for rule in applicable_rules(tenant, msg.group):
        allowed = text
        for word in rule.get("allowWords", []):
            allowed = allowed.replace(word.casefold(), " ")
        for keyword in rule.get("keywords", []):
            word = keyword["text"].casefold()
            if keyword.get("match", "AUTO") == "SUBSTRING" or not word.isascii():
                found = word in allowed
            else:
                found = re.search(rf"(?<![a-z0-9]){re.escape(word)}(?![a-z0-9])", allowed) is not None
            if found:
                hits.add(rule["ruleId"])
        if any(re.search(regex, msg.text or "") for regex in rule.get("regexes", [])):
            hits.add(rule["ruleId"])
    return hits


def blacklisted(tenant, owner, member, when_ms):
    for entry, _ in BLACKLIST:
        if entry["tenantId"] != tenant or entry["memberId"] != member:
            continue
        if entry["scope"] == "PERSONAL" and entry["ownerId"] != owner:
            continue
        expires = entry.get("expiresAt")
        if expires is None or when_ms < iso_ms(expires):
            return True
    return False


def iso_ms(text):
    return int(datetime.fromisoformat(text.replace("Z", "+00:00")).timestamp() * 1000)


def simulate_stateful(messages):
    """Recomputes which messages break the rate, duplicate, flood and blacklist checks."""
    found = {}  # message id -> set of (rule id or None, kind)
    history = []  # (seconds, message) already seen
    for msg in messages:
        group = GROUP_BY_ID[msg.group]
        hits = set()
        if blacklisted(group.tenant, group.owner, msg.sender, START_MS + int(msg.at * 1000)):
            hits.add((None, "BLACKLISTED_SENDER"))
        for rule in applicable_rules(group.tenant, msg.group):
            if rule.get("rateLimit"):
                limit = rule["rateLimit"]
                count = 1 + sum(1 for at, m in history if m.group == msg.group and m.sender == msg.sender
                                and msg.at - at < limit["windowSeconds"])
                if count > limit["maxMessages"]:
                    hits.add((rule["ruleId"], "RATE_LIMIT"))
            if rule.get("duplicateLimit") and msg.text:
                limit = rule["duplicateLimit"]
                copies = 1 + sum(1 for at, m in history if m.group == msg.group and m.sender == msg.sender
                                 and content_key(m.text) == content_key(msg.text)
                                 and msg.at - at < limit["windowSeconds"])
                if copies > limit["maxCopies"]:
                    hits.add((rule["ruleId"], "DUPLICATE"))
            if rule.get("floodLimit") and msg.text:
                limit = rule["floodLimit"]
                senders = {m.sender for at, m in history if GROUP_BY_ID[m.group].tenant == group.tenant
                           and content_key(m.text) == content_key(msg.text)
                           and msg.at - at < limit["windowSeconds"]} | {msg.sender}
                if len(senders) >= limit["distinctMembers"]:
                    hits.add((rule["ruleId"], "FLOOD"))
        if hits:
            found[msg.message_id] = hits
        history.append((msg.at, msg))
    return found


STATEFUL_KINDS = {"RATE_LIMIT", "DUPLICATE", "FLOOD", "BLACKLISTED_SENDER"}


def verify(messages, events, schema):
    simulated = simulate_stateful(messages)
    for msg in messages:
        record = message_record(msg)
        schema.check("ChatMessage", record)
        scripted_stateful = {(rule, kind) for rule, kind in labelled_pairs(msg) if kind in STATEFUL_KINDS}
        assert scripted_stateful == simulated.get(msg.message_id, set()), \
            f"{msg.message_id} ({msg.note}): scripted {scripted_stateful}, simulated {simulated.get(msg.message_id)}"
        if not msg.rules and not msg.kinds:
            hits = plain_keyword_hits(msg, GROUP_BY_ID[msg.group].tenant)
            assert not hits, f"innocent {msg.message_id} '{msg.text}' hits {hits}"
        assert all(rule in RULE_BY_ID for rule in msg.rules), msg
        assert present(msg.group, msg.sender, msg.at), f"{msg.sender} is not in {msg.group} at {msg.at} s"
    for record, should_hit in events:
        schema.check("MemberEvent", record)
        hit = blacklisted(record["tenantId"], record["groupOwnerId"], record["memberId"], record["eventTime"])
        assert hit == (should_hit and record["type"] == "JOIN"), record
    for rule, _ in RULES:
        schema.check("ModerationRule", rule)
    for entry, _ in BLACKLIST:
        schema.check("BlacklistEntry", entry)
    times = [m.at for m in messages]
    assert times == sorted(times) and len(set(m.message_id for m in messages)) == len(messages)


def labelled_pairs(msg):
    """(rule id, kind) pairs of a label; rule-less kinds (blacklist) pair with None."""
    if msg.kinds == ("BLACKLISTED_SENDER",):
        return {(None, "BLACKLISTED_SENDER")}
    return {(rule, kind) for rule in msg.rules for kind in msg.kinds}


# --------------------------------------------------------------------------------------------
# Output
# --------------------------------------------------------------------------------------------


def message_record(msg):
    group = GROUP_BY_ID[msg.group]
    return {
        "tenantId": group.tenant, "groupId": msg.group, "groupOwnerId": group.owner,
        "messageId": msg.message_id, "senderId": msg.sender, "senderKind": sender_kind(msg.sender),
        "senderRoles": sender_roles(msg.sender, group), "sendTime": START_MS + int(msg.at * 1000),
        "contentType": msg.content_type, "text": msg.text, "links": msg.links,
        "miniProgramAppId": msg.app_id, "miniProgramTitle": msg.app_title, "mentions": msg.mentions,
    }


def yaml_scalar(value):
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    return json.dumps(value, ensure_ascii=False)  # a JSON string is a valid YAML double-quoted scalar


def yaml_lines(value, indent):
    """Block-style YAML for dicts, lists and scalars; empty collections inline."""
    pad = " " * indent
    if isinstance(value, dict):
        for key, item in value.items():
            if isinstance(item, (dict, list)) and item:
                yield f"{pad}{key}:"
                yield from yaml_lines(item, indent + 2)
            else:
                yield f"{pad}{key}: {'[]' if item == [] else yaml_scalar(item)}"
    elif isinstance(value, list):
        for item in value:
            if isinstance(item, dict) and item:
                lines = list(yaml_lines(item, indent + 2))
                yield f"{pad}- {lines[0].lstrip()}"
                yield from lines[1:]
            else:
                yield f"{pad}- {yaml_scalar(item)}"


def yaml_document(title, key, items):
    lines = [f"# {title}", "# Generated by scripts/demo-data/generate_demo_data.py: edit the script, not this file.",
             f"{key}:"]
    for item, comment in items:
        lines += [""] + [f"  # {line}" for line in comment.splitlines()]
        lines += list(yaml_lines([item], 2))
    return "\n".join(lines) + "\n"


def jsonl(records):
    return "".join(json.dumps(r, ensure_ascii=False, separators=(",", ":")) + "\n" for r in records)


def label_record(msg):
    return {"messageId": msg.message_id, "expectedRuleIds": sorted(msg.rules),
            "expectedKinds": sorted(msg.kinds), "note": msg.note}


def expected_markdown(messages, events):
    violating = [m for m in messages if m.kinds]
    lines = [
        "# Expected outcome of the demo data",
        "",
        "Generated by `scripts/demo-data/generate_demo_data.py` from its own ground truth; "
        "`labels.jsonl` holds the same labels for every message (innocent ones with empty lists).",
        "",
        f"{len(messages)} messages from {START.isoformat().replace('+00:00', 'Z')} over 30 minutes, "
        f"{len(violating)} expected to violate ({100 * len(violating) // len(messages)}%), "
        f"{len(events)} member events.",
        "",
        "Semantics the labels assume: a rate limit flags the (maxMessages+1)-th message of a member in a "
        "group within the window; a duplicate limit flags the (maxCopies+1)-th identical text (case and "
        "spacing ignored) of a member within the window; a flood flags the message that brings the number "
        "of distinct senders of one text in the tenant within the window to distinctMembers, and later ones. "
        "Shadow-rule violations are recorded with shadow=true and cause no action.",
        "",
        "| message | group | sender | text | expected rule | kind | note |",
        "|---|---|---|---|---|---|---|",
    ]

    def cell(value):
        return str(value).replace("|", "\\|").replace("\u200b", "<U+200B>")

    def shown(m):
        text = m.text if m.text is not None else f"[card {m.app_title} / {m.app_id}]"
        return cell(" ".join([text] + m.links))

    for m in violating:
        rule = ", ".join(m.rules) or "(blacklist)"
        lines.append(f"| {m.message_id} | {m.group} | {m.sender} | {shown(m)} | {rule} | "
                     f"{', '.join(m.kinds)} | {cell(m.note)} |")
    lines += ["", "Member events expected to violate (BLACKLISTED_JOIN):", "",
              "| event | group | member |", "|---|---|---|"]
    for record, hit in events:
        if hit:
            lines.append(f"| {record['eventId']} | {record['groupId']} | {record['memberId']} |")
    lines += ["", "Innocent messages that look suspicious (must not fire):", "",
              "| message | group | text | why it is innocent |", "|---|---|---|---|"]
    for m in messages:
        if m.scripted and not m.kinds and m.note.startswith("innocent"):
            lines.append(f"| {m.message_id} | {m.group} | {shown(m)} | {cell(m.note[len('innocent: '):])} |")
    return "\n".join(lines) + "\n"


def build():
    rnd = random.Random(SEED)
    scripted = scripted_messages()
    messages = sorted(scripted + chatter(rnd, scripted), key=lambda m: m.at)
    for i, msg in enumerate(messages, start=1):
        msg.message_id = f"msg-{i:04d}"
    events = member_events()
    verify(messages, events, SchemaCheck(AVRO_DIR))
    return {
        "rules.yaml": yaml_document("Example moderation rules of three tenants (ModerationRule.avsc field names).",
                                    "rules", RULES),
        "blacklist.yaml": yaml_document("Example blacklist entries (BlacklistEntry.avsc field names).",
                                        "entries", BLACKLIST),
        "messages.jsonl": jsonl(message_record(m) for m in messages),
        "member-events.jsonl": jsonl(record for record, _ in events),
        "labels.jsonl": jsonl(label_record(m) for m in messages),
        "expected.md": expected_markdown(messages, events),
    }


def check_yaml_round_trip(files):
    """When PyYAML is installed, proves the YAML parses back to exactly the source data."""
    try:
        import yaml
    except ImportError:
        return
    assert yaml.safe_load(files["rules.yaml"]) == {"rules": [rule for rule, _ in RULES]}
    assert yaml.safe_load(files["blacklist.yaml"]) == {"entries": [entry for entry, _ in BLACKLIST]}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail if the committed files differ from the output")
    args = parser.parse_args()
    files = build()
    check_yaml_round_trip(files)
    if args.check:
        stale = [name for name, content in files.items()
                 if not (OUT_DIR / name).exists() or (OUT_DIR / name).read_text(encoding="utf-8") != content]
        if stale:
            sys.exit(f"stale demo data, run {Path(__file__).name}: {', '.join(stale)}")
        print("demo data is up to date")
        return
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    for name, content in files.items():
        (OUT_DIR / name).write_text(content, encoding="utf-8")
    print(f"wrote {len(files)} files to {OUT_DIR.relative_to(REPO)}")


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Writes the Jiangxi sample network (data/jiangxi/*.json) from the plan below.

Deterministic: no randomness, no clock. Run from anywhere: python3 data/jiangxi/build.py
The documented problems are planted explicitly (see PROBLEMS and data/README.md).
"""
import datetime as dt
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))

def day(y, m, d):
    return dt.date(y, m, d)

def iso(d):
    return d.isoformat() if d else None

def after_year(d):
    """The due date of a one-year interval: the day before the anniversary."""
    return day(d.year + 1, d.month, d.day) - dt.timedelta(days=1)

def after_years(d, n):
    return day(d.year + n, d.month, d.day) - dt.timedelta(days=1)

def fmt(x):
    return format(x, ".6g")

# Each kind of quantity: unit, the points standards are calibrated at, the anchor's
# expanded uncertainty (k = 2) at each, the instruments' points and MPE, procedures.
# Uncertainties grow by 3 per level: NIM anchor U0 → JXIM 3·U0 → centre 9·U0; an
# instrument's verification states max(1.25 × its standard's U, MPE / 6), so that the
# test uncertainty ratio stays at or above 4:1.
QUANTITIES = {
    "mass": dict(unit="g", points=[1, 100, 1000], u0=[2e-6, 1e-5, 5e-5], instrument_points=[1, 100, 1000],
                 mpe=[0.005, 0.05, 0.5], anchor="NIM-MASS-PS", anchor_name="千克基准砝码组（国家质量基准）",
                 std_proc="JJG 99-2022 砝码", inst_proc="JJG 1036-2022 电子天平", inst_name="电子天平",
                 std_name="{cls}等级砝码组 1 g–1 kg", classes=("E2", "F1")),
    "length": dict(unit="mm", points=[10, 50, 100], u0=[2e-5, 3e-5, 5e-5], instrument_points=[10, 50, 100],
                   mpe=[0.02, 0.03, 0.04], anchor="NIM-LEN-PS", anchor_name="激光干涉量块测量装置（国家长度基准）",
                   std_proc="JJG 146-2011 量块", inst_proc="JJG 21-2008 千分尺", inst_name="外径千分尺",
                   std_name="{cls}量块组", classes=("K级", "1级")),
    "temperature": dict(unit="°C", points=[0, 100, 200], u0=[0.0008, 0.001, 0.0012], instrument_points=[0, 100, 200],
                        mpe=[0.2, 0.3, 0.4], anchor="NIM-ITS90", anchor_name="ITS-90 固定点复现装置（国家温度基准）",
                        anchor_points=[-38.8344, 0.01, 231.928], anchor_u0=[0.0008, 0.0008, 0.0012],
                        std_proc="JJG 160-2007 标准铂电阻温度计", inst_proc="JJG 229-2010 工业铂、铜热电阻",
                        inst_name="铂电阻温度计", std_name="{cls}铂电阻温度计", classes=("二等标准", "工作用")),
    "pressure": dict(unit="kPa", points=[100, 1000, 6000], u0=[0.002, 0.02, 0.12], instrument_points=[100, 1000, 6000],
                     mpe=[0.4, 4, 24], anchor="NIM-PRES-PS", anchor_name="活塞式压力基准（国家压力基准）",
                     std_proc="JJG 59-2022 活塞式压力计", inst_proc="JJG 52-2013 弹性元件式一般压力表",
                     inst_name="压力表", std_name="{cls}活塞式压力计", classes=("0.005级", "0.02级数字")),
    "force": dict(unit="kN", points=[10, 100, 500], u0=[0.0002, 0.002, 0.01], instrument_points=[10, 100, 500],
                  mpe=[0.05, 0.5, 2.5], anchor="NIM-FORCE-PS", anchor_name="静重式力基准机（国家力值基准）",
                  std_proc="JJG 144-2007 标准测力仪", inst_proc="JJG 139-2014 拉力、压力和万能试验机",
                  inst_name="万能试验机", std_name="{cls}标准测力仪", classes=("0.03级", "0.1级")),
    "torque": dict(unit="N·m", points=[20, 200, 400, 1000], u0=[0.0004, 0.004, 0.008, 0.02], instrument_points=[20, 200, 400],
                   mpe=[0.8, 8, 16], anchor="NIM-TORQ-PS", anchor_name="扭矩基准机（国家扭矩基准）",
                   std_proc="JJG 797-2013 扭矩扳子检定仪", inst_proc="JJG 707-2014 扭矩扳子",
                   inst_name="扭矩扳子", std_name="{cls}扭矩扳子检定仪", classes=("0.1级", "0.3级")),
    "volume flow": dict(unit="m³/h", points=[1, 10, 50], u0=[0.0005, 0.005, 0.025], instrument_points=[1, 10, 50],
                        mpe=[0.02, 0.2, 1], anchor="NIM-FLOW-PS", anchor_name="水流量基准装置（国家流量基准）",
                        std_proc="JJG 164-2000 液体流量标准装置", inst_proc="JJG 1033-2007 电磁流量计",
                        inst_name="电磁流量计", std_name="{cls}液体流量标准装置", classes=("0.05级", "0.2级")),
    "pH": dict(unit="1", points=[4.003, 6.864, 9.182], u0=[0.0005, 0.0005, 0.0005], instrument_points=[4.003, 6.864, 9.182],
               mpe=[0.03, 0.03, 0.03], anchor="NIM-PH-PS", anchor_name="pH 基准（无液接界电池）",
               std_proc="JJG 919-2008 pH计检定仪", inst_proc="JJG 119-2018 实验室pH(酸度)计",
               inst_name="实验室pH计", std_name="{cls}pH计检定仪", classes=("0.001级", "0.003级")),
    "moisture": dict(unit="%", points=[10, 15, 20], u0=[0.01, 0.01, 0.012], instrument_points=[10, 15, 20],
                     mpe=[0.6, 0.6, 0.8], anchor="NIM-MOIST-PS", anchor_name="谷物水分基准装置",
                     std_proc="JJF 1845-2020 谷物水分测定仪校准规范", inst_proc="JJG 891-1995 电容法和电阻法谷物水分测定仪",
                     inst_name="谷物水分测定仪", std_name="{cls}水分标准物质组", classes=("一级", "二级")),
}

# The seven industries of the provincial guidance, their centres and what they measure.
INDUSTRIES = [
    ("HEQ", "高端装备", "high-end equipment", "江西省高端装备产业计量测试中心", ["length", "force"]),
    ("ENV", "节能环保", "energy saving and environment", "江西省节能环保产业计量测试中心", ["pressure", "temperature", "volume flow"]),
    ("AUTO", "汽车", "automotive", "江西省汽车产业计量测试中心", ["torque", "length", "force"]),
    ("NMAT", "新材料", "new materials", "江西省新材料产业计量测试中心", ["mass", "temperature", "length"]),
    ("MED", "医疗器械", "medical devices", "江西省医疗器械产业计量测试中心", ["pressure", "temperature", "volume flow"]),
    ("WRE", "钨和稀土", "tungsten and rare earths", "江西省钨和稀土产业计量测试中心", ["mass", "mass fraction"]),
    ("FOOD", "绿色食品", "green food", "江西省绿色食品产业计量测试中心", ["mass", "temperature", "pH", "moisture"]),
]

ENTERPRISES = {
    "HEQ": [("HEQ-E1", "江西洪都精密机床有限公司计量室"), ("HEQ-E2", "九江重型装备制造有限公司质检部")],
    "ENV": [("ENV-E1", "江西赣能环保设备有限公司质检部"), ("ENV-E2", "萍乡节能锅炉有限公司计量室")],
    "AUTO": [("AUTO-E1", "南昌汽车零部件有限公司计量室"), ("AUTO-E2", "江铃底盘装配厂质检部")],
    "NMAT": [("NMAT-E1", "新余新材料科技有限公司检测中心"), ("NMAT-E2", "宜春锂电材料有限公司质检部")],
    "MED": [("MED-E1", "江西康达医疗器械有限公司质量部"), ("MED-E2", "进贤医用耗材有限公司质检部")],
    "WRE": [("WRE-E1", "赣州钨业股份有限公司化验室"), ("WRE-E2", "赣州稀土冶炼分离有限公司化验室")],
    "FOOD": [("FOOD-E1", "江西绿源食品有限公司化验室"), ("FOOD-E2", "鄱阳湖稻米加工有限公司质检部")],
}

# Certified reference materials (GBW) for the tungsten and rare-earth assay: anchors.
CRMS = [
    ("GBW07241", "钨精矿成分标准物质（WO₃ 65.0 %）", 65.0, 0.3),
    ("GBW07284", "钨矿石成分标准物质（WO₃ 0.50 %）", 0.50, 0.02),
    ("GBW07158", "稀土矿石成分标准物质（REO 5.04 %）", 5.04, 0.08),
    ("GBW02908", "氧化钇高纯标准物质（Y₂O₃ 99.99 %）", 99.99, 0.02),
]

START = day(2024, 1, 1)
AT = day(2026, 11, 26)

labs, items, records = [], [], []

def lab(id, name, kind, industry=None, accreditations=(), capabilities=()):
    labs.append(dict(id=id, name=name, kind=kind, industry=industry,
                     accreditations=list(accreditations), capabilities=list(capabilities)))

def capability(quantity, activity, lower, upper, unit, cmc, frm="2019-01-01", to=None, k=2):
    entry = dict(quantity=quantity, activity=activity, range=[f"{fmt(lower)} {unit}".strip(), f"{fmt(upper)} {unit}".strip()],
                 cmc=dict(absolute=f"{fmt(cmc)} {unit}".strip(), k=k), **{"from": frm, "to": to})
    if unit == "1":
        entry["range"] = [fmt(lower), fmt(upper)]
        entry["cmc"]["absolute"] = fmt(cmc)
    return entry

def value(x, unit):
    return fmt(x) if unit == "1" else f"{fmt(x)} {unit}"

def add_record(id, activity, item, lab, date, due, procedure, refs, points, verdict=None):
    record = dict(id=id, activity=activity, item=item, lab=lab, date=iso(date), due=iso(due), procedure=procedure,
                  references=refs, points=points)
    if verdict:
        record["verdict"] = verdict
    records.append(record)

def points_of(q, us, nominals=None):
    c = QUANTITIES[q]
    nominals = nominals or c["points"]
    return [dict(nominal=value(x, c["unit"]), U=value(u, c["unit"]), k=2) for x, u in zip(nominals, us)]

# ---- Labs -------------------------------------------------------------------------
nim_caps, jxim_caps = [], []
for q, c in QUANTITIES.items():
    lo, hi = min(c["points"]), max(c["points"])
    nim_caps.append(capability(q, "calibration", lo, hi, c["unit"], 0.9 * 3 * min(c["u0"]), frm="2005-01-01"))
    jxim_caps.append(capability(q, "calibration", lo, hi, c["unit"], 0.9 * 9 * min(c["u0"]), frm="2004-03-01"))
lab("NIM", "中国计量科学研究院", "nmi", accreditations=[dict(scheme="CIPM MRA", id="NIM (CN)", **{"from": "1999-10-14", "to": None})],
    capabilities=nim_caps)
lab("JXIM", "江西省计量测试研究院", "provincial-institute",
    accreditations=[dict(scheme="CNAS", id="CNAS L0579", **{"from": "2004-03-01", "to": None})], capabilities=jxim_caps)

def instrument_u(q, i):
    c = QUANTITIES[q]
    return max(1.25 * 9 * c["u0"][i], c["mpe"][i] / 6)

for code, chinese, english, name, quantities in INDUSTRIES:
    caps = []
    for q in quantities:
        if q == "mass fraction":
            caps.append(dict(quantity="mass fraction", activity="calibration", range=["0.1 %", "100 %"],
                             cmc=dict(absolute="0.02 %", k=2), **{"from": "2022-06-01", "to": None}))
            continue
        c = QUANTITIES[q]
        lo, hi = min(c["instrument_points"]), max(c["instrument_points"])
        cmc = 0.9 * min(instrument_u(q, i) for i in range(len(c["instrument_points"])))
        if code == "AUTO" and q == "torque":
            # An approved change of scope: 1–500 N·m until 2026-03-31, then up to 1000 N·m.
            caps.append(capability(q, "verification", 1, 500, c["unit"], cmc, frm="2019-01-01", to="2026-03-31"))
            caps.append(capability(q, "verification", 1, 1000, c["unit"], cmc, frm="2026-04-01"))
        else:
            caps.append(capability(q, "verification", lo, hi, c["unit"], cmc))
    lab(code, name, "industry-centre", industry=english,
        accreditations=[dict(scheme="CNAS", id=f"CNAS L{1200 + len(labs)}", **{"from": "2019-01-01", "to": None})],
        capabilities=caps)
for code, *_ in INDUSTRIES:
    for eid, ename in ENTERPRISES[code]:
        industry = next(i[2] for i in INDUSTRIES if i[0] == code)
        lab(eid, ename, "enterprise-lab", industry=industry)

# ---- Anchors ----------------------------------------------------------------------
def anchor_points(q):
    c = QUANTITIES[q]
    return c.get("anchor_points", c["points"]), c.get("anchor_u0", c["u0"])

for q, c in QUANTITIES.items():
    nominals, us = anchor_points(q)
    items.append(dict(id=c["anchor"], name=c["anchor_name"], kind="primary-standard", quantity=q, unit=c["unit"], lab="NIM",
                      range=[value(min(nominals), c["unit"]), value(max(nominals), c["unit"])],
                      recognized=[dict(scheme="CIPM MRA", **{"from": "2001-01-01", "to": None})],
                      uncertainty=[dict(nominal=value(x, c["unit"]), U=value(u, c["unit"]), k=2) for x, u in zip(nominals, us)]))
for gbw, name, x, u in CRMS:
    items.append(dict(id=gbw, name=name, kind="reference-material", quantity="mass fraction", unit="%", lab="NIM",
                      range=[f"{fmt(x)} %", f"{fmt(x)} %"], recognized=[dict(scheme="ISO 17034", **{"from": "2020-01-01", "to": "2030-12-31"})],
                      uncertainty=[dict(nominal=f"{fmt(x)} %", U=f"{fmt(u)} %", k=2)]))

# ---- JXIM reference standards, calibrated by NIM every two years --------------------
serial = {"NIM": 0, "JXIM": 0}
def next_id(lab, year, tag):
    serial[lab] = serial.get(lab, 0) + 1
    return f"{lab}-{tag}-{year}-{serial[lab]:04d}"

def std_points(q):
    return QUANTITIES[q]["points"]

def rng(q, nominals):
    u = QUANTITIES[q]["unit"]
    return [value(min(nominals), u), value(max(nominals), u)]

TAGS = {"mass": "M", "length": "L", "temperature": "T", "pressure": "P", "force": "F", "torque": "N",
        "volume flow": "Q", "pH": "H", "moisture": "W", "mass fraction": "C"}

jxim_std = {}
for q, c in QUANTITIES.items():
    sid = f"JXIM-{TAGS[q]}-REF"
    jxim_std[q] = sid
    tol = [5 * 3 * u for u in c["u0"]]
    items.append(dict(id=sid, name="省级最高计量标准：" + c["std_name"].format(cls=c["classes"][0]), kind="reference-standard",
                      quantity=q, unit=c["unit"], lab="JXIM", range=rng(q, c["points"]), **{"class": c["classes"][0]},
                      tolerance=dict(absolute=value(max(tol), c["unit"]))))
    for date in (day(2023, 6, 12), day(2025, 6, 10)):
        nominals = c["points"]
        ref_at = "nominal"
        add_record(next_id("NIM", date.year, TAGS[q]), "calibration", sid, "NIM", date, after_years(date, 2), c["std_proc"],
                   [dict(item=c["anchor"], at=ref_at)], points_of(q, [3 * u for u in c["u0"]]))

# ---- Centre working standards, calibrated by JXIM every year ------------------------
centre_std = {}   # (centre, quantity) -> [ids]
PROBLEM_EXPIRED = "ENV-P-WS1"          # not recalibrated in 2026: expired on 2026-05-19
PROBLEM_OOT = "NMAT-M-WS1"             # found out of tolerance on 2026-08-20
for code, chinese, english, name, quantities in INDUSTRIES:
    for q in quantities:
        if q == "mass fraction":
            continue
        c = QUANTITIES[q]
        ids = []
        for n in (1, 2):
            sid = f"{code}-{TAGS[q]}-WS{n}"
            ids.append(sid)
            tol = [5 * 9 * u for u in c["u0"]]
            item = dict(id=sid, name=f"{c['std_name'].format(cls=c['classes'][1])}（{n}号）", kind="working-standard",
                        quantity=q, unit=c["unit"], lab=code, range=rng(q, c["points"]), **{"class": c["classes"][1]},
                        tolerance=dict(absolute=value(max(tol), c["unit"])))
            if sid == PROBLEM_OOT:
                item["events"] = [dict(date="2026-08-20", state="out-of-tolerance")]
            items.append(item)
            years = (2024, 2025) if sid == PROBLEM_EXPIRED else (2024, 2025, 2026)
            for year in years:
                date = day(year, 1 + (len(ids) + len(centre_std)) % 3, 10 + 5 * n) if sid != PROBLEM_EXPIRED else day(year, 5, 20)
                if sid == PROBLEM_OOT:
                    date = day(year, 1, 15)
                add_record(next_id("JXIM", year, TAGS[q]), "calibration", sid, "JXIM", date, after_year(date), c["std_proc"],
                           [dict(item=jxim_std[q], at="nominal")], points_of(q, [9 * u for u in c["u0"]]))
        centre_std[(code, q)] = ids

# ---- Instruments ------------------------------------------------------------------
instrument_serial = {}
def inst_record_id(centre, year):
    instrument_serial[(centre, year)] = instrument_serial.get((centre, year), 0) + 1
    return f"{centre}-V-{year}-{instrument_serial[(centre, year)]:04d}"

PLANTED = {}   # instrument id -> what was planted
def standard_for(code, q, when):
    """The centre's working standard in force and sound at `when`."""
    ids = centre_std[(code, q)]
    if PROBLEM_EXPIRED in ids and when > day(2026, 5, 19):
        return ids[1]
    if PROBLEM_OOT in ids and when > day(2026, 8, 20):
        return ids[1]
    return ids[0] if when.month % 2 else ids[1]

count = 0
for code, chinese, english, name, quantities in INDUSTRIES:
    for e, (eid, ename) in enumerate(ENTERPRISES[code]):
        for q in quantities:
            per = {"mass fraction": 6}.get(q, 24 // len(quantities) + 2)
            for n in range(1, per + 1):
                count += 1
                iid = f"{eid}-{TAGS[q]}{n:02d}"
                month = 1 + (n * 5 + e * 3 + len(q)) % 11
                dom = 3 + (n * 7 + e) % 22
                if q == "mass fraction":
                    gbw, crm_name, x, u = CRMS[(n + e) % len(CRMS)]
                    items.append(dict(id=iid, name="X射线荧光光谱仪" if n % 2 else "电感耦合等离子体发射光谱仪", kind="instrument",
                                      quantity="mass fraction", unit="%", lab=eid, range=["0.1 %", "100 %"],
                                      tolerance=dict(absolute="0.05 %", relative=0.15)))
                    for year in (2024, 2025, 2026):
                        date = day(year, month, dom)
                        add_record(inst_record_id(code, year), "calibration", iid, code, date, after_year(date),
                                   "JJG 810-1993 波长色散X射线荧光光谱仪" if n % 2 else "JJG 768-2005 发射光谱仪",
                                   [dict(item=gbw, at="nominal")], [dict(nominal=f"{fmt(x)} %", U=f"{fmt(max(1.25 * u, 0.02))} %", k=2)])
                    continue
                c = QUANTITIES[q]
                nominals = c["instrument_points"]
                mpe = c["mpe"]
                items.append(dict(id=iid, name=c["inst_name"], kind="instrument", quantity=q, unit=c["unit"], lab=eid,
                                  range=rng(q, nominals), tolerance=dict(absolute=value(max(mpe), c["unit"]))))
                for year in (2024, 2025, 2026):
                    date = day(year, month, dom)
                    std = standard_for(code, q, date)
                    verdict = "pass"
                    us = [instrument_u(q, i) for i in range(len(nominals))]
                    if iid == "FOOD-E2-M03" and year == 2026:
                        verdict = "fail"
                    add_record(inst_record_id(code, year), "verification", iid, code, date, after_year(date), c["inst_proc"],
                               [dict(item=std, at="nominal")], points_of(q, us, nominals), verdict=verdict)

# Planted problems among instruments ------------------------------------------------
def records_of(item):
    return [r for r in records if r["item"] == item]

# 1. Expired standard used: three ENV pressure gauges verified in 2026 after ENV-P-WS1 expired.
for iid, when in (("ENV-E1-P02", day(2026, 6, 18)), ("ENV-E1-P05", day(2026, 7, 22)), ("ENV-E2-P03", day(2026, 9, 9))):
    last = records_of(iid)[-1]
    last["date"], last["due"] = iso(when), iso(after_year(when))
    last["references"] = [dict(item=PROBLEM_EXPIRED, at="nominal")]

# 2. A centre outside its approved scope: a 1000 N·m wrench verified before the extension.
def big_wrench(iid, name, when):
    c = QUANTITIES["torque"]
    nominals = [200, 400, 1000]
    mpe = [8, 16, 40]
    items.append(dict(id=iid, name=name, kind="instrument", quantity="torque", unit="N·m", lab="AUTO-E2",
                      range=["200 N·m", "1000 N·m"], tolerance=dict(absolute="40 N·m")))
    us = [max(1.25 * 9 * u, m / 6) for u, m in zip(c["u0"][1:], mpe)]
    add_record(inst_record_id("AUTO", when.year), "verification", iid, "AUTO", when, after_year(when), c["inst_proc"],
               [dict(item="AUTO-N-WS1", at="nominal")], points_of("torque", us, nominals), verdict="pass")
big_wrench("AUTO-E2-N90", "大量程扭矩扳子（1000 N·m）", day(2026, 2, 10))
big_wrench("AUTO-E2-N91", "大量程扭矩扳子（1000 N·m）", day(2026, 4, 15))

# 3. A certificate claiming better than its chain: MED's thermometer record states half the
#    uncertainty its working standard carries (and so also less than MED's CMC).
last = records_of("MED-E1-T03")[-1]
for point, u0 in zip(last["points"], QUANTITIES["temperature"]["u0"]):
    point["U"] = value(0.5 * 9 * u0, "°C")

# 4. Out of tolerance: NMAT-M-WS1 (event above); balances verified with it in 2026 before
#    2026-08-20 are suspect. Nothing to change: standard_for() used it until then.

# ---- Write ------------------------------------------------------------------------
def dump(name, document):
    with open(os.path.join(HERE, name), "w", encoding="utf-8") as f:
        json.dump(document, f, ensure_ascii=False, indent=1)
        f.write("\n")

dump("01-labs.json", {"metrotrace": 1, "name": "江西省计量溯源体系（示例网络）",
                      "description": "Jiangxi: NIM → JXIM → seven industry metrology test centres → enterprises. Written by data/jiangxi/build.py; see data/README.md.",
                      "labs": labs})
standards = [i for i in items if i["kind"] != "instrument"]
instruments = [i for i in items if i["kind"] == "instrument"]
dump("02-standards.json", {"metrotrace": 1, "items": standards})
dump("03-instruments.json", {"metrotrace": 1, "items": instruments})
std_ids = {i["id"] for i in standards}
dump("04-standard-calibrations.json", {"metrotrace": 1, "calibrations": [r for r in records if r["item"] in std_ids]})
dump("05-instrument-verifications.json", {"metrotrace": 1, "calibrations": [r for r in records if r["item"] not in std_ids]})
print(f"{len(labs)} labs, {len(standards)} standards, {len(instruments)} instruments, {len(records)} records")

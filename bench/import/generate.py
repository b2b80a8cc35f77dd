#!/usr/bin/env python3
"""Writes the metrics CSV that bench/import.sh imports, in the formation-standard shape.

Usage: generate.py [--rows N] [--dir DIR]
  N    rows to write (default 1,000,000); the file stops at exactly N data rows
  DIR  work directory (default ${TMPDIR:-/tmp}/formation-bench-import)
Prints the CSV's path on stdout. A file already written for the same N and generator version is reused.

The data looks like a year of platform exports: from 2025-01-01, 5 channels × 200 campaigns each ×
3 segments a day (3,000 rows a day, so 1,000,000 rows end on day 334), sorted by date, channel,
campaign, segment. Every campaign keeps its own scale, click rate, cost per click and conversion
rate; a day moves them with the weekday, a slow growth over the year and the shopping festivals
(618, 双11, 双12). Clicks never exceed impressions, conversions never exceed clicks, leads and orders
never exceed conversions. The seed is fixed, so every run writes the same bytes.
"""
import argparse
import datetime
import math
import os
import random
import sys

VERSION = 1  # bump when the output changes, so that a reused file is never stale
SEED = 20250101
START = datetime.date(2025, 1, 1)
CHANNELS = ["百度搜索", "抖音", "微信", "天猫", "小红书"]
CAMPAIGNS_PER_CHANNEL = 200
SEGMENTS = ["组A", "组B", "组C"]
HEADER = "date,channel,campaign,segment,impressions,clicks,cost,conversions,leads,orders,revenue\n"

THEMES = ["品牌词", "竞品词", "通用词", "新品推广", "会员拉新", "老客召回", "直播引流", "达人种草",
          "节日大促", "清仓特卖", "信息流", "搜索广告", "开屏", "短视频", "图文笔记", "店铺关注"]
PRODUCTS = ["面霜", "精华", "防晒", "洗发水", "咖啡", "茶饮", "零食礼盒", "运动鞋", "羽绒服", "连衣裙",
            "蓝牙耳机", "扫地机", "空气炸锅", "婴儿奶粉", "宠物粮", "课程报名"]
SEASONS = ["春季", "夏季", "秋冬", "开年", "618", "双11", "年货节", "常态"]

# Per channel: (impressions per day median, click rate, cost per click in yuan, conversion rate of a click,
#               share of conversions that are leads, share that are orders, order value in yuan)
PROFILES = {
    "百度搜索": (4_000, 0.030, 2.80, 0.050, 0.55, 0.25, 260.0),
    "抖音": (25_000, 0.012, 0.90, 0.020, 0.20, 0.70, 120.0),
    "微信": (9_000, 0.015, 1.40, 0.030, 0.45, 0.45, 180.0),
    "天猫": (12_000, 0.025, 1.10, 0.060, 0.05, 0.90, 210.0),
    "小红书": (7_000, 0.020, 1.20, 0.025, 0.40, 0.50, 160.0),
}

# Days that spend and sell more than usual: (month, first day, last day, factor).
FESTIVALS = [(2, 1, 10, 0.7), (3, 8, 8, 1.4), (6, 1, 18, 1.6), (8, 8, 8, 1.2),
             (11, 1, 11, 2.0), (12, 12, 12, 1.5), (12, 20, 31, 1.2)]
WEEKDAY = [0.95, 1.00, 1.00, 1.02, 1.05, 1.15, 1.10]  # Monday … Sunday


def campaigns(rng):
    """200 distinct Chinese campaign names per channel, with the parameters that stay with each."""
    out = {}
    for c, channel in enumerate(CHANNELS):
        median, ctr, cpc, cvr, lead_share, order_share, aov = PROFILES[channel]
        names = set()
        rows = []
        number = 0
        while len(rows) < CAMPAIGNS_PER_CHANNEL:
            number += 1
            name = f"{rng.choice(SEASONS)}{rng.choice(THEMES)}-{rng.choice(PRODUCTS)}-{c + 1}{number:03d}"
            if name in names:
                continue
            names.add(name)
            scale = median * rng.lognormvariate(0.0, 0.9)
            segments = []
            for _ in SEGMENTS:
                segments.append((
                    scale * rng.uniform(0.3, 1.2),
                    min(0.25, ctr * rng.lognormvariate(0.0, 0.35)),
                    cpc * rng.lognormvariate(0.0, 0.3),
                    min(0.5, cvr * rng.lognormvariate(0.0, 0.4)),
                    lead_share,
                    order_share,
                    aov * rng.lognormvariate(0.0, 0.3),
                ))
            rows.append((name, segments))
        rows.sort(key=lambda r: r[0])
        out[channel] = rows
    return out


def day_factor(day, index):
    factor = WEEKDAY[day.weekday()] * (1.0 + 0.25 * index / 365.0)
    for month, first, last, boost in FESTIVALS:
        if day.month == month and first <= day.day <= last:
            factor *= boost
    return factor


def write(path, rows):
    rng = random.Random(SEED)
    plan = campaigns(rng)
    channels = sorted(CHANNELS)
    uniform = rng.random
    gauss = rng.gauss
    written = 0
    with open(path, "w", encoding="utf-8", newline="\n", buffering=1 << 20) as out:
        out.write(HEADER)
        index = 0
        while written < rows:
            day = START + datetime.timedelta(days=index)
            date = day.isoformat()
            base = day_factor(day, index)
            lines = []
            for channel in channels:
                for name, segments in plan[channel]:
                    prefix = f"{date},{channel},{name},"
                    for segment, (scale, ctr, cpc, cvr, lead_share, order_share, aov) in zip(SEGMENTS, segments):
                        if written >= rows:
                            break
                        written += 1
                        # A paused or starved ad group shows nothing on about 2 % of days.
                        if uniform() < 0.02:
                            lines.append(f"{prefix}{segment},0,0,0.00,0,0,0,0.00\n")
                            continue
                        impressions = max(0, int(scale * base * math.exp(gauss(0.0, 0.25))))
                        clicks = min(impressions, int(impressions * ctr * math.exp(gauss(0.0, 0.2)) + uniform()))
                        cost = round(clicks * cpc * math.exp(gauss(0.0, 0.1)), 2)
                        conversions = min(clicks, int(clicks * cvr * math.exp(gauss(0.0, 0.3)) + uniform()))
                        leads = min(conversions, int(conversions * lead_share + uniform()))
                        orders = min(conversions - leads, int(conversions * order_share + uniform()))
                        revenue = round(orders * aov * math.exp(gauss(0.0, 0.2)), 2)
                        lines.append(f"{prefix}{segment},{impressions},{clicks},{cost:.2f},{conversions},{leads},{orders},{revenue:.2f}\n")
            out.write("".join(lines))
            index += 1
    return written


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    default_dir = os.path.join(os.environ.get("TMPDIR") or "/tmp", "formation-bench-import")
    parser.add_argument("--dir", default=default_dir)
    args = parser.parse_args()
    if args.rows < 1:
        parser.error("--rows must be at least 1")

    os.makedirs(args.dir, exist_ok=True)
    path = os.path.join(args.dir, f"metrics-{args.rows}.csv")
    stamp = f"{path}.v{VERSION}"  # written last: its presence says the CSV is complete and current
    if os.path.exists(path) and os.path.exists(stamp):
        print(f"Reusing {path}", file=sys.stderr)
        print(path)
        return 0

    for old in (path, *(f"{path}.v{v}" for v in range(1, VERSION + 1))):
        if os.path.exists(old):
            os.remove(old)
    partial = f"{path}.partial"
    print(f"Writing {args.rows:,} rows to {path}", file=sys.stderr)
    written = write(partial, args.rows)
    if written != args.rows:
        print(f"generate: wrote {written} rows, expected {args.rows}", file=sys.stderr)
        return 1
    os.replace(partial, path)
    with open(stamp, "w", encoding="utf-8") as f:
        f.write(f"rows={args.rows} seed={SEED} version={VERSION}\n")
    print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Writes random asset-selection cases (graphs and queries, no answers) in the oracle's format.

    python3 asset_selection_cases.py [SEED CASES] > cases_in.json
    /tmp/dagvenv/bin/python asset_selection_harness.py cases_in.json cases_out.json
    python3 asset_selection_wrap.py cases_out.json > ../asset_selection_extra.json

The graphs and queries follow the kinds of the public oracle (keys with prefixes, groups, tags,
kinds, owners, external assets, multi-assets) and add edge cases: `<null>`, quoting, `is:`,
whitespace, upper-case operators, subsettable multi-assets, external assets with attributes,
broken strings. Real Dagster answers them; nothing is answered by hand.
"""
import json
import random
import re

import sys

SEED = int(sys.argv[1]) if len(sys.argv) > 1 else 20261121
CASES = int(sys.argv[2]) if len(sys.argv) > 2 else 12
rng = random.Random(SEED)
PREFIXES = [[], ["raw"], ["stg"], ["mart"], ["finance"], ["ml"], ["raw", "v2"], ["mart", "core"]]
NAMES = ["orders", "users", "events", "clicks", "revenue", "scores", "model", "items", "churn", "ledger",
         "sessions", "forecast", "returns", "signups", "payments", "inventory", "my-asset", "daily_kpis", "a1"]
GROUPS = ["analytics", "ingest", "staging", "ml_models", None]
TAGS = [("tier", ["bronze", "silver", "gold"]), ("team", ["a", "b"]), ("pii", [""])]
KINDS = ["python", "sql", "dbt", "snowflake"]
OWNERS = ["team:data", "team:ml", "alice@example.com"]


def maybe(p):
    return rng.random() < p


def attributes(asset):
    group = rng.choice(GROUPS)
    if group:
        asset["group_name"] = group
    tags = {k: rng.choice(vs) for k, vs in TAGS if maybe(0.35)}
    if tags:
        asset["tags"] = tags
    kinds = sorted(rng.sample(KINDS, rng.randint(0, 2)))
    if kinds:
        asset["kinds"] = kinds
    owners = rng.sample(OWNERS, rng.randint(0, 1) if maybe(0.8) else 2)
    if owners:
        asset["owners"] = owners
    return asset


def graph():
    count = rng.randint(4, 16)
    keys = []
    while len(keys) < count:
        key = rng.choice(PREFIXES) + [rng.choice(NAMES)]
        if key not in keys:
            keys.append(key)
    externals = [["ext", name] for name in rng.sample(["source_crm", "source_logs", "raw_dump"], rng.randint(0, 2))]
    assets = []
    for i, key in enumerate(keys):
        pool = keys[:i] + externals
        deps = rng.sample(pool, min(len(pool), rng.choice([0, 0, 1, 1, 2, 3])))
        assets.append(attributes({"key": key, "deps": sorted(deps)}))
    external_assets = []
    for key in externals:
        external = {"key": key}
        if maybe(0.4):
            attributes(external)
        external_assets.append(external)
    multi_assets = []
    free = list(range(len(assets)))
    for m in range(rng.choice([0, 1, 1, 2])):
        if len(free) < 3:
            break
        members = rng.sample(free, rng.randint(2, 3))
        for i in members:
            free.remove(i)
            assets[i]["multi_asset"] = f"multi_{m + 1}"
        multi_assets.append({"name": f"multi_{m + 1}", "can_subset": maybe(0.3), "keys": [assets[i]["key"] for i in members]})
    return {"assets": assets, "external_assets": external_assets, "multi_assets": multi_assets}


def vocabulary(g):
    every = g["assets"] + g["external_assets"]
    return {
        "keys": [a["key"] for a in every],
        "groups": sorted({a.get("group_name", "default") for a in every}) + ["nope"],
        "tags": sorted({(k, v) for a in every for k, v in a.get("tags", {}).items()}) + [("tier", "platinum"), ("pii", "")],
        "kinds": sorted({k for a in every for k in a.get("kinds", [])}) + ["python"],
        "owners": sorted({o for a in every for o in a.get("owners", [])}) + ["team:data"],
    }


def python_expr(v, depth=0):
    leaf = depth >= 2 or maybe(0.35)
    if leaf:
        choice = rng.choice(["all", "assets", "assets", "key_prefixes", "key_substring", "groups", "tag", "kind", "owner"])
        inc = maybe(0.4)
        if choice == "all":
            return {"op": "all", "include_sources": inc}
        if choice == "assets":
            keys = rng.sample(v["keys"], min(len(v["keys"]), rng.randint(1, 2)))
            if maybe(0.08):
                keys.append(["does", "not", "exist"])
            return {"op": "assets", "keys": keys}
        if choice == "key_prefixes":
            return {"op": "key_prefixes", "prefixes": [rng.choice(v["keys"])[:1]], "include_sources": inc}
        if choice == "key_substring":
            return {"op": "key_substring", "substring": rng.choice(["raw", "s/", "or", "ext"]), "include_sources": inc}
        if choice == "groups":
            return {"op": "groups", "groups": rng.sample(v["groups"], rng.randint(1, 2)), "include_sources": inc}
        if choice == "tag":
            key, value = rng.choice(v["tags"])
            return {"op": "tag", "key": key, "value": value if maybe(0.8) else "", "include_sources": inc}
        if choice == "kind":
            return {"op": "kind", "kind": rng.choice(v["kinds"]) if maybe(0.85) else None, "include_sources": inc}
        return {"op": "owner", "owner": rng.choice(v["owners"])}
    choice = rng.choice(["upstream", "downstream", "roots", "sinks", "required_multi_asset_neighbors",
                         "materializable", "upstream_source_assets", "or", "and", "subtract"])
    if choice in ("upstream", "downstream"):
        return {"op": choice, "depth": rng.choice([None, None, 0, 1, 2, 3]), "include_self": maybe(0.7),
                "child": python_expr(v, depth + 1)}
    if choice in ("or", "and"):
        return {"op": choice, "operands": [python_expr(v, depth + 1) for _ in range(rng.randint(2, 3))]}
    if choice == "subtract":
        return {"op": "subtract", "left": python_expr(v, depth + 1), "right": python_expr(v, depth + 1)}
    return {"op": choice, "child": python_expr(v, depth + 1)}


def user(key):
    return "/".join(key)


def attribute(v):
    choice = rng.choice(["key", "key", "keypattern", "tag", "group", "kind", "owner", "is", "null", "other"])
    if choice == "key":
        k = user(rng.choice(v["keys"]))
        return f'key:"{k}"' if "-" in k or maybe(0.3) else f"key:{k}"
    if choice == "keypattern":
        k = user(rng.choice(v["keys"]))
        cut = rng.randint(0, len(k))
        pattern = rng.choice([k[:cut] + "*", "*" + k[cut:], "*" + k[cut:cut + 2] + "*"])
        return f'key:"{pattern}"' if "-" in pattern or maybe(0.3) else f"key:{pattern}"
    if choice == "tag":
        key, value = rng.choice(v["tags"])
        if not value or maybe(0.2):
            return f"tag:{key}"
        return rng.choice([f"tag:{key}={value}", f'tag:"{key}"="{value}"'])
    if choice == "group":
        g = rng.choice(v["groups"])
        return rng.choice([f"group:{g}", f'group:"{g}"', f'group:"{g[:3]}*"'])
    if choice == "kind":
        return f"kind:{rng.choice(v['kinds'])}"
    if choice == "owner":
        return f'owner:"{rng.choice(v["owners"])}"'
    if choice == "is":
        return rng.choice(["is:external", "is:materializable", 'is:"external"', "is:other"])
    if choice == "null":
        return rng.choice(["kind:<null>", "owner:<null>", "group:<null>", "tag:<null>", 'group:""', "tag:tier=<null>"])
    return rng.choice(["status:missing", "column:id", "code_location:loc", "job:etl", "partitions:none"])


def traversal(text):
    form = rng.choice(["", "", "up", "down", "both"])
    up = rng.choice(["+", "1+", "2+", "0+", "3+"])
    down = rng.choice(["+", "+1", "+2", "+0"])
    return {"": text, "up": up + text, "down": text + down, "both": up + text + down}[form]


def new_syntax(v, depth=0):
    roll = rng.random()
    if depth >= 2 or roll < 0.35:
        return traversal(attribute(v)) if maybe(0.9) else "*"
    if roll < 0.5:
        return rng.choice(["not ", "NOT "]) + new_syntax(v, depth + 1)
    if roll < 0.65:
        return traversal(f"{rng.choice(['sinks', 'roots'])}({new_syntax(v, depth + 1)})")
    if roll < 0.75:
        return traversal(f"({new_syntax(v, depth + 1)})")
    op = rng.choice(["and", "or", "AND", "OR"])
    return f"{new_syntax(v, depth + 1)} {op} {new_syntax(v, depth + 1)}"


def older_syntax(v):
    if maybe(0.15):
        return rng.choice(["tag:tier=gold", "tag:pii", "tag:tier!=gold", "tag:a=b=c", "tag:tier=1", "does/not/exist", "*"])
    k = user(rng.choice(v["keys"]))
    up = rng.choice(["", "", "*", "+", "++", "+++", "*+"])
    down = rng.choice(["", "", "*", "+", "++", "+++", "+*"])
    return f"{up}{k}{down}"


def broken(text):
    specials = list('+*:()"=,! -<>')
    i = rng.randint(0, len(text))
    action = rng.choice(["insert", "delete", "replace"])
    if action == "insert" or not text:
        return text[:i] + rng.choice(specials) + text[i:]
    i = min(i, len(text) - 1)
    if action == "delete":
        return text[:i] + text[i + 1:]
    return text[:i] + rng.choice(specials) + text[i + 1:]


def whitespace(text):
    return text.replace(" ", rng.choice([" ", "  ", "\t", " \n "])) if maybe(0.15) else text


TRICKY = [
    "key:a*b", "key:*", "key:**", 'key:""', "key: K", "key :K", "KEY:K", "Key:K", "key:K AND", "and", "(key:K",
    "key:K)", "()", "sinks()", "sinks(*)+", "roots(*)", "+sinks(*)", "+*", "*+", "* +", "not", "not not key:K",
    "NOT NOT *", "key:K or not key:K and key:*", "key:K and key:K or key:*", "1+2+key:K", "+key:K+ +key:K",
    "key:K+1+", "01+key:K", "key:K+007", "tag:tier=", "tag:=gold", 'tag:"pii"=""', 'tag:tier="gold gold"',
    "owner:alice@example.com", "owner:team:data", "group:<null>", "kind:<null>", "tag:<null>=x", "is:<null>",
    "is:EXTERNAL", "key:K,", ",", " ", "\t*", "* ", 'key:"a\\b"', 'key:"unterminated', "key:<null>", "key:and",
    "key:sinks", "group:job", "group:sensor", "tag:schedule=job", "key:roots/x", "key:is", "sinks (key:K)",
    "sinks\n(key:K)", "key:K\n", "K", "K+", "raw.orders", "raw[0]", "a-b", "*-*", "\u00e9", "key:\u00e9",
    'key:"\u00e9"', "caf\u00e9", "+caf\u00e9+", "++++K", "K++++", "*K*", "**K", "K**", "+*K", "K*+", "*+K", "K+*",
    "tag:tier=gold", "tag:tier = gold", "tag: tier", " tag:tier", "tag:tier=gold,tag:pii", "tag:", "tag:tier=gold and key:K",
    "partitions:none", "partitions:<null>", "partitions:static", "partitions:time", "key:K+0", "0+key:K", "key:K+99999999999999999999",
    "(*)", "(*)+", "not *+", "sinks(key:K) roots(key:K)", "key:K or or key:K", "key:K not key:K", "key:K+and", "1 + key:K",
    "key:K + 2", "tag:tier=gold=x", "tag:a=b=c", "*K+", "+K*", "K*", "*", "**", "key:K*", "key:*K", "is:external+",
    "+is:external", "NOT is:external", "owner:<null>", "kind:\"\"", "group:\"\"", "group:\"*\"", 'group:"*a*"',
]


def case(index):
    g = graph()
    v = vocabulary(g)
    strings = []
    if index < 4:
        key = user(rng.choice(v["keys"]))
        strings += [re.sub(r"\bK\b", key, t) for t in TRICKY]
    for _ in range(45):
        roll = rng.random()
        if roll < 0.6:
            strings.append(whitespace(new_syntax(v)))
        elif roll < 0.8:
            strings.append(older_syntax(v))
        else:
            strings.append(broken(new_syntax(v) if maybe(0.7) else older_syntax(v)))
    cli = [",".join(older_syntax(v) if maybe(0.7) else attribute(v) for _ in range(rng.randint(1, 4))) for _ in range(6)]
    return {
        "id": f"asset_selection_extra-{index:03d}",
        "graph": g,
        "python_api_queries": [{"expr": python_expr(v)} for _ in range(20)],
        "string_queries": [{"string": s} for s in strings],
        "cli_select_queries": [{"select": s} for s in cli],
    }


print(json.dumps([case(i) for i in range(CASES)], indent=1))

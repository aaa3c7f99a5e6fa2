"""Answers asset-selection cases with real Dagster 1.13.27 (run with the venv's python).

Input: a JSON list of cases in the oracle's format without answers (id, graph, python_api_queries
with expr, string_queries with string, cli_select_queries with select). Output: the same cases with
dagster_graph and, for every query, selected (sorted slash-joined keys) or error (type, message).

    /tmp/dagvenv/bin/python asset_selection_harness.py cases_in.json cases_out.json
"""
import json
import sys
import warnings
from collections import defaultdict

import dagster as dg
from dagster._core.definitions.asset_selection import AssetSelection
from dagster._core.definitions.assets.graph.asset_graph import AssetGraph

warnings.filterwarnings("ignore")


def build_graph(graph):
    specs_by_multi = defaultdict(list)
    assets = []
    for index, a in enumerate(graph["assets"]):
        spec = dg.AssetSpec(
            key=dg.AssetKey(a["key"]),
            deps=[dg.AssetKey(d) for d in a.get("deps", [])],
            group_name=a.get("group_name"),
            tags=a.get("tags") or None,
            kinds=set(a.get("kinds", [])) or None,
            owners=a.get("owners") or None,
        )
        if a.get("multi_asset"):
            specs_by_multi[a["multi_asset"]].append(spec)
        else:
            assets.append(dg.multi_asset(specs=[spec], name=f"single_{index}")(lambda: None))
    for multi in graph.get("multi_assets", []):
        specs = specs_by_multi[multi["name"]]
        assets.append(dg.multi_asset(specs=specs, name=multi["name"], can_subset=multi["can_subset"])(lambda context: None))
    for e in graph.get("external_assets", []):
        if set(e) == {"key"}:
            assets.append(dg.SourceAsset(key=dg.AssetKey(e["key"])))
        else:
            spec = dg.AssetSpec(
                key=dg.AssetKey(e["key"]),
                deps=[dg.AssetKey(d) for d in e.get("deps", [])],
                group_name=e.get("group_name"),
                tags=e.get("tags") or None,
                kinds=set(e.get("kinds", [])) or None,
                owners=e.get("owners") or None,
            )
            assets.append(dg.AssetsDefinition(specs=[spec]))
    return AssetGraph.from_assets(assets)


def describe_graph(asset_graph):
    nodes = []
    for node in sorted(asset_graph.asset_nodes, key=lambda n: n.key.to_user_string()):
        nodes.append({
            "key": node.key.to_user_string(),
            "group_name": node.group_name,
            "tags": dict(sorted((node.tags or {}).items())),
            "kinds": sorted(node.kinds),
            "owners": list(node.owners),
            "parents": sorted(k.to_user_string() for k in node.parent_keys),
            "is_materializable": node.is_materializable,
            "is_external": node.is_external,
        })
    return nodes


def from_ast(e):
    op = e["op"]
    inc = e.get("include_sources", False)
    if op == "all":
        return AssetSelection.all(include_sources=inc)
    if op == "assets":
        return AssetSelection.assets(*[dg.AssetKey(k) for k in e["keys"]])
    if op == "key_prefixes":
        return AssetSelection.key_prefixes(*e["prefixes"], include_sources=inc)
    if op == "key_substring":
        return AssetSelection.key_substring(e["substring"], include_sources=inc)
    if op == "groups":
        return AssetSelection.groups(*e["groups"], include_sources=inc)
    if op == "tag":
        return AssetSelection.tag(e["key"], e["value"], include_sources=inc)
    if op == "kind":
        return AssetSelection.kind(e["kind"], include_sources=inc)
    if op == "owner":
        return AssetSelection.owner(e["owner"])
    if op in ("upstream", "downstream"):
        child = from_ast(e["child"])
        return getattr(child, op)(depth=e["depth"], include_self=e["include_self"])
    if op in ("roots", "sinks", "required_multi_asset_neighbors", "materializable", "upstream_source_assets"):
        return getattr(from_ast(e["child"]), op)()
    if op == "or":
        result = from_ast(e["operands"][0])
        for o in e["operands"][1:]:
            result = result | from_ast(o)
        return result
    if op == "and":
        result = from_ast(e["operands"][0])
        for o in e["operands"][1:]:
            result = result & from_ast(o)
        return result
    if op == "subtract":
        return from_ast(e["left"]) - from_ast(e["right"])
    raise ValueError(op)


def answer(make, asset_graph):
    try:
        selected = make().resolve(asset_graph)
        return {"selected": sorted(k.to_user_string() for k in selected), "error": None}
    except Exception as exc:  # noqa: BLE001 - the oracle records every failure
        return {"selected": None, "error": {"type": type(exc).__name__, "message": str(exc)}}


def run(case):
    asset_graph = build_graph(case["graph"])
    case["dagster_graph"] = describe_graph(asset_graph)
    for q in case.get("python_api_queries", []):
        q.update(answer(lambda: from_ast(q["expr"]), asset_graph))
    for q in case.get("string_queries", []):
        q.update(answer(lambda: AssetSelection.from_string(q["string"]), asset_graph))
    for q in case.get("cli_select_queries", []):
        q.update(answer(lambda: AssetSelection.from_coercible(q["select"].split(",")), asset_graph))
    return case


if __name__ == "__main__":
    cases = json.load(open(sys.argv[1]))
    json.dump([run(c) for c in cases], open(sys.argv[2], "w"), indent=1)

"""Generates extra config-validation cases, run through real Dagster 1.13.27 by harness.py."""
import json
cases = []
def T(**kw): return kw
def shape(**fields): return {"type": "shape", "fields": fields}
def perm(**fields): return {"type": "permissive", "fields": fields}
def sel(**fields): return {"type": "selector", "fields": fields}
def F(t, **kw): d = {"type": t}; d.update(kw); return d
def none(t): return {"type": "noneable", "inner": t}
def arr(t): return {"type": "array", "inner": t}
def mp(k, t): return {"type": "map", "key": k, "inner": t}
def su(s, n): return {"type": "scalar_union", "scalar": s, "non_scalar": n}
COLOR = {"type": "enum", "name": "Color", "values": [{"config_value": "RED", "python_value": "red"}, {"config_value": "GREEN", "python_value": 2}, {"config_value": "BLUE"}]}
def NDK(pairs): return {"$dict_with_non_string_keys": pairs}

def add(name, field, configs, variant="single"):
    for rc in configs:
        if variant == "resource":
            run_config = rc
            cases.append({"schema_name": name, "kind": "run_config", "op_config_field": None, "resource_schema": field, "variant": "resource", "run_config": run_config,
                          "job_note": "op my_op has no config; it requires resource 'api' whose config_schema is resource_schema"})
        else:
            run_config = rc if isinstance(rc, dict) and rc.get("__raw") is None else rc
            if isinstance(rc, dict) and "__raw" in rc:
                run_config = rc["__raw"]
            else:
                run_config = {"ops": {"my_op": {"config": rc}}} if rc != "__absent" else {}
            note = "job has a second op 'plain_op' with no config_schema" if variant == "two_ops" else "job with a single op my_op"
            cases.append({"schema_name": name, "kind": "run_config", "op_config_field": field, "resource_schema": None, "variant": variant, "run_config": run_config, "job_note": note})

def raw(x): return {"__raw": x}

add("ordering_two_ints", F(shape(b=F("int"), a=F("int"), c=F("int", default_value=1))), [
    {"b": "x", "a": "y"}, {"b": "x"}, {}, {"z": 1, "y": 2, "b": 1}, {"zz": 1, "a": "s", "b": None, "c": True},
    {"c": 1.5, "a": 1, "b": 2}, {"a": 1, "b": 2}, {"a": 1, "b": 2, "c": 7},
])
add("nested_errors", F(shape(outer=F(shape(x=F("int"), y=F("string"))), w=F(arr("int")))), [
    {"outer": {"x": "1", "y": 2}, "w": [1, "2", 3.0]}, {"outer": {"q": 1}}, {"w": [], "outer": {"x": 1, "y": "s", "extra1": 1, "extra2": 2}},
    {"outer": None, "w": None}, {"outer": [], "w": {}},
])
add("map_string", F(shape(m=F(mp("string", "int")))), [
    {"m": {"a": 1, "b": 2}}, {"m": {"a": "x", "b": 2, "c": None}}, {"m": {}}, {"m": [1]}, {"m": None}, {"m": {"it's": "x"}},
])
add("map_int", F(mp("int", "string")), [
    NDK([[1, "a"], [2, "b"]]), {"a": "x"}, NDK([[1, 5]]), {},
])
add("map_of_shapes", F(mp("string", shape(n=F("int"), d=F("string", default_value="z")))), [
    {"k1": {"n": 1}, "k2": {"n": 2, "d": "y"}}, {"k1": {}}, {"k1": {"n": "x", "q": 1}},
])
add("enum_more", F(shape(color=F(COLOR), fallback=F(COLOR, default_value="GREEN"))), [
    {"color": "BLUE"}, {"color": "PURPLE"}, {"color": 1}, {"color": "red"}, {"color": "RED", "fallback": "BLUE"},
])
add("selector_more", F(sel(a=F("int"), b=F(shape(x=F("int", default_value=2))), c=F("string", is_required=False))), [
    {"a": 1}, {"b": None}, {"b": {}}, {}, {"d": 1}, {"a": 1, "b": {}, "c": "s"}, {"c": "x"}, {"a": "x"}, {"b": {"y": 1}}, None, [],
])
add("selector_single_required", F(sel(only=F("int"))), [{}, {"only": 3}, {"only": None}, "__absent"])
add("selector_single_optional_scalar", F(shape(s=F(sel(only=F("int", is_required=False))))), [{}, {"s": {}}, {"s": {"only": 4}}])
add("selector_single_scalar_default", F(shape(s=F(sel(only=F("int", default_value=5))))), [{}, {"s": {}}, {"s": {"only": 4}}, {"s": {"only": None}}])
add("scalar_union_more", F(shape(src=F(su("int", arr("string"))))), [
    {"src": 1}, {"src": ["a", "b"]}, {"src": "s"}, {"src": [1]}, {"src": {"a": 1}}, {"src": None}, {},
])
add("sources", F(shape(s=F("string_source"), i=F("int_source"), b=F("bool_source"))), [
    {"s": "x", "i": 1, "b": True},
    {"s": {"env": "ORACLE_SET_STR"}, "i": {"env": "ORACLE_SET_INT"}, "b": {"env": "ORACLE_SET_BOOL"}},
    {"s": {"env": "ORACLE_UNSET_VAR"}, "i": {"env": "ORACLE_UNSET_VAR"}, "b": {"env": "ORACLE_UNSET_VAR"}},
    {"s": {"env": "ORACLE_EMPTY"}, "i": {"env": "ORACLE_EMPTY"}, "b": {"env": "ORACLE_EMPTY"}},
    {"s": {"env": "ORACLE_EMPTY"}, "i": {"env": "ORACLE_BAD_INT"}, "b": {"env": "ORACLE_BAD_INT"}},
    {"s": {"env": 5}, "i": {}, "b": {"other": "x"}},
    {"s": {"env": None}, "i": "5", "b": "true"},
    {"s": 5, "i": 1.0, "b": 1},
    {"s": [], "i": ["x"], "b": None},
    {"s": {"env": "A", "x": 1}, "i": {"env": "ORACLE_BAD_INT"}, "b": True},
])
add("source_defaults", F(shape(s=F("string_source", default_value={"env": "ORACLE_SET_STR"}), i=F("int_source", default_value=3))), [{}, {"i": {"env": "ORACLE_SET_INT"}}])
add("float_int_rules", F(shape(f=F("float"), i=F("int"), b=F("bool"), s=F("string"))), [
    {"f": False, "i": True, "b": 1, "s": 1}, {"f": "1.5", "i": 1.0, "b": "true", "s": True}, {"f": 1.5, "i": -3, "b": False, "s": ""},
    {"f": [1.0], "i": {"a": 1}, "b": [], "s": {}},
])
add("float_defaults", F(shape(f=F("float", default_value=3), g=F(arr("float"), default_value=[1, 2.5, True]))), [{}, {"f": 2}])
add("noneable_more", F(shape(a=F(none("int")), b=F(none("int"), is_required=False), c=F(none(shape(x=F("int", default_value=1)))), d=F(none(arr("string")), default_value=["q"]))), [
    {}, {"a": None, "b": None, "c": None, "d": None}, {"a": 1, "b": 2, "c": {}, "d": ["z"]}, {"a": "x", "c": {"y": 1}}, {"c": {"x": None}},
])
add("permissive_fields", F(perm(n=F("int"), m=F("string", default_value="d"))), [
    {"n": 1}, {"n": 1, "extra": {"deep": [1]}, "zzz": None}, {"extra": 1}, {"n": "x", "extra": 1}, {"m": 5, "aaa": 1, "n": 2},
])
add("permissive_nested_in_shape", F(shape(p=F(perm()), q=F("int", is_required=False))), [
    {}, {"p": {"anything": 1}}, {"q": None}, {"p": None},
])
add("any_fields", F(shape(a=F("any"), b=F("any", is_required=False), c=F("any", default_value={"k": [1]}))), [
    {}, {"a": None}, {"a": [1, {"x": None}], "b": "s"}, {"b": 1},
])
add("required_any_top", F("any"), ["__absent", None, 5, {"x": 1}])
add("array_nested", F(shape(grid=F(arr(arr("int"))), shapes=F(arr(shape(n=F("int"), t=F("string", default_value="t"))), is_required=False))), [
    {"grid": [[1, 2], [3, "x"], "y", None]}, {"grid": [], "shapes": [{"n": 1}, {}, {"n": 2, "bad": 1}]}, {"grid": [[1]], "shapes": [{"n": 1}, {"n": 2, "t": "u"}]},
])
add("top_level_extras", F(shape(n=F("int"))), [
    raw({"ops": {"my_op": {"config": {"n": 1}}}, "solids": {}, "resourcez": 1}),
    raw({"ops": {"my_op": {"config": {"n": 1}, "inputs": {}}}}),
    raw({"ops": {"my_op": {"config": {"n": 1}}, "other_op": {}}}),
    raw({"ops": None}), raw({"ops": []}), raw(None),
    raw({"ops": {"my_op": {}}}),
    raw({"ops": {"my_op": None}}),
    raw({"ops": {"my_op": {"config": {"n": 1}}}, "execution": {"config": {"in_process": {}}}}),
    raw({"ops": {"my_op": {"config": {"n": 1}}}, "execution": {"config": {"in_process": {"retries": {"disabled": {}}}}}}),
    raw({"ops": {"my_op": {"config": {"n": 1}}}, "execution": {"config": {"bogus": {}}}}),
    raw({"ops": {"my_op": {"config": {"n": 1}}}, "execution": {"config": {"multiprocess": {"max_concurrent": 4}, "in_process": {}}}}),
    raw({"ops": {"my_op": {"config": {"n": 1}}}, "loggers": {"console": {"config": {"log_level": "DEBUG"}}}}),
    raw({"ops": {"my_op": {"config": {"n": 1}}}, "loggers": {"bogus": {}}}),
    raw({"ops": {"my_op": {"config": {"n": 1}}}, "loggers": {"console": {}}}),
    raw({"ops": {"my_op": {"config": {"n": 1}}}, "resources": {"io_manager": {"config": {"base_dir": "/tmp"}}}}),
    raw({"ops": {"my_op": {"config": {"n": 1}}}, "resources": {"io_manager": {"config": None}}}),
    raw({"ops": {"my_op": {"config": {"n": 1}}}, "resources": {"api": {}}}),
    raw({"ops": {"my_op": {"config": {"n": "x"}}}, "execution": {"config": {"multiprocess": {"max_concurrent": "4"}}}, "loggers": {"console": {"config": {"log_level": 10}}}}),
])
add("two_ops_more", F(shape(x=F("int"))), [
    raw({"ops": {"my_op": {"config": {"x": 1}}, "plain_op": {"config": {"anything": [1]}}}}),
    raw({"ops": {"my_op": {"config": {"x": 1}}, "plain_op": 5}}),
    raw({"ops": {"my_op": {"config": {"x": 1}}, "plain_op": {"config": None}}}),
    raw({"ops": {"plain_op": {}}}),
    raw({}),
], variant="two_ops")
add("all_optional_two_ops", F(shape(x=F("int", default_value=4))), [raw({}), raw({"ops": {"plain_op": {}}})], variant="two_ops")
add("resource_more", F(shape(url=F("string_source"), timeout=F("int", default_value=30))), [
    {}, {"resources": {}}, {"resources": {"api": {}}}, {"resources": {"api": {"config": {"url": {"env": "ORACLE_UNSET_VAR"}}}}},
    {"resources": {"api": {"config": {"url": 1, "timeout": "x", "extra": 1}}}},
    {"resources": {"api": {"config": {"url": "u"}}, "io_manager": {"config": 5}}},
], variant="resource")
add("resource_all_optional", F(shape(timeout=F("int", default_value=30))), [{}, {"resources": {"api": {"config": {"timeout": 1}}}}], variant="resource")
add("deep_defaults_in_selector_default", F(shape(mode=F(sel(fast=F(shape(level=F("int", default_value=1))), slow=F(shape())), default_value={"fast": {}}))), [
    {}, {"mode": {"slow": {}}}, {"mode": {"fast": {"level": 3}}}, {"mode": {}},
])
add("explicit_optional_shape", F(shape(opt=F(shape(a=F("int", default_value=1)), is_required=False), req=F(shape(a=F("int", default_value=1)), is_required=True))), [
    {}, {"req": {}}, {"opt": {}, "req": {"a": 2}},
])
add("unicode_sorting", F(shape(**{"B": F("int"), "a": F("int"), "_z": F("int"), "é": F("int")})), [{}, {"B": "x", "a": "x", "_z": "x", "é": "x"}])
add("noneable_top", F(none(shape(a=F("int")))), ["__absent", None, {"a": 1}, {}])
add("array_top_default", F(arr("int"), default_value=[1, 2]), ["__absent", [3], None])

defs = [
    ("default_wrong_type", F("int", default_value="x")),
    ("default_missing_required", F(shape(a=F("int"), b=F("int")), default_value={"a": 1})),
    ("required_with_default", F("int", default_value=1, is_required=True)),
    ("valid_selector_default", F(sel(a=F("int"), b=F("int")), default_value={"a": 1})),
    ("enum_default_bad", F(COLOR, default_value="PURPLE")),
    ("enum_default_ok", F(COLOR, default_value="RED")),
    ("nested_default_bad", F(shape(inner=F(shape(n=F("int", default_value="nope")))))),
    ("noneable_default_null", F(none("int"), default_value=None)),
    ("default_extra_field", F(shape(a=F("int")), default_value={"a": 1, "b": 2})),
    ("source_default_env", F("string_source", default_value={"env": "ORACLE_UNSET_VAR"})),
    ("map_default", F(mp("string", "int"), default_value={"a": "x"})),
]
for name, field in defs:
    cases.append({"schema_name": name, "kind": "schema_definition", "field": field})

for i, c in enumerate(cases):
    c["id"] = f"extra-{i:03d}"
json.dump(cases, open("/tmp/cfgwork/extra_in.json", "w"), indent=1)
print(len(cases))

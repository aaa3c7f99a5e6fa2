"""More run configs for each schema of config_validation.json (sim-* cases); run the output of
this script through harness.py with real Dagster 1.13.27 to get the expected answers."""
import json
d = json.load(open("config_validation.json"))
schemas = {}
for c in d["cases"]:
    if c["kind"] == "run_config":
        schemas.setdefault(c["schema_name"], c)
NDK = lambda pairs: {"$dict_with_non_string_keys": pairs}
generic = [None, 1, "x", [], {}, {"zzz": 1}, [1, None], True, 1.5]
specific = {
    "required_int": [{"n": 1}, {"n": True}, {"n": 1.0}, {"n": -5}, {}, {"n": 1, "m": 2, "k": 3}, {"m": 1}],
    "string_with_int_default": [{"name": "a"}, {"name": "a", "count": None}, {"name": 1, "count": "x"}, {"count": 1.5}, {"name": "a", "count": 0}],
    "optional_bool_no_default": [{}, {"flag": True}, {"flag": "true"}, {"flag": None}, {"flag": 0}],
    "float_field": [{"ratio": 1.5}, {"ratio": "1.5"}, {"ratio": None}, {"ratio": False}, {}],
    "nested_shape_defaults": [{"db": {"host": "h"}}, {"db": {"host": "h", "port": "p"}, "retries": "r"}, {"db": {"host": "h", "x": 1}}, {"db": None}, {"db": {"host": None}}],
    "permissive_empty": [{"anything": 1, "b": [1]}, {}, "s"],
    "selector": [{"csv": {"path": "a"}}, {"parquet": {"path": "b"}}, {}, {"csv": {}}, {"json": {}}, {"parquet": None}, {"csv": None}, {"parquet": {"path": 1, "compression": 2}}],
    "selector_with_optional_branches": [{"sel": {"b": {}}}, {"sel": {"b": None}}, {"sel": {}}, {"sel": {"a": 1, "b": {}}}, {"sel": None}, {"sel": {"c": 1}}],
    "single_field_selector_all_optional": [{"only": None}, {"only": {"v": 1}}, {"only": {"v": "x"}}, {"other": {}}, None],
    "noneable_with_default": [{}, {"limit": None}, {"limit": "x"}, None],
    "noneable_shape": [{"opts": None}, {"opts": {"a": 1}}, {"opts": {}}, {"opts": {"a": "x"}}],
    "array_int": [{"ids": [1, 2]}, {"ids": []}, {"ids": [1, "2", None, 3.0]}, {"ids": 1}, {}],
    "array_of_shapes": [{"items": [{"id": 1}]}, {"items": [{"id": 1, "tags": ["a"]}, {}]}, {"items": [{"tags": None}]}, {"items": []}, {"items": [None]}],
    "array_of_noneable": [[], [None], [1, "a", None, 2.5]],
    "enum": [{"color": "GREEN"}, {"color": "BLUE"}, {"color": "red"}, {"color": 1}, {}],
    "string_source": [{"token": "x"}, {"token": {"env": "ORACLE_UNSET_VAR"}}, {"token": {"env": "ORACLE_EMPTY"}}, {"token": {}}, {"token": 1}, {"token": {"env": 1}}, {"token": {"ENV": "X"}}],
    "int_source": [{"port": 1}, {"port": {"env": "ORACLE_SET_INT"}}, {"port": {"env": "ORACLE_UNSET_VAR"}}, {"port": "1"}, {"port": {"env": "ORACLE_EMPTY"}}, {"port": {"env": "ORACLE_SET_STR", "x": 1}}],
    "bool_source_default": [{}, {"debug": True}, {"debug": {"env": "ORACLE_EMPTY"}}, {"debug": {"env": "ORACLE_SET_STR"}}, {"debug": {"env": "ORACLE_UNSET_VAR"}}, {"debug": "true"}],
    "map_int_keys": [NDK([[1, "a"], [2, "b"]]), {"a": "x"}, NDK([[1, 2]]), NDK([[1, None]]), {"1": "x"}],
    "top_level_array_str": [["a", 1], [None], ["a", None, 3]],
    "deeply_nested_all_optional": [{"a": {}}, {"a": {"b": {}}}, {"a": None}, {"a": {"b": {"c": "x", "e": 1}}}, {"a": {"b": None}}],
    "scalar_union": [{"src": "p"}, {"src": 1}, {"src": ["p"]}, {"src": None}, {"src": {"path": "p", "lazy": "no"}}, {}],
    "two_ops_one_without_schema": [{"x": "1"}],
    "resource_config": [],
}
resource_configs = [
    {"resources": {"api": {"config": {"url": {"env": "ORACLE_UNSET_VAR"}}}}}, {"resources": {"api": {"config": {}}}}, {},
    {"resources": {"api": {"config": {"url": "u", "timeout": None}}}},
    {"resources": {"api": {"config": {"url": "u"}}}, "ops": {"my_op": {"config": 5}}},
    {"resources": {"api": {"config": {"url": "u"}}}, "ops": {"my_op": {"config": {"x": 1}}}},
    {"resources": {"api": {"config": {"url": "u"}}}, "ops": {"my_op": 5}},
]
cases = []
for name, c in schemas.items():
    variant = "resource" if c["resource_schema"] else ("two_ops" if "plain_op" in c["job_note"] else "single")
    configs = specific.get(name, []) + ([] if variant == "resource" else generic)
    for rc in configs:
        cases.append({"schema_name": name, "kind": "run_config", "op_config_field": c["op_config_field"],
                      "resource_schema": c["resource_schema"], "variant": variant,
                      "run_config": {"ops": {"my_op": {"config": rc}}}, "job_note": c["job_note"]})
    if variant == "resource":
        for rc in resource_configs:
            cases.append({"schema_name": name, "kind": "run_config", "op_config_field": None,
                          "resource_schema": c["resource_schema"], "variant": variant, "run_config": rc, "job_note": c["job_note"]})
for i, c in enumerate(cases):
    c["id"] = f"sim-{i:03d}"
json.dump(cases, open("sim_in.json", "w"))
print(len(cases))

import json, os, sys, traceback
import dagster as dg
from dagster import Field, Shape, Permissive, Selector, Noneable, Array, Map, Enum, EnumValue, ScalarUnion, StringSource, IntSource, BoolSource, Any as DAny
from dagster._core.errors import DagsterInvalidConfigError

ENV = {"ORACLE_SET_STR": "hello-from-env", "ORACLE_SET_INT": "42", "ORACLE_BAD_INT": "not-a-number", "ORACLE_SET_BOOL": "true", "ORACLE_EMPTY": ""}
os.environ.update(ENV)
os.environ.pop("ORACLE_UNSET_VAR", None)

SCALARS = {"int": int, "string": str, "float": float, "bool": bool, "any": DAny,
           "string_source": StringSource, "int_source": IntSource, "bool_source": BoolSource}

def decode_value(v):
    if isinstance(v, dict):
        if list(v.keys()) == ["$dict_with_non_string_keys"]:
            return {decode_value(k): decode_value(x) for k, x in v["$dict_with_non_string_keys"]}
        return {k: decode_value(x) for k, x in v.items()}
    if isinstance(v, list):
        return [decode_value(x) for x in v]
    return v

def encode_value(v):
    if isinstance(v, dict):
        if any(not isinstance(k, str) for k in v):
            return {"$dict_with_non_string_keys": [[encode_value(k), encode_value(x)] for k, x in v.items()]}
        return {k: encode_value(x) for k, x in v.items()}
    if isinstance(v, (list, tuple)):
        return [encode_value(x) for x in v]
    if hasattr(v, "value") and not isinstance(v, (int, float, str, bool)):
        return v.value
    return v

_enum_cache = {}
def build_type(t):
    if isinstance(t, str):
        return SCALARS[t]
    k = t["type"]
    if k == "shape": return Shape({n: build_field(f) for n, f in t["fields"].items()})
    if k == "permissive": return Permissive({n: build_field(f) for n, f in t["fields"].items()})
    if k == "selector": return Selector({n: build_field(f) for n, f in t["fields"].items()})
    if k == "noneable": return Noneable(build_type(t["inner"]))
    if k == "array": return Array(build_type(t["inner"]))
    if k == "map": return Map(SCALARS[t["key"]], build_type(t["inner"]))
    if k == "enum":
        key = json.dumps(t, sort_keys=True)
        if key not in _enum_cache:
            _enum_cache[key] = Enum(t["name"], [EnumValue(v["config_value"], python_value=v.get("python_value", v["config_value"])) for v in t["values"]])
        return _enum_cache[key]
    if k == "scalar_union": return ScalarUnion(build_type(t["scalar"]), build_type(t["non_scalar"]))
    raise ValueError(k)

def build_field(f):
    kw = {}
    if "is_required" in f: kw["is_required"] = f["is_required"]
    if "default_value" in f: kw["default_value"] = decode_value(f["default_value"])
    return Field(build_type(f["type"]), **kw)

def view(field):
    d = {"is_required": field.is_required, "default_provided": field.default_provided}
    if field.default_provided: d["default_value"] = encode_value(field.default_value)
    ct = field.config_type
    if ct.kind.name in ("STRICT_SHAPE", "PERMISSIVE_SHAPE", "SELECTOR"):
        d["fields"] = {n: view(f) for n, f in ct.fields.items()}
    return d

def build_job(op_field, resource_schema, variant):
    if variant == "resource":
        @dg.resource(config_schema=build_field(resource_schema))
        def api(ctx): return ctx.resource_config
        @dg.op(required_resource_keys={"api"})
        def my_op(context): return None
        @dg.job(resource_defs={"api": api})
        def j(): my_op()
        return j
    if op_field is None:
        @dg.op
        def my_op(context): return None
    else:
        @dg.op(config_schema=build_field(op_field))
        def my_op(context): return None
    if variant == "two_ops":
        @dg.op
        def plain_op(context): return None
        @dg.job
        def j():
            my_op(); plain_op()
        return j
    @dg.job
    def j(): my_op()
    return j

def err_json(e):
    from dagster._config.stack import get_friendly_path_info
    _, path = get_friendly_path_info(e.stack)
    d = {"reason": e.reason.value, "path": path or "root", "stack_levels": list(e.stack.levels), "message": e.message}
    ed = e.error_data
    for attr in ("field_name", "field_names", "incoming_fields", "value_rep"):
        if hasattr(ed, attr): d[attr] = list(getattr(ed, attr)) if attr in ("field_names", "incoming_fields") else getattr(ed, attr)
    return d

def run_case(c):
    out = dict(c)
    if c.get("kind") == "schema_definition":
        try:
            build_field(c["field"]); out["definition_error"] = None
        except Exception as e:
            out["definition_error"] = {"type": type(e).__name__, "message": str(e).split("\n\n")[0]}
        return out
    variant = {"resource": "resource", "two_ops": "two_ops"}.get(c.get("variant"), "single")
    ofield = c.get("op_config_field")
    j = build_job(ofield if variant != "resource" else None, c.get("resource_schema"), variant)
    if variant == "resource":
        out["dagster_view"] = view(build_field(c["resource_schema"]))
    elif ofield is not None:
        out["dagster_view"] = view(build_field(ofield))
    rc = decode_value(c["run_config"])
    try:
        res = dg.validate_run_config(j, rc)
        out["valid"] = True
        out["validated_op_config"] = encode_value(res.get("ops", {}).get("my_op", {}).get("config"))
        if variant == "resource":
            out["validated_resource_config"] = encode_value(res.get("resources", {}).get("api", {}).get("config"))
        out["validated_full"] = encode_value(res)
    except DagsterInvalidConfigError as e:
        out["valid"] = False
        out["errors"] = [err_json(x) for x in e.errors]
    return out

if __name__ == "__main__":
    cases = json.load(open(sys.argv[1]))
    res = [run_case(c) for c in cases]
    json.dump(res, open(sys.argv[2], "w"), indent=1)

"""Wraps the harness output in the fixture header: python3 asset_selection_wrap.py cases_out.json"""
import json
import sys

cases = json.load(open(sys.argv[1]))
print(json.dumps({
    "fixture": "asset_selection_extra",
    "dagster_version": "1.13.27",
    "description": "Random asset-selection cases in the format of the oracle's asset_selection.json, answered by "
                   "real Dagster 1.13.27 (generate/asset_selection_cases.py, generate/asset_selection_harness.py).",
    "case_count": len(cases),
    "cases": cases,
}, indent=1))

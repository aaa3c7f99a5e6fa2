#!/usr/bin/env python3
"""Oracle generator: how real Dagster (1.13.27) validates $DAGSTER_HOME/dagster.yaml.

Run with the Python of a venv that has `dagster==1.13.27` installed:

    /tmp/dagvenv/bin/python generate_dagster_yaml_cases.py > dagster_yaml_cases.json
    # or: ... generate_dagster_yaml_cases.py -o dagster_yaml_cases.json [--no-cli]

For every case a fresh temporary DAGSTER_HOME is created and the case's YAML is
written to DAGSTER_HOME/dagster.yaml (a case with `yaml: null` writes no file at all).
Occurrences of the literal text `$DAGSTER_HOME` inside `yaml` and inside `env` values
are replaced with the real temp directory before writing / exporting; the same
substitution is reversed in every recorded message, so the output is deterministic.

Loading mimics `dagster instance info`, in stages:
  "yaml"     - yaml parse of dagster.yaml (load_yaml_from_globs inside dagster_instance_config)
  "config"   - dagster._core.instance.config.dagster_instance_config(home): schema validation
               plus the hand-written cross-key checks (storage vs run_storage, run_queue vs
               run_coordinator, concurrency ...)
  "instance" - DagsterInstance.get(): builds InstanceRef, rehydrates local artifact storage,
               storages (creates sqlite DBs), scheduler, secrets loader, run-monitoring check
  "lazy"     - instance.run_coordinator / run_launcher / compute_log_manager (these are
               rehydrated lazily, so their class-level config is only validated here)
  "info"     - instance.info_str() + instance.schema_str() (what `instance info` prints)

Output: JSON array of objects
  id, description, yaml, env, valid, config_valid, error_stage, error_class, error_message,
  cli_exit_code, cli_stdout (valid cases), cli_error (invalid cases: the final exception
  text from the traceback that `dagster instance info` prints to stderr)
NOTE: in real Dagster the order of the settings blocks (telemetry, run_monitoring, ...)
in `instance info` output is NOT stable (iteration over a Python set); the CLI is run
with PYTHONHASHSEED=0 so this file is reproducible.  Compare those blocks order-insensitively.
`valid` = all stages succeed.  `config_valid` = the "yaml" and "config" stages succeed.
`error_class` is the bare class name (e.g. DagsterInvalidConfigError, CheckError,
ParserError); `error_class_qualified` has the module path too.
Messages are normalised: the temp home -> `$DAGSTER_HOME`, Python object addresses
(` at 0x7f..`) -> ` at 0x...`, and the Python stack trace that Dagster embeds after
"Stack Trace:" in env-var errors -> `<omitted>`.
"""

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import traceback

PLACEHOLDER = "$DAGSTER_HOME"


def C(id, yaml, description, env=None, note=None):
    d = {"id": id, "description": description, "yaml": yaml, "env": env or {}}
    if note:
        d["note"] = note
    return d


CASES = [
    # ------------------------------------------------------------------ valid
    C("empty_file", "", "Completely empty dagster.yaml: all defaults."),
    C("no_file", None, "No dagster.yaml at all (Dagster logs a warning and uses defaults)."),
    C("comment_only", "# just a comment\n", "Only a comment: YAML null document -> {}."),
    C("empty_mapping", "{}\n", "Explicit empty mapping."),
    C(
        "storage_sqlite_base_dir",
        "storage:\n  sqlite:\n    base_dir: $DAGSTER_HOME/sqlite_storage\n",
        "Unified storage, sqlite selector with base_dir.",
    ),
    C(
        "storage_postgres_db",
        "storage:\n"
        "  postgres:\n"
        "    postgres_db:\n"
        "      username: dagster\n"
        "      password: secret\n"
        "      hostname: localhost\n"
        "      db_name: dagster\n"
        "      port: 5432\n",
        "Postgres selector with postgres_db block.",
        note="Schema-valid (config_valid=true); loading fails only because the"
        " dagster_postgres package is not installed in the oracle venv.",
    ),
    C(
        "storage_postgres_url_env",
        "storage:\n  postgres:\n    postgres_url:\n      env: DAGSTER_PG_URL\n",
        "Postgres selector with postgres_url taken from an env var.",
        env={"DAGSTER_PG_URL": "postgresql://u:p@localhost:5432/db"},
        note="Schema-valid; loading fails because dagster_postgres is not installed.",
    ),
    C(
        "run_coordinator_queued",
        "run_coordinator:\n"
        "  module: dagster.core.run_coordinator\n"
        "  class: QueuedRunCoordinator\n"
        "  config:\n"
        "    max_concurrent_runs: 5\n"
        "    tag_concurrency_limits:\n"
        "      - key: team\n"
        "        value: ml\n"
        "        limit: 2\n"
        "      - key: env\n"
        "        value:\n"
        "          applyLimitPerUniqueValue: true\n"
        "        limit: 1\n"
        "      - key: database\n"
        "        limit: 3\n",
        "QueuedRunCoordinator with max_concurrent_runs and tag_concurrency_limits"
        " (string value, per-unique-value, and key-only forms).",
    ),
    C(
        "run_coordinator_default",
        "run_coordinator:\n  module: dagster.core.run_coordinator\n  class: DefaultRunCoordinator\n",
        "DefaultRunCoordinator (alias of SyncInMemoryRunCoordinator), no config.",
    ),
    C(
        "run_queue_shorthand",
        "run_queue:\n  max_concurrent_runs: 15\n  dequeue_interval_seconds: 5\n",
        "run_queue top-level key: shorthand for QueuedRunCoordinator config.",
    ),
    C(
        "compute_logs_local",
        "compute_logs:\n"
        "  module: dagster.core.storage.local_compute_log_manager\n"
        "  class: LocalComputeLogManager\n"
        "  config:\n"
        "    base_dir: $DAGSTER_HOME/my_compute_logs\n",
        "LocalComputeLogManager with explicit base_dir.",
    ),
    C(
        "compute_logs_noop",
        "compute_logs:\n"
        "  module: dagster._core.storage.noop_compute_log_manager\n"
        "  class: NoOpComputeLogManager\n",
        "NoOpComputeLogManager (no config).",
    ),
    C(
        "local_artifact_storage",
        "local_artifact_storage:\n"
        "  module: dagster.core.storage.root\n"
        "  class: LocalArtifactStorage\n"
        "  config:\n"
        "    base_dir: $DAGSTER_HOME/artifacts\n",
        "LocalArtifactStorage with base_dir.",
    ),
    C(
        "run_launcher_default",
        "run_launcher:\n  module: dagster\n  class: DefaultRunLauncher\n",
        "DefaultRunLauncher, no config.",
    ),
    C(
        "scheduler_daemon",
        "scheduler:\n"
        "  module: dagster.core.scheduler\n"
        "  class: DagsterDaemonScheduler\n"
        "  config:\n"
        "    max_catchup_runs: 3\n"
        "    max_tick_retries: 1\n",
        "DagsterDaemonScheduler with its two config fields.",
    ),
    C(
        "run_monitoring",
        "run_monitoring:\n"
        "  enabled: true\n"
        "  start_timeout_seconds: 180\n"
        "  cancel_timeout_seconds: 180\n"
        "  max_runtime_seconds: 3600\n"
        "  max_resume_run_attempts: 0\n"
        "  poll_interval_seconds: 120\n",
        "run_monitoring block with resume disabled.",
    ),
    C(
        "run_retries",
        "run_retries:\n  enabled: true\n  max_retries: 3\n  retry_on_asset_or_op_failure: false\n",
        "run_retries block.",
    ),
    C(
        "retention",
        "retention:\n"
        "  schedule:\n"
        "    purge_after_days: 90\n"
        "  sensor:\n"
        "    purge_after_days:\n"
        "      skipped: 7\n"
        "      failure: 30\n"
        "      success: -1\n",
        "retention with int and per-status forms.",
    ),
    C("telemetry_disabled", "telemetry:\n  enabled: false\n", "telemetry.enabled false."),
    C(
        "telemetry_enabled_yes_unquoted",
        "telemetry:\n  enabled: yes\n",
        "Unquoted yes: PyYAML (YAML 1.1) parses it as boolean true, so it is valid.",
    ),
    C(
        "concurrency_pools_runs",
        "concurrency:\n"
        "  pools:\n"
        "    default_limit: 1\n"
        "    granularity: op\n"
        "    op_granularity_run_buffer: 1\n"
        "  runs:\n"
        "    max_concurrent_runs: 10\n"
        "    tag_concurrency_limits:\n"
        "      - key: dagster/backfill\n"
        "        limit: 3\n",
        "concurrency with pools and runs.",
    ),
    C(
        "env_var_sqlite_base_dir",
        "storage:\n  sqlite:\n    base_dir:\n      env: MY_SQLITE_BASE_DIR\n",
        "sqlite base_dir given as {env: VAR} with the env var set.",
        env={"MY_SQLITE_BASE_DIR": "$DAGSTER_HOME/from_env"},
    ),
    C(
        "legacy_storages",
        "run_storage:\n"
        "  module: dagster.core.storage.runs\n"
        "  class: SqliteRunStorage\n"
        "  config:\n"
        "    base_dir: $DAGSTER_HOME/legacy/history\n"
        "event_log_storage:\n"
        "  module: dagster.core.storage.event_log\n"
        "  class: SqliteEventLogStorage\n"
        "  config:\n"
        "    base_dir: $DAGSTER_HOME/legacy/history/runs\n"
        "schedule_storage:\n"
        "  module: dagster.core.storage.schedules\n"
        "  class: SqliteScheduleStorage\n"
        "  config:\n"
        "    base_dir: $DAGSTER_HOME/legacy/schedules\n",
        "Legacy per-storage keys (run_storage/event_log_storage/schedule_storage) without storage.",
    ),
    C(
        "misc_settings",
        "schedules:\n  use_threads: true\n  num_workers: 4\n"
        "sensors:\n  use_threads: true\n  num_workers: 2\n  num_submit_workers: 2\n"
        "backfills:\n  use_threads: false\n"
        "auto_materialize:\n  enabled: true\n  minimum_interval_seconds: 30\n  run_tags:\n    a: b\n"
        "code_servers:\n  local_startup_timeout: 360\n  reload_timeout: 60\n"
        "nux:\n  enabled: false\n"
        "python_logs:\n  python_log_level: INFO\n  managed_python_loggers:\n    - my_logger\n"
        "freshness:\n  enabled: true\n",
        "Many optional settings blocks at once.",
    ),
    # ---------------------------------------------------------------- invalid
    C("unknown_top_level_key", "foo: 1\n", "Unknown top-level key."),
    C(
        "storage_selector_typo",
        "storage:\n  sqlit:\n    base_dir: /tmp/x\n",
        "Typo in the storage selector (sqlit).",
    ),
    C(
        "storage_two_choices",
        "storage:\n  sqlite:\n    base_dir: /tmp/x\n  postgres:\n    postgres_url: postgresql://x\n",
        "Two storage selector choices at once.",
    ),
    C("storage_empty_mapping", "storage: {}\n", "storage with zero selector choices."),
    C(
        "storage_sqlite_missing_base_dir",
        "storage:\n  sqlite: {}\n",
        "sqlite selector without the required base_dir.",
    ),
    C(
        "storage_sqlite_base_dir_int",
        "storage:\n  sqlite:\n    base_dir: 123\n",
        "sqlite base_dir with the wrong type (int).",
    ),
    C(
        "env_var_unset",
        "storage:\n  sqlite:\n    base_dir:\n      env: DAGSTER_TEST_SURELY_UNSET_VAR\n",
        "{env: VAR} with VAR not set.",
    ),
    C(
        "run_coordinator_max_concurrent_runs_string",
        "run_coordinator:\n"
        "  module: dagster.core.run_coordinator\n"
        "  class: QueuedRunCoordinator\n"
        "  config:\n"
        "    max_concurrent_runs: ten\n",
        "String for max_concurrent_runs inside run_coordinator.config"
        " (checked only when the run coordinator is lazily rehydrated).",
    ),
    C(
        "run_queue_max_concurrent_runs_string",
        "run_queue:\n  max_concurrent_runs: ten\n",
        "String for max_concurrent_runs inside run_queue (checked by the instance schema).",
    ),
    C(
        "concurrency_runs_max_concurrent_runs_string",
        "concurrency:\n  runs:\n    max_concurrent_runs: \"5\"\n",
        "Quoted string for concurrency.runs.max_concurrent_runs.",
    ),
    C(
        "run_monitoring_unknown_field",
        "run_monitoring:\n  enabled: true\n  poll_interval: 10\n",
        "Unknown field inside run_monitoring.",
    ),
    C(
        "run_monitoring_resume_unsupported",
        "run_monitoring:\n  enabled: true\n  max_resume_run_attempts: 3\n",
        "Run monitoring with resume attempts while DefaultRunLauncher cannot resume.",
    ),
    C("telemetry_enabled_string", 'telemetry:\n  enabled: "yes"\n', "telemetry.enabled quoted string."),
    C("telemetry_not_mapping", "telemetry: false\n", "telemetry given a scalar instead of a mapping."),
    C(
        "run_coordinator_unknown_class",
        "run_coordinator:\n  module: dagster.core.run_coordinator\n  class: FancyRunCoordinator\n",
        "run_coordinator class that does not exist in the module.",
    ),
    C(
        "run_coordinator_unknown_module",
        "run_coordinator:\n  module: not_a_real_module_xyz\n  class: QueuedRunCoordinator\n",
        "run_coordinator module that cannot be imported.",
    ),
    C(
        "run_coordinator_missing_class",
        "run_coordinator:\n  module: dagster.core.run_coordinator\n",
        "configurable-class block without the required `class` key.",
    ),
    C(
        "compute_logs_missing_base_dir",
        "compute_logs:\n"
        "  module: dagster.core.storage.local_compute_log_manager\n"
        "  class: LocalComputeLogManager\n",
        "LocalComputeLogManager without its required base_dir (lazy rehydrate).",
    ),
    C(
        "legacy_run_storage_and_storage",
        "storage:\n  sqlite:\n    base_dir: /tmp/x\n"
        "run_storage:\n  module: dagster.core.storage.runs\n  class: SqliteRunStorage\n"
        "  config:\n    base_dir: /tmp/x/history\n",
        "Legacy run_storage together with storage.",
    ),
    C(
        "run_queue_and_run_coordinator",
        "run_queue:\n  max_concurrent_runs: 5\n"
        "run_coordinator:\n  module: dagster.core.run_coordinator\n  class: QueuedRunCoordinator\n",
        "run_queue together with run_coordinator.",
    ),
    C(
        "concurrency_default_limit_negative",
        "concurrency:\n  pools:\n    default_limit: -1\n",
        "pools.default_limit out of range.",
    ),
    C(
        "concurrency_bad_granularity",
        "concurrency:\n  pools:\n    granularity: asset\n",
        "pools.granularity not run|op.",
    ),
    C(
        "concurrency_runs_conflicts_run_queue",
        "concurrency:\n  runs:\n    max_concurrent_runs: 4\nrun_queue:\n  max_concurrent_runs: 5\n",
        "concurrency.runs together with run_queue.max_concurrent_runs.",
    ),
    C("freshness_missing_enabled", "freshness: {}\n", "freshness requires enabled."),
    C(
        "two_unknown_top_level_keys",
        "foo: 1\nbar: 2\n",
        "Two unknown top-level keys (plural form of the message).",
    ),
    C(
        "run_monitoring_multiple_errors",
        "run_monitoring:\n  enabled: \"no\"\n  poll_interval_seconds: fast\n",
        "Two type errors in one block: both reported, numbered Error 1 / Error 2.",
    ),
    C("telemetry_null", "telemetry:\n", "Key present with null value."),
    C(
        "storage_sqlite_null",
        "storage:\n  sqlite:\n",
        "sqlite selector present with null value.",
    ),
    C(
        "storage_mysql_url_and_db",
        "storage:\n  mysql:\n    mysql_url: mysql://x\n    mysql_db:\n      username: u\n"
        "      password: p\n      hostname: h\n      db_name: d\n",
        "mysql is itself a selector: mysql_url and mysql_db are mutually exclusive.",
    ),
    C(
        "storage_postgres_empty",
        "storage:\n  postgres: {}\n",
        "postgres with no fields at all: every postgres field is optional in the schema.",
        note="Schema-valid; loading fails because dagster_postgres is not installed.",
    ),
    C(
        "retention_missing_purge_after_days",
        "retention:\n  schedule: {}\n",
        "retention.schedule requires purge_after_days.",
    ),
    C(
        "run_coordinator_config_null",
        "run_coordinator:\n  module: dagster.core.run_coordinator\n  class: QueuedRunCoordinator\n  config:\n",
        "configurable-class `config:` key with null value.",
    ),
    C(
        "tag_concurrency_limit_missing_limit",
        "run_queue:\n  tag_concurrency_limits:\n    - key: team\n",
        "tag_concurrency_limits entry without the required limit.",
    ),
    C(
        "run_queue_max_concurrent_runs_negative",
        "run_queue:\n  max_concurrent_runs: -5\n",
        "Negative max_concurrent_runs other than -1: schema-valid, rejected when the"
        " QueuedRunCoordinator is constructed (lazy stage).",
    ),
    C(
        "non_string_top_level_key",
        "1: 2\n",
        "Integer top-level key: Dagster's config validator itself crashes (ParameterCheckError).",
    ),
    C(
        "storage_null",
        "storage:\n",
        "storage key with null value: Dagster's pre-check calls len(None) and crashes (TypeError).",
    ),
    C(
        "storage_scalar_long",
        "storage: sqlite\n",
        "storage given a 6-char string: the len()!=1 pre-check fires first.",
    ),
    C(
        "storage_scalar_one_char",
        "storage: x\n",
        "storage given a 1-char string: passes the len() pre-check, rejected by the selector.",
    ),
    C(
        "concurrency_null",
        "concurrency:\n",
        "concurrency key with null value: the concurrency pre-check crashes (TypeError).",
    ),
    C(
        "concurrency_pools_and_default_op_limit",
        "concurrency:\n  pools:\n    default_limit: 1\n  default_op_concurrency_limit: 2\n",
        "pools together with deprecated default_op_concurrency_limit.",
    ),
    C(
        "concurrency_default_op_limit_too_big",
        "concurrency:\n  default_op_concurrency_limit: 5000\n",
        "deprecated default_op_concurrency_limit above the max (1000 unless"
        " DAGSTER_MAX_GLOBAL_OP_CONCURRENCY_LIMIT is set).",
    ),
    C(
        "run_coordinator_empty_mapping",
        "run_coordinator: {}\n",
        "configurable-class block missing both module and class (plural message).",
    ),
    C(
        "instance_class_missing_class",
        "instance_class:\n  module: x\n",
        "instance_class is validated before everything else, with its own preamble.",
    ),
    C(
        "run_launcher_unknown_config_field",
        "run_launcher:\n  module: dagster\n  class: DefaultRunLauncher\n  config:\n    foo: 1\n",
        "DefaultRunLauncher takes no config: unknown field rejected when the launcher is rehydrated.",
    ),
    C("yaml_list", "- storage\n- run_launcher\n", "YAML document that is a list, not a mapping."),
    C("yaml_scalar", "just a string\n", "YAML document that is a scalar string."),
    C("yaml_syntax_error", "storage:\n  sqlite:\n    base_dir: [unclosed\n", "YAML syntax error."),
    C("yaml_bad_indentation", "storage:\n  sqlite:\n base_dir: /tmp/x\n  oops: 1\n", "YAML indentation error."),
]


def _norm(text, home):
    """Make a message deterministic: temp home -> $DAGSTER_HOME, object addresses -> 0x...,
    embedded Python stack traces (env-var post-processing errors) -> a fixed marker."""
    if text is None:
        return None
    real = os.path.realpath(home)
    for p in sorted({home, real}, key=len, reverse=True):
        text = text.replace(p, PLACEHOLDER)
    text = re.sub(r" at 0x[0-9a-fA-F]+", " at 0x...", text)
    text = re.sub(r"\n\nStack Trace:\n(?:.|\n)*\Z", "\n\nStack Trace:\n<omitted>", text)
    return text


def _subst(text, home):
    return None if text is None else text.replace(PLACEHOLDER, home)


def _exc_record(exc, home):
    return {
        "error_class": type(exc).__name__,
        "error_class_qualified": f"{type(exc).__module__}.{type(exc).__qualname__}",
        "error_message": _norm(str(exc), home),
    }


def _final_exception_text(stderr):
    """Return the exception text that ends the last traceback printed on stderr."""
    lines = stderr.splitlines()
    tb = max((i for i, l in enumerate(lines) if l.startswith("Traceback (most recent call last)")), default=None)
    if tb is None:
        return stderr.strip()
    i = tb + 1
    while i < len(lines) and (lines[i].startswith(" ") or lines[i] == ""):
        i += 1
    return "\n".join(lines[i:]).strip()


def run_case(case, with_cli):
    from dagster._core.instance import DagsterInstance
    from dagster._core.instance.config import dagster_instance_config

    home = tempfile.mkdtemp(prefix="dagster_yaml_case_")
    saved_env = dict(os.environ)
    out = dict(case)
    out.update(
        valid=False,
        config_valid=False,
        error_stage=None,
        error_class=None,
        error_class_qualified=None,
        error_message=None,
    )
    try:
        if case["yaml"] is not None:
            with open(os.path.join(home, "dagster.yaml"), "w", encoding="utf8") as f:
                f.write(_subst(case["yaml"], home))
        os.environ["DAGSTER_HOME"] = home
        for k, v in case["env"].items():
            os.environ[k] = _subst(v, home)
        os.environ.pop("DAGSTER_TEST_SURELY_UNSET_VAR", None)

        stage = "config"
        try:
            stage = "yaml"
            if case["yaml"] is not None:
                from dagster_shared.yaml_utils import load_yaml_from_globs

                load_yaml_from_globs(os.path.join(home, "dagster.yaml"))
            stage = "config"
            dagster_instance_config(home)
            out["config_valid"] = True
            stage = "instance"
            instance = DagsterInstance.get()
            try:
                stage = "lazy"
                instance.run_coordinator  # noqa: B018
                instance.run_launcher  # noqa: B018
                instance.compute_log_manager  # noqa: B018
                stage = "info"
                instance.info_str()
                instance.schema_str()
            finally:
                instance.dispose()
            out["valid"] = True
        except Exception as exc:  # noqa: BLE001
            out["error_stage"] = stage
            out.update(_exc_record(exc, home))
            if os.environ.get("DEBUG_CASES"):
                traceback.print_exc()

        if with_cli:
            dagster_bin = os.path.join(os.path.dirname(sys.executable), "dagster")
            env = dict(os.environ)
            env["DAGSTER_DISABLE_TELEMETRY"] = "1"
            # Dagster builds the settings part of `instance info` from a Python *set* of
            # keys, so their order follows string-hash randomisation; pin it for stable output.
            env["PYTHONHASHSEED"] = "0"
            proc = subprocess.run(
                [dagster_bin, "instance", "info"],
                cwd=home,
                env=env,
                capture_output=True,
                text=True,
                check=False,
            )
            out["cli_exit_code"] = proc.returncode
            if proc.returncode == 0:
                out["cli_stdout"] = _norm(proc.stdout, home)
            else:
                out["cli_error"] = _norm(_final_exception_text(proc.stderr), home)
    finally:
        os.environ.clear()
        os.environ.update(saved_env)
        shutil.rmtree(home, ignore_errors=True)
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("-o", "--output")
    ap.add_argument("--no-cli", action="store_true", help="skip `dagster instance info` runs")
    args = ap.parse_args()

    import logging

    logging.getLogger("dagster").setLevel(logging.ERROR)

    results = [run_case(c, with_cli=not args.no_cli) for c in CASES]
    text = json.dumps(results, indent=2, ensure_ascii=False) + "\n"
    if args.output:
        with open(args.output, "w", encoding="utf8") as f:
            f.write(text)
    else:
        sys.stdout.write(text)
    for r in results:
        print(
            f"{r['id']:45s} valid={r['valid']!s:5s} config_valid={r['config_valid']!s:5s} "
            f"stage={r['error_stage']} {r['error_class']}",
            file=sys.stderr,
        )


if __name__ == "__main__":
    main()

"""Real-Dagster versions of the dagster-bench workloads W2, W3 and W5 (see ../../../shared/BENCHMARKS.md).

Run it with the Python of a virtualenv holding dagster==1.13.27:

    python dagster_workloads.py w2 [N] [--iterations K]   # N-op chain, in-process executor
    python dagster_workloads.py w3 [--iterations K]       # 1 -> 40 -> 1 fan-out, multiprocess executor
    python dagster_workloads.py w4 [--iterations K]       # 100 assets in 10 layers, then lookups
    python dagster_workloads.py w5 [N] [--iterations K]   # N add_run calls, then four run queries

Each prints one JSON line with the same keys as `dagster-bench` (times are medians in seconds),
so the driver (run.py) can put both side by side. Every measured run gets a fresh persistent
instance: a new DAGSTER_HOME temp directory with the default SQLite storage and the default
filesystem IO manager; only telemetry is switched off, because our side has none.
W7 (whole-process CLI time) is timed by run.py itself, with w7_defs.py as the definitions file.
"""

import json
import os
import shutil
import statistics
import sys
import tempfile
import time
import uuid

# Parse the command line before the jobs below are defined: the chain length must be known at
# import time. It travels in an environment variable, so that any re-import of this file by
# Dagster (reconstructable jobs are loaded again from the file) builds the same job.
if __name__ == "__main__":
    ARGS = [a for a in sys.argv[1:]]
    ITERATIONS = 5
    if "--iterations" in ARGS:
        at = ARGS.index("--iterations")
        ITERATIONS = int(ARGS[at + 1])
        del ARGS[at : at + 2]
    WORKLOAD = ARGS[0] if ARGS else "w2"
    SIZE = int(ARGS[1]) if len(ARGS) > 1 else None
    if WORKLOAD == "w2" and SIZE is not None:
        os.environ["DAGSTER_BENCH_CHAIN_N"] = str(SIZE)

from dagster import (  # noqa: E402
    DagsterEventType,
    DagsterInstance,
    DagsterRun,
    DagsterRunStatus,
    RunsFilter,
    execute_job,
    job,
    op,
    reconstructable,
)

CHAIN_N = int(os.environ.get("DAGSTER_BENCH_CHAIN_N", "100"))
FAN_WIDTH = 40


# ---- W2: the linear chain (op `start` returns 0, `inc_1` .. `inc_{N-1}` add one) ----
@op
def start() -> int:
    return 0


@op
def inc(x: int) -> int:
    return x + 1


@job
def chain():
    handle = start()
    for index in range(1, max(CHAIN_N, 1)):
        handle = inc.alias(f"inc_{index}")(handle)


# ---- W3: `root` -> 40 copies of `identity` -> `sink`, which sums the fan-in ----
@op
def root() -> int:
    return 1


@op
def identity(x: int) -> int:
    return x


@op
def sink(values: list[int]) -> int:
    return sum(values)


@job
def fan_out():
    first = root()
    sink([identity.alias(f"identity_{index}")(first) for index in range(FAN_WIDTH)])


# ---- helpers ----
def fresh_instance():
    """A new persistent instance in its own temp DAGSTER_HOME (default SQLite storage)."""
    home = tempfile.mkdtemp(prefix="dagster_compare_")
    with open(os.path.join(home, "dagster.yaml"), "w") as config:
        config.write("telemetry:\n  enabled: false\n")
    os.environ["DAGSTER_HOME"] = home
    return DagsterInstance.get(), home


def drop_instance(instance, home):
    instance.dispose()
    shutil.rmtree(home, ignore_errors=True)


def median(values):
    return statistics.median(values) if values else 0.0


def run_job(job_def, run_config, iterations):
    """Executes the job `iterations` times, each against a fresh instance; times execute_job only.
    Returns the per-iteration seconds, the event count and the STEP_SUCCESS count of the last run."""
    recon = reconstructable(job_def)
    seconds, events, steps = [], 0, 0
    for _ in range(iterations):
        instance, home = fresh_instance()
        began = time.perf_counter()
        result = execute_job(recon, instance=instance, run_config=run_config)
        seconds.append(time.perf_counter() - began)
        if not result.success:
            raise SystemExit(f"{job_def.name} run failed")
        events = len(instance.get_records_for_run(result.run_id, limit=1_000_000).records)
        steps = len(
            instance.get_records_for_run(result.run_id, of_type=DagsterEventType.STEP_SUCCESS, limit=1_000_000).records
        )
        drop_instance(instance, home)
    return seconds, events, steps


# ---- the workloads ----
def w2(iterations):
    config = {"execution": {"config": {"in_process": {}}}}
    seconds, events, steps = run_job(chain, config, iterations)
    assert steps == CHAIN_N, f"W2: {steps} steps succeeded, expected {CHAIN_N}"
    return {"workload": "w2", "n": CHAIN_N, "exec_s": median(seconds), "events": events,
            "iterations": iterations, "all_s": seconds}


def w3(iterations):
    config = {"execution": {"config": {"multiprocess": {"max_concurrent": 2}}}}
    seconds, events, steps = run_job(fan_out, config, iterations)
    assert steps == FAN_WIDTH + 2, f"W3: {steps} steps succeeded, expected {FAN_WIDTH + 2}"
    return {"workload": "w3", "steps": steps, "exec_s": median(seconds),
            "ms_per_step": round(median(seconds) / steps * 1000, 2), "events": events,
            "iterations": iterations, "all_s": seconds}


def layered_assets(layers=10, width=10):
    """W4's assets: layer 0 asset i returns i; each asset of layer k reads all of layer k - 1 and
    returns the sum of its inputs modulo 100 (functions made with exec: Dagster maps inputs to
    named parameters)."""
    from dagster import AssetIn, asset

    made, previous = [], []
    for layer in range(layers):
        current = []
        for index in range(width):
            name = f"layer_{layer}_asset_{index}"
            if layer == 0:
                source = f"def {name}():\n    return {index}\n"
                ins = {}
            else:
                params = [f"in_{j}" for j in range(len(previous))]
                source = f"def {name}({', '.join(params)}):\n    return ({' + '.join(params)}) % 100\n"
                ins = {param: AssetIn(key=upstream) for param, upstream in zip(params, previous)}
            scope = {}
            exec(source, scope)
            made.append(asset(name=name, ins=ins)(scope[name]))
            current.append(name)
        previous = current
    return made


def w4(iterations):
    """Materializes the 100 assets against a fresh instance, then looks up each latest materialization."""
    from dagster import AssetKey, materialize

    assets = layered_assets()
    seconds, lookups = [], []
    for _ in range(iterations):
        instance, home = fresh_instance()
        began = time.perf_counter()
        result = materialize(assets, instance=instance)
        seconds.append(time.perf_counter() - began)
        if not result.success:
            raise SystemExit("W4 run failed")
        began = time.perf_counter()
        for definition in assets:
            assert instance.get_latest_materialization_event(definition.key) is not None
        lookups.append((time.perf_counter() - began) / len(assets))
        drop_instance(instance, home)
    return {"workload": "w4", "assets": len(assets), "materialize_s": median(seconds),
            "lookup_s_per_key": median(lookups), "iterations": iterations}


def w5(count, repetitions):
    """`count` add_run calls (one transaction each, as dagster-bench does), then the four queries,
    each called once untimed and then `repetitions` times."""
    instance, home = fresh_instance()
    # Same runs as dagster-bench: ids 1..count as UUIDs, every third run failed, teams a-d in turn.
    runs = [
        DagsterRun(
            job_name="w5_job",
            run_id=str(uuid.UUID(int=index + 1)),
            status=DagsterRunStatus.FAILURE if index % 3 == 0 else DagsterRunStatus.SUCCESS,
            tags={"team": "abcd"[index % 4]},
        )
        for index in range(count)
    ]
    began = time.perf_counter()
    for run in runs:
        instance.add_run(run)
    insert = time.perf_counter() - began

    def timed(query):
        result = query()
        samples = []
        for _ in range(repetitions):
            began = time.perf_counter()
            result = query()
            samples.append(time.perf_counter() - began)
        return median(samples), result

    q1 = timed(lambda: instance.get_runs(limit=50))
    q2 = timed(lambda: instance.get_runs(filters=RunsFilter(statuses=[DagsterRunStatus.FAILURE]), limit=50))
    q3 = timed(lambda: instance.get_runs(filters=RunsFilter(tags={"team": "b"}), limit=50))
    q4 = timed(lambda: instance.get_runs_count())
    assert (len(q1[1]), len(q2[1]), len(q3[1]), q4[1]) == (50, 50, 50, count), "W5: wrong query results"
    assert all(run.status == DagsterRunStatus.FAILURE for run in q2[1])
    assert all(run.tags.get("team") == "b" for run in q3[1])
    drop_instance(instance, home)
    return {"workload": "w5", "n": count, "insert_s": insert, "q1_s": q1[0], "q2_s": q2[0], "q3_s": q3[0],
            "q4_s": q4[0], "count": q4[1], "repetitions": repetitions}


if __name__ == "__main__":
    if WORKLOAD == "w2":
        report = w2(ITERATIONS)
    elif WORKLOAD == "w3":
        report = w3(ITERATIONS)
    elif WORKLOAD == "w4":
        report = w4(ITERATIONS)
    elif WORKLOAD == "w5":
        # dagster-bench repeats each query max(iterations, 20) times; do the same.
        report = w5(SIZE or 10_000, max(ITERATIONS, 20))
    else:
        raise SystemExit(f"unknown workload {WORKLOAD!r}; available: w2, w3, w4, w5")
    print(json.dumps(report), flush=True)

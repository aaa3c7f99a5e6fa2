#!/usr/bin/env python3
"""Runs real Dagster and swift-dagster back to back on W2, W3, W4, W5 and W7 of BENCHMARKS.md and
prints one table: workload, Dagster figure, swift-dagster figure, speed-up (Dagster / ours).

    python3 Benchmarks/compare/run.py                 # all five workloads, full size: about 17 minutes
    python3 Benchmarks/compare/run.py --quick         # W5 with 1,000 runs, fewer iterations: about 12 minutes
    python3 Benchmarks/compare/run.py --only w2,w7 --iterations 7
    python3 Benchmarks/compare/run.py --bin-dir /tmp/bench-bin --venv /tmp/dagvenv

Needs only the standard library. The Dagster side runs in the virtualenv given by --venv (created
with dagster==1.13.27 if it is missing); our side runs `dagster-bench` and, for W7, `quickstart`
from --bin-dir (default: .build/release of this repository; build them with
`swift build -c release --static-swift-stdlib --product dagster-bench` and `--product quickstart`). Workloads whose
binary is missing are skipped with a note. Each figure is a median; compare ratios taken in one
run, never figures taken at different times.
"""

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
DAGSTER_VERSION = "1.13.27"


def log(message):
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def ensure_venv(venv):
    """Returns the venv's python, installing dagster==DAGSTER_VERSION into a new venv if needed."""
    python = os.path.join(venv, "bin", "python")
    probe = [python, "-c", "import dagster; print(dagster.__version__)"]
    if os.path.exists(python):
        found = subprocess.run(probe, capture_output=True, text=True)
        if found.returncode == 0 and found.stdout.strip() == DAGSTER_VERSION:
            return python
    log(f"creating {venv} with dagster=={DAGSTER_VERSION} (takes a minute or two)")
    subprocess.run([sys.executable, "-m", "venv", venv], check=True)
    subprocess.run([os.path.join(venv, "bin", "pip"), "install", "--quiet", f"dagster=={DAGSTER_VERSION}"], check=True)
    subprocess.run(probe, check=True, capture_output=True)
    return python


def fresh_home():
    """A new DAGSTER_HOME with telemetry off (our binaries have none, so Dagster should not pay for it)."""
    home = tempfile.mkdtemp(prefix="compare_home_", dir=SCRATCH)
    with open(os.path.join(home, "dagster.yaml"), "w") as config:
        config.write("telemetry:\n  enabled: false\n")
    return home


def child_env(home=None):
    env = dict(os.environ, PYTHONDONTWRITEBYTECODE="1", DAGSTER_DISABLE_TELEMETRY="1")
    env.pop("PYTHONPATH", None)
    if home:
        env["DAGSTER_HOME"] = home
    return env


SETTLE_SECONDS = 65
# With --tmpdir: the folder under which each workload side gets a fresh temporary folder of its own.
SCRATCH = None


def run_json(command, label, settle=SETTLE_SECONDS):
    """Runs a workload process and returns the JSON object of its last stdout line."""
    log(f"{label}: {' '.join(command)}")
    os.sync()  # let the previous side's writes reach the disk first, so they do not slow this side's fsyncs
    # Each side deletes its instance folders when done. ext4 without a journal (as on the machine
    # these figures come from) skips over inodes freed in the last 60 s when it creates a file
    # (`recently_deleted`; 360 s while their inode table is unwritten, which the sync above
    # prevents), which makes the next side's file creations much slower: wait that out.
    time.sleep(settle)
    env, scratch = child_env(), None
    if SCRATCH:
        scratch = tempfile.mkdtemp(dir=SCRATCH, prefix=label.replace(" ", "-") + "-")
        env["TMPDIR"] = scratch
    began = time.perf_counter()
    try:
        done = subprocess.run(command, capture_output=True, text=True, env=env, cwd=scratch or tempfile.gettempdir())
    finally:
        if scratch:
            shutil.rmtree(scratch, ignore_errors=True)
    if done.returncode != 0 or not done.stdout.strip():
        tail = "\n".join(done.stderr.splitlines()[-20:])
        raise RuntimeError(f"{label} failed (exit {done.returncode}):\n{tail}")
    line = done.stdout.strip().splitlines()[-1]
    print(line, flush=True)  # the raw JSON line
    log(f"{label}: done in {time.perf_counter() - began:.1f} s")
    return json.loads(line)


def time_process(command, iterations, expect):
    """Median wall time of a whole process, after one untimed warm-up (so both sides start with a warm
    page cache); each run gets a fresh DAGSTER_HOME. `expect` must appear in the output."""
    samples = []
    for index in range(iterations + 1):
        home = fresh_home()
        began = time.perf_counter()
        done = subprocess.run(command, capture_output=True, text=True, env=child_env(home), cwd=home)
        elapsed = time.perf_counter() - began
        shutil.rmtree(home, ignore_errors=True)
        if done.returncode != 0 or expect not in done.stdout:
            raise RuntimeError(f"{' '.join(command)} failed (exit {done.returncode}): {done.stdout}{done.stderr}")
        if index > 0:
            samples.append(elapsed)
    return statistics.median(samples)


def w7(side, commands, iterations):
    """Times `job list` and `--version` of one side and prints its JSON line."""
    report = {"workload": "w7", "side": side, "iterations": iterations}
    for key, (command, expect) in commands.items():
        log(f"w7 {side}: {' '.join(command)} x{iterations}")
        report[key] = time_process(command, iterations, expect)
    print(json.dumps(report), flush=True)
    return report


def format_time(seconds):
    if seconds >= 1:
        return f"{seconds:.2f} s"
    if seconds >= 1e-3:
        return f"{seconds * 1e3:.1f} ms"
    return f"{seconds * 1e6:.0f} µs"


def print_table(rows, notes):
    header = ("workload", "Dagster 1.13.27", "swift-dagster", "speed-up")
    lines = [header]
    for name, theirs, ours in rows:
        lines.append((name, format_time(theirs), format_time(ours), f"{theirs / ours:,.0f}×" if ours > 0 else "—"))
    widths = [max(len(line[column]) for line in lines) for column in range(4)]
    print()
    for number, line in enumerate(lines):
        print("| " + " | ".join(cell.ljust(widths[column]) for column, cell in enumerate(line)) + " |")
        if number == 0:
            print("|" + "|".join("-" * (width + 2) for width in widths) + "|")
    for note in notes:
        print(f"- {note}")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--only", default="w2,w3,w4,w5,w7", help="comma-separated workloads (default: w2,w3,w4,w5,w7)")
    parser.add_argument("--quick", action="store_true", help="W5 with 1,000 runs, 3 iterations (W3: 1)")
    parser.add_argument("--iterations", type=int, help="iterations of every workload (default 5; --quick: 3, W3 1)")
    parser.add_argument("--w2-n", type=int, default=100, help="chain length of W2 (default 100)")
    parser.add_argument("--w5-runs", type=int, help="runs inserted by W5 (default 10,000; --quick: 1,000)")
    parser.add_argument("--bin-dir", default=os.path.join(REPO, ".build", "release"), help="where dagster-bench and quickstart are")
    parser.add_argument("--venv", default=os.environ.get("DAGVENV", "/tmp/dagvenv"), help="virtualenv with Dagster (default /tmp/dagvenv)")
    parser.add_argument("--settle", type=float, default=SETTLE_SECONDS,
                        help="seconds to wait before each side, so the other side's deleted files do not slow it (default 65)")
    parser.add_argument("--tmpdir",
                        help="folder under which each side of each workload gets a fresh temporary folder (TMPDIR) "
                             "of its own (default: both use the system's). On ext4, a folder whose block group "
                             "has seen many files deleted makes every file and folder creation in it slow")
    options = parser.parse_args()
    if options.tmpdir:
        global SCRATCH
        SCRATCH = os.path.abspath(options.tmpdir)
        os.makedirs(SCRATCH, exist_ok=True)
        # ext4 places the subfolders of a "top directory" (chattr +T) in block groups of their
        # own, so one side's deleted files do not slow the other's; best effort elsewhere.
        subprocess.run(["chattr", "+T", SCRATCH], capture_output=True)

    selected = [name.strip().lower() for name in options.only.split(",") if name.strip()]
    unknown = set(selected) - {"w2", "w3", "w4", "w5", "w7"}
    if unknown:
        parser.error(f"unknown workloads: {', '.join(sorted(unknown))}")

    def iterations(workload):
        if options.iterations:
            return options.iterations
        if options.quick:
            return 1 if workload == "w3" else 3
        return 5

    w5_runs = options.w5_runs or (1000 if options.quick else 10_000)
    bench = os.path.join(os.path.abspath(options.bin_dir), "dagster-bench")
    quickstart = os.path.join(os.path.abspath(options.bin_dir), "quickstart")
    python = ensure_venv(options.venv)
    workloads = [python, os.path.join(HERE, "dagster_workloads.py")]
    dagster_cli = os.path.join(options.venv, "bin", "dagster")

    rows, notes = [], []
    notes.append(f"load average at start: {os.getloadavg()[0]:.2f} ({os.cpu_count()} CPUs)")
    notes.append(f"temporary folders: {'a fresh one per side under ' + SCRATCH if SCRATCH else tempfile.gettempdir()}")
    for workload in selected:
        count = iterations(workload)
        if workload == "w7":
            if not os.access(quickstart, os.X_OK):
                notes.append(f"W7 skipped: no {quickstart} (swift build -c release --product quickstart)")
                continue
            theirs = w7("dagster", {
                "job_list_s": ([dagster_cli, "job", "list", "-f", os.path.join(HERE, "w7_defs.py")], "one_op_job"),
                "version_s": ([dagster_cli, "--version"], DAGSTER_VERSION),
            }, count)
            ours = w7("swift-dagster", {
                "job_list_s": ([quickstart, "job", "list"], "quickstart_etl"),
                "version_s": ([quickstart, "--version"], "."),
            }, count)
            rows.append(("W7 `job list`, whole process", theirs["job_list_s"], ours["job_list_s"]))
            rows.append(("W7 `--version`, whole process", theirs["version_s"], ours["version_s"]))
            notes.append(f"W7: median of {count} process runs after one warm-up; ours lists the quickstart location")
            continue
        if not os.access(bench, os.X_OK):
            notes.append(f"{workload.upper()} skipped: no {bench} (swift build -c release --product dagster-bench)")
            continue
        size = {"w2": [str(options.w2_n)], "w3": [], "w4": [], "w5": [str(w5_runs)]}[workload]
        arguments = [workload, *size, "--iterations", str(count)]
        theirs = run_json([*workloads, *arguments], f"{workload} dagster", options.settle)
        ours = run_json([bench, *arguments], f"{workload} swift-dagster", options.settle)
        if workload == "w2":
            rows.append((f"W2 chain N={options.w2_n}, persistent, in-process", theirs["exec_s"], ours["exec_s"]))
            notes.append(f"W2 events written per run: Dagster {theirs['events']}, swift-dagster {ours['events']}")
        elif workload == "w3":
            rows.append(("W3 fan-out 1→40→1, multiprocess (2)", theirs["exec_s"], ours["exec_s"]))
        elif workload == "w4":
            rows.append(("W4 materialize 100 assets (10×10)", theirs["materialize_s"], ours["materialize_s"]))
            rows.append(("W4 latest materialization, per key", theirs["lookup_s_per_key"], ours["lookup_s_per_key"]))
        else:
            rows.append((f"W5 insert {w5_runs:,} runs", theirs["insert_s"], ours["insert_s"]))
            for key, name in (("q1_s", "get_runs(limit 50)"), ("q2_s", "FAILURE, limit 50"),
                              ("q3_s", "tag team=b, limit 50"), ("q4_s", "get_runs_count")):
                rows.append((f"W5 {name}", theirs[key], ours[key]))
        if workload == "w5":
            notes.append(f"W5: one timed insert pass; each query the median of {max(count, 20)} calls after a warm-up")
        else:
            notes.append(f"{workload.upper()}: median of {count} iteration(s), each against a fresh instance")
    notes.append(f"load average at end: {os.getloadavg()[0]:.2f}")
    if rows:
        print_table(rows, notes)
    else:
        print("\n".join(notes))


if __name__ == "__main__":
    main()

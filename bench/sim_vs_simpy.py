#!/usr/bin/env python3
"""Run the reference complaint process in reflow and in SimPy, side by side.

Both engines simulate 100,000 cases of the same process with the same
staffing, one thread each, in one run of this script, and the script prints
their speeds and KPIs. reflow is built in release mode first; SimPy is
installed from PyPI into a virtualenv under target/ when it is missing.

The SimPy model is not part of this repository. Give its path with the
environment variable COMPLAINT_SIMPY, or place the shared benchmark folder
beside the repository (../shared/bench/complaint_simpy.py).

Usage:
  python3 bench/sim_vs_simpy.py [--scenario staffed|as_is|both]
                                [--cases 100000] [--seed 1]
                                [--reflow-runs 5] [--simpy-runs 2]

Speeds count the event loop only: reflow's time excludes parsing and KPI
sorting; the SimPy model times env.run() alone. Events are arrivals plus
task completions in both.
"""
import argparse
import json
import os
import re
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MODEL = ROOT / "bench" / "complaint_reference.flow"
VENV = ROOT / "target" / "bench-venv"
STAFF = {"staffed": (4, 3, 2), "as_is": (3, 2, 1)}
TASKS = ["register", "investigate", "draft_reply", "comp_approval", "contact"]
ROLES = ["service_agent", "quality_engineer", "manager"]
SPEED = re.compile(r"(\d+) cases and (\d+) events; event loops ([0-9.]+) s")


def simpy_model():
    """The path of complaint_simpy.py, or exit with a message."""
    candidates = [os.environ.get("COMPLAINT_SIMPY"), ROOT.parent / "shared" / "bench" / "complaint_simpy.py"]
    for candidate in candidates:
        if candidate and Path(candidate).is_file():
            return Path(candidate)
    sys.exit("complaint_simpy.py not found: set COMPLAINT_SIMPY to its path")


def venv_python():
    """A Python with SimPy, installing it into a virtualenv if needed."""
    python = VENV / "bin" / "python"
    if not python.exists():
        print(f"creating a virtualenv in {VENV}", file=sys.stderr)
        venv.create(VENV, with_pip=True)
    check = subprocess.run([python, "-c", "import simpy"], capture_output=True)
    if check.returncode != 0:
        print("installing simpy from PyPI", file=sys.stderr)
        subprocess.run([python, "-m", "pip", "install", "--quiet", "simpy"], check=True)
    return python


def build_reflow():
    subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=ROOT, check=True)
    return ROOT / "target" / "release" / "reflow"


def run_reflow(binary, scenario, cases, seed):
    """One replication on one thread; returns (KPIs, loop seconds, events)."""
    command = [
        binary, "sim", MODEL, "--scenario", scenario, "--cases", str(cases), "--replications", "1",
        "--seed", str(seed), "--threads", "1", "--format", "json", "--verbose",
    ]
    result = subprocess.run(command, capture_output=True, text=True, check=True)
    match = SPEED.search(result.stderr)
    if not match:
        sys.exit(f"reflow printed no speed line:\n{result.stderr}")
    report = json.loads(result.stdout)["replications"][0]
    kpis = {
        "cycle mean": report["cycle_time"]["mean"],
        "cycle p50": report["cycle_time"]["p50"],
        "cycle p90": report["cycle_time"]["p90"],
        "cycle p95": report["cycle_time"]["p95"],
        "cycle p99": report["cycle_time"]["p99"],
        "throughput /h": report["throughput_per_hour"],
    }
    for role in report["roles"]:
        kpis[f"util {role['id']}"] = role["utilisation"]
    for step in report["steps"]:
        kpis[f"wait {step['id']}"] = step["mean_wait"]
        kpis[f"visits {step['id']}"] = step["visits"]
    return kpis, float(match.group(3)), int(match.group(2))


def run_simpy(python, model, scenario, cases, seed, scratch):
    agents, engineers, managers = STAFF[scenario]
    out = scratch / f"simpy_{scenario}.json"
    command = [
        python, model, "--cases", str(cases), "--seed", str(seed), "--agents", str(agents),
        "--engineers", str(engineers), "--managers", str(managers), "--json", out,
    ]
    subprocess.run(command, capture_output=True, check=True)
    report = json.loads(out.read_text())
    kpis = {
        "cycle mean": report["cycle_time"]["mean"],
        "cycle p50": report["cycle_time"]["p50"],
        "cycle p90": report["cycle_time"]["p90"],
        "cycle p95": report["cycle_time"]["p95"],
        "cycle p99": report["cycle_time"]["p99"],
        "throughput /h": report["throughput_per_h"],
    }
    for role in ROLES:
        kpis[f"util {role}"] = report["utilisation"][role]
    for task in TASKS:
        kpis[f"wait {task}"] = report["tasks"][task]["mean_wait"]
        kpis[f"visits {task}"] = report["tasks"][task]["per_case"]
    return kpis, report["wall_s"], report["model_events"]


def best(runs):
    """The run with the shortest loop time."""
    return min(runs, key=lambda run: run[1])


def print_scenario(scenario, cases, reflow_run, simpy_run):
    reflow_kpis, reflow_s, reflow_events = reflow_run
    simpy_kpis, simpy_s, simpy_events = simpy_run
    print(f"\n== {scenario} {STAFF[scenario]}, {cases:,} cases, one thread ==")
    print(f"{'engine':<10}{'loop s':>10}{'cases/s':>14}{'events/s':>14}")
    print(f"{'reflow':<10}{reflow_s:>10.3f}{cases / reflow_s:>14,.0f}{reflow_events / reflow_s:>14,.0f}")
    print(f"{'SimPy':<10}{simpy_s:>10.3f}{cases / simpy_s:>14,.0f}{simpy_events / simpy_s:>14,.0f}")
    print(f"reflow is {simpy_s / reflow_s:.1f} times as fast as SimPy in cases per second")
    print(f"\n{'KPI':<26}{'reflow':>14}{'SimPy':>14}")
    for key, value in reflow_kpis.items():
        other = simpy_kpis.get(key)
        other_text = f"{other:>14.4f}" if other is not None else f"{'-':>14}"
        print(f"{key:<26}{value:>14.4f}{other_text}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scenario", choices=["staffed", "as_is", "both"], default="both")
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--reflow-runs", type=int, default=5, help="runs of reflow; the fastest is shown")
    parser.add_argument("--simpy-runs", type=int, default=2, help="runs of SimPy; the fastest is shown")
    args = parser.parse_args()

    model = simpy_model()
    python = venv_python()
    binary = build_reflow()
    scratch = ROOT / "target" / "bench-output"
    scratch.mkdir(parents=True, exist_ok=True)

    scenarios = ["staffed", "as_is"] if args.scenario == "both" else [args.scenario]
    for scenario in scenarios:
        reflow_runs = [run_reflow(binary, scenario, args.cases, args.seed) for _ in range(args.reflow_runs)]
        simpy_runs = [run_simpy(python, model, scenario, args.cases, args.seed, scratch) for _ in range(args.simpy_runs)]
        print_scenario(scenario, args.cases, best(reflow_runs), best(simpy_runs))


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Write the seeded process of gen_peers.py in reflow's language.

gen_peers.py writes one random process (tasks over several roles, decisions
with labelled branches, rework loops and parallel blocks) as DOT, PlantUML
and other languages. This script imports its generator, repeats its seed
search and writes the same nodes and flows as a reflow file, so that reflow
draws the same process as the other tools.

The path of gen_peers.py comes from the GEN_PEERS environment variable, by
default ../../shared/bench/gen_peers.py relative to this script.

Usage: gen_reflow.py STEPS OUTFILE [--lanes K] [--seed S]
"""
import argparse
import importlib.util
import os
import sys


def load_gen_peers():
    default = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "shared", "bench", "gen_peers.py")
    path = os.environ.get("GEN_PEERS", default)
    if not os.path.isfile(path):
        sys.exit(f"gen_peers.py not found at {path}; set GEN_PEERS to its path")
    spec = importlib.util.spec_from_file_location("gen_peers", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def generate(gen_peers, steps, lanes, seed):
    """Return (seed, nodes, edges, roles) exactly as gen_peers.py's main() builds them."""
    # The acceptance test and the end node's lane repeat gen_peers.py's
    # main(), which has no function of its own for them.
    while True:
        generator = gen_peers.Gen(steps, lanes, seed)
        blocks = generator.seq(steps, 0)
        nodes, edges = gen_peers.to_graph(blocks)
        kinds = [shape for shape, _, _ in nodes.values()]
        if (
            kinds.count("decision") >= max(2, int(0.08 * steps))
            and kinds.count("fork") >= max(1, int(0.02 * steps))
            and any("rework" in edge[2] for edge in edges)
            and len({lane for _, _, lane in nodes.values() if lane is not None}) == lanes
        ):
            break
        seed += 1
    nodes["fin"] = ("end", "End", gen_peers.lane_of_end(nodes, edges))
    roles = [(zh if j % 2 == 0 else en) for j, (zh, en) in enumerate(gen_peers.ROLES[:lanes])]
    return seed, nodes, edges, roles


def quote(text):
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


KEYWORDS = {"task": "task", "decision": "decision", "fork": "fork", "join": "join", "start": "start", "end": "end"}


def insert_merges(nodes, edges):
    """Put a merge in front of every node other than a join that has several incoming flows.

    Returns the ids of the new merges and the flows rewritten through them.

    gen_peers.py lets the branches of a decision, or a decision and a rework
    loop, flow straight into the next node. reflow reads several flows into a
    fork or a join as a parallel join, which would wait forever for
    alternatives (error E702), and several flows into a decision as an
    ambiguous gateway (W317). A merge keeps the drawing's steps and flows
    but adds one small gateway per such step.
    """
    incoming = {}
    for _, target, _ in edges:
        incoming[target] = incoming.get(target, 0) + 1
    merges = []
    result = []
    for source, target, label in edges:
        if incoming[target] > 1 and nodes[target][0] != "join":
            result.append((source, f"m_{target}", label))
        else:
            result.append((source, target, label))
    for target, count in incoming.items():
        if count > 1 and nodes[target][0] != "join":
            merges.append(f"m_{target}")
            result.append((f"m_{target}", target, ""))
    return merges, result


def to_reflow(nodes, edges, roles, steps):
    merges, edges = insert_merges(nodes, edges)
    lines = [f"role r{j} {quote(title)}" for j, title in enumerate(roles)]
    lines.append("")
    lines.append(f"process generated {quote(f'Generated {steps} steps')} {{")
    for node_id, (shape, label, lane) in nodes.items():
        keyword = KEYWORDS[shape]
        if shape in ("task", "decision"):
            lines.append(f"  {keyword} {node_id} {quote(label)} {{ role: r{lane} }}")
        elif shape in ("start", "end"):
            lines.append(f"  {keyword} {node_id} {quote(label)}")
        else:
            lines.append(f"  {keyword} {node_id}")
    for merge in merges:
        lines.append(f"  merge {merge}")
    for source, target, label in edges:
        branch = f"[{quote(label)}] " if label else ""
        lines.append(f"  {source} -> {branch}{target}")
    lines.append("}")
    return "\n".join(lines) + "\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("steps", type=int, help="graph nodes, as gen_peers.py counts them")
    parser.add_argument("outfile")
    parser.add_argument("--lanes", type=int, help="roles (default: gen_peers.py's default for STEPS)")
    parser.add_argument("--seed", type=int, default=42)
    args = parser.parse_args()

    gen_peers = load_gen_peers()
    lanes = args.lanes or gen_peers.default_lanes(args.steps)
    seed, nodes, edges, roles = generate(gen_peers, args.steps, lanes, args.seed)
    with open(args.outfile, "w", encoding="utf-8") as out:
        out.write(to_reflow(nodes, edges, roles, args.steps))
    print(f"seed {seed}: {len(nodes)} nodes, {len(edges)} flows, {lanes} roles", file=sys.stderr)


if __name__ == "__main__":
    main()

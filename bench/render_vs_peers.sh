#!/usr/bin/env bash
# Times reflow render against Graphviz dot and PlantUML on the same seeded
# process, drawn with 20, 200, 1,000 and 3,000 steps.
#
# gen_peers.py writes the process as DOT and PlantUML, and gen_reflow.py
# writes the same process in reflow's language. Each tool runs once per size,
# with a time limit. Set GEN_PEERS to the path of gen_peers.py, SEED to
# change the seed (default 42), and PLANTUML_TIMEOUT and DOT_TIMEOUT to
# change the time limits in seconds (defaults 120 and 600).
set -euo pipefail
cd "$(dirname "$0")/.."

GEN_PEERS="${GEN_PEERS:-$(pwd)/../shared/bench/gen_peers.py}"
export GEN_PEERS
SEED="${SEED:-42}"
PLANTUML_TIMEOUT="${PLANTUML_TIMEOUT:-120}"
DOT_TIMEOUT="${DOT_TIMEOUT:-600}"
SIZES=(20 200 1000 3000)

missing=()
command -v dot >/dev/null 2>&1 || missing+=(graphviz)
command -v plantuml >/dev/null 2>&1 || missing+=(plantuml)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
    apt-get update -qq && apt-get install -y -qq "${missing[@]}"
  else
    echo "missing Debian packages: ${missing[*]}; install them with apt-get, then run this script again" >&2
    exit 2
  fi
fi
if [ ! -f "$GEN_PEERS" ]; then
  echo "gen_peers.py not found at $GEN_PEERS; set GEN_PEERS to its path" >&2
  exit 2
fi

cargo build --release --quiet
reflow="$(pwd)/target/release/reflow"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# Runs a command with a time limit and prints its wall time in seconds, or
# "timeout" or "failed" when it ran out of time or exited with an error.
# The last argument is the output file, which must exist and not be empty.
timed() {
  local limit="$1" output="${*: -1}"
  shift
  local start end status=0
  start=$(date +%s.%N)
  timeout "$limit" "${@:1:$#-1}" >"$work/tool.log" 2>&1 || status=$?
  end=$(date +%s.%N)
  if [ "$status" -eq 124 ]; then
    echo "timeout (${limit} s)"
  elif [ "$status" -ne 0 ] || [ ! -s "$output" ]; then
    echo "failed (exit $status)"
  else
    awk -v start="$start" -v end="$end" 'BEGIN { printf "%.2f s\n", end - start }'
  fi
}

echo "| steps | flows | reflow render | dot -Tsvg, lanes as clusters | dot -Tsvg, no clusters | plantuml -tsvg |"
echo "|---|---|---|---|---|---|"
for steps in "${SIZES[@]}"; do
  dir="$work/$steps"
  mkdir -p "$dir"
  python3 "$GEN_PEERS" "$steps" "$dir" --seed "$SEED" >"$dir/stats.log"
  python3 bench/gen_reflow.py "$steps" "$dir/proc.flow" --seed "$SEED" 2>/dev/null
  flows=$(python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["edges"])' "$dir/stats.json")

  reflow_time=$(timed "$DOT_TIMEOUT" "$reflow" render "$dir/proc.flow" -o "$dir/reflow.svg" "$dir/reflow.svg")
  dot_lanes=$(timed "$DOT_TIMEOUT" dot -Tsvg "$dir/proc.dot" -o "$dir/dot.svg" "$dir/dot.svg")
  dot_plain=$(timed "$DOT_TIMEOUT" dot -Tsvg "$dir/proc.lr.dot" -o "$dir/dot.lr.svg" "$dir/dot.lr.svg")
  # PlantUML writes proc.svg next to proc.puml.
  plantuml_time=$(timed "$PLANTUML_TIMEOUT" plantuml -tsvg "$dir/proc.puml" "$dir/proc.svg")
  echo "| $steps | $flows | $reflow_time | $dot_lanes | $dot_plain | $plantuml_time |"
done

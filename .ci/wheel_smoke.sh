#!/usr/bin/env bash
# The wheel as a user gets it: build it from the working tree, install it with its dependencies
# from the package index into a fresh virtual environment outside the checkout, and run the
# installed `newsgraph` from an unrelated folder: extract, ingest, query and serve the seed
# article, with the model, lexicons, templates and articles all found in site-packages. Then the
# same with `pip install .` of the tree. Only pip reaches the network; the runs get a proxy that
# leads nowhere, so a run that tried to download anything would fail.
#
# Usage: .ci/wheel_smoke.sh   (PYTHON=python3.12 .ci/wheel_smoke.sh for another interpreter)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
PYTHON=${PYTHON:-python3}
SEED=000_4c15246a69764410
START=$SECONDS

WORK=$(mktemp -d "${TMPDIR:-/tmp}/newsgraph-wheel.XXXXXX")
SERVER=""
cleanup() {
    if [ -n "$SERVER" ] && kill -0 "$SERVER" 2>/dev/null; then
        kill "$SERVER" 2>/dev/null || true
        wait "$SERVER" 2>/dev/null || true
    fi
    rm -rf "$WORK"
}
trap cleanup EXIT
step() { printf 'wheel smoke [%4ss] %s\n' "$((SECONDS - START))" "$*"; }
fail() {
    printf 'wheel smoke: FAILED: %s\n' "$*" >&2
    exit 1
}

# A copy of the working tree as a clean checkout has it (tracked and untracked files, not the
# ignored ones): no stale build/ or egg-info of the checkout leaks into the wheel.
step "copying the working tree to $WORK/src"
mkdir -p "$WORK/src" "$WORK/dist" "$WORK/run"
(
    cd "$ROOT"
    git ls-files -z --cached --others --exclude-standard |
        while IFS= read -r -d '' name; do
            if [ -e "$name" ] || [ -L "$name" ]; then printf '%s\0' "$name"; fi
        done |
        tar --null --no-recursion -T - -cf -
) | tar -xf - -C "$WORK/src"

step "pip wheel --no-deps ."
(cd "$WORK/src" && "$PYTHON" -m pip wheel -q --no-deps -w "$WORK/dist" .)
WHEEL=$(ls "$WORK"/dist/newsgraph-*.whl)
step "built $(basename "$WHEEL"), $(du -k "$WHEEL" | cut -f1) KB"

step "fresh virtual environment, pip install the wheel and its dependencies"
"$PYTHON" -m venv "$WORK/venv"
VENV="$WORK/venv"
"$VENV/bin/python" -m pip install -q "$WHEEL"
step "installed"

# From here on: an unrelated working folder, no newsgraph settings, no way out but loopback.
cd "$WORK/run"
unset PYTHONPATH VIRTUAL_ENV
for name in $(env | sed -n 's/^\(NEWSGRAPH_[A-Z_]*\)=.*/\1/p'); do unset "$name"; done
export HTTP_PROXY=http://127.0.0.1:9 HTTPS_PROXY=http://127.0.0.1:9 ALL_PROXY=http://127.0.0.1:9
export http_proxy=$HTTP_PROXY https_proxy=$HTTPS_PROXY all_proxy=$ALL_PROXY
export NO_PROXY=127.0.0.1,localhost no_proxy=127.0.0.1,localhost
export HF_HUB_OFFLINE=1 PIP_NO_INDEX=1
PY="$VENV/bin/python"
NG="$VENV/bin/newsgraph"

# The package, its data and the command's defaults all lie in the fresh environment.
"$PY" - "$VENV" <<'EOF'
import sys
from pathlib import Path

import newsgraph
import newsgraph.api.cli as cli
from newsgraph.extract import resources

site = Path(sys.argv[1]).resolve()
places = {
    "package": Path(newsgraph.__file__),
    "data": resources.DATA_DIR,
    "model": resources.MODEL_DIR,
    "lexicons": resources.LEXICON_DIR,
    "articles": resources.ARTICLES_DIR,
    "train --output": cli.build_parser().parse_args(["train", "--corpora", "."]).output,
}
for what, path in places.items():
    if not path.resolve().is_relative_to(site):
        sys.exit(f"{what} is {path}, outside the fresh environment {site}")
for path in [resources.MODEL_DIR / "meta.json", resources.LEXICON_DIR / "titles.json"]:
    if not path.is_file():
        sys.exit(f"missing {path}")
print(f"package data in {resources.DATA_DIR}")
EOF
SEED_FILE=$("$PY" -c "from newsgraph.extract.resources import ARTICLES_DIR; print(ARTICLES_DIR)")/$SEED.txt

step "newsgraph extract $SEED --jsonl"
"$NG" extract "$SEED_FILE" --jsonl >extract.jsonl
"$PY" - <<'EOF'
import json

extraction = json.loads(open("extract.jsonl", encoding="utf-8").readline())
names = {entity["name"] for entity in extraction["entities"]}
if not {"Lebanon", "Iraq"} <= names or not extraction["incidents"]:
    raise SystemExit(f"unexpected extraction: entities {sorted(names)}")
print(f"{len(names)} entities, {len(extraction['incidents'])} incidents, model {extraction['extractor']['model']}")
EOF

step "newsgraph ingest $SEED --store S"
"$NG" ingest "$SEED_FILE" --store S 2>ingest.log | tee ingest.out
grep -q '^1 added' ingest.out || fail "ingest: $(cat ingest.out ingest.log)"

step "newsgraph query --store S (quads in the article graphs)"
"$NG" query --store S --format csv 'SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }' >count.csv
QUADS=$(tr -d '\r' <count.csv | sed -n 2p)
[ "$QUADS" -gt 0 ] 2>/dev/null || fail "query: $(cat count.csv)"
echo "$QUADS quads"

PORT=$("$PY" -c "import socket; s = socket.socket(); s.bind(('127.0.0.1', 0)); print(s.getsockname()[1])")
step "newsgraph serve --store S2 --port $PORT (ingests the bundled articles on first start)"
"$NG" serve --store S2 --port "$PORT" >serve.log 2>&1 &
SERVER=$!
"$PY" - "$PORT" "$SERVER" <<'EOF' || { cat serve.log >&2; fail "serve"; }
import json
import os
import sys
import time
import urllib.request

base = f"http://127.0.0.1:{sys.argv[1]}"
server = int(sys.argv[2])
opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def get(path: str) -> bytes:
    with opener.open(base + path, timeout=30) as response:
        return response.read()


deadline = time.monotonic() + 180
while True:
    try:
        health = json.loads(get("/health"))
        break
    except OSError:
        try:
            os.kill(server, 0)
        except ProcessLookupError:
            sys.exit("the server exited")
        if time.monotonic() > deadline:
            sys.exit("no /health after 180 s")
        time.sleep(0.5)
print("/health", health)
lebanon = json.loads(get("/entities/place/lebanon"))
assert lebanon["name"] == "Lebanon" and lebanon["links"].get("geonames") == "272103", lebanon
print("/entities/place/lebanon:", lebanon["name"], lebanon["links"])
page = get("/view").decode()
assert "cytoscape" in page, "the /view page lacks its script"
script = get("/static/vendor/cytoscape.min.js")
assert len(script) > 100_000, "the vendored Cytoscape.js is missing"
print(f"/view {len(page)} bytes, /static/vendor/cytoscape.min.js {len(script)} bytes")
EOF
CHILDREN=$("$PY" - "$SERVER" <<'EOF'
import os
import sys

# The server's child processes (its Oxigraph server), from /proc: pid and parent pid.
for pid in filter(str.isdigit, os.listdir("/proc")):
    try:
        stat = open(f"/proc/{pid}/stat", encoding="utf-8").read()
    except OSError:
        continue
    if stat.rsplit(")", 1)[1].split()[1] == sys.argv[1]:
        print(pid)
EOF
)
kill "$SERVER"
wait "$SERVER" || true
SERVER=""
sleep 1
for child in $CHILDREN; do
    if kill -0 "$child" 2>/dev/null; then fail "the server's child $child outlived it"; fi
done
step "server stopped, and its $(echo $CHILDREN | wc -w) child process(es) with it"

# `pip install .` of the tree (not the wheel file) into the same environment: the same files.
step "pip install . (from the tree, no dependencies: they are there)"
unset PIP_NO_INDEX
"$PY" -m pip install -q --no-deps --force-reinstall "$WORK/src"
export PIP_NO_INDEX=1
"$NG" extract "$SEED_FILE" --jsonl >extract2.jsonl
cmp -s extract.jsonl extract2.jsonl || fail "pip install . extracts differently from the wheel"

step "passed"

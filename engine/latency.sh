#!/usr/bin/env bash
# Median latency of 100 requests per bundled model, against a running engine:
#   the engine's own `micros` and curl's round trip (time_total). Run from the repository root:
#   bash engine/latency.sh [URL]      (default http://127.0.0.1:9955)
set -euo pipefail
URL=${1:-http://127.0.0.1:9955}
python3 - "$URL" <<'PY'
import json, subprocess, sys, statistics
url = sys.argv[1]
exp = json.load(open("models/expected.json"))
for m in exp["models"]:
    body = json.dumps({"model": m["model"], "input": m["samples"][0]["input"]})
    micros, total = [], []
    for _ in range(100):
        out = subprocess.run(["curl", "-s", "-w", "\n%{time_total}", f"{url}/v1/infer", "-d", body],
                             capture_output=True, text=True, check=True).stdout
        resp, t = out.rsplit("\n", 1)
        r = json.loads(resp)
        assert r["output"] == m["samples"][0]["output"]
        micros.append(r["micros"]); total.append(float(t) * 1e6)
    print(f'{m["name"]}: engine micros median {statistics.median(micros):.0f} µs '
          f'(min {min(micros)}, max {max(micros)}); curl round trip median {statistics.median(total):.0f} µs')
PY

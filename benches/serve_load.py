#!/usr/bin/env python3
"""Load test of `mtlint serve` on loopback, with the Python standard library only.

Starts `mtlint serve --port 0`, reads the URL it prints on stderr, fires REQUESTS
`POST /api/check` requests with the corpus articles from WORKERS threads at once,
checks that every answer is 200 with the JSON contract, prints throughput and latency
percentiles, and stops the server. Bounded: at most 5,000 requests, each with a time-out,
all to 127.0.0.1.

    cargo build --release
    python3 benches/serve_load.py                     # 200 requests, 200 at once
    python3 benches/serve_load.py --requests 1000 --workers 50 --bin target/debug/mtlint

Exit status 0 when every request succeeded, 1 otherwise.
"""

import argparse
import concurrent.futures
import http.client
import json
import os
import pathlib
import subprocess
import sys
import threading
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
MAX_REQUESTS = 5000
# Per request: generous, since under a burst requests queue for the server's workers.
REQUEST_TIMEOUT_S = 120
STARTUP_TIMEOUT_S = 60


def start_server(binary, extra):
    """Starts the server; returns (process, host, port) once it prints its URL."""
    proc = subprocess.Popen(
        [binary, "serve", "--host", "127.0.0.1", "--port", "0", *extra],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    found = {}
    ready = threading.Event()

    def read_stderr():
        # Reads to the end, so that the server never blocks on a full pipe.
        for line in proc.stderr:
            marker = "listening on http://"
            if marker in line and not ready.is_set():
                found["addr"] = line.split(marker, 1)[1].strip()
                ready.set()
            elif not ready.is_set():
                sys.stderr.write(line)
        ready.set()

    threading.Thread(target=read_stderr, daemon=True).start()
    if not ready.wait(STARTUP_TIMEOUT_S) or "addr" not in found:
        proc.kill()
        sys.exit(f"mtlint serve printed no URL within {STARTUP_TIMEOUT_S} s")
    host, port = found["addr"].rsplit(":", 1)
    return proc, host, int(port)


def post_check(host, port, body):
    """One request; returns (latency in seconds, error or None, findings)."""
    started = time.perf_counter()
    conn = http.client.HTTPConnection(host, port, timeout=REQUEST_TIMEOUT_S)
    try:
        conn.request("POST", "/api/check", body=body, headers={"Content-Type": "application/json"})
        resp = conn.getresponse()
        data = resp.read()
        latency = time.perf_counter() - started
        if resp.status != 200:
            return latency, f"status {resp.status}: {data[:200]!r}", 0
        answer = json.loads(data)
        if answer.get("version") != 1 or not isinstance(answer.get("diagnostics"), list):
            return latency, f"not the JSON contract: {data[:200]!r}", 0
        return latency, None, len(answer["diagnostics"])
    except (OSError, ValueError, http.client.HTTPException) as e:
        return time.perf_counter() - started, f"{type(e).__name__}: {e}", 0
    finally:
        conn.close()


def percentile(sorted_values, p):
    """Nearest-rank percentile of an ascending list."""
    k = max(0, min(len(sorted_values) - 1, round(p / 100 * len(sorted_values) + 0.5) - 1))
    return sorted_values[k]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--bin", default=os.environ.get("MTLINT_BIN", str(ROOT / "target/release/mtlint")))
    ap.add_argument("--requests", type=int, default=200)
    ap.add_argument("--workers", type=int, default=200, help="client threads, i.e. requests in flight")
    ap.add_argument("--server-arg", action="append", default=[], help="extra argument for mtlint serve")
    args = ap.parse_args()
    if not 1 <= args.requests <= MAX_REQUESTS:
        sys.exit(f"--requests must be between 1 and {MAX_REQUESTS}")
    if not pathlib.Path(args.bin).is_file():
        sys.exit(f"no binary at {args.bin} (cargo build --release, or --bin)")

    articles = sorted(ROOT.glob("corpus/*/*.txt"))
    if not articles:
        sys.exit("no corpus articles")
    bodies = [json.dumps({"text": p.read_text(encoding="utf-8")}).encode() for p in articles]
    sizes = [len(b) for b in bodies]

    proc, host, port = start_server(args.bin, args.server_arg)
    try:
        # One request first, so that start-up costs are not counted.
        _, err, _ = post_check(host, port, bodies[0])
        if err:
            sys.exit(f"warm-up request failed: {err}")
        jobs = [bodies[i % len(bodies)] for i in range(args.requests)]
        started = time.perf_counter()
        with concurrent.futures.ThreadPoolExecutor(max_workers=args.workers) as pool:
            results = list(pool.map(lambda b: post_check(host, port, b), jobs))
        wall = time.perf_counter() - started
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()

    errors = [e for _, e, _ in results if e]
    latencies = sorted(lat for lat, _, _ in results)
    ms = lambda s: f"{s * 1000:.1f} ms"  # noqa: E731
    print(f"mtlint serve load test: {args.requests} POST /api/check, {args.workers} in flight, "
          f"{len(articles)} corpus articles ({min(sizes)}–{max(sizes)} bytes), {os.cpu_count()} cores")
    print(f"  ok: {args.requests - len(errors)}, failed: {len(errors)}, findings: {sum(n for _, _, n in results)}")
    print(f"  wall time: {wall:.2f} s, throughput: {args.requests / wall:.1f} requests/s")
    print(f"  latency: p50 {ms(percentile(latencies, 50))}, p90 {ms(percentile(latencies, 90))}, "
          f"p99 {ms(percentile(latencies, 99))}, max {ms(latencies[-1])}")
    for e in errors[:10]:
        print(f"  error: {e}", file=sys.stderr)
    sys.exit(1 if errors else 0)


if __name__ == "__main__":
    main()

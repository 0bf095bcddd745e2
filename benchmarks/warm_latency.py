#!/usr/bin/env python3
"""Warm query latency of peersearch: one long-lived `peersearch serve`, timed HTTP searches.

The eval harness (../shared/eval/peers.py) times peersearch one process per query (cold): its
"warm" columns exist only for the Python peers, which open their index once and query it in a
loop. This script gives peersearch the same shape of measurement without changing the product:
it starts `peersearch serve --index IDX` on a free loopback port, then runs every query of the
query files --repeat times as `GET /search?q=…&limit=10` over one keep-alive connection
(http.client), timing request to last byte of the response. Latencies include HTTP and JSON on
loopback (a fraction of a millisecond), which the Python peers' numbers do not.

Queries are split as the harness splits them: a query with a quoted phrase is "phrase", one
without is "ranked" (plain words, BM25). Prints p50/p95 per kind and writes them as JSON.

If the binary has no `serve` subcommand (`peersearch serve --help` does not exit 0 with serve's
own help, which has a --port option), it says so,
writes {"status": "skipped", ...} and exits 0.

  python3 benchmarks/warm_latency.py --bin .build/release/peersearch --index IDX \\
      --queries ../shared/corpus/queries/quotes.tsv,../shared/corpus/queries/known-items.tsv \\
      [--repeat 3] [--limit 10] [--params facets=true] [--out warm.json] [--label 20x]

--params adds parameters to every search (e.g. `facets=true`, `sort=newest`), to measure what
they cost against the same queries without them. `--page` times the search page instead
(`GET /?q=…`: the HTML with facets, as a browser gets it; --limit does not apply there).

Stdlib only.
"""
import argparse
import http.client
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse

from speed_report import QUOTES, pct  # same folder: the report and this script agree on both

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)



def load_harness(eval_dir):
    """The harness's own query reader and phrase splitter, so kinds match peers.py exactly."""
    sys.dont_write_bytecode = True   # shared/eval is read-only
    sys.path.insert(0, eval_dir)
    try:
        import peers  # noqa: E402
        return peers.read_queries, peers.split_query
    except ImportError:
        return None, None


def read_queries_fallback(paths):
    qs = []
    for path in paths:
        kind = os.path.splitext(os.path.basename(path))[0]
        with open(path, encoding="utf-8") as f:
            rows = [ln.rstrip("\r\n") for ln in f if ln.strip()]
        head = [h.strip().lower() for h in rows[0].split("\t")]
        col = {h: i for i, h in enumerate(head)}
        for ln in rows[1:]:
            cells = ln.split("\t")
            get = lambda k: cells[col[k]].strip() if k in col and col[k] < len(cells) else ""
            qs.append({"id": get("id"), "kind": get("kind") or kind, "query": get("query")})
    return qs


def is_phrase(query, split_query):
    if split_query:
        return any(k == "phrase" for k, _ in split_query(query))
    return '"' in query.translate(QUOTES)


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve_help(binary):
    """`serve --help` text, or None when the binary has no serve subcommand."""
    try:
        r = subprocess.run([binary, "serve", "--help"], capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        return None
    text = r.stdout + r.stderr
    # ArgumentParser answers `peersearch UNKNOWN --help` with the root help and exit 0: only
    # serve's own help (a --port option) counts.
    if r.returncode != 0 or "--port" not in text:
        return None
    return text


def peak_rss_mb(pid):
    """VmHWM (peak resident set) of a live process, from /proc; None elsewhere."""
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024.0
    except OSError:
        pass
    return None


def wait_ready(proc, port, log_path, timeout):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            with open(log_path, errors="replace") as f:
                tail = f.read()[-800:]
            raise SystemExit(f"warm_latency: `peersearch serve` exited with {proc.returncode}: {tail.strip()}")
        try:
            c = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            c.request("GET", "/health")
            c.getresponse().read()
            c.close()
            return
        except (OSError, http.client.HTTPException):
            time.sleep(0.1)
    raise SystemExit(f"warm_latency: `peersearch serve` did not answer on port {port} within {timeout} s")


def stop(proc):
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bin", default=os.environ.get("PEERSEARCH_BIN") or os.path.join(ROOT, ".build/release/peersearch"))
    ap.add_argument("--index", required=True, help="a peersearch index (e.g. the one peers.py built with --work)")
    ap.add_argument("--queries", required=True, help="TSV query file(s), comma-separated (peers.py format)")
    ap.add_argument("--eval", default=os.path.join(os.path.dirname(ROOT), "shared", "eval"),
                    help="the harness folder, for its query reader (default ../shared/eval)")
    ap.add_argument("--repeat", type=int, default=3, help="timed runs of each query (default 3)")
    ap.add_argument("--limit", type=int, default=10)
    ap.add_argument("--params", default="", help="more query parameters for every search, e.g. facets=true&sort=newest")
    ap.add_argument("--page", action="store_true", help="time the search page (GET /?q=…, HTML with facets) instead of /search")
    ap.add_argument("--timeout", type=float, default=120, help="seconds to wait for the server to start")
    ap.add_argument("--label", default="", help="a name for this run in the JSON (e.g. 20x)")
    ap.add_argument("--out", help="write the results as JSON here")
    a = ap.parse_args()

    def finish(result, code=0):
        if a.out:
            with open(a.out, "w") as f:
                json.dump(result, f, indent=1, ensure_ascii=False)
        return code

    base = {"label": a.label, "bin": a.bin, "index": os.path.abspath(a.index), "method": "peersearch serve, HTTP GET " + ("/ (the search page)" if a.page else "/search") + ", keep-alive"}
    if not (os.path.isfile(a.bin) and os.access(a.bin, os.X_OK)):
        print(f"warm_latency: {a.bin} is not an executable file; skipped", file=sys.stderr)
        return finish({**base, "status": "skipped", "reason": f"{a.bin} is not an executable file"})
    help_text = serve_help(a.bin)
    if help_text is None:
        print("warm_latency: this peersearch has no `serve` subcommand (`peersearch serve --help` does not "
              "show serve's help); "
              "warm latency skipped", file=sys.stderr)
        return finish({**base, "status": "skipped", "reason": "no `peersearch serve`"})
    if not os.path.isdir(a.index):
        raise SystemExit(f"warm_latency: --index {a.index}: not a directory")

    read_queries, split_query = load_harness(a.eval)
    paths = [p for p in a.queries.split(",") if p]
    qs = read_queries(paths) if read_queries else read_queries_fallback(paths)

    port = free_port()
    cmd = [a.bin, "serve", "--index", a.index, "--host", "127.0.0.1", "--port", str(port)]
    if "--log-level" in help_text:
        cmd += ["--log-level", "warning"]   # no log line per request
    log = tempfile.NamedTemporaryFile(prefix="peersearch-serve-", suffix=".log", delete=False)
    env = {k: v for k, v in os.environ.items() if k != "PEERSEARCH_TOKEN"}   # read-only server
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=log, env=env)
    try:
        wait_ready(proc, port, log.name, a.timeout)
        startup_ms = (time.perf_counter() - t0) * 1000
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        samples = {"phrase": [], "ranked": []}
        errors, reconnects, statuses = 0, 0, {}
        first_error = None
        for q in qs:
            kind = "phrase" if is_phrase(q["query"], split_query) else "ranked"
            if a.page:
                url = "/?" + urllib.parse.urlencode({"q": q["query"]}) + ("&" + a.params if a.params else "")
            else:
                url = "/search?" + urllib.parse.urlencode({"q": q["query"], "limit": a.limit}) + ("&" + a.params if a.params else "")
            for _ in range(a.repeat):
                t = time.perf_counter()
                try:
                    conn.request("GET", url)
                    resp = conn.getresponse()
                    body = resp.read()
                except (OSError, http.client.HTTPException) as e:   # the server closed the connection
                    conn.close()
                    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
                    reconnects += 1
                    errors += 1
                    first_error = first_error or f"{q['id']}: {type(e).__name__}: {e}"
                    continue
                ms = (time.perf_counter() - t) * 1000
                statuses[resp.status] = statuses.get(resp.status, 0) + 1
                # only a 200 with a JSON body (with --page: a page of results) is a sample;
                # anything else is counted as an error
                if resp.status != 200:
                    errors += 1
                    first_error = first_error or f"{q['id']}: HTTP {resp.status}: {body[:200]!r}"
                    continue
                if a.page:
                    if b'id="antal"' not in body:
                        errors += 1
                        first_error = first_error or f"{q['id']}: the page shows no result count"
                        continue
                else:
                    try:
                        json.loads(body)
                    except ValueError:
                        errors += 1
                        first_error = first_error or f"{q['id']}: response is not JSON"
                        continue
                samples[kind].append(ms)
        conn.close()
        rss = peak_rss_mb(proc.pid)
    finally:
        stop(proc)
        try:
            os.unlink(log.name)
        except OSError:
            pass

    def summary(xs):
        return {"n": len(xs), "p50": pct(xs, 50), "p95": pct(xs, 95), "p99": pct(xs, 99),
                "mean": (sum(xs) / len(xs)) if xs else None}

    kinds = {k: summary(v) for k, v in samples.items()}
    kinds["ALL"] = summary(samples["phrase"] + samples["ranked"])
    result = {**base, "status": "ok", "repeat": a.repeat, "limit": a.limit, "queries": len(qs),
              "startup_ms": startup_ms, "server_peak_rss_mb": rss, "errors": errors,
              "reconnects": reconnects, "http_status": {str(k): v for k, v in sorted(statuses.items())},
              "first_error": first_error, "latency_ms": kinds}
    title = f" ({a.label})" if a.label else ""
    print(f"peersearch warm latency{title}: serve on 127.0.0.1:{port}, {len(qs)} queries × {a.repeat}, "
          f"started in {startup_ms:.0f} ms, server peak RSS {rss or 0:.0f} MB, {errors} errors")
    print("")
    print("| kind | n | p50 ms | p95 ms | p99 ms | mean ms |")
    print("|---|---|---|---|---|---|")
    for k in ("phrase", "ranked", "ALL"):
        s = kinds[k]
        f = lambda x: "—" if x is None else f"{x:.2f}"
        print(f"| {k} | {s['n']} | {f(s['p50'])} | {f(s['p95'])} | {f(s['p99'])} | {f(s['mean'])} |")
    if first_error:
        print(f"\nfirst error: {first_error}")
    return finish(result, 1 if errors and not (samples["phrase"] or samples["ranked"]) else 0)


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Speed report: Markdown tables from the results of benchmarks/speed.sh.

Reads, for each scale N, `speed-Nx.json` (written by ../shared/eval/peers.py run) and, when
present, `warm-Nx.json` (benchmarks/warm_latency.py: peersearch's warm latency through
`peersearch serve`), and prints:

  - per scale, per engine: index s, docs/s, MB/s, index size, peak RSS of the indexing process,
    warm p50/p95, cold p50/p95 (all queries), and the same latencies split into phrase and
    ranked queries;
  - ratios: peersearch/xapian and peersearch/tantivy index time, peersearch cold vs rg cold;
  - growth across scales: index s and query latency per engine with the ratio to 1×, and the
    log-log slope against corpus MB (1 = linear, < 1 = sub-linear).

With matplotlib installed it also draws the growth as a PNG (--png); without it, tables only.

  python3 benchmarks/speed_report.py [--results benchmarks/results] [--scales "1 5 20"] [--png FILE]

Stdlib only (matplotlib optional).
"""
import argparse
import json
import math
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ENGINE_ORDER = ("peersearch", "xapian", "tantivy", "fts5", "rg")
LABEL = {"xapian": "xapian (Python)", "tantivy": "tantivy", "fts5": "sqlite fts5", "rg": "ripgrep",
         "peersearch": "**peersearch**"}
QUOTES = str.maketrans({"\u201c": '"', "\u201d": '"', "\u201e": '"', "\u00ab": '"', "\u00bb": '"'})


def is_phrase(query):
    """As peers.split_query: text between double quotes (an open quote runs to the end)."""
    chunks = query.translate(QUOTES).split('"')
    return any(chunk.strip() for chunk in chunks[1::2])


def pct(xs, p):
    if not xs:
        return None
    s = sorted(xs)
    k = (len(s) - 1) * p / 100.0
    lo, hi = math.floor(k), math.ceil(k)
    return s[lo] + (s[hi] - s[lo]) * (k - lo)


def fmt(x, nd=2):
    if x is None:
        return "—"
    if abs(x) >= 1000:
        return f"{x:,.0f}"
    if abs(x) >= 100:
        return f"{x:.0f}"
    return f"{x:.{nd}f}"


def ratio(x, ref):
    if x is None or not ref:
        return None
    return x / ref


def fmt_ratio(r):
    return "—" if r is None else f"{r:.2f}×"


def load(path):
    try:
        with open(path, encoding="utf-8") as f:
            return json.load(f)
    except FileNotFoundError:
        return None


class Scale:
    """One scale's results: the harness JSON plus peersearch's warm latency, if measured."""

    def __init__(self, n, res, warm):
        self.n, self.res, self.warm_res = n, res, warm
        self.docs = res["docs"]
        self.mb = res["corpus_bytes"] / 1e6
        self.engines = {e["engine"]: e for e in res["engines"]}
        self.kind = ["phrase" if is_phrase(q["query"]) else "ranked" for q in res["queries"]]

    def ok(self, engine):
        e = self.engines.get(engine)
        return e if e and e.get("status") == "ok" else None

    def index(self, engine, key):
        e = self.ok(engine)
        return e["index"].get(key) if e else None

    def size_mb(self, engine):
        v = self.index(engine, "size_bytes")
        return None if v is None else v / 1e6

    def latencies(self, engine, which, kind=None):
        """Samples of one engine: which = 'warm' (every timed run) or 'cold' (one per query)."""
        e = self.ok(engine)
        if not e:
            return []
        out = []
        for q_kind, pq in zip(self.kind, e.get("per_query", [])):
            if kind and q_kind != kind:
                continue
            if which == "warm":
                out += pq.get("lat_ms") or []
            elif pq.get("cold_ms") is not None:
                out.append(pq["cold_ms"])
        return out

    def warm_http(self, kind, p):
        """peersearch's warm latency from warm_latency.py (serve over HTTP)."""
        if not self.warm_res or self.warm_res.get("status") != "ok":
            return None
        s = self.warm_res["latency_ms"].get(kind or "ALL") or {}
        return s.get(f"p{p}")

    def warm(self, engine, p, kind=None):
        if engine == "peersearch":
            return self.warm_http(kind, p)
        return pct(self.latencies(engine, "warm", kind), p)

    def cold(self, engine, p, kind=None):
        return pct(self.latencies(engine, "cold", kind), p)

    def present(self):
        return [e for e in ENGINE_ORDER if e in self.engines] + \
               [e for e in self.engines if e not in ENGINE_ORDER]


def engine_table(s):
    lines = [f"### {s.n}× — {s.docs:,} docs, {s.mb:.1f} MB",
             "",
             "| engine | index s | docs/s | MB/s | size MB | peak RSS MB | warm p50 ms | warm p95 ms | cold p50 ms | cold p95 ms |",
             "|---|---|---|---|---|---|---|---|---|---|"]
    for e in s.present():
        if not s.ok(e):
            st = s.engines[e].get("status", "?")
            lines.append(f"| {LABEL.get(e, e)} | {st}: {' '.join(s.engines[e].get('notes', []))[:120]} |" + " |" * 8)
            continue
        cells = [LABEL.get(e, e), fmt(s.index(e, "wall_s") or None), fmt(s.index(e, "docs_per_s"), 0),
                 fmt(s.index(e, "mb_per_s")), fmt(s.size_mb(e)) if e != "rg" else "— (no index)",
                 fmt(s.index(e, "peak_rss_mb"), 0), fmt(s.warm(e, 50)), fmt(s.warm(e, 95)),
                 fmt(s.cold(e, 50), 1), fmt(s.cold(e, 95), 1)]
        if e == "peersearch" and s.warm_http(None, 50) is not None:
            cells[6] += " †"
            cells[7] += " †"
        lines.append("| " + " | ".join(cells) + " |")
    lines += ["", "| engine | warm phrase p50 | warm phrase p95 | warm ranked p50 | warm ranked p95 "
                  "| cold phrase p50 | cold ranked p50 | cold queries |",
              "|---|---|---|---|---|---|---|---|"]
    for e in s.present():
        if not s.ok(e):
            continue
        cold_n = len(s.latencies(e, "cold"))
        lines.append("| " + " | ".join([LABEL.get(e, e),
                                        fmt(s.warm(e, 50, "phrase")), fmt(s.warm(e, 95, "phrase")),
                                        fmt(s.warm(e, 50, "ranked")), fmt(s.warm(e, 95, "ranked")),
                                        fmt(s.cold(e, 50, "phrase"), 1), fmt(s.cold(e, 50, "ranked"), 1),
                                        str(cold_n)]) + " |")
    return lines


def ratio_table(scales):
    lines = ["| scale | index s: peersearch / xapian | index s: peersearch / tantivy | size: peersearch / xapian "
             "| cold p50: peersearch / rg | cold p95: peersearch / rg |",
             "|---|---|---|---|---|---|"]
    for s in scales:
        def cell(a, b):
            r = ratio(a, b)
            return "—" if r is None else f"{fmt(a)} / {fmt(b)} = {fmt_ratio(r)}"
        lines.append("| " + " | ".join([
            f"{s.n}×",
            cell(s.index("peersearch", "wall_s"), s.index("xapian", "wall_s")),
            cell(s.index("peersearch", "wall_s"), s.index("tantivy", "wall_s")),
            cell(s.size_mb("peersearch"), s.size_mb("xapian")),
            cell(s.cold("peersearch", 50), s.cold("rg", 50)),
            cell(s.cold("peersearch", 95), s.cold("rg", 95)),
        ]) + " |")
    return lines


def slope(xs, ys):
    """Log-log slope of the last point against the first (1 = linear growth)."""
    pts = [(x, y) for x, y in zip(xs, ys) if x and y]
    if len(pts) < 2 or pts[-1][0] == pts[0][0]:
        return None
    (x0, y0), (x1, y1) = pts[0], pts[-1]
    return math.log(y1 / y0) / math.log(x1 / x0)


def growth_table(scales):
    base = scales[0]
    head = "| engine | metric | " + " | ".join(f"{s.n}×" for s in scales) + " | slope vs docs | slope vs MB |"
    lines = [head, "|---|---|" + "---|" * len(scales) + "---|---|"]
    mbs = [s.mb for s in scales]
    docs = [s.docs for s in scales]
    lines.append("| corpus | docs | " + " | ".join(
        f"{s.docs:,}{'' if s is base else f' (×{s.docs / base.docs:.2f})'}" for s in scales) + " | 1 | — |")
    lines.append("| corpus | MB | " + " | ".join(
        f"{s.mb:.1f}{'' if s is base else f' (×{s.mb / base.mb:.2f})'}" for s in scales) + " | — | 1 |")
    metrics = [("index s", lambda s, e: s.index(e, "wall_s")),
               ("size MB", lambda s, e: s.size_mb(e)),
               ("cold p50 ms", lambda s, e: s.cold(e, 50)),
               ("warm p50 ms", lambda s, e: s.warm(e, 50)),
               ("warm p95 ms", lambda s, e: s.warm(e, 95))]
    engines = [e for e in ENGINE_ORDER if any(s.ok(e) for s in scales)]
    for e in engines:
        for name, get in metrics:
            vals = [get(s, e) for s in scales]
            if not any(vals):
                continue
            cells = []
            for s, v in zip(scales, vals):
                r = ratio(v, vals[0]) if s is not base else None
                cells.append(fmt(v) + (f" (×{r:.2f})" if r is not None else ""))
            sl = [slope(xs, vals) for xs in (docs, mbs)]
            name_shown = name + (" †" if e == "peersearch" and name.startswith("warm") else "")
            lines.append(f"| {LABEL.get(e, e)} | {name_shown} | " + " | ".join(cells) + " | " +
                         " | ".join("—" if x is None else f"{x:.2f}" for x in sl) + " |")
    return lines


def plot(scales, path):
    try:
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
        import matplotlib.ticker
    except ImportError:
        return "matplotlib is not installed: no PNG (the growth table above has the same numbers)"
    fig, axes = plt.subplots(1, 4, figsize=(18, 4.2))
    series = (("index build, s (extraction included)", lambda s, e: s.index(e, "wall_s") if e != "rg" else None),
              ("index size, MB", lambda s, e: s.size_mb(e)),
              ("warm query p95, ms (peersearch: via serve)", lambda s, e: s.warm(e, 95)),
              ("peak RSS while indexing, MB", lambda s, e: s.index(e, "peak_rss_mb")))
    for ax, (title, get) in zip(axes, series):
        for e in ENGINE_ORDER:
            pts = [(s.docs, get(s, e)) for s in scales]
            pts = [(x, y) for x, y in pts if y]
            if len(pts) >= 1:
                ax.plot([x for x, _ in pts], [y for _, y in pts], marker="o", label=e)
        ax.set_xscale("log")
        ax.set_yscale("log")
        ax.xaxis.set_minor_locator(matplotlib.ticker.NullLocator())
        ax.set_xticks([s.docs for s in scales], [f"{s.n}×" for s in scales])
        ax.set_xlabel("corpus (documents)")
        ax.set_title(title, fontsize=10)
        ax.grid(True, which="both", alpha=0.3)
        if title.startswith("warm"):
            ax.axhline(5, color="grey", linestyle="--", linewidth=1, label="5 ms")
        ax.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return f"Growth plot: `{path}`."


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--results", default=os.path.join(HERE, "results"))
    ap.add_argument("--scales", help='e.g. "1 5 20" (default: every speed-Nx.json in --results)')
    ap.add_argument("--png", help="draw the growth here (needs matplotlib); default RESULTS/speed-growth.png")
    ap.add_argument("--no-png", action="store_true")
    a = ap.parse_args()

    if a.scales:
        ns = [int(x) for x in a.scales.replace(",", " ").split()]
    else:
        ns = sorted(int(f[len("speed-"):-len("x.json")]) for f in os.listdir(a.results)
                    if f.startswith("speed-") and f.endswith("x.json") and f[len("speed-"):-len("x.json")].isdigit())
    scales = []
    for n in ns:
        res = load(os.path.join(a.results, f"speed-{n}x.json"))
        if res is None:
            print(f"speed_report: no {a.results}/speed-{n}x.json; scale {n}× left out", file=sys.stderr)
            continue
        scales.append(Scale(n, res, load(os.path.join(a.results, f"warm-{n}x.json"))))
    if not scales:
        raise SystemExit(f"speed_report: no results in {a.results} (run benchmarks/speed.sh)")

    out = ["# peersearch speed", ""]
    first = scales[0].res
    v = first.get("versions", {})
    out.append(f"Query sets: {len(first['queries'])} queries ({sum(k == 'phrase' for k in scales[0].kind)} phrase, "
               f"{sum(k == 'ranked' for k in scales[0].kind)} ranked); timed runs per query: {first['repeat']}; "
               f"cold sample of the Python peers: {first['cold_sample']} queries. "
               "Runs started " + ", ".join(f"{s.res.get('when', '?')} ({s.n}×)" for s in scales) +
               f" on {v.get('host_cpus', '?')} CPUs; " +
               ", ".join(f"{k} {v[k]}" for k in ("xapian", "tantivy", "sqlite", "rg", "python") if v.get(k)) + ".")
    bins = {s.engines.get("peersearch", {}).get("version") for s in scales} - {None}
    if bins:
        out.append(f"peersearch: {', '.join(sorted(bins))}.")
    out.append("")
    for s in scales:
        out += engine_table(s) + [""]
    out += ["### Ratios", ""] + ratio_table(scales) + [""]
    if len(scales) > 1:
        out += ["### Growth across scales (ratio to the smallest)", ""] + growth_table(scales) + [""]
        out.append("Slope: log(value ratio) / log(corpus ratio), last scale against the first: 1 = grows "
                   "linearly with the corpus, < 1 = sub-linear, 0 = flat. On synth.py corpora the docs ratio is "
                   "about the text ratio (every copy deals the same paragraphs into documents of the same sizes) while "
                   "raw MB grows less (HTML copies are written without the original markup), so read "
                   "*slope vs docs*; *slope vs MB* overstates growth.")
        if not a.no_png:
            out.append(plot(scales, a.png or os.path.join(a.results, "speed-growth.png")))
        out.append("")

    s0 = scales[0]
    startups = ", ".join(f"{e} {s0.engines[e]['python_startup_ms']:.0f} ms" for e in ("xapian", "tantivy", "fts5")
                         if s0.ok(e) and s0.engines[e].get("python_startup_ms"))
    notes = ["**Reading the numbers.**",
             "- *index s*: wall time of the indexing process (Python peers: interpreter, the harness's "
             "pure-Python text extraction and the engine; peersearch: its own extraction, analysis and Xapian). "
             "*peak RSS*: that process's `ru_maxrss`. *docs/s*, *MB/s*: files listed and raw bytes per index second.",
             "- *warm*: one process with the index open, every query run repeatedly. For the Python peers "
             "this is in-process (parse, search, top-10 paths). † peersearch: `peersearch serve` over "
             "loopback HTTP (`GET /search?q=…&limit=10`, keep-alive), request to last byte of the JSON "
             "(passages and highlights included), measured by `benchmarks/warm_latency.py`. ripgrep has no warm mode.",
             "- *cold*: one fresh process per query. peersearch and rg: every query, the median of the "
             "repeated spawns. Python peers: only the cold sample, and each includes interpreter start-up "
             "and imports" + (f" (bare interpreter start-up: {startups})" if startups else "") + ".",
             "- Synthetic corpora (`synth.py`): copy 0 is the real corpus, the other copies shuffled "
             "paragraphs; HTML copies are lean, so MB grows less than ×N. Quality numbers on them mean nothing.",
             "- One run on a shared 2-core machine: compare ratios within a run, not absolute numbers across runs."]
    for s in scales:
        for e in s.present():
            en = s.engines[e]
            if en.get("errors"):
                notes.append(f"- {s.n}×: {e} had {en['errors']} query errors.")
        w = s.warm_res
        if w and w.get("status") != "ok":
            notes.append(f"- {s.n}×: peersearch warm latency not measured: {w.get('reason', w.get('status'))}.")
        elif w and w.get("errors"):
            notes.append(f"- {s.n}×: warm_latency.py had {w['errors']} failed requests ({w.get('first_error')}).")
        elif not w:
            notes.append(f"- {s.n}×: no warm-{s.n}x.json: peersearch warm latency not measured.")
    out += notes
    print("\n".join(out))


if __name__ == "__main__":
    main()

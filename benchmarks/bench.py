"""Measure rearth against raw spaCy on a corpus of N copies of the samples: throughput, ratios, memory, latency, start-up, and a profile."""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import types
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
CORPUS_SUFFIXES = (".txt", ".md")
MODEL = "fr_core_news_sm"
POLL_SECONDS = 0.02
# Seconds back-dated onto corpus files before each run: with relatime, a file's
# atime then moves on its next read, which tells which inputs a run had read.
_OLD = 1_000_000_000


@dataclass
class Run:
    """One measured run: what ran, on how many articles and words, and what it cost."""

    label: str
    n: int
    words: int
    seconds: float
    peak_rss: int = 0
    first_record: float | None = None
    read_by_first: int | None = None
    records: int = 0
    ok: int = 0
    load_seconds: float | None = None
    note: str = ""
    machine_load: float = 0.0

    @property
    def articles_per_s(self) -> float:
        """Return articles per second."""
        return self.n / self.seconds if self.seconds else 0.0

    @property
    def words_per_s(self) -> float:
        """Return words per second."""
        return self.words / self.seconds if self.seconds else 0.0


def corpus_files(only_lang: str | None = None) -> list[Path]:
    """Return the sample articles the corpus is copied from, sorted by name."""
    files = sorted(p for p in SAMPLES.iterdir() if p.suffix in CORPUS_SUFFIXES and p.is_file())
    if only_lang:
        files = [p for p in files if p.name.startswith(f"{only_lang}-")]
    if not files:
        raise SystemExit(f"bench: no .txt/.md samples{' for ' + only_lang if only_lang else ''} in {SAMPLES}")
    return files


def build_corpus(folder: Path, n: int, samples: list[Path]) -> tuple[list[Path], int]:
    """Return the n article files written into folder (names sort in creation order) and their word count."""
    folder.mkdir(parents=True, exist_ok=True)
    contents = [(p.suffix, p.read_bytes()) for p in samples]
    words = [len(data.decode("utf-8", "replace").split()) for _, data in contents]
    paths, total = [], 0
    for i in range(n):
        suffix, data = contents[i % len(contents)]
        path = folder / f"{i:06d}-{samples[i % len(samples)].stem}{suffix}"
        path.write_bytes(data)
        paths.append(path)
        total += words[i % len(contents)]
    return paths, total


def _tree_rss(proc) -> int:
    """Return the summed resident memory of a process and all its descendants (0 once gone)."""
    import psutil

    total = 0
    try:
        members = [proc, *proc.children(recursive=True)]
    except psutil.Error:
        return 0
    for member in members:
        try:
            total += member.memory_info().rss
        except psutil.Error:
            pass
    return total


def measure(command: list[str]) -> dict:
    """Run command, reading its stdout lines; return wall time, peak tree RSS, first-line time, records, ok count."""
    import psutil

    started = time.perf_counter()
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT,
                            env={**os.environ, "NO_COLOR": "1"})
    watched = psutil.Process(proc.pid)
    peak = [0]
    done = threading.Event()

    def poll() -> None:
        while not done.is_set():
            peak[0] = max(peak[0], _tree_rss(watched))
            done.wait(POLL_SECONDS)

    poller = threading.Thread(target=poll, daemon=True)
    poller.start()
    stderr_chunks: list[bytes] = []
    reader = threading.Thread(target=lambda: stderr_chunks.append(proc.stderr.read()), daemon=True)
    reader.start()
    first, first_wall, records, ok, last = None, None, 0, 0, b""
    for line in proc.stdout:
        last = line
        if first is None:
            first, first_wall = time.perf_counter() - started, time.time()
        records += 1
        ok += b'"ok":true' in line
    proc.wait()
    elapsed = time.perf_counter() - started
    done.set()
    poller.join()
    reader.join()
    return {"seconds": elapsed, "machine_load": os.getloadavg()[0], "peak_rss": peak[0], "first": first, "first_wall": first_wall,
            "records": records, "ok": ok, "last": last, "returncode": proc.returncode, "stderr": b"".join(stderr_chunks)}


def reset_atimes(paths: list[Path]) -> None:
    """Back-date every corpus file so the next read of each moves its atime."""
    for path in paths:
        os.utime(path, (_OLD, _OLD))


def read_count(paths: list[Path], moment: float | None) -> int | None:
    """Return how many corpus files had been read at wall-clock moment, or None when atimes are not kept."""
    if moment is None:
        return None
    atimes = [path.stat().st_atime for path in paths]
    if all(a <= _OLD for a in atimes):
        return None  # noatime mount: reads leave no trace
    # an upper bound: the kernel stamps atimes with a coarse clock that lags by
    # up to a tick, and moment is when this process got the line, not when it was written
    return sum(1 for a in atimes if _OLD < a <= moment)


def rearth_command() -> list[str]:
    """Return the command that runs this checkout's rearth."""
    script = Path(sys.executable).parent / "rearth"
    return [str(script)] if script.exists() else [sys.executable, "-m", "rearth_cli"]


def run_rearth(label: str, folder: Path, paths: list[Path], words: int, flags: list[str]) -> Run:
    """Return the measured run of `rearth analyze --format jsonl FLAGS FOLDER`."""
    reset_atimes(paths)
    result = measure([*rearth_command(), "analyze", "--format", "jsonl", "--no-progress", *flags, str(folder)])
    run = Run(label, len(paths), words, result["seconds"], result["peak_rss"], result["first"],
              read_count(paths, result["first_wall"]), result["records"], result["ok"], machine_load=result["machine_load"])
    if result["records"] != len(paths):
        tail = result["stderr"].decode("utf-8", "replace").strip().splitlines()[-1:] or ["?"]
        run.note = f"exit {result['returncode']}: {tail[0][:120]}"
    elif result["ok"] != len(paths):
        run.note = f"{len(paths) - result['ok']} error record(s)"
    return run


def _raw_worker(folder: str) -> None:
    """Load the model, pipe every corpus file through it (all components on), print timings as JSON."""
    started = time.perf_counter()
    import spacy

    nlp = spacy.load(MODEL)
    loaded = time.perf_counter()
    paths = sorted(Path(folder).iterdir())
    texts = (path.read_text(encoding="utf-8") for path in paths)
    count = 0
    for _ in nlp.pipe(texts):
        count += 1
    finished = time.perf_counter()
    print(json.dumps({"load": loaded - started, "pipe": finished - loaded, "docs": count, "components": nlp.pipe_names}))


def help_time(repeat: int = 5) -> float:
    """Return the median wall time of `rearth --help`."""
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        subprocess.run([*rearth_command(), "--help"], capture_output=True, check=True, cwd=ROOT)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


_IMPORT_CHECK = """
import json, sys
sys.argv = ["rearth", "--help"]
from rearth_cli.cli import main
try:
    main()
except SystemExit:
    pass
heavy = ["spacy", "langdetect", "thinc", "trafilatura", "dask"]
print(json.dumps({name: name in sys.modules for name in heavy}), file=sys.stderr)
"""


def help_imports() -> dict[str, bool]:
    """Return which heavy libraries are in sys.modules after importing rearth_cli.cli and running --help."""
    done = subprocess.run([sys.executable, "-c", _IMPORT_CHECK], capture_output=True, cwd=ROOT, check=True)
    return json.loads(done.stderr.decode().strip().splitlines()[-1])


def _fmt(value, spec: str = ".1f", missing: str = "-") -> str:
    """Return value formatted, or missing for None."""
    return missing if value is None else format(value, spec)


HEADER = ["N", "run", "seconds", "articles/s", "words/s", "ratio", "peak RSS MB", "first record s",
          "read by 1st", "records ok", "load avg", "note"]


def table_rows(runs: list[Run]) -> list[list[str]]:
    """Return the table cells of every run, with the issue's ratios computed within the same N."""
    rows = []
    by_key = {(run.n, run.label): run for run in runs}
    for run in runs:
        ratio = ""
        raw, j1 = by_key.get((run.n, "raw nlp.pipe")), by_key.get((run.n, "rearth -j1"))
        if run.label == "rearth -j1" and raw:
            ratio = f"{run.seconds / raw.seconds:.2f}x raw time"
        elif run.label == "rearth -j2" and j1:
            ratio = f"{run.seconds / j1.seconds:.2f}x -j1 time"
        elif run.label.startswith("rearth --fast") and j1:
            ratio = f"{run.articles_per_s / j1.articles_per_s:.1f}x -j1 speed"
        elif run.label == "raw nlp.pipe" and run.load_seconds is not None:
            ratio = f"(+{run.load_seconds:.1f}s load)"
        records = "" if run.label == "raw nlp.pipe" else f"{run.ok}/{run.n}"
        rows.append([str(run.n), run.label, f"{run.seconds:.1f}", f"{run.articles_per_s:.1f}", f"{run.words_per_s:,.0f}",
                     ratio, _fmt(run.peak_rss / 2**20 if run.peak_rss else None, ".0f"), _fmt(run.first_record, ".2f"),
                     _fmt(run.read_by_first, "d"), records, f"{run.machine_load:.1f}", run.note])
    return rows


def plain_table(rows: list[list[str]]) -> str:
    """Return rows as an aligned plain-text table."""
    widths = [max(len(r[i]) for r in [HEADER, *rows]) for i in range(len(HEADER))]
    lines = ["  ".join(c.ljust(w) for c, w in zip(HEADER, widths)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip() for r in rows]
    return "\n".join(lines)


def markdown_table(rows: list[list[str]]) -> str:
    """Return rows as a Markdown table."""
    lines = ["| " + " | ".join(HEADER) + " |", "|" + "|".join("---" for _ in HEADER) + "|"]
    lines += ["| " + " | ".join(c.replace("|", "\\|") for c in r) + " |" for r in rows]
    return "\n".join(lines)


def summary_lines(runs: list[Run], help_seconds: float, imports: dict[str, bool], sizes: list[int]) -> list[str]:
    """Return the lines under the table: start-up, imports, memory growth between sizes, targets met or not."""
    heavy = [name for name, present in imports.items() if present]
    lines = [f"rearth --help: {help_seconds * 1000:.0f} ms (median of 5); "
             f"imports after --help: {', '.join(heavy) if heavy else 'none of spacy, langdetect, thinc, trafilatura, dask'}"]
    if len(sizes) > 1:
        small, large = sizes[-2], sizes[-1]
        for label in ("rearth -j1", "rearth -j2", "rearth --fast -j1"):
            a = next((r for r in runs if r.n == small and r.label == label), None)
            b = next((r for r in runs if r.n == large and r.label == label), None)
            if a and b and a.peak_rss:
                lines.append(f"{label}: peak RSS N={large} is {100 * (b.peak_rss / a.peak_rss - 1):+.1f}% of N={small}")
    return lines


def run_benchmark(sizes: list[int], only_lang: str | None, fast: bool) -> tuple[list[Run], str, str]:
    """Return the runs, the plain-text report and the Markdown report of one benchmark."""
    samples = corpus_files(only_lang)
    runs: list[Run] = []
    with tempfile.TemporaryDirectory(prefix="rearth-bench-") as tmp:
        for n in sizes:
            folder = Path(tmp) / f"corpus-{n}"
            paths, words = build_corpus(folder, n, samples)
            print(f"bench: N={n} ({words:,} words): raw nlp.pipe...", file=sys.stderr, flush=True)
            runs.append(raw_run(folder, paths, words))
            for label, flags in [("rearth -j1", ["-j1"]), ("rearth -j2", ["-j2"])] + (
                    [("rearth --fast -j1", ["--fast", "-j1"])] if fast else []):
                print(f"bench: N={n}: {label}...", file=sys.stderr, flush=True)
                runs.append(run_rearth(label, folder, paths, words, flags))
            shutil.rmtree(folder)
    help_seconds, imports = help_time(), help_imports()
    rows = table_rows(runs)
    corpus = f"corpus: copies of {', '.join(p.name for p in samples)}"
    notes = summary_lines(runs, help_seconds, imports, sizes)
    plain = "\n".join([corpus, "", plain_table(rows), "", *notes])
    markdown = "\n".join([f"Command: `{' '.join(['python', 'benchmarks/bench.py', *sys.argv[1:]])}`", "", corpus, "",
                          markdown_table(rows), "", *(f"- {line}" for line in notes)])
    return runs, plain, markdown


def raw_run(folder: Path, paths: list[Path], words: int) -> Run:
    """Return raw nlp.pipe's run: pipe time only (load apart), and the peak RSS of its process."""
    result = measure([sys.executable, __file__, "--_raw", str(folder)])
    if result["returncode"] != 0:
        raise SystemExit("bench: raw nlp.pipe failed:\n" + result["stderr"].decode("utf-8", "replace"))
    info = json.loads(result["last"])  # the worker's one line of timings
    run = Run("raw nlp.pipe", len(paths), words, info["pipe"], result["peak_rss"], load_seconds=info["load"],
              machine_load=result["machine_load"])
    run.note = "components: " + ",".join(info["components"])
    return run


# Where a function's own time goes in the profile: the first rule matching its
# file (and name) decides; other functions inherit their callers' categories.
PROFILE_RULES = [
    ("<bench component: rearth>", None, "our spaCy components (rules, gazetteers)"),
    ("rearth_cli/components/", None, "our spaCy components (rules, gazetteers)"),
    ("<bench component: model>", None, "spaCy model components"),
    ("rearth_cli/figures.py", None, "figures"),
    ("rearth_cli/offtopic.py", None, "off-topic"),
    ("rearth_cli/entities.py", None, "entities (grouping)"),
    ("rearth_cli/language.py", None, "langdetect"),
    ("rearth_cli/sources.py", None, "reading/decoding"),
    ("rearth_cli/text.py", None, "reading/decoding"),
    ("rearth_cli/formats.py", None, "JSON writing"),
    ("rearth_cli/record.py", None, "record building"),
    ("rearth_cli/pipeline.py", None, "pipeline loading"),
    ("spacy/language.py", "make_doc", "spaCy tokenizer"),
    # thinc and spacy.ml run only inside the statistical model's components
    ("thinc/", None, "spaCy model components"),
    ("spacy/ml/", None, "spaCy model components"),
    ("spacy/language.py", "pipe", "spaCy model components"),
    ("spacy/language.py", "__call__", "spaCy model components"),
    ("rearth_cli/analyze.py", None, "analyze glue"),
]
MODEL_CATEGORIES = {"spaCy model components", "spaCy tokenizer"}


def _rule_category(func: tuple) -> str | None:
    """Return the category a profiled function roots, or None when it inherits its callers'."""
    filename, _, name = func
    filename = filename.replace(os.sep, "/")
    for fragment, wanted, category in PROFILE_RULES:
        if fragment in filename and (wanted is None or wanted == name):
            return category
    return None


def categorise(stats: dict) -> tuple[dict[str, float], dict[tuple, dict[str, float]]]:
    """Return seconds per category and each function's category shares, splitting shared callees by call edge."""
    shares: dict[tuple, dict[str, float]] = {}
    visiting: set[tuple] = set()

    def share(func: tuple) -> tuple[dict[str, float], bool]:
        """Return (category shares of func, whether they are final rather than cut short by a recursion)."""
        if func in shares:
            return shares[func], True
        own = _rule_category(func)
        if own is not None:
            shares[func] = {own: 1.0}
            return shares[func], True
        visiting.add(func)
        final = True
        weights = {}
        for caller, edge in stats[func][4].items():
            if caller not in stats:
                continue
            if caller in visiting:
                final = False  # a recursion: its outer frames decide
                continue
            weights[caller] = edge[3]
        total = sum(weights.values())
        result: dict[str, float] = {}
        for caller, weight in weights.items():
            parts, caller_final = share(caller)
            final = final and caller_final
            for category, part in parts.items():
                result[category] = result.get(category, 0.0) + part * weight / total
        visiting.discard(func)
        result = result or {"other": 1.0}
        if final:
            shares[func] = result
        return result, final

    by_function = {func: share(func)[0] for func in stats}
    seconds: dict[str, float] = {}
    for func, (_, _, own_time, _, _) in stats.items():
        for category, part in by_function[func].items():
            seconds[category] = seconds.get(category, 0.0) + own_time * part
    return seconds, by_function


class _TimedComponent:
    """A pipeline component wrapped so the time spent pulling docs through it is added up."""

    def __init__(self, proc, name: str, clock: dict):
        self.proc, self.name, self.clock = proc, name, clock
        # A code object of its own per kind of component lets the profile tell
        # model time from ours: Cython pipes are invisible to cProfile, so their
        # time lands on this frame.
        module = getattr(proc, "__module__", None) or type(proc).__module__
        self.kind = kind = "rearth" if module.startswith("rearth_cli") else "model"
        code = _TimedComponent._pipe.__code__.replace(co_filename=f"<bench component: {kind}>", co_name=f"pipe[{name}]")
        self.pipe = types.MethodType(types.FunctionType(code, globals(), code.co_name), self)

    def __getattr__(self, attr):
        return getattr(self.proc, attr)

    def __call__(self, doc, **kwargs):
        return self.proc(doc, **kwargs)

    def _pipe(self, docs, **kwargs):
        """Yield the component's docs, timing each pull (which includes the components upstream)."""
        if hasattr(self.proc, "pipe"):
            inner = self.proc.pipe(docs, **kwargs)
        else:
            inner = (self.proc(doc) for doc in docs)
        # a for loop, not next(): next() would become every frame's profiled caller
        started = time.perf_counter()
        for doc in inner:
            self.clock[self.name] = self.clock.get(self.name, 0.0) + time.perf_counter() - started
            yield doc
            started = time.perf_counter()
        self.clock[self.name] = self.clock.get(self.name, 0.0) + time.perf_counter() - started


def time_components(nlp, clocks: list) -> None:
    """Wrap every component of nlp in a timer; inclusive clocks are kept in pipeline order in clocks."""
    clock: dict[str, float] = {}
    order, kinds = [], {}
    for position, (name, proc) in enumerate(list(nlp._components)):
        timed = _TimedComponent(proc, name, clock)
        nlp._components[position] = (name, timed)
        order.append(name)
        kinds[name] = timed.kind
    clocks.append((order, clock, kinds))


def component_seconds(clocks: list) -> dict[str, float]:
    """Return each component's own seconds: its inclusive pull time minus that of the one before it."""
    seconds: dict[str, float] = {}
    for order, clock, _ in clocks:
        previous = 0.0
        for name in order:
            inclusive = clock.get(name, 0.0)
            seconds[name] = seconds.get(name, 0.0) + max(0.0, inclusive - previous)
            previous = inclusive
    return seconds


def profile_report(samples: list[Path], n: int = 100) -> str:
    """Return the profile of analyze_sources(jobs=1) over an n-article corpus: shares per category and per component."""
    import cProfile
    import io
    import pstats

    sys.path.insert(0, str(ROOT))
    from rearth_cli.analyze import Options, analyze_sources
    from rearth_cli.formats import jsonl_lines
    from rearth_cli.pipeline import get_pipeline
    from rearth_cli.sources import iter_sources

    options = Options()
    with tempfile.TemporaryDirectory(prefix="rearth-profile-") as tmp:
        warm_folder, profiled_folder = Path(tmp) / "warm", Path(tmp) / "corpus"
        build_corpus(warm_folder, len(samples), samples)
        paths, words = build_corpus(profiled_folder, n, samples)
        started = time.perf_counter()
        warm = list(analyze_sources(iter_sources([str(warm_folder)]), options, jobs=1))
        warm_seconds = time.perf_counter() - started
        clocks: list = []
        for code in sorted({r["language"]["code"] for r in warm if r.get("ok")}, key=str):
            time_components(get_pipeline(code, options.gazetteers), clocks)
        # cProfile slows Python code far more than the model's compiled code, so
        # the component clocks are first read on a run without it
        started = time.perf_counter()
        for line in jsonl_lines(analyze_sources(iter_sources([str(profiled_folder)]), options, jobs=1)):
            pass
        plain_total = time.perf_counter() - started
        plain_components = component_seconds(clocks)
        for _, clock, _ in clocks:
            clock.clear()
        sink = io.StringIO()
        profiler = cProfile.Profile()
        started = time.perf_counter()
        profiler.enable()
        for line in jsonl_lines(analyze_sources(iter_sources([str(profiled_folder)]), options, jobs=1)):
            sink.write(line)
        profiler.disable()
        total = time.perf_counter() - started
    stats = pstats.Stats(profiler).stats
    seconds, shares = categorise(stats)
    measured = sum(seconds.values()) or 1.0
    lines = [f"profile: analyze_sources(jobs=1) + JSON Lines over N={n} articles ({words:,} words) "
             f"in {total:.1f} s under cProfile (profiler overhead included); "
             f"warm-up on {len(samples)} articles (model loads) took {warm_seconds:.1f} s, not profiled", "",
             f"{'category':<44} {'seconds':>8} {'share':>7}"]
    for category, value in sorted(seconds.items(), key=lambda kv: -kv[1]):
        lines.append(f"{category:<44} {value:>8.2f} {100 * value / measured:>6.1f}%")
    per_component = component_seconds(clocks)
    lines += ["", f"pipeline components, own pull time: with cProfile, and in a run without it ({plain_total:.1f} s)",
              f"{'component':<28} {'profiled s':>10} {'share':>7} {'plain s':>8} {'share':>7}"]
    for name, value in sorted(per_component.items(), key=lambda kv: -kv[1]):
        plain = plain_components.get(name, 0.0)
        lines.append(f"{name:<28} {value:>10.2f} {100 * value / measured:>6.1f}% {plain:>8.2f} {100 * plain / plain_total:>6.1f}%")
    kinds = {name: kind for _, _, named in clocks for name, kind in named.items()}
    ours = sum(v for k, v in plain_components.items() if kinds[k] == "rearth")
    model = sum(v for k, v in plain_components.items() if kinds[k] == "model")
    lines.append(f"{'(without cProfile) model':<28} {'':>10} {'':>7} {model:>8.2f} {100 * model / plain_total:>6.1f}%")
    lines.append(f"{'(without cProfile) rest':<28} {'':>10} {'':>7} {plain_total - model:>8.2f} "
                 f"{100 * (plain_total - model) / plain_total:>6.1f}%  (ours in the pipeline: {ours:.2f} s)")
    outside = []
    for func, (_, _, own_time, _, _) in stats.items():
        part = sum(v for k, v in shares[func].items() if k not in MODEL_CATEGORIES)
        if own_time * part > 0:
            outside.append((own_time * part, func))
    lines += ["", "top non-model functions (own time)"]
    for value, (filename, line, name) in sorted(outside, reverse=True)[:15]:
        where = filename.split("site-packages/")[-1].replace(str(ROOT) + "/", "")
        lines.append(f"  {value:>7.2f} s  {100 * value / measured:>5.1f}%  {name}  ({where}:{line})")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark (or the profile) and print its table; return the exit status."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="100,1000", help="corpus sizes, comma-separated (10000 is opt-in: ~10 min more)")
    parser.add_argument("--out", type=Path, help="also write the table as Markdown to this file")
    parser.add_argument("--only-lang", metavar="CODE", help="build the corpus from samples named CODE-* only (e.g. fr)")
    parser.add_argument("--no-fast", action="store_true", help="skip the --fast row")
    parser.add_argument("--profile", action="store_true", help="profile analyze_sources(jobs=1) instead (see --profile-n)")
    parser.add_argument("--profile-n", type=int, default=100, metavar="N", help="articles in the profiled corpus [100]")
    parser.add_argument("--_raw", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args._raw:
        _raw_worker(args._raw)
        return 0
    if args.profile:
        report = profile_report(corpus_files(args.only_lang), args.profile_n)
        print(report)
        if args.out:
            args.out.write_text(report + "\n", encoding="utf-8")
        return 0
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    _, plain, markdown = run_benchmark(sizes, args.only_lang, not args.no_fast)
    print(plain)
    if args.out:
        args.out.write_text(markdown + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())

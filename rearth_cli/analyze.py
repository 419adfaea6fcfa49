"""The whole flow for one article or a stream of them: read -> detect -> extract -> flag -> record, in input order."""

from __future__ import annotations

import os
import traceback
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from rearth_cli import OFFTOPIC_THRESHOLD, language, text as textlib
from rearth_cli.article import Article, Findings
from rearth_cli.errors import Internal, RearthError
from rearth_cli.record import article_record, error_record
from rearth_cli.sources import Source, read_source

# Articles per unit of work: large enough for nlp.pipe to batch, small enough
# that the first record comes out after a handful of inputs.
BATCH_SIZE = 4


@dataclass(frozen=True)
class Options:
    """Every setting of an analysis, built once from the command line.

    lang: force the article language (ISO 639-1) instead of detecting it.
    fast: rules only (tokenizer + gazetteers), no statistical model.
    include_text: add the analysed text to each record, so offsets can be checked.
    explain: add which models/ entry or rule found each mention (`evidence`).
    offtopic_threshold: paragraphs scoring at or above it are flagged off-topic.
    gazetteers: the user's extra JSON Lines knowledge files.
    max_bytes: inputs larger than this are refused as too_large.
    debug: keep tracebacks of internal errors in their messages.
    """

    lang: str | None = None
    fast: bool = False
    include_text: bool = False
    explain: bool = False
    offtopic_threshold: float = OFFTOPIC_THRESHOLD
    gazetteers: tuple[str, ...] = ()
    max_bytes: int = 20_000_000
    debug: bool = False


def prepare_article(text: str, *, source: str, title: str | None, meta: dict, options: Options) -> Article:
    """Return the normalised, paragraph-split, language-tagged Article for text."""
    text = textlib.require_text(textlib.normalise(text))
    paragraphs = textlib.split_paragraphs(text)
    if title is None:
        title = textlib.find_title(text, [(p.start, p.end) for p in paragraphs])
    if options.lang:
        code, confidence, method = options.lang, 1.0, "given"
    else:
        code, confidence, method = language.detect_document(text)
    tagged = language.detect_paragraphs(text, paragraphs, code, confidence)
    return Article(source, text, title, tuple(tagged), code, confidence, dict(meta), method)


def _finish(article: Article, analysed: tuple[Findings, object], options: Options) -> dict:
    """Return the record of an article from what the rules found and its spaCy doc (None under --fast)."""
    from rearth_cli.entities import collect_entities
    from rearth_cli.figures import extract_figures
    from rearth_cli.offtopic import flag_offtopic

    findings, doc = analysed
    entities = collect_entities(findings, explain=options.explain)
    defense, other_figures = extract_figures(article.text, article.language, entities)
    entities["defense_spending"] = defense
    offtopic = flag_offtopic(
        article.text, article.paragraphs, article.language, entities,
        title=article.title, threshold=options.offtopic_threshold, doc=doc,
    )
    return article_record(
        article, entities, offtopic,
        figures=other_figures, include_text=options.include_text,
    )


def _rules_only(article: Article, options: Options) -> tuple[Findings, None]:
    """Return what the rules find in an article without spaCy (--fast): the components' work, minus the Doc.

    rearth's rules tokenise the text themselves, so a rules-only run needs
    neither a statistical model nor spaCy (whose import alone takes half a second).
    """
    from rearth_cli.gazetteer import add_gazetteer_mentions
    from rearth_cli.leaders import add_leader_mentions, leader_language
    from rearth_cli.pipeline import FALLBACK_LANGUAGE

    findings = Findings(article.text)
    add_gazetteer_mentions(findings, article.language, options.gazetteers)
    add_leader_mentions(findings, leader_language(article.language, FALLBACK_LANGUAGE), options.gazetteers)
    return findings, None


def _run_pipelines(prepared: list[Article], options: Options) -> list[tuple[Findings, object]]:
    """Return (findings, spaCy doc) per article, batching articles of one language through nlp.pipe."""
    if options.fast:
        return [_rules_only(article, options) for article in prepared]
    from rearth_cli.components import findings_of
    from rearth_cli.pipeline import get_pipeline

    docs: list = [None] * len(prepared)
    by_language: dict[str | None, list[int]] = {}
    for position, article in enumerate(prepared):
        by_language.setdefault(article.language, []).append(position)
    for code, positions in by_language.items():
        nlp = get_pipeline(code, options.gazetteers)
        made = []
        for position in positions:
            doc = nlp.make_doc(prepared[position].text)
            doc._.rearth_lang = code
            doc.user_data["rearth_text"] = prepared[position].text
            made.append(doc)
        for position, doc in zip(positions, nlp.pipe(made)):
            docs[position] = (findings_of(doc), doc)
    return docs


def _internal(source: str, exc: BaseException, options: Options) -> dict:
    """Return the internal-error record of an unexpected exception, with its traceback under --debug."""
    message = f"rearth failed on this article ({exc.__class__.__name__}: {exc}); please report it"
    if options.debug:
        message += "\n" + "".join(traceback.format_exception(exc))
    return error_record(source, Internal(message))


def analyze_batch(sources: list[Source], options: Options) -> list[dict]:
    """Return one record per source, in order; every failure becomes an error record."""
    records: list[dict | None] = [None] * len(sources)
    articles: list[tuple[int, Article]] = []
    for position, source in enumerate(sources):
        try:
            loaded = read_source(source, options.max_bytes)
            article = prepare_article(
                loaded.text, source=source.name, title=loaded.title, meta=loaded.meta, options=options,
            )
        except RearthError as exc:
            records[position] = error_record(source.name, exc)
        except Exception as exc:  # noqa: BLE001 - one article's bug must not stop the run
            records[position] = _internal(source.name, exc, options)
        else:
            articles.append((position, article))
    if articles:
        try:
            analysed = _run_pipelines([article for _, article in articles], options)
        except Exception:  # noqa: BLE001 - retry one by one to isolate the article that fails
            analysed = [None] * len(articles)
        for (position, article), found in zip(articles, analysed):
            try:
                if found is None:
                    found = _run_pipelines([article], options)[0]
                records[position] = _finish(article, found, options)
            except Exception as exc:  # noqa: BLE001
                records[position] = _internal(article.source, exc, options)
    return records  # type: ignore[return-value]


def analyze_text(text: str, *, source: str = "-", title: str | None = None, options: Options | None = None) -> dict:
    """Return the record of one article given as text."""
    return analyze_batch([Source(source, text=text, title=title)], options or Options())[0]


def batches(sources: Iterable[Source], size: int) -> Iterator[list[Source]]:
    """Yield lists of at most size sources, the first one alone so a record comes out early."""
    batch: list[Source] = []
    first = True
    for source in sources:
        batch.append(source)
        if len(batch) >= (1 if first else size):
            yield batch
            batch, first = [], False
    if batch:
        yield batch


def default_jobs() -> int:
    """Return the number of cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:
        return max(1, os.cpu_count() or 1)


def analyze_sources(sources: Iterable[Source], options: Options, jobs: int = 1) -> Iterator[dict]:
    """Yield one record per source in input order, with jobs worker processes (1: in this process)."""
    if jobs <= 1:
        for batch in batches(sources, BATCH_SIZE):
            yield from analyze_batch(batch, options)
        return
    yield from _analyze_in_workers(sources, options, jobs)


def _analyze_in_workers(sources: Iterable[Source], options: Options, jobs: int) -> Iterator[dict]:
    """Yield records from a pool of worker processes, at most a few batches ahead of the reader (bounded memory)."""
    pool = _WorkerPool(options, jobs)
    pending: deque = deque()
    finished = False
    try:
        for batch in batches(sources, BATCH_SIZE):
            pending.append(pool.submit(batch))
            while len(pending) >= jobs * 2:
                yield from pool.collect(*pending.popleft())
        while pending:
            yield from pool.collect(*pending.popleft())
        finished = True
    finally:
        pool.close(wait=finished)


def _ignore_sigint() -> None:
    """Leave Ctrl-C to the parent process, which stops the workers without tracebacks."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)


class _WorkerPool:
    """A process pool that replaces itself when a worker dies and names the article that killed it."""

    def __init__(self, options: Options, jobs: int):
        import multiprocessing
        from concurrent.futures.process import BrokenProcessPool

        methods = multiprocessing.get_all_start_methods()
        self.context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
        self.options = options
        self.jobs = jobs
        self.broken = BrokenProcessPool
        self.executor = self._new(jobs)

    def _new(self, workers: int):
        """Return a fresh executor."""
        from concurrent.futures import ProcessPoolExecutor

        return ProcessPoolExecutor(workers, mp_context=self.context, initializer=_ignore_sigint)

    def submit(self, batch: list[Source]) -> tuple:
        """Return (batch, future, executor) for a batch sent to the workers."""
        return batch, self.executor.submit(analyze_batch, batch, self.options), self.executor

    def collect(self, batch: list[Source], future, executor) -> list[dict]:
        """Return the records of a submitted batch, rerunning it article by article if its worker died."""
        try:
            return future.result()
        except self.broken:
            if executor is self.executor:
                executor.shutdown(wait=False, cancel_futures=True)
                self.executor = self._new(self.jobs)
            return [self._solo(source) for source in batch]

    def _solo(self, source: Source) -> dict:
        """Return the record of one article analysed in a process of its own."""
        solo = self._new(1)
        try:
            return solo.submit(analyze_batch, [source], self.options).result()[0]
        except self.broken:
            return error_record(source.name, Internal(
                "the worker process analysing this article died (out of memory or a crash); the other articles went on"))
        finally:
            solo.shutdown(wait=False, cancel_futures=True)

    def close(self, wait: bool) -> None:
        """Stop the workers: after a complete run, wait for the idle workers to exit, so no pipe is written to
        after the interpreter has closed it ("Exception ignored ... Bad file descriptor" at exit); when the
        reader stopped early (`| head`, Ctrl-C), do not wait for work nobody will read."""
        self.executor.shutdown(wait=wait, cancel_futures=True)

"""The `newsgraph` command: thin verbs over the library functions the service also uses."""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Never, TextIO

from spacy.language import Language
from tqdm import tqdm

from newsgraph.api.settings import Settings, SettingsError, default_store_path, open_store
from newsgraph.api.sources.watch import (
    add_source_arguments,
    add_watch_parser,
    cmd_ingest_web,
    is_url,
)
from newsgraph.extract.article import Article, ArticleError, load_articles
from newsgraph.extract.evaluation import CORPORA as NER_EVAL_CORPORA
from newsgraph.extract.extraction import Extraction
from newsgraph.extract.pipeline import ModelError, extract_articles, load_pipeline
from newsgraph.extract.resources import ARTICLES_DIR, MODEL_DIR
from newsgraph.graph.ingest import ArticleFiles, IngestError, IngestReport, ingest
from newsgraph.graph.store import GraphStore, OxigraphStore, QueryError, StoreError

EXIT_OK, EXIT_FAILURE, EXIT_USAGE = 0, 1, 2


class CommandError(Exception):
    """A failure to report in one line, without a traceback."""


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"{value} is not positive")
    return value


def _positive_float(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
    if not value > 0 or value == float("inf"):
        raise argparse.ArgumentTypeError(f"{text} is not a positive number of seconds")
    return value


def _settings(args: argparse.Namespace) -> Settings:
    return Settings.from_env(
        store=getattr(args, "store", None),
        model=getattr(args, "model", None),
        host=getattr(args, "host", None),
        port=getattr(args, "port", None),
        max_rows=getattr(args, "max_rows", None),
    )


def _open_store(settings: Settings, *, read_only: bool = False) -> GraphStore:
    try:
        return open_store(settings, read_only=read_only)
    except StoreError as error:
        raise CommandError(str(error)) from error


def default_rejects_path() -> Path:
    """The rejects file when none is given: in the per-user data folder, beside the default
    store, so that no run leaves files in the folder it was started from."""
    return default_store_path().parent / "rejects.jsonl"


class ErrorLog:
    """Reports bad inputs as they come, so one of them does not stop the others: each on
    `stream`, and, given a rejects file, as one JSON line there (appended; the file is made at
    the first reject): the article id (null for a file or record that could not be read),
    the source file, the reason, the command and the time."""

    def __init__(
        self, stream: TextIO, rejects: Path | None = None, command: str = "ingest"
    ) -> None:
        self.count = 0
        self.stream = stream
        self.rejects = rejects
        self.command = command
        # Where each article and unreadable input came from, for errors that do not say.
        self.sources: dict[str, str] = {}
        self.unreadable_sources: dict[str, str] = {}

    def __call__(self, error: ArticleError | IngestError) -> None:
        self.count += 1
        print(f"newsgraph: skipped {error}", file=self.stream)
        if isinstance(error, ArticleError):
            self.reject(None, error.source, str(error))
        else:
            source = (
                self.sources.get(error.article_id)
                if error.article_id is not None
                else self.unreadable_sources.get(error.message)
            )
            self.reject(error.article_id, source, error.message)

    def reject(self, article_id: str | None, source: str | None, reason: str) -> None:
        if self.rejects is None:
            return
        record = {
            "id": article_id,
            "source": source,
            "reason": reason,
            "command": self.command,
            "time": datetime.now(UTC).isoformat(timespec="seconds"),
        }
        try:
            self.rejects.parent.mkdir(parents=True, exist_ok=True)
            with self.rejects.open("a", encoding="utf-8") as handle:
                handle.write(json.dumps(record, ensure_ascii=False) + "\n")
        except OSError as error:
            raise CommandError(
                f"{self.rejects}: cannot write the rejects file ({error})"
            ) from error

    def read_from(self, files: ArticleFiles) -> ArticleFiles:
        """`files`, noting where each article and each unreadable input came from."""
        return _NotedFiles(files.paths, self)


@dataclass(frozen=True)
class _NotedFiles(ArticleFiles):
    log: ErrorLog | None = None

    def read(self, on_error: Callable[[ArticleError], None]) -> Iterator[Article]:
        log = self.log
        if log is None:
            yield from super().read(on_error)
            return

        def noted(error: ArticleError) -> None:
            if error.source is not None:
                log.unreadable_sources[str(error)] = error.source
            on_error(error)

        for article in super().read(noted):
            if article.source is not None:
                log.sources[article.id] = article.source
            yield article


class ProgressBar:
    """A tqdm bar on standard error, fed by ingest's progress reports; it shows the total when
    the input's size is known."""

    def __init__(self, description: str) -> None:
        self.description = description
        self.bar: tqdm[Never] | None = None

    def __call__(self, done: int, total: int | None) -> None:
        # Drawn at the first report, once the input is counted.
        if self.bar is None:
            self.bar = tqdm(desc=self.description, unit="article", total=total, file=sys.stderr)
        elif total is not None and self.bar.total != total:
            self.bar.total = total
            self.bar.refresh()
        self.bar.update(done - self.bar.n)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


def ingest_files(
    paths: Sequence[Path],
    settings: Settings,
    *,
    progress: bool = True,
    on_error: ErrorLog | None = None,
    workers: int = 1,
    dask: str | None = None,
) -> IngestReport:
    """The ingest use case over files and folders, into the configured store."""
    options = settings.ingest_options(workers=workers, dask=dask)
    store = _open_store(settings)
    bar = ProgressBar("ingest") if progress else None
    errors = on_error or ErrorLog(sys.stderr)
    try:
        return ingest(
            store,
            errors.read_from(ArticleFiles.of(paths)),
            options,
            on_progress=bar,
            on_error=errors,
        )
    finally:
        if bar is not None:
            bar.close()
        store.close()


def cmd_ingest(args: argparse.Namespace) -> int:
    if args.feed or any(is_url(p) for p in args.paths):
        return cmd_ingest_web(args)
    if not args.paths:
        raise CommandError("give files, folders or URLs to ingest, or --feed FEED_URL")
    settings = _settings(args)
    if args.workers < 1:
        raise CommandError("--workers must be 1 or more")
    errors = ErrorLog(sys.stderr, _rejects_path(args), "ingest")
    report = ingest_files(
        [Path(p) for p in args.paths],
        settings,
        progress=not args.quiet,
        on_error=errors,
        workers=args.workers,
        dask=args.dask,
    )
    print(
        f"{report.added} added, {report.replaced} replaced, {report.unchanged} unchanged,"
        f" {len(report.errors)} skipped (store: {settings.store})"
    )
    if report.errors and errors.rejects is not None:
        print(f"newsgraph: the skipped inputs are listed in {errors.rejects}", file=sys.stderr)
    return EXIT_FAILURE if report.errors else EXIT_OK


def _rejects_path(args: argparse.Namespace) -> Path | None:
    rejects: str | None = args.rejects
    if rejects is None:
        return default_rejects_path()
    return None if rejects == "-" else Path(rejects)


def extract_each(
    articles: Iterable[Article], nlp: Language, errors: ErrorLog, batch_size: int
) -> Iterator[Extraction]:
    """The extraction of each article; an article whose extraction raises is reported to
    `errors` and skipped, and the others go on (a failed batch is tried one article at a time)."""
    batch: list[Article] = []
    for article in articles:
        batch.append(article)
        if len(batch) >= batch_size:
            yield from _extract_batch(batch, nlp, errors)
            batch = []
    if batch:
        yield from _extract_batch(batch, nlp, errors)


def _extract_batch(batch: list[Article], nlp: Language, errors: ErrorLog) -> list[Extraction]:
    try:
        return list(extract_articles(batch, nlp, batch_size=len(batch)))
    except Exception as error:  # whatever went wrong, it must not cost the other articles
        if len(batch) > 1:
            return [e for article in batch for e in _extract_batch([article], nlp, errors)]
        (article,) = batch
        reason = f"article {article.id!r}: extraction failed: {type(error).__name__}: {error}"
        print(f"newsgraph: skipped {reason}", file=errors.stream)
        errors.count += 1
        errors.reject(article.id, article.source, reason)
        return []


def cmd_extract(args: argparse.Namespace) -> int:
    settings = _settings(args)
    errors = ErrorLog(sys.stderr, _rejects_path(args), "extract")
    nlp = load_pipeline(settings.model)
    articles = load_articles(args.paths, on_error=errors)
    extractions = [e.to_json() for e in extract_each(articles, nlp, errors, settings.batch_size)]
    if args.jsonl:
        for record in extractions:
            print(json.dumps(record, ensure_ascii=False))
    else:
        payload = extractions[0] if len(extractions) == 1 else extractions
        print(json.dumps(payload, ensure_ascii=False, indent=2))
    if errors.count and errors.rejects is not None:
        print(f"newsgraph: the skipped inputs are listed in {errors.rejects}", file=sys.stderr)
    return EXIT_FAILURE if errors.count else EXIT_OK


def _print_table(result: object, out: TextIO) -> None:
    import pyoxigraph as ox

    if isinstance(result, ox.QueryBoolean):
        print("true" if bool(result) else "false", file=out)
        return
    assert isinstance(result, ox.QuerySolutions)
    names = [v.value for v in result.variables]
    rows = [[("" if s[n] is None else s[n].value) for n in names] for s in result]
    widths = [max([len(n), *(len(r[i]) for r in rows)]) for i, n in enumerate(names)]
    print("  ".join(n.ljust(w) for n, w in zip(names, widths, strict=True)), file=out)
    print("  ".join("-" * w for w in widths), file=out)
    for row in rows:
        print("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)), file=out)


def cmd_query(args: argparse.Namespace) -> int:
    import pyoxigraph as ox

    from newsgraph.graph.sparql_guard import UnsafeQueryError, check_query
    from newsgraph.graph.store import is_graph_result, serialize_graph

    settings = _settings(args)
    text = sys.stdin.read() if args.sparql == "-" else args.sparql
    try:
        check_query(text)
    except UnsafeQueryError as error:
        raise CommandError(str(error)) from error
    store = _open_store(settings, read_only=True)
    try:
        result = store.query(text)
    except QueryError as error:
        raise CommandError(str(error)) from error
    out = sys.stdout.buffer
    if is_graph_result(result):
        graph_formats = {
            "turtle": ox.RdfFormat.TURTLE,
            "ntriples": ox.RdfFormat.N_TRIPLES,
            "jsonld": ox.RdfFormat.JSON_LD,
        }
        fmt = graph_formats.get(args.format, ox.RdfFormat.TURTLE)
        out.write(serialize_graph(result, fmt))
    elif args.format == "table":
        _print_table(result, sys.stdout)
    else:
        result_formats = {
            "json": ox.QueryResultsFormat.JSON,
            "csv": ox.QueryResultsFormat.CSV,
            "tsv": ox.QueryResultsFormat.TSV,
            "xml": ox.QueryResultsFormat.XML,
        }
        if args.format not in result_formats:
            raise CommandError(
                f"--format {args.format} is for graphs; use json, csv, tsv, xml or table"
            )
        assert isinstance(result, ox.QuerySolutions | ox.QueryBoolean)
        body = result.serialize(format=result_formats[args.format]) or b""
        out.write(body)
        # CSV and TSV rows end with their line break already (CRLF in CSV, RFC 4180): one
        # more would be an empty last record. JSON and XML end the line here.
        if not body.endswith(b"\n"):
            out.write(b"\n")
    out.flush()
    return EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    from newsgraph.graph.exporters import EXPORTERS, export

    if args.format not in EXPORTERS:
        raise CommandError(
            f"unknown format {args.format!r}; choose one of {', '.join(sorted(EXPORTERS))}"
        )
    from datetime import date

    from newsgraph.graph.projection import Subgraph, focus_iri
    from newsgraph.graph.vocab import IRIs

    settings = _settings(args)
    try:
        subgraph = Subgraph(
            focus=focus_iri(IRIs(settings.base_iri), args.focus) if args.focus else None,
            depth=args.depth,
            kinds=frozenset(args.type) if args.type else None,
            since=date.fromisoformat(args.since) if args.since else None,
            until=date.fromisoformat(args.until) if args.until else None,
            incident_types=frozenset(args.incident_type) if args.incident_type else None,
            events_modality=None if args.all_modalities else "asserted",
            events_merged=not args.per_article,
        )
    except ValueError as error:
        raise CommandError(str(error)) from error
    store = _open_store(settings, read_only=True)
    part = None if subgraph == Subgraph() else subgraph
    try:
        if args.output:
            with open(args.output, "wb") as stream:
                export(store, args.format, stream, part)
        else:
            export(store, args.format, sys.stdout.buffer, part)
            sys.stdout.buffer.flush()
    except ValueError as error:
        raise CommandError(str(error)) from error
    return EXIT_OK


def cmd_stats(args: argparse.Namespace) -> int:
    from newsgraph.graph.queries import stats

    store = _open_store(_settings(args), read_only=True)
    result = stats(store).to_json()
    if args.json:
        print(json.dumps(result, indent=2))
        return EXIT_OK
    print(f"articles   {result['articles']}")
    print(f"triples    {result['triples']}")
    print(
        "entities   "
        + (", ".join(f"{k} {v}" for k, v in sorted(result["entities"].items())) or "none")
    )
    print(
        "incidents  "
        + (", ".join(f"{k} {v}" for k, v in sorted(result["incidents"].items())) or "none")
    )
    return EXIT_OK


def cmd_merge(args: argparse.Namespace) -> int:
    from newsgraph.graph.merge import rebuild
    from newsgraph.graph.vocab import IRIs

    settings = _settings(args)
    store = _open_store(settings)
    try:
        report = rebuild(store, IRIs(settings.base_iri))
    finally:
        store.close()
    print(
        f"{report.written} merged incidents ({report.dropped} dropped before,"
        f" {report.read} incidents read; store: {settings.store})"
    )
    return EXIT_OK


def cmd_serve(args: argparse.Namespace) -> int:
    from newsgraph.api.app import create_app
    from newsgraph.api.engine import oxigraph_command
    from newsgraph.api.serving import serve_app, serve_workers
    from newsgraph.graph.queries import list_articles

    settings = _settings(args)
    if args.engine == "auto":
        args.engine = "oxigraph-server" if oxigraph_command() else "embedded"
        if args.engine == "embedded":
            print(
                "newsgraph: warning: the oxigraph command is not installed (pip install "
                "oxigraph), so queries run in-process with no time limit",
                file=sys.stderr,
            )
    store = _open_store(settings)
    empty = not list_articles(store)
    if empty and not args.no_seed:
        store.close()
        del store
        print(
            f"newsgraph: empty store; ingesting the bundled articles from {ARTICLES_DIR}",
            file=sys.stderr,
        )
        ingest_files([ARTICLES_DIR], settings)
        store = _open_store(settings)
    if args.workers > 1 and not (
        args.engine == "oxigraph-server" and isinstance(store, OxigraphStore)
    ):
        store.close()
        raise CommandError(
            "--workers above 1 needs the oxigraph-server engine over a store folder: "
            "install the oxigraph command (pip install oxigraph)"
        )
    if args.engine == "oxigraph-server" and isinstance(store, OxigraphStore):
        from newsgraph.api.engine import oxigraph_server

        # The child server takes the store folder over: queries get a time limit it enforces.
        store.close()
        del store
        try:
            with oxigraph_server(
                settings.store, settings.base_iri, timeout_s=args.query_timeout
            ) as served:
                _announce(settings, "Oxigraph server", args.workers)
                if args.workers == 1:
                    serve_app(create_app(settings, served), settings, args.log_level)
                else:
                    with tempfile.TemporaryDirectory(prefix="newsgraph-serve-") as folder:
                        serve_workers(
                            settings,
                            args.log_level,
                            workers=args.workers,
                            query_url=served.query_url,
                            update_url=served.update_url,
                            query_timeout=args.query_timeout,
                            version_path=Path(folder) / "version",
                        )
        except StoreError as error:
            raise CommandError(str(error)) from error
        return EXIT_OK
    try:
        _announce(settings, "embedded engine", 1)
        serve_app(create_app(settings, store), settings, args.log_level)
    finally:
        store.close()
    return EXIT_OK


def _announce(settings: Settings, engine: str, workers: int) -> None:
    processes = f", {workers} worker processes" if workers > 1 else ""
    print(
        f"newsgraph: serving {settings.store} ({engine}{processes}) at "
        f"http://{settings.host}:{settings.port}/",
        file=sys.stderr,
    )


def cmd_train(args: argparse.Namespace) -> int:
    from newsgraph.extract.training.corpora import training_corpora
    from newsgraph.extract.training.train import train_ner, train_pipeline

    _check_corpora(args)
    unknown = sorted(set(args.without) - set(training_corpora()))
    if unknown:
        raise CommandError(f"--without {', '.join(unknown)}: not a corpus of the NER mix")
    corpora = tuple(c for c in training_corpora() if c not in args.without)
    if args.continue_from is not None:
        if not args.ner_only:
            raise CommandError("--continue-from goes with --ner-only")
        if not (args.continue_from / "config.cfg").is_file():
            raise CommandError(f"--continue-from {args.continue_from}: not a spaCy pipeline")
    steps = {"training.max_steps": str(args.ner_steps)} if args.ner_steps else None
    if args.ner_only:
        output = train_ner(
            args.corpora,
            args.output,
            base_model=args.base,
            work_dir=args.work_dir,
            max_minutes=args.max_minutes,
            ner_corpora=corpora,
            threads=args.threads,
            ner_overrides=steps,
            continue_from=args.continue_from,
            vector_rows=args.vector_rows,
        )
    else:
        output = train_pipeline(
            args.corpora,
            args.output,
            max_minutes=args.max_minutes,
            work_dir=args.work_dir,
            ner_corpora=corpora,
            threads=args.threads,
            ner_overrides=steps,
            vector_rows=args.vector_rows,
        )
    print(f"newsgraph: trained pipeline written to {output}")
    return EXIT_OK


def _check_corpora(args: argparse.Namespace) -> None:
    if not args.corpora.is_dir():
        raise CommandError(f"{args.corpora}: no such corpora folder")


def cmd_eval_model(args: argparse.Namespace) -> int:
    from newsgraph.extract.pipeline import DEFAULT_MODEL_PATH
    from newsgraph.extract.training.evaluate import evaluate_pipeline, format_report

    _check_corpora(args)
    model = args.model or DEFAULT_MODEL_PATH
    scores = evaluate_pipeline(model, args.corpora)
    print(json.dumps(scores, indent=2) if args.json else format_report(scores))
    return EXIT_OK


def cmd_eval_ner(args: argparse.Namespace) -> int:
    from newsgraph.extract.evaluation import (
        CORPORA,
        format_corpora_scores,
        format_mention_scores,
        gold_documents,
        score_corpora,
        score_mentions,
    )

    _check_corpora(args)
    nlp = load_pipeline(_settings(args).model)
    if args.corpus == "all":
        try:
            scores = score_corpora(nlp, args.corpora, list(CORPORA), args.split)
        except (ValueError, FileNotFoundError) as error:
            raise CommandError(str(error)) from error
        print(json.dumps(scores, indent=2) if args.json else format_corpora_scores(scores))
        return EXIT_OK
    try:
        gold = gold_documents(args.corpus, args.corpora, nlp.vocab, args.split)
    except (ValueError, FileNotFoundError) as error:
        raise CommandError(str(error)) from error
    scores = score_mentions(nlp, gold)
    print(
        json.dumps(scores, indent=2)
        if args.json
        else format_mention_scores(args.corpus, scores, args.split)
    )
    return EXIT_OK


def cmd_eval_events(args: argparse.Namespace) -> int:
    from newsgraph.extract.evaluation import format_event_scores, read_event_gold, score_events

    try:
        gold = read_event_gold(args.gold, args.corpora)
    except (OSError, ValueError, KeyError) as error:
        raise CommandError(f"{args.gold}: cannot read gold events ({error})") from error
    nlp = load_pipeline(_settings(args).model)
    scores = score_events(nlp, gold)
    text = format_event_scores(scores)
    if args.muc4 is not None:
        from newsgraph.extract.event_roles_eval import format_muc4_scores, score_muc4

        try:
            scores["muc4"] = score_muc4(nlp, args.muc4)
        except (OSError, ValueError, KeyError) as error:
            raise CommandError(f"{args.muc4}: cannot read MUC-4 documents ({error})") from error
        text += "\n" + format_muc4_scores(scores["muc4"])
    if args.judgments is not None:
        from newsgraph.extract.event_judgments_eval import (
            format_judgment_scores,
            score_judgments,
        )

        if args.corpora is None:
            raise CommandError("--judgments needs --corpora (the judged articles' corpora)")
        try:
            scores["judged"] = score_judgments(nlp, args.corpora, args.judgments, args.split)
        except (OSError, ValueError, KeyError) as error:
            raise CommandError(f"{args.judgments}: cannot score judged news ({error})") from error
        text += "\n" + format_judgment_scores(scores["judged"])
    print(json.dumps(scores, indent=2) if args.json else text)
    return EXIT_OK


def cmd_eval_merge(args: argparse.Namespace) -> int:
    from newsgraph.graph.merge_eval import evaluate, format_report

    root = args.corpora / "ecb_plus" if (args.corpora / "ecb_plus").is_dir() else args.corpora
    if not (root / "ECBplus_coreference_sentences.csv").is_file():
        raise CommandError(f"{args.corpora}: no ECB+ corpus (ecb_plus/ with ECB+/ inside)")
    report = evaluate(
        root, load_pipeline(_settings(args).model), on_progress=lambda m: print(m, file=sys.stderr)
    )
    print(json.dumps(report, indent=2) if args.json else format_report(report))
    return EXIT_OK


def cmd_eval_places(args: argparse.Namespace) -> int:
    from newsgraph.extract.geo_eval import (
        format_place_scores,
        in_splits,
        read_geo_corpus,
        score_places,
        split_scores,
    )

    _check_corpora(args)
    nlp = load_pipeline(_settings(args).model)
    splits = args.split or ["test"]
    results: dict[str, dict[str, float | int]] = {}
    for corpus in args.corpus or ["lgl", "trnews", "geovirus"]:
        try:
            articles = in_splits(read_geo_corpus(corpus, args.corpora), splits)
        except (ValueError, OSError) as error:
            raise CommandError(str(error)) from error
        for split, tally in split_scores(score_places(nlp, articles), splits).items():
            results[f"{corpus}/{split}"] = tally.scores()
    print(json.dumps(results, indent=2) if args.json else format_place_scores(results))
    return EXIT_OK


def cmd_eval_relations(args: argparse.Namespace) -> int:
    from newsgraph.extract.relations_eval import evaluate_relations, format_relation_scores

    _check_corpora(args)
    nlp = load_pipeline(_settings(args).model)
    try:
        results = evaluate_relations(
            nlp, args.corpora, args.corpus or ["re3d", "re_docred"], args.split or ["test"]
        )
    except (ValueError, OSError, KeyError) as error:
        raise CommandError(str(error)) from error
    print(json.dumps(results, indent=2) if args.json else format_relation_scores(results))
    return EXIT_OK


def _add_store(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--store",
        type=Path,
        help="store folder (default: $NEWSGRAPH_STORE or a per-user data folder)",
    )


def _add_rejects(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--rejects",
        metavar="PATH",
        help="JSON Lines file the skipped inputs are appended to, one line each: id (null "
        "for an unreadable file or record), source, reason, command, time; '-' for none "
        f"(default: {default_rejects_path()}, made at the first reject)",
    )


def _add_model(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--model", help="spaCy pipeline name or path (default: the shipped model)")


def _add_corpus_scoring(
    parser: argparse.ArgumentParser,
    corpora_help: str,
    corpora: list[str],
    default_corpora: str,
    splits: list[str],
    default_split: str,
) -> None:
    """--corpora, repeatable --corpus and --split, and --model: what an eval of several public
    corpora with their own splits takes."""
    parser.add_argument("--corpora", type=Path, required=True, help=corpora_help)
    parser.add_argument(
        "--corpus",
        action="append",
        choices=corpora,
        help=f"corpus to score; repeatable (default: {default_corpora})",
    )
    parser.add_argument(
        "--split",
        action="append",
        choices=splits,
        help=f"split to report; repeatable (default: {default_split})",
    )
    _add_model(parser)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="newsgraph",
        description="Turn news articles into an event-and-entity knowledge graph and serve it.",
    )
    verbs = parser.add_subparsers(dest="verb", required=True, metavar="VERB")

    ingest = verbs.add_parser(
        "ingest",
        help="extract articles and store their graphs",
        description="Extract articles (.txt, .html, .json, .jsonl, .warc(.gz) files or folders, article URLs, or the items of --feed feeds) into the store; unchanged articles are skipped.",
    )
    # Strings, not paths: Path() would merge the double slash of a URL.
    ingest.add_argument("paths", nargs="*", metavar="PATH_OR_URL")
    add_source_arguments(ingest)
    _add_store(ingest)
    _add_model(ingest)
    ingest.add_argument("--quiet", action="store_true", help="no progress bar")
    ingest.add_argument(
        "--workers",
        type=int,
        default=1,
        help="extraction processes (default 1: in this one)",
    )
    _add_rejects(ingest)
    ingest.add_argument(
        "--dask",
        metavar="SCHEDULER",
        help="extract on a Dask cluster: a scheduler address (tcp://host:8786) or local:N",
    )
    ingest.set_defaults(run=cmd_ingest)
    add_watch_parser(verbs)

    extract = verbs.add_parser(
        "extract",
        help="print what is extracted, as JSON, touching no store",
        description="Print the extraction of each article as JSON (offsets index the article text, end exclusive).",
    )
    extract.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    extract.add_argument(
        "--jsonl", action="store_true", help="one JSON object per article per line"
    )
    _add_model(extract)
    _add_rejects(extract)
    extract.set_defaults(run=cmd_extract)

    query = verbs.add_parser(
        "query",
        help="run a SPARQL query on the store",
        description="Run a read-only SPARQL query; the default graph is the union of the article graphs. Pass - to read the query from standard input.",
    )
    query.add_argument("sparql", metavar="SPARQL")
    _add_store(query)
    query.add_argument(
        "--format",
        default="table",
        choices=["json", "csv", "tsv", "xml", "table", "turtle", "ntriples", "jsonld"],
    )
    query.set_defaults(run=cmd_query)

    export = verbs.add_parser(
        "export",
        help="export the graph for visualization tools or as RDF",
        description="Write the graph in one format to a file or standard output.",
    )
    export.add_argument(
        "--format",
        required=True,
        help="graphml, gexf, cytoscape, d3, dot, csv, events-csv, events-jsonl, turtle, trig, nquads or jsonld",
    )
    export.add_argument(
        "-o", "--output", type=Path, help="file to write (default: standard output)"
    )
    export.add_argument(
        "--focus",
        help="entity or incident id to center on (person/shakir-al-abssi, incident/ARTICLE/LOCAL)",
    )
    export.add_argument("--depth", type=int, default=1, help="hops around --focus (default 1)")
    export.add_argument(
        "--type",
        action="append",
        help="node kind to keep (person, organization, place, article, incident); repeatable",
    )
    export.add_argument(
        "--incident-type",
        action="append",
        help="incident type to keep (armed_clash, arrest, ...); repeatable",
    )
    export.add_argument(
        "--all-modalities",
        action="store_true",
        help="events table: every incident, not only asserted ones (alleged, planned, ...)",
    )
    export.add_argument(
        "--per-article",
        action="store_true",
        help="events table: one row per article's incident, not one per incident several "
        "articles report",
    )
    export.add_argument(
        "--since",
        help="on or after this ISO date (articles by publication, incidents by their time)",
    )
    export.add_argument(
        "--until",
        help="on or before this ISO date (articles by publication, incidents by their time)",
    )
    _add_store(export)
    export.set_defaults(run=cmd_export)

    serve = verbs.add_parser(
        "serve",
        help="serve SPARQL, JSON lookups and exports over HTTP",
        description="Serve the store over HTTP; an empty store is first filled with the bundled articles.",
    )
    serve.add_argument("--host", help="address to bind (default 127.0.0.1)")
    serve.add_argument("--port", type=int, help="port (default 8000)")
    _add_store(serve)
    _add_model(serve)
    serve.add_argument(
        "--no-seed",
        action="store_true",
        help="do not ingest the bundled articles into an empty store",
    )
    serve.add_argument(
        "--log-level", default="info", choices=["critical", "error", "warning", "info", "debug"]
    )
    serve.add_argument(
        "--engine",
        choices=["auto", "oxigraph-server", "embedded"],
        default="auto",
        help="query engine over the store folder: a child Oxigraph server, whose queries stop "
        "at --query-timeout (auto: when the oxigraph command is installed), or in-process",
    )
    serve.add_argument(
        "--workers",
        type=_positive_int,
        default=1,
        help="worker processes answering requests, all over one child Oxigraph server "
        "(default 1; about one per core for many concurrent clients)",
    )
    serve.add_argument(
        "--query-timeout",
        type=_positive_float,
        default=10.0,
        help="seconds a query may run (default 10)",
    )
    serve.add_argument(
        "--max-rows",
        type=_positive_int,
        help="SPARQL results over this many rows or triples are refused, never cut "
        "(default NEWSGRAPH_MAX_ROWS or 100000)",
    )
    serve.set_defaults(run=cmd_serve)

    stats = verbs.add_parser(
        "stats",
        help="count articles, entities, incidents and triples",
        description="Print counts of articles, entities by type, incidents by type and triples.",
    )
    _add_store(stats)
    stats.add_argument("--json", action="store_true", help="print JSON")
    stats.set_defaults(run=cmd_stats)

    merge = verbs.add_parser(
        "merge",
        help="make the merged incidents across articles again, over the whole store",
        description="Drop every merged incident and merge the incidents of all the stored "
        "articles again (graph/merge.py, data/merge.json): for a store loaded by other means, "
        "or after the merge rules changed. Ingest and delete keep the merged incidents up to "
        "date by themselves; a run stopped halfway is finished by running it again.",
    )
    _add_store(merge)
    merge.set_defaults(run=cmd_merge)

    train = verbs.add_parser(
        "train",
        help="train the spaCy pipeline from the public corpora",
        description="Convert UD EWT and the NER corpora (data/training/ner_corpora.json, labels "
        "mapped by data/training/ner_label_map.json) and train the tagger, parser, lemmatizer "
        "and NER (configs in extract/training/; the NER with GloVe vectors, from the train "
        "extra), then assemble one pipeline.",
    )
    train.add_argument(
        "--corpora",
        type=Path,
        required=True,
        help="folder with ud-english-ewt/, conll2003-en/ and the other corpora of the mix",
    )
    train.add_argument(
        "--output",
        type=Path,
        default=MODEL_DIR,
        help=f"where to write the pipeline (default: the shipped model, {MODEL_DIR})",
    )
    train.add_argument("--work-dir", type=Path, help="intermediate files (default .training)")
    train.add_argument("--max-minutes", type=float, help="wall-clock bound for each training run")
    train.add_argument(
        "--ner-only",
        action="store_true",
        help="train the NER alone and put it into --base in place of its NER",
    )
    train.add_argument(
        "--base",
        type=Path,
        default=MODEL_DIR,
        help=f"pipeline whose other components --ner-only keeps (default {MODEL_DIR})",
    )
    train.add_argument(
        "--without",
        action="append",
        default=[],
        metavar="CORPUS",
        help="leave a corpus out of the NER mix (repeatable; leave-one-corpus-out runs)",
    )
    train.add_argument(
        "--ner-steps",
        type=_positive_int,
        help="stop the NER at this many steps and keep its best checkpoint (the 0.2.0 NER: "
        "3000, and 0.3.0 went on from it for 1000 more); without it the run ends by ner.cfg's "
        "patience or --max-minutes",
    )
    train.add_argument(
        "--continue-from",
        type=Path,
        help="with --ner-only: go on training the NER of this pipeline (its weights and vectors) "
        "instead of starting afresh",
    )
    train.add_argument(
        "--vector-rows",
        type=_positive_int,
        help="GloVe rows the NER reads (words in GloVe's frequency order; default: the "
        "continued pipeline's, else 200,000)",
    )
    train.add_argument("--threads", type=int, default=1, help="threads per training process")
    train.set_defaults(run=cmd_train)

    evaluate = verbs.add_parser(
        "eval",
        help="measure the pipeline on held-out test splits",
        description="Evaluation commands.",
    )
    targets = evaluate.add_subparsers(dest="target", required=True, metavar="TARGET")
    model_eval = targets.add_parser(
        "model",
        help="NER, tagging, parsing scores and speed of a spaCy pipeline",
        description="Score the pipeline on the CoNLL-2003, UNER EWT and UD EWT test splits "
        "(gold tokenization) and time it on one core.",
    )
    model_eval.add_argument("--corpora", type=Path, required=True)
    _add_model(model_eval)
    model_eval.add_argument("--json", action="store_true", help="print JSON")
    model_eval.set_defaults(run=cmd_eval_model)
    ner_eval = targets.add_parser(
        "ner",
        help="score the extractor's person/organization/place mentions on a NER test split",
        description="Run the whole extractor on a test split's documents and print per-type "
        "precision, recall and F1 (exact spans, and the head rule: inside the gold name and "
        "covering its last word).",
    )
    ner_eval.add_argument(
        "--corpus",
        choices=["all", *NER_EVAL_CORPORA],
        default="all",
        help="one corpus, or all of them with the macro average of the typed head F1 of the "
        "extractor and of the model alone (default: all)",
    )
    ner_eval.add_argument(
        "--split",
        choices=["test", "dev"],
        default="test",
        help="split to score (choices are made on dev; default test)",
    )
    ner_eval.add_argument("--corpora", type=Path, required=True)
    _add_model(ner_eval)
    ner_eval.add_argument("--json", action="store_true", help="print JSON")
    ner_eval.set_defaults(run=cmd_eval_ner)
    events_eval = targets.add_parser(
        "events",
        help="score event triggers and arguments against a gold JSONL file",
        description="Trigger identification and classification F1, and argument classification "
        "F1 (overlap with the gold head word, same role), ACE-style, over all event mentions "
        "and per type, and over asserted ones only (the gold's modality); with --muc4, MUC-4 "
        "role-filler F1 (document level, head noun match). Gold files: "
        "tests/fixtures/events_gold.jsonl (default), re3d_events_dev.jsonl (choices are made "
        "on it), re3d_events_test.jsonl, news_events_dev.jsonl and news_events_test.jsonl "
        "(ECB+ and LGL news; needs --corpora for LGL's text) (data/events/ANNOTATION.md).",
    )
    events_eval.add_argument("--gold", type=Path, default=Path("tests/fixtures/events_gold.jsonl"))
    events_eval.add_argument(
        "--muc4",
        type=Path,
        help="also score role fillers (perpetrator, target, victim, weapon; head noun match) "
        "on MUC-4 documents: a processed JSON-lines file (docid, doctext, templates), e.g. "
        "the test split of muc4_gtt",
    )
    events_eval.add_argument(
        "--judgments",
        type=Path,
        help="also score the precision of the events on news the project judged (e.g. "
        "tests/fixtures/event_judgments.jsonl: LGL, TR-News, GeoVirus, ECB+; needs --corpora)",
    )
    events_eval.add_argument(
        "--corpora",
        type=Path,
        help="the corpora folder of the judged articles, and of gold articles whose text the "
        "gold file does not keep (tests/fixtures/news_events_*.jsonl: LGL)",
    )
    events_eval.add_argument(
        "--split",
        choices=("dev", "test", "all"),
        default="test",
        help="the half of the judged articles (by the SHA-1 of their ids; rules are chosen on dev)",
    )
    _add_model(events_eval)
    events_eval.add_argument("--json", action="store_true", help="print JSON")
    events_eval.set_defaults(run=cmd_eval_events)
    places_eval = targets.add_parser(
        "places",
        help="score place linking (GeoNames id, 161 km) on LGL, TR-News and GeoVirus",
        description="Run the whole extractor on the geoparsing corpora and print the share of "
        "gold place names found as places and, of those, the share linked to the gold GeoNames "
        "id and the share put within 161 km of the gold point. Each corpus is split in two by "
        "a hash of the article id: dev (where linking was tuned) and test (where it is reported).",
    )
    _add_corpus_scoring(
        places_eval,
        "folder with geoparsing/ inside",
        ["lgl", "trnews", "geovirus"],
        "all three",
        ["dev", "test", "all"],
        "test",
    )
    places_eval.add_argument("--json", action="store_true", help="print JSON")
    places_eval.set_defaults(run=cmd_eval_places)
    relations_eval = targets.add_parser(
        "relations",
        help="score relations (member_of, leader_of, located_in, ...) on re3d and Re-DocRED",
        description="Run the whole extractor on re3d and Re-DocRED documents and print per-type "
        "and micro precision, recall and F1 of its relations against the gold relations the "
        "project shares (data/training/relation_map.json), counted once per fact of a document, "
        "each argument matched by the head rule of eval ner; and the share of gold facts whose "
        "two arguments were both found as entities, with the recall on those. re3d is split as "
        "for NER (dev and test); Re-DocRED has its own dev and test files.",
    )
    _add_corpus_scoring(
        relations_eval,
        "folder with re3d/ and re_docred/ inside",
        ["re3d", "re_docred"],
        "both",
        ["dev", "test"],
        "test; choices are made on dev",
    )
    relations_eval.add_argument("--json", action="store_true", help="print JSON")
    relations_eval.set_defaults(run=cmd_eval_relations)
    merge_eval = targets.add_parser(
        "merge",
        help="score the cross-article incident merge on ECB+ (MUC, B3, CEAF-e, CoNLL F1)",
        description="Cross-document event coreference on ECB+ gold event mentions: the "
        "extractor's incidents merged across the documents of a topic, against baselines; "
        "thresholds chosen on dev topics 23-25, scores on test topics 36-45.",
    )
    merge_eval.add_argument(
        "--corpora", type=Path, required=True, help="folder with ecb_plus/ inside (or ECB+ itself)"
    )
    _add_model(merge_eval)
    merge_eval.add_argument("--json", action="store_true", help="print JSON")
    merge_eval.set_defaults(run=cmd_eval_merge)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return int(args.run(args))
    except (CommandError, ModelError, ArticleError, SettingsError, QueryError, StoreError) as error:
        print(f"newsgraph: {error}", file=sys.stderr)
        return EXIT_FAILURE
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader went away (`newsgraph export ... | head`): not an error of ours.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())

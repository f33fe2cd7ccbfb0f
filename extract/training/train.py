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
MODEL_VERSION = "0.1.0"
# The NER's steps when CoNLL dev joins its training data: as many epochs over train and dev
# as the train-only run took to peak on dev (data/model/MODEL_CARD.md, Training runs).
NER_STEPS_WITH_DEV = 5_000
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


def _finish_run(run: TrainingRun, deadline: float | None, *, last: bool = False) -> Path:
    """Wait for a run (stopping it at ``deadline``) and return its best loadable pipeline,
    or its last one (``last``) when the dev split is part of the training data."""
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
    for candidate in ("model-last", "model-best") if last else ("model-best", "model-last"):
        path = run.output / candidate
        try:
            spacy.load(path)
        except Exception:  # a checkpoint cut off mid-write is skipped, not fatal
            continue
        return path
    raise RuntimeError(f"training {run.name} left no loadable pipeline; see {run.log}")


def assemble_pipeline(syntax_model: Path, ner_model: Path, output_dir: Path) -> Path:
    """Source the syntax and NER components into one pipeline and write it to ``output_dir``."""
    config = Config().from_disk(
        ASSEMBLE_CONFIG,
        overrides={"paths.syntax": str(syntax_model), "paths.ner": str(ner_model)},
    )
    nlp: Language = spacy.util.load_model_from_config(config, auto_fill=True, validate=True)
    nlp.meta.update(
        {
            "name": MODEL_NAME,
            "version": MODEL_VERSION,
            "description": (
                "newsgraph English pipeline: CNN tagger, morphologizer, lemmatizer and "
                "parser trained on UD English EWT; CNN NER (PER/ORG/LOC/MISC) trained on "
                "CoNLL-2003."
            ),
            "license": "CC BY-SA 4.0 (EWT); CoNLL-2003 annotations for research use",
            "sources": [
                {"name": "UD English EWT", "license": "CC BY-SA 4.0"},
                {"name": "CoNLL-2003 English (Reuters RCV1)", "license": "research use"},
            ],
            "spacy_version": f">={spacy.about.__version__},<3.9.0",
        }
    )
    output_dir.mkdir(parents=True, exist_ok=True)
    nlp.to_disk(output_dir)
    return output_dir


def train_pipeline(
    corpora_dir: Path,
    output_dir: Path,
    *,
    max_minutes: float | None = None,
    work_dir: Path | None = None,
    include_uner: bool = False,
    ner_with_dev: bool = False,
    ner_steps: int = NER_STEPS_WITH_DEV,
    threads: int = 1,
    syntax_overrides: dict[str, str] | None = None,
    ner_overrides: dict[str, str] | None = None,
) -> Path:
    """Convert the corpora, train the syntax and NER parts in parallel, assemble them.

    ``max_minutes`` bounds each training run's wall-clock time (both run at once);
    the best checkpoint on the dev split is kept. Intermediate files go to
    ``work_dir`` (default ``.training`` in the current directory). ``include_uner``
    adds UNER EWT train (PER/ORG/LOC, OTH as missing) to the NER's training data.
    ``ner_with_dev`` trains the NER on CoNLL train and dev together for ``ner_steps``
    steps and keeps the last checkpoint: with dev in the training data there is nothing
    left to pick a checkpoint on, so the step count is fixed beforehand (that of the best
    train-only checkpoint, scaled to the larger data).
    Returns ``output_dir``, which then holds a pipeline loadable with ``spacy.load``.
    """
    work = (work_dir or Path(".training")).resolve()
    corpus = convert_corpora(corpora_dir, work / "corpus")
    ner_train = corpus["conll-train"]
    ner_overrides = dict(ner_overrides or {})
    extra = ["uner-train"] if include_uner else []
    if ner_with_dev:
        extra.append("conll-dev")
        ner_overrides.setdefault("training.max_steps", str(ner_steps))
        ner_overrides.setdefault("training.patience", "0")
    if extra:
        # spacy.Corpus reads every .spacy file under a directory.
        ner_train = work / "ner-train"
        if ner_train.exists():
            shutil.rmtree(ner_train)
        ner_train.mkdir(parents=True)
        for key in ("conll-train", *extra):
            shutil.copy(corpus[key], ner_train / corpus[key].name)
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
            corpus["conll-dev"],
            work,
            threads,
            ner_overrides,
        ),
    ]
    try:
        syntax_model = _finish_run(runs[0], deadline)
        ner_model = _finish_run(runs[1], deadline, last=ner_with_dev)
    finally:
        for run in runs:
            if run.process.poll() is None:
                run.process.terminate()
                run.process.wait()
    return assemble_pipeline(syntax_model, ner_model, output_dir)

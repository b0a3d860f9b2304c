"""Running code under real torch and seeing where and how it fails."""

from __future__ import annotations

import traceback
import warnings
from dataclasses import dataclass
from typing import Optional


@dataclass
class Outcome:
    error: Optional[BaseException]
    line: Optional[int]  # innermost line of the failure inside the run code
    file: Optional[str] = None  # for an observed effect: the file of that line (it has no traceback)

    def describe(self) -> str:
        if self.error is None:
            return "ran clean"
        return f"{type(self.error).__name__} at line {self.line}: {str(self.error)[:200]}"


class ObservedEffect(Exception):
    """A pitfall that raises nothing, seen by its rule's probe (`Repro.probe`) where it happens."""


def run(source: str, filename: str, probe: str = "", files: tuple = ()) -> Outcome:
    """Execute source in a fresh namespace; warnings that torchlint claims become errors.
    With a rule's `probe` installed, the first effect it observes in the run code (the
    file run, or one of `files` it imports) is the failure, at the line that caused it."""
    code = compile(source, filename, "exec")
    namespace = {"__name__": "__main__"}
    ours = {filename, *files}
    seen: list = []

    def observed(message: str, frame) -> None:
        if not seen and frame.f_code.co_filename in ours:  # torch's own calls are not the program's
            seen.append(Outcome(ObservedEffect(message), frame.f_lineno, frame.f_code.co_filename))

    undo = _install(probe, observed)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            warnings.filterwarnings("error", message="To copy construct from a tensor", category=UserWarning)
            warnings.filterwarnings("error", message="The .grad attribute of a Tensor that is not a leaf",
                                    category=UserWarning)
            warnings.filterwarnings("error", message=r"Detected call of `lr_scheduler\.step\(\)` before",
                                    category=UserWarning)
            try:
                exec(code, namespace)
            except Exception as exc:  # the failure is what we measure
                frames = [f for f in traceback.extract_tb(exc.__traceback__) if f.filename in ours]
                # an effect observed before the exception was the first failure the program met
                return seen[0] if seen else Outcome(exc, frames[-1].lineno if frames else None)
    finally:
        undo()
    return seen[0] if seen else Outcome(None, None)


def _install(probe: str, observed):
    """Run a probe's `install(observed)`; the function that undoes it."""
    if not probe:
        return lambda: None
    namespace: dict = {}
    exec(compile(probe, "<probe>", "exec"), namespace)
    return namespace["install"](observed)


def failure_matches(outcome: Outcome, error: str, message: str) -> bool:
    return (outcome.error is not None and type(outcome.error).__name__ == error
            and message in str(outcome.error))


def repro_matches(outcome: Outcome, repro) -> bool:
    """The rule's failure: its repro's, or one of the others it documents (`also`)."""
    return any(failure_matches(outcome, error, message)
               for error, message in ((repro.error, repro.message),) + tuple(repro.also))

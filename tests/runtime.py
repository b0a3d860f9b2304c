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

    def describe(self) -> str:
        if self.error is None:
            return "ran clean"
        return f"{type(self.error).__name__} at line {self.line}: {str(self.error)[:200]}"


def run(source: str, filename: str) -> Outcome:
    """Execute source in a fresh namespace; warnings that torchlint claims become errors."""
    code = compile(source, filename, "exec")
    namespace = {"__name__": "__main__"}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        warnings.filterwarnings("error", message="To copy construct from a tensor", category=UserWarning)
        warnings.filterwarnings("error", message="The .grad attribute of a Tensor that is not a leaf",
                                category=UserWarning)
        try:
            exec(code, namespace)
        except Exception as exc:  # the failure is what we measure
            frames = [f for f in traceback.extract_tb(exc.__traceback__) if f.filename == filename]
            return Outcome(exc, frames[-1].lineno if frames else None)
    return Outcome(None, None)


def failure_matches(outcome: Outcome, error: str, message: str) -> bool:
    return (outcome.error is not None and type(outcome.error).__name__ == error
            and message in str(outcome.error))


def repro_matches(outcome: Outcome, repro) -> bool:
    """The rule's failure: its repro's, or one of the others it documents (`also`)."""
    return any(failure_matches(outcome, error, message)
               for error, message in ((repro.error, repro.message),) + tuple(repro.also))

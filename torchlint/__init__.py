"""torchlint: a static linter for PyTorch pitfalls."""

__version__ = "0.1.0"

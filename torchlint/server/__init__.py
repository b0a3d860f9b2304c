"""`torchlint server`: a language server over stdio (the `lsp` extra: pygls).

Only `app.py` imports pygls; the rest of this package is plain torchlint, so the
linter itself keeps its small dependencies.
"""

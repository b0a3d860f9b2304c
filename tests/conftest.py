"""Suite-wide guard: a skipped test proves nothing, so a run with skips fails."""

import pytest


def pytest_sessionfinish(session, exitstatus):
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    skipped = len(reporter.stats.get("skipped", [])) if reporter else 0
    if skipped and exitstatus == 0:
        reporter.write_line(f"error: {skipped} test(s) skipped; every test must run (is torch installed?)",
                            red=True)
        session.exitstatus = pytest.ExitCode.TESTS_FAILED

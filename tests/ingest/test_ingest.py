"""The ingest run: idempotent, never overwrites an edit, reports every file it could not use."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from wire_core.post_file import is_edited, split_post
from wire_ingest.ingest import IngestSettings, run_ingest

from tests.support import ROOT
from tests.support.sitebuild import ingest_settings_for, wire_site

STORY = """Harbour workers end strike in Valparaiso after pay deal
VALPARAISO, Chile, March 4 (Reuters) - Dock workers in the Chilean port of Valparaiso ended a week-long strike on Tuesday after the port authority agreed to raise wages by 6 percent, union leader Marcela Fuentes said.
Fuentes said the deal would be put to a vote of members next week.
"""


@pytest.fixture
def site(tmp_path):
    return wire_site(tmp_path)


settings_for = ingest_settings_for


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.glob("*.md"))}


def test_first_run_writes_one_post_per_file_and_second_run_writes_nothing(site, extractor):
    first = run_ingest(settings_for(site), extractor)
    assert first.count()["new"] == 2
    posts = site / "content" / "posts"
    before = snapshot(posts)
    mtimes = {p.name: p.stat().st_mtime_ns for p in posts.glob("*.md")}
    second = run_ingest(settings_for(site), extractor)
    assert second.count()["unchanged"] == 2 and second.count()["new"] == 0
    assert snapshot(posts) == before
    assert {p.name: p.stat().st_mtime_ns for p in posts.glob("*.md")} == mtimes


def test_seed_post_front_matter(site, extractor):
    run_ingest(settings_for(site), extractor)
    post = site / "content" / "posts" / "afghan-defiance-istanbul-talks-collapse-as-mediators-step-back.md"
    front, body = split_post(post.read_text(encoding="utf-8"))
    assert front["countries"][:2] == ["PK", "AF"]
    assert "Khawaja Asif" in front["people"] and "Asif" not in front["people"]
    assert front["dateline"]["places"] == ["Istanbul", "Islamabad"]
    assert front["source"] == "Web Desk"
    assert front["wire"]["path"] == "content/wire/000_1bd45749871db194.txt"
    assert not is_edited(post.read_text(encoding="utf-8"))
    assert body.count("The latest round of peace talks") == 1


def test_edited_post_is_never_overwritten_and_a_wire_update_is_a_conflict(site, extractor):
    run_ingest(settings_for(site), extractor)
    post = next((site / "content" / "posts").glob("afghan-*.md"))
    edited = post.read_text(encoding="utf-8").replace("- Khawaja Asif", "- Khawaja Muhammad Asif")
    post.write_text(edited, encoding="utf-8")
    again = run_ingest(settings_for(site), extractor)
    assert post.read_text(encoding="utf-8") == edited
    assert again.count()["unchanged"] == 2
    raw = site / "content" / "wire" / "000_1bd45749871db194.txt"
    raw.write_text(raw.read_text(encoding="utf-8") + "\nA later paragraph added by the agency.\n", encoding="utf-8")
    update = run_ingest(settings_for(site), extractor)
    conflict = [o for o in update.outcomes if o.status == "conflict"]
    assert len(conflict) == 1 and "000_1bd45749871db194.txt" in conflict[0].source
    assert post.read_text(encoding="utf-8") == edited
    saved = list((site / ".cache" / "conflicts").iterdir())
    assert saved and "A later paragraph" in saved[0].read_text(encoding="utf-8")


def test_wire_update_regenerates_an_unedited_post_keeping_slug_and_date(site, extractor):
    run_ingest(settings_for(site), extractor)
    posts = site / "content" / "posts"
    post = next(posts.glob("afghan-*.md"))
    old_front, _ = split_post(post.read_text(encoding="utf-8"))
    raw = site / "content" / "wire" / "000_1bd45749871db194.txt"
    raw.write_text(
        raw.read_text(encoding="utf-8") + "\nThe Foreign Office in Islamabad declined to comment.\n", encoding="utf-8"
    )
    report = run_ingest(settings_for(site), extractor)
    assert report.count()["updated"] == 1
    new_front, body = split_post(post.read_text(encoding="utf-8"))
    assert new_front["slug"] == old_front["slug"] and new_front["date"] == old_front["date"]
    assert "declined to comment" in body


def test_removed_wire_file_removes_its_post_unless_edited(site, extractor):
    run_ingest(settings_for(site), extractor)
    posts = site / "content" / "posts"
    kenya = next(posts.glob("kenya*.md"))
    afghan = next(posts.glob("afghan-*.md"))
    afghan.write_text(afghan.read_text(encoding="utf-8") + "\nEditor's note.\n", encoding="utf-8")
    for raw in (site / "content" / "wire").glob("*.txt"):
        raw.unlink()
    report = run_ingest(settings_for(site), extractor)
    assert not kenya.exists()
    assert afghan.exists()
    statuses = {o.status for o in report.outcomes}
    assert statuses == {"removed", "kept"}


def test_identical_story_under_another_name_is_published_once(site, extractor):
    wire = site / "content" / "wire"
    shutil.copy(wire / "002_kenya-cbk-rate.txt", wire / "copy of kenya.txt")
    report = run_ingest(settings_for(site), extractor)
    dupes = [o for o in report.outcomes if o.status == "duplicate"]
    assert len(dupes) == 1 and "kenya" in dupes[0].reason
    assert len(list((site / "content" / "posts").glob("*.md"))) == 2


def test_same_headline_gets_distinct_stable_slugs(site, extractor):
    wire = site / "content" / "wire"
    (wire / "a.txt").write_text(STORY, encoding="utf-8")
    (wire / "b.txt").write_text(STORY.replace("6 percent", "7 percent"), encoding="utf-8")
    run_ingest(settings_for(site), extractor)
    slugs = sorted(p.stem for p in (site / "content" / "posts").glob("harbour-*.md"))
    assert len(slugs) == 2 and slugs[0] != slugs[1]
    shutil.rmtree(site / "content" / "posts")
    run_ingest(settings_for(site), extractor)
    assert sorted(p.stem for p in (site / "content" / "posts").glob("harbour-*.md")) == slugs


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("empty.txt", b"", "empty"),
        ("blank.txt", b"  \n\n \t\n", "empty"),
        ("image.txt", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "PNG"),
        ("report.txt", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF"),
        ("headline.txt", b"Only a headline here\n", "no body"),
    ],
)
def test_bad_file_is_skipped_with_its_reason_and_the_rest_still_ingests(site, extractor, name, data, reason):
    (site / "content" / "wire" / name).write_bytes(data)
    report = run_ingest(settings_for(site), extractor)
    skipped = [o for o in report.outcomes if o.status == "skipped"]
    assert [o.source for o in skipped] == [f"content/wire/{name}"]
    assert reason in skipped[0].reason
    assert report.count()["new"] == 2


def test_symlink_outside_the_wire_folder_is_refused(site, extractor, tmp_path_factory):
    outside = tmp_path_factory.mktemp("outside") / "secret.txt"
    outside.write_text(STORY, encoding="utf-8")
    (site / "content" / "wire" / "link.txt").symlink_to(outside)
    report = run_ingest(settings_for(site), extractor)
    skipped = [o for o in report.outcomes if o.status == "skipped"]
    assert len(skipped) == 1 and "outside" in skipped[0].reason


def test_post_with_broken_front_matter_is_reported_and_kept(site, extractor):
    run_ingest(settings_for(site), extractor)
    post = next((site / "content" / "posts").glob("kenya*.md"))
    broken = post.read_text(encoding="utf-8").replace("title:", "title: [unclosed", 1)
    post.write_text(broken, encoding="utf-8")
    report = run_ingest(settings_for(site), extractor)
    assert post.read_text(encoding="utf-8") == broken
    assert any(o.status == "kept" and "YAML" in o.reason for o in report.outcomes)


ORIGINAL = """Floods cut roads in northern Peru as rivers rise
PIURA, Peru, March 10 (Reuters) - Heavy rains swelled rivers across northern Peru on Monday, cutting the Pan-American Highway in three places and forcing hundreds of families from their homes, the civil defence agency said.
The agency said the Piura river had risen two metres overnight and that more rain was expected through Wednesday.
Regional governor Luis Cardenas declared an emergency in four provinces and asked the central government for helicopters to reach isolated villages.
Farmers said the water had destroyed rice and lemon crops just weeks before the harvest.
"""
WRITE_THROUGH = ORIGINAL.replace(
    "forcing hundreds of families from their homes",
    "forcing more than 2,000 families from their homes and killing two people",
).replace(
    "Farmers said the water had destroyed rice and lemon crops just weeks before the harvest.",
    "Farmers said the water had destroyed rice and lemon crops just weeks before the harvest.\n"
    "The army sent two helicopters on Monday afternoon, a spokesman said.",
)


def test_write_through_is_a_new_version_of_the_same_story(site, extractor):
    wire = site / "content" / "wire"
    (wire / "peru-floods.txt").write_text(ORIGINAL, encoding="utf-8")
    run_ingest(settings_for(site), extractor)
    (wire / "peru-floods-update.txt").write_text(WRITE_THROUGH, encoding="utf-8")
    (wire / "peru-other.txt").write_text(
        "Peru central bank holds rate\nPIURA, Peru, March 10 (Reuters) - Peru's central bank held its benchmark "
        "interest rate at 4.75 percent on Monday, citing easing inflation.\nThe decision was expected by analysts.\n",
        encoding="utf-8",
    )
    report = run_ingest(settings_for(site), extractor)
    posts = {p.name: split_post(p.read_text(encoding="utf-8"))[0] for p in (site / "content" / "posts").glob("*.md")}
    floods = [f for f in posts.values() if f["title"].startswith("Floods cut roads")]
    assert len(floods) == 2 and floods[0]["slug"] != floods[1]["slug"]
    assert floods[0]["story"] == floods[1]["story"]
    other = next(f for f in posts.values() if f["title"].startswith("Peru central bank"))
    assert other["story"] == other["slug"]
    assert any("new version" in w for w in report.warnings)


def test_the_committed_seed_posts_are_what_the_ingest_writes(tmp_path, extractor):
    """`make html` on a fresh clone must leave content/posts as committed (run `make ingest` and
    commit the posts after changing the extractor)."""
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    shutil.copytree(ROOT / "content" / "posts", tmp_path / "content" / "posts")
    before = {p.name: p.read_bytes() for p in (tmp_path / "content" / "posts").glob("*.md")}
    settings = IngestSettings(root=tmp_path, sources=(tmp_path / "seeds",), posts_dir=tmp_path / "content" / "posts")
    report = run_ingest(settings, extractor)
    counts = report.count()
    assert counts["unchanged"] == len(before) > len(list((ROOT / "seeds").glob("*.txt")))
    assert counts["unchanged"] + counts["superseded"] == len(report.outcomes), report.outcomes
    assert {p.name: p.read_bytes() for p in (tmp_path / "content" / "posts").glob("*.md")} == before


def test_the_post_index_remembers_written_posts_as_reading_them_would(site, extractor):
    from wire_ingest.ingest import kept_index
    from wire_ingest.post_index import read_index_row

    run_ingest(settings_for(site), extractor)
    index = kept_index(site / ".cache" / "extract.sqlite", "posts-index").load()
    posts = sorted((site / "content" / "posts").glob("*.md"))
    assert sorted(index) == [p.name for p in posts]
    for post in posts:
        stamp, info = index[post.name]
        assert stamp == [post.stat().st_size, post.stat().st_mtime_ns]
        assert info == read_index_row(post)


def test_a_warmed_up_pool_with_nothing_to_do_stops_its_workers(extractor):
    import signal

    from wire_ingest.pool import ExtractionPool

    pool = ExtractionPool(extractor.overrides, workers=2)
    pool.warm_up()
    workers = pool.processes()
    assert list(pool.results()) == []
    for process in workers:  # stopped while loading the model, not left to finish loading it
        process.join(30)
        if process.exitcode is None:  # reaped by the executor's own thread: its status is gone
            assert _state(process.pid) == "zombie", f"worker {process.pid} still running"
        else:
            assert process.exitcode in (-signal.SIGTERM, -signal.SIGKILL)


def test_workers_of_a_killed_ingest_do_not_linger(tmp_path):
    import os
    import signal
    import subprocess
    import sys
    import time

    script = (
        "import os, sys, time\n"
        "sys.path.insert(0, 'plugins')\n"
        "from wire_ingest.pool import ExtractionPool\n"
        "pool = ExtractionPool(workers=2)\n"
        "pool.warm_up()\n"
        "print(' '.join(str(p.pid) for p in pool.processes()), flush=True)\n"
        "time.sleep(60)\n"
    )
    proc = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True, cwd=ROOT)
    workers = [int(p) for p in proc.stdout.readline().split()]
    assert len(workers) == 2
    proc.send_signal(signal.SIGKILL)  # nothing runs in the parent: no cleanup
    proc.wait()
    deadline = time.monotonic() + 30
    alive = workers
    while alive and time.monotonic() < deadline:
        time.sleep(0.2)
        alive = [p for p in workers if os.path.exists(f"/proc/{p}") and "zombie" not in _state(p)]
    assert alive == []


def _state(pid: int) -> str:
    try:
        with open(f"/proc/{pid}/status") as fh:
            return next(line for line in fh if line.startswith("State:")).lower()
    except (OSError, StopIteration):
        return "zombie"  # gone


def test_the_inbox_listing_is_in_path_order_with_each_file_stamp(tmp_path, extractor):
    import dataclasses
    import os

    from wire_ingest.inbox import list_raw_files

    wire = tmp_path / "content" / "wire"
    for rel in ("b.txt", "a/z.txt", "a.txt", "a/b/c.txt", "notes.md", ".hidden.txt"):
        (wire / rel).parent.mkdir(parents=True, exist_ok=True)
        (wire / rel).write_text(STORY, encoding="utf-8")
    (wire / "linked").symlink_to(wire / "a", target_is_directory=True)  # not followed: no copies
    (wire / "inside.txt").symlink_to(wire / "b.txt")
    os.mkfifo(wire / "pipe.txt")
    settings = IngestSettings(root=tmp_path, sources=(wire,), posts_dir=tmp_path / "content" / "posts")
    files, skipped = list_raw_files(settings.root, settings.sources)
    keys = [key for _, key, _ in files]
    assert keys == [
        f"content/wire/{n}" for n in (".hidden.txt", "a/b/c.txt", "a/z.txt", "a.txt", "b.txt", "inside.txt")
    ]
    for path, _, stamp in files:
        st = os.stat(path)
        assert stamp == [st.st_size, st.st_mtime_ns, st.st_ino]
    assert [(o.source, o.reason) for o in skipped] == [("content/wire/pipe.txt", "not a regular file")]
    # with two workers and an index from a first run, the listing runs in a forked process
    settings = dataclasses.replace(settings_for(tmp_path), n_process=2)
    first = run_ingest(settings, extractor).count()
    again = run_ingest(settings, extractor).count()
    assert (first["new"], first["duplicate"], first["skipped"]) == (1, 5, 1)
    assert (again["new"], again["unchanged"], again["duplicate"], again["skipped"]) == (0, 1, 5, 1)

"""Nothing lost, nothing broken: where kg may write, kills at any moment, concurrent runs, a full
disk, runaway queries, pipes, devices and links in data/, permissions, and a damaged cache.

Kills, concurrency and resource limits need real processes (``python -m kg``); everything else runs
in-process with CliRunner."""

from __future__ import annotations

import hashlib
import json
import os
import resource
import shutil
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.outputs import MARKER

ROOT = Path(__file__).resolve().parents[1]
CARTESIAN = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


def run(*args):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def _interruptible():
    """Ctrl-C reaches the child even when the tests run in the background (where a shell without job
    control starts them with SIGINT ignored, and children inherit that)."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def kg(*args, cwd=None, preexec_fn=None, **kwargs):
    """``python -m kg`` as its own process (``preexec_fn`` runs in it before kg starts)."""
    def prepare():
        _interruptible()
        if preexec_fn:
            preexec_fn()
    return subprocess.Popen([sys.executable, "-m", "kg", *args], cwd=cwd or ROOT, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, preexec_fn=prepare, **kwargs)


def snapshot(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def built_copy(project_copy):
    """A project copy with a first build in dist/."""
    assert run("build", "--project", str(project_copy), "--lang", "en").exit_code == 0
    return project_copy


# -- where kg may write --------------------------------------------------------------------------

@pytest.mark.parametrize("target, message", [
    ("data", "error: The folder lies in data/, where kg reads its inputs; nothing is written there."),
    ("data/events/out", "error: The folder lies in data/, where kg reads its inputs; nothing is written there."),
    ("ontology", "error: The folder lies in ontology/, where kg reads its inputs; nothing is written there."),
    (".", "error: The folder holds the project itself; kg does not write its output over it."),
    ("..", "error: The folder holds the project itself; kg does not write its output over it."),
])
def test_build_refuses_to_write_over_inputs_or_the_project(project_copy, target, message):
    before = snapshot(project_copy)
    result = run("build", "--project", str(project_copy), "--out", str(project_copy / target), "--lang", "en")
    assert result.exit_code == 2
    assert result.output.splitlines()[0] == f"{project_copy / target}: {message}"
    assert snapshot(project_copy) == before


def test_build_refuses_a_folder_it_did_not_write(project_copy, tmp_path):
    foreign = tmp_path / "mine"
    foreign.mkdir()
    (foreign / "precious.txt").write_text("keep me", encoding="utf-8")
    result = run("build", "--project", str(project_copy), "--out", str(foreign), "--lang", "en")
    assert result.exit_code == 2
    assert result.output.splitlines()[:2] == [
        f"{foreign}: error: The folder is not empty and was not written by kg; kg does not replace it.",
        "    How to fix: Give a new or empty folder with --out (such as dist/)."]
    assert [p.name for p in foreign.iterdir()] == ["precious.txt"]
    viz = run("viz", "--project", str(project_copy), "--out", str(foreign), "--lang", "en")
    assert viz.exit_code == 2 and "was not written by kg" in viz.output
    assert [p.name for p in foreign.iterdir()] == ["precious.txt"]


def test_build_refuses_a_file_or_a_link_as_output(project_copy, tmp_path):
    (tmp_path / "file.txt").write_text("x", encoding="utf-8")
    result = run("build", "--project", str(project_copy), "--out", str(tmp_path / "file.txt"), "--lang", "en")
    assert result.exit_code == 2 and "A file of this name exists" in result.output
    (tmp_path / "real").mkdir()
    (tmp_path / "link").symlink_to(tmp_path / "real")
    result = run("build", "--project", str(project_copy), "--out", str(tmp_path / "link"), "--lang", "en")
    assert result.exit_code == 2 and "The output folder is a link" in result.output
    assert (tmp_path / "file.txt").read_text(encoding="utf-8") == "x" and not any((tmp_path / "real").iterdir())


def test_build_writes_an_empty_folder_and_replaces_only_its_own(project_copy, tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    assert run("build", "--project", str(project_copy), "--out", str(empty)).exit_code == 0
    assert (empty / MARKER).is_file() and (empty / "swf-kg.nq").is_file()
    assert run("build", "--project", str(project_copy), "--out", str(empty)).exit_code == 0


def test_published_files_follow_the_umask(built_copy):
    dist = built_copy / "dist"
    assert stat.S_IMODE(dist.stat().st_mode) == 0o777 & ~_umask()
    for path in (dist / "swf-kg.nq", dist / "index.html", dist / "editions" / "runder-tisch-21.html"):
        assert stat.S_IMODE(path.stat().st_mode) == 0o666 & ~_umask(), path


def _umask() -> int:
    current = os.umask(0o022)
    os.umask(current)
    return current


# -- kills and concurrency -----------------------------------------------------------------------

def _leftovers(project: Path) -> list[str]:
    return sorted(p.name for p in project.iterdir() if p.name.startswith(".dist-"))


def test_a_build_killed_at_any_moment_leaves_the_old_or_the_new_dist(built_copy, tmp_path):
    """SIGKILL (no clean-up runs) while loading, as the new folder appears, while it fills, and late;
    dist/ must then be exactly the old or exactly the new output, never a mix or nothing."""
    shutil.copytree(built_copy / "dist", tmp_path / "old")
    old = snapshot(tmp_path / "old")
    emoji = next(p for p in (ROOT / "tests" / "hostile" / "cases").iterdir() if p.name.endswith("emoji.yaml"))
    shutil.copy(emoji, built_copy / "data" / "emoji.yaml")  # the new output differs from the old
    started = time.monotonic()
    assert kg("build", "--project", str(built_copy), "--out", str(tmp_path / "new")).wait(timeout=300) == 0
    duration = time.monotonic() - started
    new = snapshot(tmp_path / "new")
    assert new != old

    def files_in_stage(n):
        return lambda begun: any(_count_files(p) >= n for p in built_copy.glob(".dist-new-*"))

    moments = [lambda begun, f=f: time.monotonic() - begun >= f * duration for f in (0.2, 0.9)]
    moments += [files_in_stage(1), files_in_stage(25), files_in_stage(60)]
    for moment in moments:
        process = kg("build", "--project", str(built_copy))
        begun = time.monotonic()
        while process.poll() is None and not moment(begun):
            time.sleep(0.002)
        process.send_signal(signal.SIGKILL)
        process.wait()
        assert snapshot(built_copy / "dist") in (old, new), "dist/ must be the complete old or the complete new output"
        shutil.rmtree(built_copy / "dist")
        shutil.copytree(tmp_path / "old", built_copy / "dist")
    assert run("build", "--project", str(built_copy)).exit_code == 0
    assert snapshot(built_copy / "dist") == new
    assert _leftovers(built_copy) == [], "the next build removes what killed builds left"


def test_a_build_killed_while_marking_its_stage_is_cleaned_up(built_copy):
    """Killed between creating the stage and renaming its marker into place, a build leaves a
    folder holding only the marker's temporary file; the next build removes it (and nothing else)."""
    from kg.outputs import MARKER, temporary_prefix
    stage = built_copy / ".dist-new-k1ll3d00"
    stage.mkdir()
    (stage / f"{temporary_prefix(MARKER)}x7q2ab").write_text("half", encoding="utf-8")  # as write_atomic names it
    assert temporary_prefix(MARKER) == "..kg-output."
    foreign = built_copy / ".dist-new-not-ours"
    foreign.mkdir()
    (foreign / "notes.txt").write_text("someone's", encoding="utf-8")
    assert run("build", "--project", str(built_copy)).exit_code == 0
    assert _leftovers(built_copy) == [".dist-new-not-ours"]


def _count_files(folder: Path) -> int:
    """The stage folder may be renamed into place while it is counted: then it counts as done."""
    try:
        return sum(1 for _ in folder.rglob("*"))
    except FileNotFoundError:
        return 10**9


def test_two_builds_and_a_validation_at_once(built_copy):
    target = built_copy / "data" / "events" / "rt-21-altena.yaml"
    processes = [kg("build", "--project", str(built_copy)), kg("build", "--project", str(built_copy)),
                 kg("validate", str(target), "--project", str(built_copy), "--lang", "en")]
    outputs = [(p.wait(timeout=300), p.stderr.read()) for p in processes]
    assert [code for code, _ in outputs] == [0, 0, 0], outputs
    assert snapshot(built_copy / "dist") == snapshot(_clean_build(built_copy))
    again = run("validate", str(target), "--project", str(built_copy), "--lang", "en")
    assert again.exit_code == 0 and again.output == "No problems found.\n"
    assert _leftovers(built_copy) == []


def _clean_build(project: Path) -> Path:
    out = project.parent / "clean-dist"
    assert run("build", "--project", str(project), "--out", str(out)).exit_code == 0
    return out


def test_a_full_disk_changes_nothing(built_copy):
    before = snapshot(built_copy / "dist")
    limit = 300 * 1024  # no file larger than this may be written: the N-Quads are about 1.6 MB

    def small_disk():
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    process = kg("build", "--project", str(built_copy), "--lang", "en", preexec_fn=small_disk)
    code = process.wait(timeout=300)
    stderr = process.stderr.read()
    assert code == 2, stderr
    assert stderr.splitlines()[:2] == [
        f"{built_copy}/dist: error: The output could not be written (File too large); nothing was changed.",
        "    How to fix: Free some disk space or check the permissions, then try again."]
    assert snapshot(built_copy / "dist") == before
    assert _leftovers(built_copy) == []


# -- runaway queries -----------------------------------------------------------------------------

def test_a_runaway_query_stops_at_its_time_limit(built_copy):
    started = time.monotonic()
    process = kg("query", "--sparql", CARTESIAN, "--timeout", "1", "--project", str(built_copy), "--lang", "en")
    code = process.wait(timeout=60)
    assert code == 1 and time.monotonic() - started < 20
    assert process.stderr.read().splitlines()[0] == "--sparql: error: The query ran longer than 1 s and was stopped."


def test_ctrl_c_stops_a_running_query(built_copy):
    process = kg("query", "--sparql", CARTESIAN, "--timeout", "0", "--project", str(built_copy), "--lang", "en")
    time.sleep(3)  # long enough to be inside the query
    assert process.poll() is None
    sent = time.monotonic()
    process.send_signal(signal.SIGINT)
    code = process.wait(timeout=30)
    assert code == 1 and time.monotonic() - sent < 5
    assert process.stderr.read().splitlines()[0] == "--sparql: error: The query was interrupted (Ctrl+C)."


# -- what is not a file --------------------------------------------------------------------------

def test_pipes_devices_and_links_in_data_are_refused_without_reading(project_copy, tmp_path_factory):
    events = project_copy / "data" / "events"
    elsewhere = tmp_path_factory.mktemp("elsewhere")  # outside the project
    (events / "zero.yaml").symlink_to("/dev/zero")
    os.mkfifo(events / "pipe.yaml")
    (elsewhere / "outside.yaml").write_text("people: []\n", encoding="utf-8")
    (events / "outside.yaml").symlink_to(elsewhere / "outside.yaml")
    (project_copy / "data" / "linked").symlink_to(elsewhere)
    started = time.monotonic()
    result = run("build", "--project", str(project_copy), "--lang", "en")
    assert time.monotonic() - started < 60
    assert result.exit_code == 2
    assert [line for line in result.output.splitlines() if not line.startswith("    ")] == [
        "data/events/outside.yaml: error: The file is a link to a file outside the project; it is not read.",
        "data/events/pipe.yaml: error: This is not a regular file (but a folder, a device or a pipe).",
        "data/events/zero.yaml: error: The file is a link to a file outside the project; it is not read.",
        "data/linked: error: The folder is a link; links to folders are not followed.",
        f"4 error(s), 0 warning(s). Nothing was written; {project_copy}/dist/ is unchanged.",
    ]


def test_validate_refuses_a_pipe_or_a_device_given_by_name(built_copy, tmp_path_factory):
    elsewhere = tmp_path_factory.mktemp("elsewhere")
    os.mkfifo(elsewhere / "pipe.yaml")
    for path in (elsewhere / "pipe.yaml", Path("/dev/zero")):
        result = run("validate", str(path), "--project", str(built_copy), "--lang", "en")
        assert result.exit_code == 2
        assert result.output.splitlines()[0] == (
            f"{path}: error: This is not a regular file (but a folder, a device or a pipe).")


# -- the cache and the project -------------------------------------------------------------------

def test_a_damaged_cache_is_rebuilt_with_a_note(built_copy):
    index = next((built_copy / ".kg-cache").glob("index-*"))
    (index / "registry.json").write_text("{broken", encoding="utf-8")
    result = CliRunner().invoke(main, ["validate", str(built_copy / "data" / "events" / "rt-21-altena.yaml"),
                                       "--project", str(built_copy), "--lang", "en"])
    assert result.exit_code == 0
    assert result.output.splitlines() == [
        f"The cache .kg-cache/{index.name} was damaged (JSONDecodeError) and has been rebuilt.",
        "No problems found."]
    assert (index / "complete").is_file()


def test_a_store_first_opened_by_a_query_serves_validation_without_a_rebuild(built_copy):
    """`kg query` may make the store before `kg validate FILE` needs it: validation then adds the
    registry of keys to that store; nothing was damaged, so nothing is rebuilt and no note shown."""
    shutil.rmtree(built_copy / ".kg-cache")
    assert run("query", "editions-in-order", "--project", str(built_copy)).exit_code == 0
    stores = list((built_copy / ".kg-cache").glob("index-*"))
    assert [(p / "registry.json").exists() for p in stores] == [False]
    made = (stores[0] / "complete").stat().st_mtime_ns
    result = run("validate", str(built_copy / "data" / "events" / "rt-21-altena.yaml"), "--project", str(built_copy),
                 "--lang", "en")
    assert result.exit_code == 0 and result.output == "No problems found.\n"
    assert (stores[0] / "registry.json").is_file() and (stores[0] / "complete").stat().st_mtime_ns == made
    assert list((built_copy / ".kg-cache").glob("index-*")) == stores


def _index_registry(project: Path) -> list:
    stores = list((project / ".kg-cache").glob("index-*"))
    assert len(stores) == 1
    return sorted(json.loads((stores[0] / "registry.json").read_text(encoding="utf-8")))


def _validate_without_index(project: Path) -> list:
    for store in (project / ".kg-cache").glob("index-*"):
        shutil.rmtree(store)
    result = run("validate", str(project / "data" / "events" / "rt-21-altena.yaml"), "--project", str(project),
                 "--lang", "en")
    assert result.exit_code == 0 and result.output == "No problems found.\n"
    return _index_registry(project)


def test_an_index_made_again_has_the_registry_of_the_build(built_copy):
    """With the index removed, `kg validate FILE` makes it again from the published graph and the
    declarations in data/: the keys, names, aliases and lines the build registered, read through the
    build's cache of parsed files or, without that cache, from the files."""
    by_build = _index_registry(built_copy)
    assert _validate_without_index(built_copy) == by_build
    shutil.rmtree(built_copy / ".kg-cache" / "build" / "files")
    assert _validate_without_index(built_copy) == by_build


def test_an_index_made_again_takes_the_things_of_a_changed_file_from_the_published_graph(built_copy):
    """A file changed since the build is not declared from: what it declared comes from the published
    graph (its things, their names and the file; the lines are unknown)."""
    by_build = _index_registry(built_copy)
    changed = built_copy / "data" / "events" / "rt-21-altena.yaml"
    shown = "data/events/rt-21-altena.yaml"
    changed.write_text(changed.read_text(encoding="utf-8") + "# changed\n", encoding="utf-8")
    again = _validate_without_index(built_copy)
    assert [row for row in again if row[4] != shown] == [row for row in by_build if row[4] != shown]
    from_file = [row for row in by_build if row[4] == shown]
    assert from_file, "rt-21 declares things"
    assert [row[:5] for row in again if row[4] == shown] == [row[:5] for row in from_file]
    assert {(row[5], row[7]) for row in again if row[4] == shown} == {(None, None)}


def test_commands_outside_a_project_say_so(tmp_path):
    for args in (["queries"], ["build"], ["validate"], ["analyze", "centrality"], ["viz"]):
        result = run(*args, "--project", str(tmp_path), "--lang", "en")
        assert result.exit_code == 2, args
        assert result.output.splitlines()[0].startswith(f"{tmp_path}: error: There is no kg project here ("), args

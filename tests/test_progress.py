"""Progress bars on a terminal, none in a pipe: the stdout summary is the same either way."""

from __future__ import annotations

import os
import pty
import select
import subprocess
import sys
from pathlib import Path

KG = [sys.executable, "-m", "kg"]


def _run(args, *, terminal: bool) -> tuple[int, str, str]:
    env = {k: v for k, v in os.environ.items() if k != "KG_PROGRESS"}
    if not terminal:
        done = subprocess.run(KG + args, capture_output=True, text=True, env=env, timeout=300)
        return done.returncode, done.stdout, done.stderr
    master, slave = pty.openpty()
    process = subprocess.Popen(KG + args, stdout=subprocess.PIPE, stderr=slave, env=env)
    os.close(slave)
    seen = b""
    while True:
        ready, _, _ = select.select([master], [], [], 0.5)
        if ready:
            try:
                chunk = os.read(master, 65536)
            except OSError:  # the child closed the terminal
                break
            if not chunk:
                break
            seen += chunk
        elif process.poll() is not None:
            break
    out = process.stdout.read().decode()
    os.close(master)
    return process.wait(), out, seen.decode("utf-8", "replace")


def _without_time(text: str) -> list[str]:
    return [line for line in text.splitlines() if "(" not in line or " s)." not in line]


def test_a_build_shows_its_stages_on_a_terminal_and_nothing_in_a_pipe(project_copy: Path):
    code, piped, piped_err = _run(["build", "--project", str(project_copy), "--lang", "en"], terminal=False)
    assert code == 0 and piped_err == ""
    code, shown, terminal = _run(["build", "--project", str(project_copy), "--lang", "en"], terminal=True)
    assert code == 0
    for stage in ("Reading files", "Queries", "Pages", "Writing files"):  # SHACL: all reused here, no bar
        assert stage in terminal, stage
    assert [line for line in _without_time(shown) if not line.startswith("Reused")] == \
        [line for line in _without_time(piped) if not line.startswith("Reused")]


def test_kg_validate_shows_its_bars_in_the_language_asked_for(project_copy: Path):
    env_language = os.environ.get("LANG")
    os.environ["LANG"] = "de_DE.UTF-8"  # the option, not the environment, decides
    try:
        code, _out, terminal = _run(["validate", "--project", str(project_copy), "--lang", "en"], terminal=True)
    finally:
        if env_language is None:
            os.environ.pop("LANG")
        else:
            os.environ["LANG"] = env_language
    assert code == 0
    assert "Reading files" in terminal and "Dateien lesen" not in terminal

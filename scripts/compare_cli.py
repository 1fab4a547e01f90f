"""Compare the CLI's output of this checkout with that of another revision, command by command.

Kept from the restructuring into concept packages (issue 20), whose promise was "no change of
behaviour": both trees build the demo in a fresh SQLite file and run the same read-only
commands; their CSV outputs must be equal byte for byte, except for the columns that hold the
moment of the run (import times), which are masked.

    .venv/bin/python scripts/compare_cli.py            # against 026a277, the last flat layout
    .venv/bin/python scripts/compare_cli.py REVISION

Prints one line per command and exits 1 when any output differs.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BEFORE_THE_MOVE = "026a277"
WAVES = ("2021", "2022", "2023", "2024", "2025")
# A date and time of the run, as the imports list and the audit write them.
MOMENT = re.compile(r"\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?([+-]\d{2}:?\d{2})?")


def commands() -> list[list[str]]:
    """The read-only commands compared, after `init` and `demo`."""
    listed: list[list[str]] = [["targets"], ["tasks", "list"], ["imports"], ["users", "list"]]
    for wave in WAVES:
        listed += [
            ["indices", "--wave", wave],
            ["indices", "--wave", wave, "--by", "unit"],
            ["indices", "--wave", wave, "--by", "unit,field"],
            ["indices", "--wave", wave, "--by", "unit", "--weighting", "item_count"],
            ["gaps", "--wave", wave, "--seed", "7", "--draws", "2000"],
            ["gaps", "--wave", wave, "--by", "unit,field", "--seed", "7", "--draws", "2000"],
            ["gaps", "--wave", wave, "--measure", "all", "--seed", "7", "--draws", "2000"],
        ]
    return listed


def run(tree: Path, database: Path, arguments: list[str]) -> str:
    """The command's output (stdout, then stderr and the exit code when it failed)."""
    environment = {**os.environ, "SIPAS_DATABASE_URL": f"sqlite:///{database}"}
    done = subprocess.run(
        [sys.executable, "-m", "sipas", *arguments],
        cwd=tree,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )
    output = MOMENT.sub("<moment>", done.stdout)
    return output if done.returncode == 0 else f"{output}\n[exit {done.returncode}] {done.stderr}"


def outputs(tree: Path, database: Path) -> dict[str, str]:
    """Every compared command's output in `tree`, on a demo built in `database`."""
    for setup in (["init"], ["demo"]):
        result = run(tree, database, setup)
        if result.startswith("\n[exit") or "[exit " in result:
            raise SystemExit(f"{tree}: {' '.join(setup)} failed: {result}")
    return {" ".join(arguments): run(tree, database, arguments) for arguments in commands()}


def main(revision: str = BEFORE_THE_MOVE) -> int:
    with tempfile.TemporaryDirectory(prefix="sipas-compare-") as scratch:
        old_tree = Path(scratch) / "before"
        subprocess.run(
            ["git", "worktree", "add", "--detach", "-q", str(old_tree), revision],
            cwd=ROOT,
            check=True,
        )
        try:
            before = outputs(old_tree, Path(scratch) / "before.db")
            after = outputs(ROOT, Path(scratch) / "after.db")
        finally:
            subprocess.run(["git", "worktree", "remove", "--force", str(old_tree)], cwd=ROOT)
    differing = [command for command in before if before[command] != after[command]]
    for command in before:
        lines = after[command].count("\n")
        print(f"{'khác' if command in differing else 'giống'}  {lines:5d} dòng  {command}")
    print(f"{len(before) - len(differing)}/{len(before)} lệnh cho cùng kết quả với {revision}.")
    return 1 if differing else 0


if __name__ == "__main__":
    raise SystemExit(main(*sys.argv[1:2]))

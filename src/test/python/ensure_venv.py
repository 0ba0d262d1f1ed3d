#!/usr/bin/env python3
"""Creates, once, the Python environment that KerasExportTest and OnnxBundleTest run Python in.

The environment is a venv at ``~/.cache/latent-lens/python-<hash>``, where ``<hash>`` comes from the
bytes of ``src/main/python/requirements.txt``: changing the pins makes a new venv, and every later
run with the same pins reuses the old one. A venv is only used once ``pip install`` finished in it
(a marker file says so); a half-built one, e.g. after Ctrl+C, is deleted and built again. A lock
file keeps two builds running at the same time from using one folder.

Run it with the system ``python3``; it needs only the standard library. On success it prints the
venv's interpreter as the last line of standard output; progress and errors go to standard error.

Usage::

    python3 src/test/python/ensure_venv.py [--requirements FILE] [--cache-dir DIR]
"""

from __future__ import annotations

import argparse
import fcntl
import hashlib
import shutil
import subprocess
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[3]
DEFAULT_REQUIREMENTS = REPO_ROOT / "src" / "main" / "python" / "requirements.txt"
DEFAULT_CACHE_DIR = Path.home() / ".cache" / "latent-lens"
MARKER = "latent-lens-venv-complete"


def venv_dir(requirements: Path, cache_dir: Path) -> Path:
    """The venv folder for these pins: ``python-`` plus the start of the file's SHA-256."""
    digest = hashlib.sha256(requirements.read_bytes()).hexdigest()[:16]
    return cache_dir / f"python-{digest}"


def interpreter(venv: Path) -> Path:
    """The venv's Python executable."""
    return venv / "bin" / "python"


def is_complete(venv: Path) -> bool:
    """Whether ``pip install`` finished in this venv and its interpreter still starts."""
    if not (venv / MARKER).is_file():
        return False
    try:
        result = subprocess.run([str(interpreter(venv)), "-c", "pass"], capture_output=True, check=False)
    except OSError:
        return False
    return result.returncode == 0


def run(command: list[str], what: str) -> None:
    """Runs a command with its output on standard error; raises SystemExit naming ``what`` if it fails."""
    print("ensure_venv: " + " ".join(command), file=sys.stderr, flush=True)
    try:
        result = subprocess.run(command, stdout=sys.stderr, stderr=sys.stderr, check=False)
    except OSError as e:
        raise SystemExit(f"ensure_venv: could not {what}: {e}") from e
    if result.returncode != 0:
        raise SystemExit(f"ensure_venv: could not {what} (exit code {result.returncode}); see the output above.")


def build(venv: Path, requirements: Path) -> None:
    """Creates the venv from scratch and installs the pinned requirements into it."""
    if venv.exists():
        print(f"ensure_venv: removing the unfinished venv {venv}", file=sys.stderr, flush=True)
        shutil.rmtree(venv)
    run([sys.executable, "-m", "venv", str(venv)],
        f"create a venv at {venv} (on Debian/Ubuntu install the python3-venv package)")
    run([str(interpreter(venv)), "-m", "pip", "install", "--no-input", "-r", str(requirements)],
        f"install {requirements} (pip needs a package index that has these versions)")
    (venv / MARKER).write_text(requirements.read_text(encoding="utf-8"), encoding="utf-8")


def ensure(requirements: Path, cache_dir: Path) -> Path:
    """Returns the interpreter of a complete venv for ``requirements``, building it first if needed."""
    cache_dir.mkdir(parents=True, exist_ok=True)
    venv = venv_dir(requirements, cache_dir)
    with open(cache_dir / (venv.name + ".lock"), "w", encoding="utf-8") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not is_complete(venv):
            print(f"ensure_venv: building {venv} from {requirements}; this takes a few minutes once.",
                  file=sys.stderr, flush=True)
            build(venv, requirements)
    return interpreter(venv)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requirements", type=Path, default=DEFAULT_REQUIREMENTS,
                        help="pinned requirements file (default: %(default)s)")
    parser.add_argument("--cache-dir", type=Path, default=DEFAULT_CACHE_DIR,
                        help="where the venvs live (default: %(default)s)")
    args = parser.parse_args()
    if not args.requirements.is_file():
        raise SystemExit(f"ensure_venv: there is no requirements file at {args.requirements}")
    print(ensure(args.requirements.resolve(), args.cache_dir))


if __name__ == "__main__":
    main()

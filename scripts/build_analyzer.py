"""Compiles the offline analyzer (`domain/analysis`) with mypyc into `domain/analysis/_compiled/`.

python scripts/build_analyzer.py [--force]

The analyzer is plain, fully typed Python; compiled, the same source runs 1.25-1.9x faster
(docs/performance.md). The package uses the build only while it matches the sources beside it (their
digest is written next to it), so editing a module never runs stale compiled code: it runs interpreted
until this script is run again. Without a C compiler or Python's headers the build is skipped with a
warning and the analyzer runs interpreted. Nothing is built when the build is already current.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import sysconfig
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from domain.analysis import COMPILED_MODULES, COMPILED_STAMP, sources_digest  # noqa: E402

PACKAGE = ROOT / "domain" / "analysis"
TARGET = PACKAGE / "_compiled"


def build(into: Path) -> None:
    """Compiles the analyzer's modules into `into` (extension modules and their shared runtime library)."""
    from mypyc.build import mypycify  # from mypy: a build-time tool, not a dependency of the service
    from setuptools import setup  # type: ignore[import-untyped]

    with tempfile.TemporaryDirectory(prefix="analyzer-build-") as tmp:
        sources = [str(Path("domain", "analysis", f"{name}.py")) for name in COMPILED_MODULES]
        # One group, named inside the package, so its runtime library is found where the modules are.
        modules = mypycify(
            sources, opt_level="3", target_dir=str(Path(tmp, "c")), group_name="domain.analysis.native"
        )
        os.chdir(tmp)  # away from the project's pyproject.toml: this builds the extension modules alone
        try:
            setup(
                name="agent-assist-analyzer",
                ext_modules=modules,
                script_args=[
                    "--quiet",
                    "build_ext",
                    "--build-lib",
                    str(Path(tmp, "lib")),
                    "--build-temp",
                    str(Path(tmp, "temp")),
                    "--parallel",
                    "2",
                ],
            )
        finally:
            os.chdir(ROOT)
        built = Path(tmp, "lib", "domain", "analysis")
        suffix = sysconfig.get_config_var("EXT_SUFFIX")
        libraries = sorted(built.glob(f"*{suffix}"))
        expected = {f"{name}{suffix}" for name in COMPILED_MODULES} | {f"native__mypyc{suffix}"}
        if {p.name for p in libraries} != expected:
            raise RuntimeError(f"unexpected build output: {sorted(p.name for p in libraries)}")
        for library in libraries:
            shutil.copy2(library, into / library.name)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--force", action="store_true", help="build even when the build is current")
    args = parser.parse_args()
    os.chdir(ROOT)  # mypyc names the modules from their paths
    digest = sources_digest()
    stamp = TARGET / COMPILED_STAMP
    if not args.force and stamp.is_file() and stamp.read_text().strip() == digest:
        return 0
    print("compiling the analyzer with mypyc (about a minute) ...", file=sys.stderr, flush=True)
    staging = Path(tempfile.mkdtemp(prefix="_compiled-", dir=PACKAGE))
    try:
        build(staging)
        (staging / COMPILED_STAMP).write_text(digest + "\n")
        # Swap in whole: a half-copied build is never beside the sources under the name the package loads.
        shutil.rmtree(TARGET, ignore_errors=True)
        staging.rename(TARGET)
    except (
        Exception,
        SystemExit,
    ) as error:  # setuptools and mypyc exit on errors; interpreted is still correct
        shutil.rmtree(staging, ignore_errors=True)
        print(f"warning: the analyzer was not compiled ({error}); it runs interpreted", file=sys.stderr)
        return 0
    print(f"compiled analyzer in {TARGET.relative_to(ROOT)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())

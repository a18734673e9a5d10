"""Write the rule pages (docs/rules/<ID>.md and the index README.md) from the
rule registry, or with --check say which are out of date and exit 1.

    python docs/generate.py          # after changing a rule
    python docs/generate.py --check  # what the tests run

The pages are the text `nflint explain ID` prints (`nflint.rules.docs`).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from nflint.rules.docs import pages  # noqa: E402 - after the path

OUT = ROOT / "docs" / "rules"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="change nothing; exit 1 if stale")
    parser.add_argument("--dir", type=Path, default=OUT, help="where the pages are (docs/rules)")
    args = parser.parse_args(argv)
    out: Path = args.dir
    wanted = pages()
    present = {p.name for p in out.glob("*.md")}
    stale = sorted(
        name for name, text in wanted.items()
        if not (out / name).is_file() or (out / name).read_text(encoding="utf-8") != text
    )
    extra = sorted(present - set(wanted))
    if args.check:
        for name in stale:
            print(f"{out.name}/{name}: out of date with the rule registry")
        for name in extra:
            print(f"{out.name}/{name}: no such rule in the registry")
        if stale or extra:
            print("run: python docs/generate.py")
            return 1
        return 0
    out.mkdir(parents=True, exist_ok=True)
    for name in stale:
        (out / name).write_text(wanted[name], encoding="utf-8", newline="\n")
    for name in extra:
        (out / name).unlink()
    print(f"{out}: {len(stale)} written, {len(extra)} removed, {len(wanted)} in all")
    return 0


if __name__ == "__main__":
    sys.exit(main())

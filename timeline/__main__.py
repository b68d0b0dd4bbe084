"""``python -m timeline`` and the ``timeline`` command."""

from __future__ import annotations

import importlib


def main() -> None:
    # In a wheel, cli.py is installed inside the package as timeline/cli.py.
    # In a source checkout or an editable install it is the repository's
    # top-level cli.py, importable because the checkout is on sys.path.
    try:
        module = importlib.import_module("timeline.cli")
    except ModuleNotFoundError as exc:
        if exc.name != "timeline.cli":
            raise
        module = importlib.import_module("cli")
    module.main()


if __name__ == "__main__":
    main()

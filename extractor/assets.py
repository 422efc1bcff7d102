"""Where the data assets live: ``models/`` beside the package (taxonomy, lexicons, tables).

The project is installed editable (``pip install -e .``, as the Makefile does), so the assets are
read from the checkout; a missing folder is a broken install, said in one line.
"""

from __future__ import annotations

from pathlib import Path

from .errors import CouncilError

MODELS_DIR = Path(__file__).resolve().parent.parent / "models"


class MissingAsset(CouncilError):
    code = "missing_asset"
    hint = "reinstall from the project folder: make test (or pip install -e .) so that models/ is found"


def asset(name: str) -> Path:
    """The path of ``models/<name>``; raises :class:`MissingAsset` when it is not there."""
    path = MODELS_DIR / name
    if not path.exists():
        raise MissingAsset(None, f"data asset models/{name} is missing")
    return path

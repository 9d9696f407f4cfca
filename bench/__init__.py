"""The archive-scale benchmark: ``python -m bench --n N`` / ``make bench N=...``.

``corpus.py`` writes a synthetic raw-wire corpus, ``measure.py`` runs one measured subprocess,
``__main__.py`` builds the scratch sites and runs the steps. See docs/performance.md.
"""

import sys
from pathlib import Path

_PLUGINS = str(Path(__file__).resolve().parent.parent / "plugins")
if _PLUGINS not in sys.path:  # wire_ingest (parse, write) without PYTHONPATH=plugins too
    sys.path.append(_PLUGINS)

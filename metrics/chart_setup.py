"""Charts' process-wide matplotlib settings, set by `configure_charts()`.

The matplotlib settings are set by a call, not on import: importing a metrics module changes
nothing. Every chart figure is made through `metrics.chart_output.figure_with_axes`, which calls
`configure_charts()` (once per process) so no chart is drawn with other settings.
"""

from __future__ import annotations

import threading

from matplotlib import rcParams

_configured = threading.Event()


def configure_charts() -> None:
    """Set matplotlib's settings for northstar's charts (idempotent)."""
    if _configured.is_set():
        return
    # Glyphs drawn without FreeType's hinting: at 12–17 pt on 120 dpi it looks the same, and
    # drawing a chart's ~30 texts takes about a tenth less of the chart's time. Set for the
    # whole process (every figure here is a chart): matplotlib's rc_context is not safe across
    # threads.
    rcParams["text.hinting"] = "none"
    # Every text is drawn as written: notes and hypotheses are people's words, and a `$…$`,
    # `$$` or `\frac` read as matplotlib maths (or TeX) drew something else or raised and
    # killed the chart.
    rcParams["text.parse_math"] = False
    rcParams["text.usetex"] = False
    _configured.set()


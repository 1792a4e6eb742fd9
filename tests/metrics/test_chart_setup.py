"""Importing the chart code changes no matplotlib setting; drawing a chart configures them once."""

from __future__ import annotations

import subprocess
import sys

PROBE = """
import matplotlib
before = dict(matplotlib.rcParams)
import metrics.charts, metrics.chart_output, metrics.experiment_chart
print(dict(matplotlib.rcParams) == before)
from metrics.chart_setup import configure_charts
configure_charts()
print(matplotlib.rcParams["text.hinting"], matplotlib.rcParams["text.parse_math"])
"""


def test_importing_the_charts_changes_no_setting_and_configure_charts_sets_them():
    result = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True,
                            timeout=120, check=True)
    assert result.stdout.split("\n")[:2] == ["True", "none False"]


def test_a_chart_is_drawn_with_the_settings_even_without_an_explicit_call():
    probe = ("import matplotlib, pandas as pd\n"
             "from metrics.charts import hours_chart\n"
             "hours_chart(pd.DataFrame({'ops': [1.0, 2.0]}, index=pd.date_range('2026-01-05', "
             "periods=2, freq='W-MON').date), lang='en')\n"
             "print(matplotlib.rcParams['text.hinting'], matplotlib.rcParams['text.parse_math'])\n")
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                            timeout=120, check=True)
    assert result.stdout.strip() == "none False"

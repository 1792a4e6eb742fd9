"""The cohort heat map: a triangle of complete months, newest cohorts with a month 1 only."""

from decimal import Decimal
from io import BytesIO

import numpy as np
from PIL import Image

from metrics.cohort_chart import CohortPicture, chart_rows, cohort_chart, retention_grid
from metrics.cohorts import Cohort


def cohort(month: str, retention: list[float]) -> Cohort:
    return Cohort(month, 10, retention, [Decimal(1)] * len(retention), [], 0.0)


COHORTS = [cohort("2026-01", [100.0, 30.0, 10.0, 0.0]), cohort("2026-02", [100.0, 20.0, 5.0]),
           cohort("2026-03", [100.0, 40.0]), cohort("2026-04", [100.0])]


def test_the_grid_is_a_triangle_of_months_after_the_first():
    grid = retention_grid(chart_rows(COHORTS))
    assert grid.shape == (3, 3)  # April has no complete month 1 yet: not a row
    assert grid[0].tolist() == [30.0, 10.0, 0.0]
    assert grid[1, :2].tolist() == [20.0, 5.0] and np.isnan(grid[1, 2])
    assert grid[2, 0] == 40.0 and np.isnan(grid[2, 1:]).all()


def test_the_chart_is_a_png_of_the_charts_size():
    shown = chart_rows(COHORTS)
    picture = CohortPicture("Cohorts", "Months since the first order", "Month of first order",
                            [c.month for c in shown], "en")
    image = Image.open(BytesIO(cohort_chart(shown, picture)))
    assert image.format == "PNG" and image.size == (1080, 768)

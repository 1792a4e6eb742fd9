"""Pure KPI computation: DataFrames in; numbers, verdicts and figures out."""

"""What users and automations record: parsing and validating amounts, durations, dates and texts."""

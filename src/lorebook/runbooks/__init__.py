"""Running a compiled runbook (issue 14): its plan, the steps executed one by one, and the run logs kept."""

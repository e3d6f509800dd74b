"""Benchmarks: a large agreement and timings of the reports (see docs/reports.md)."""

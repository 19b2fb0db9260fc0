"""Benchmarks: run as scripts (python bench/NAME.py); see the README for the figures."""

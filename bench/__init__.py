"""Benchmarks. Run `make bench` (or `python -m bench`); results are ratios to baselines
measured in the same run, because the machines are shared and noisy."""

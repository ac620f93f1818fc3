"""Benchmarks: quality against gold, and throughput against peers."""

//! Synthetic boroughs of any size for tests and benchmarks.

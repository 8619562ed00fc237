"""Repository-only scripts (benchmarks, training, lexicon learning, golden output): they read
repository paths (corpora/, ../shared/data, models/) and are not installed with the package."""

"""The evaluation harness and the benchmark: synthetic editions, chains, speed figures. Not part of the package."""

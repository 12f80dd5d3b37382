"""Benchmarks of the hoiio SDK against requests and http.client (issue 6). Run ``make bench``."""

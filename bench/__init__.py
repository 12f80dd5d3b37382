"""Benchmarks of the hoiio SDK against requests, http.client, httpx and the old sandbox. Run ``make bench``."""

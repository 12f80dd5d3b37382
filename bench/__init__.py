"""Benchmarks of the hoiio SDK against requests, http.client, aiohttp and the old sandbox. Run ``make bench``."""

"""Debian's `wrk`, as the benchmarks run it: two threads, N connections, a warm-up first."""

import re
import shutil
import subprocess


def available():
    return shutil.which("wrk") is not None


def run(url, seconds, connections=16, options=(), warm_up=2):
    """wrk's report of `url` loaded for `seconds` after `warm_up` seconds of the same."""
    command = ["wrk", "-t2", f"-c{connections}", "--latency", "--timeout", "30s", *options]
    if warm_up:
        subprocess.run([*command, f"-d{warm_up}s", url], capture_output=True)
    return subprocess.run([*command, f"-d{seconds}s", url], capture_output=True, text=True).stdout


def requests_per_second(report):
    """The report's requests per second, or None if wrk said nothing usable."""
    found = re.search(r"Requests/sec:\s+([\d.]+)", report)
    return float(found.group(1)) if found else None

"""Run one hostile case in this process and print what it returned, with time and memory.

    python -m tests.hostile.driver MODULE:FUNCTION [JSON_KEYWORDS]

The function is imported (with its module's imports) before the clock and the memory
baseline start, so the figures are the case's own. The last stdout line is JSON:
`{"result": ..., "seconds": ..., "extra_mib": ...}`. The address space is capped at the
baseline plus a margin, so a runaway allocation fails here instead of swapping the machine.
"""

from __future__ import annotations

import importlib
import json
import resource
import sys
import time
from typing import Any

ADDRESS_SPACE_MARGIN_MIB = 1024
"""Virtual memory allowed above the baseline (threads and mmaps need far more than RSS)."""


def _status_mib(field: str) -> float:
    """One `kB` field of /proc/self/status, in MiB (0 when absent)."""
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024
    return 0.0


def peak_rss_mib() -> float:
    """This process's peak resident memory so far (VmHWM), in MiB."""
    return _status_mib("VmHWM")


def virtual_mib() -> float:
    """This process's current virtual size (VmSize), in MiB."""
    return _status_mib("VmSize")


def main(target: str, keywords: dict[str, Any]) -> None:
    """Import and run the case, then print the report line."""
    module_name, function_name = target.split(":")
    function = getattr(importlib.import_module(module_name), function_name)
    limit = int((virtual_mib() + ADDRESS_SPACE_MARGIN_MIB) * 1024 * 1024)
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    baseline = peak_rss_mib()
    start = time.perf_counter()
    result = function(**keywords)
    seconds = time.perf_counter() - start
    report = {"result": result, "seconds": seconds, "extra_mib": peak_rss_mib() - baseline}
    print(json.dumps(report, default=str))


if __name__ == "__main__":
    main(sys.argv[1], json.loads(sys.argv[2]) if len(sys.argv) > 2 else {})

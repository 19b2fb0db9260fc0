"""Peak resident memory of this process, for benchmarks and limit tests.

`ru_maxrss` is not it: Linux carries the parent's high-water mark across fork and exec, so a child
started from a large process (a test runner after hours of work) reports the parent's peak.
`VmHWM` in /proc/self/status belongs to the current address space only.
"""

from __future__ import annotations

import resource


def peak_rss_mb() -> float:
    """Peak resident set size of the current process image, in MB."""
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

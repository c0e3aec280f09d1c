"""What the benchmark reads from /proc: CPU time and memory of processes, and the machine."""

import os
import platform
import time
from pathlib import Path

PROC = Path("/proc")
TICK = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid):
    """User plus system CPU time a process has used, in seconds (0 if it is gone)."""
    try:
        stat = (PROC / str(pid) / "stat").read_text()
    except OSError:
        return 0.0
    fields = stat.rsplit(")", 1)[1].split()  # the name in brackets may hold spaces
    return (int(fields[11]) + int(fields[12])) / TICK  # utime, stime (fields 14 and 15)


def rss_megabytes(pid):
    try:
        status = (PROC / str(pid) / "status").read_text()
    except OSError:
        return 0.0
    for line in status.splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def children(pid):
    """The process ids whose parent is `pid` (gunicorn's workers)."""
    found = []
    for entry in PROC.iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
            found.append(int(entry.name))
    return sorted(found)


def named(name):
    """Processes whose command name is `name` (e.g. "redis-server")."""
    found = []
    for entry in PROC.iterdir():
        if not entry.name.isdigit():
            continue
        try:
            if (entry / "comm").read_text().strip() == name:
                found.append(int(entry.name))
        except OSError:
            continue
    return found


def busy_seconds():
    """CPU time the whole machine has spent busy (all cores, idle and iowait excluded)."""
    fields = (PROC / "stat").read_text().split("\n", 1)[0].split()[1:]
    user, nice, system_, _idle, _iowait, irq, softirq, steal = map(int, fields[:8])
    return (user + nice + system_ + irq + softirq + steal) / TICK


def database_backends(database):
    """PostgreSQL server processes serving `database`, found by their process title
    ("postgres: 15/main: postgres inpud_bench 127.0.0.1(40112) idle")."""
    found = []
    for entry in PROC.iterdir():
        if not entry.name.isdigit():
            continue
        try:
            title = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        if title.startswith("postgres: ") and f" {database} " in title:
            found.append(int(entry.name))
    return found


class CpuMeter:
    """CPU seconds used by a changing set of processes between start() and stop()."""

    def __init__(self, processes):
        self.processes = processes  # a callable returning the pids to watch
        self.before = {}

    def start(self):
        self.before = {pid: cpu_seconds(pid) for pid in self.processes()}

    def stop(self):
        after = {pid: cpu_seconds(pid) for pid in self.processes()}
        # A process that appeared meanwhile counts from zero.
        return sum(max(0.0, used - self.before.get(pid, 0.0)) for pid, used in after.items())


def wait_until_idle(processes, *, quiet=0.3, limit=120):
    """Wait until the processes have used no CPU for `quiet` seconds (at most `limit`)."""
    deadline = time.monotonic() + limit
    used = sum(cpu_seconds(pid) for pid in processes())
    while time.monotonic() < deadline:
        time.sleep(quiet)
        now = sum(cpu_seconds(pid) for pid in processes())
        if now - used < 1.5 / TICK:  # at most one clock tick: idle
            return True
        used = now
    return False


def load_average():
    return [float(value) for value in (PROC / "loadavg").read_text().split()[:3]]


def machine():
    """Cores, memory and CPU model, for the record."""
    model = "unknown"
    for line in (PROC / "cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            model = line.split(":", 1)[1].strip()
            break
    memory = 0
    for line in (PROC / "meminfo").read_text().splitlines():
        if line.startswith("MemTotal:"):
            memory = int(line.split()[1]) / 1024 / 1024
    return {
        "cores": os.cpu_count(),
        "memory_gb": round(memory, 1),
        "cpu": model,
        "kernel": platform.release(),
        "python": platform.python_version(),
    }

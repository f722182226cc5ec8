"""Benchmarks: cold start, end-to-end assessment of the example, text throughput, rule engines.

    python bench/bench.py [--runs 15] [--mb 20]

Prints a Markdown table for the README, with the machine it ran on. Nothing here is a test:
figures are measured and reported, never asserted.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
EXAMPLE = ROOT / "examples" / "northwind-outfitters"


def _cli() -> list[str]:
    exe = Path(sys.executable).with_name("maturity")
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "maturity.cli"]


def timed_rounds(commands: dict[str, list[str]], runs: int) -> dict[str, list[float]]:
    """Wall-clock seconds of each command, run in turn once per round, so that a busy spell of a
    shared host slows all of them alike instead of one."""
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, cmd in commands.items():
            start = time.perf_counter()
            done = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT)
            if done.returncode not in (0, 1):  # 1: assessed with warnings (the example's logo.png is skipped)
                raise SystemExit(f"{' '.join(cmd)} failed with exit status {done.returncode}")
            times[name].append(time.perf_counter() - start)
    return times


def corpus(megabytes: float) -> str:
    """Realistic text: the example documents and labelled passages, repeated to the size asked."""
    parts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "examples").rglob("*")) if p.suffix in (".md", ".txt")]
    seed = "\n\n".join(parts)
    return (seed * (int(megabytes * 1e6 / len(seed)) + 1))[: int(megabytes * 1e6)]


def throughput(megabytes: float, workers: int | None) -> tuple[float, int]:
    """MB/s of plain text through ingest and classification, the way ``maturity assess`` runs
    them (worker processes once a bundle is large enough; ``workers=1`` keeps one process)."""
    from maturity.engine.classify import for_framework
    from maturity.engine.classify_pool import classify_passages
    from maturity.engine.evidence import ingest
    from maturity.host import load_frameworks

    classifier = for_framework(load_frameworks().get("cx-matrix"))
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "big.txt"
        path.write_text(corpus(megabytes), encoding="utf-8")
        size = path.stat().st_size
        start = time.perf_counter()
        evidence = ingest([path], max_bytes=size + 1, workers=workers)
        n = len(classify_passages(classifier, evidence.passages, workers=workers))
        elapsed = time.perf_counter() - start
    return size / 1e6 / elapsed, n


def engines(runs: int) -> dict[str, float]:
    from maturity.engine.assess import assess

    out = {}
    for name in ("python", "durable"):
        try:
            assess([EXAMPLE], "cx-matrix", engine=name)
        except Exception as exc:  # durable not installed on this Python
            out[name] = float("nan")
            print(f"{name}: {exc}", file=sys.stderr)
            continue
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            assess([EXAMPLE], "cx-matrix", engine=name)
            times.append(time.perf_counter() - start)
        out[name] = statistics.median(times)
    return out


def _spread(seconds: list[float]) -> str:
    return f"{statistics.median(seconds) * 1000:.0f} ms ({min(seconds) * 1000:.0f}-{max(seconds) * 1000:.0f})"


def machine() -> str:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{os.cpu_count()} cores, {cpu}, {platform.system()} {platform.machine()}, Python {platform.python_version()}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--mb", type=float, default=20.0)
    args = parser.parse_args()
    cli = _cli()
    with tempfile.TemporaryDirectory() as tmp:
        times = timed_rounds({
            "baseline": [sys.executable, "-c", "pass"],
            "help": cli + ["--help"],
            "assess": cli + ["assess", str(EXAMPLE), "--framework", "cx-matrix", "--format", "json", "-o", f"{tmp}/r.json"],
        }, args.runs)
    baseline, help_t, assess_t = (_spread(times[name]) for name in ("baseline", "help", "assess"))
    mbps, n_obs = throughput(args.mb, workers=None)
    mbps_one, _ = throughput(args.mb, workers=1)
    eng = engines(args.runs)
    print(f"Machine: {machine()}\n")
    print(f"| measurement | median (fastest-slowest of {args.runs}) |")
    print("|---|---|")
    print(f"| `python -c pass` (interpreter baseline) | {baseline} |")
    print(f"| `maturity --help` (cold start) | {help_t} |")
    print(f"| `maturity assess examples/northwind-outfitters` end to end, JSON record | {assess_t} |")
    print(f"| in-process assessment of that example, durable engine | {eng['durable'] * 1000:.1f} ms |")
    print(f"| in-process assessment of that example, python engine | {eng['python'] * 1000:.1f} ms |")
    print(f"| ingest + classification of {args.mb:g} MB plain text, {os.cpu_count()} cores / one process "
          f"| {mbps:.2f} / {mbps_one:.2f} MB/s ({n_obs} observations) |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

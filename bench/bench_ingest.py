"""Ingest benchmark: throughput per format, end-to-end time and peak memory on generated corpora.

    python bench/bench_ingest.py [--sizes 100 1000] [--keep DIR] [--classify-all]

Generates (in a temporary folder) corpora of 100 and 1,000 mixed documents, a fifth each of
plain text, Markdown, HTML, DOCX and PDF, about 50 KB each (about 50 MB for 1,000). Every
measurement runs in a fresh process started from a small parent (the corpus is generated in
another child), so each peak RSS (``ru_maxrss``) is that run's own; with worker processes the
largest worker's peak follows after a "+". Each format alone is read in one process (the
readers' own speed); the whole corpus is read in one process and then as ``ingest`` does by
default (worker processes when the bundle is big enough). Ingest + classification (cx-matrix)
and the whole `maturity assess` (record written) run on the smallest corpus only unless
--classify-all. Prints a Markdown table.
Nothing here is a test: figures are measured and reported, never asserted.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

FORMATS = ("txt", "md", "html", "docx", "pdf")
SENTENCES = [
    "We survey customers after every support contact and review the results monthly",
    "The customer journey map is owned by the CX team and refreshed every quarter",
    "Complaints are logged, categorised and analysed for root causes each week",
    "Leadership reviews the net promoter score at every board meeting",
    "Front-line staff can resolve refunds up to a set limit without approval",
    "Customer data from support, sales and billing is joined in one warehouse",
    "There is no budget line for customer experience this year",
    "We plan to introduce a voice of the customer programme next year",
    "Bonuses for the service team are tied to customer satisfaction targets",
    "Churn is reported monthly by segment and discussed with product owners",
]
WORDS = ("customer experience journey insight feedback loyalty quality channel onboarding retention "
         "analysis segment service product team process owner metric review quarter").split()


def paragraph(rng: random.Random, words: int = 110) -> str:
    out = []
    while sum(len(s.split()) for s in out) < words:
        out.append(rng.choice(SENTENCES) + " " + " ".join(rng.choice(WORDS) for _ in range(rng.randint(4, 12))) + ".")
    return " ".join(out)


def make(fmt: str, rng: random.Random, target: int = 50_000) -> bytes:
    from docbuilders import make_docx, make_pdf

    if fmt == "txt":
        paras = []
        while sum(len(p) + 2 for p in paras) < target:
            paras.append(paragraph(rng))
        return "\n\n".join(paras).encode()
    if fmt == "md":
        parts = []
        while sum(len(p) + 2 for p in parts) < target:
            parts += [f"## {rng.choice(WORDS).title()} {rng.choice(WORDS)}", paragraph(rng),
                      "\n".join(f"- {rng.choice(SENTENCES)}" for _ in range(3)),
                      "| Metric | Owner |\n|---|---|\n| NPS | CX team |\n| Churn | Finance |"]
        return "\n\n".join(parts).encode()
    if fmt == "html":
        head = ("<!DOCTYPE html><html><head><title>Report</title><style>body{font:14px sans-serif}</style>"
                "<script>var analytics = {page: 'report'};</script></head><body><header>Company</header>"
                "<nav><ul><li>Home</li><li>About</li></ul></nav><main>\n")
        parts = [head]
        while sum(len(p) for p in parts) < target:
            parts.append(f"<h2>{rng.choice(WORDS).title()}</h2>\n<p>{paragraph(rng)}</p>\n"
                         f"<ul><li>{rng.choice(SENTENCES)}</li><li>{rng.choice(SENTENCES)}</li></ul>\n")
        parts.append("</main><footer>Copyright</footer></body></html>\n")
        return "".join(parts).encode()
    if fmt == "docx":  # DOCX compresses its text about 3:1: about 150 KB of text for 50 KB on disk
        items = [("h1", "Customer experience review")]
        while sum(len(str(v)) for _, v in items) < target * 3:
            items += [("h2", rng.choice(WORDS).title()), ("p", paragraph(rng)), ("p", paragraph(rng)),
                      ("table", [["Metric", "Owner"], ["NPS", "CX team"]])]
        return make_docx(items)
    if fmt == "pdf":  # uncompressed page streams: about 4.5 KB a page, 11 pages
        return make_pdf([[paragraph(rng, 90) for _ in range(5)] for _ in range(11)], heading="CX review", compress=False)
    raise ValueError(fmt)


def generate(folder: Path, count: int, seed: int = 1) -> None:
    rng = random.Random(seed)
    for i in range(count):
        fmt = FORMATS[i % len(FORMATS)]
        (folder / fmt).mkdir(parents=True, exist_ok=True)
        (folder / fmt / f"doc-{i:05d}.{fmt}").write_bytes(make(fmt, rng))


def subset(source: Path, folder: Path, count: int) -> None:
    """The first ``count`` documents of a larger corpus (same format mix)."""
    for fmt in FORMATS:
        (folder / fmt).mkdir(parents=True, exist_ok=True)
        for path in sorted((source / fmt).iterdir())[: count // len(FORMATS)]:
            (folder / fmt / path.name).unlink(missing_ok=True)  # a --keep folder from an earlier run
            os.link(path, folder / fmt / path.name)


def measure(path: str, classify: bool, workers: int | None) -> dict:
    """Run in a child process: ingest (and optionally classify) one folder, report its own figures."""
    import charset_normalizer  # noqa: F401 - imports are paid before the clock starts
    import comrak  # noqa: F401
    import docx  # noqa: F401
    import pypdf  # noqa: F401
    import selectolax.lexbor  # noqa: F401

    from maturity.engine.evidence import ingest

    classifier = None
    if classify:  # as `maturity assess` classifies: with the exemplars, in worker processes for large bundles
        from maturity.engine.classify import for_framework
        from maturity.engine.classify_pool import classify_passages
        from maturity.host import load_frameworks

        framework = load_frameworks().get("cx-matrix")
        classifier = for_framework(framework)
    baseline = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start = time.perf_counter()
    evidence = ingest([path], workers=workers)
    ingest_s = time.perf_counter() - start
    observations = len(classify_passages(classifier, evidence.passages, workers=workers)) if classifier else 0
    total_s = time.perf_counter() - start
    return {
        "documents": len(evidence.documents), "skipped": len(evidence.skipped), "passages": len(evidence.passages),
        "bytes": sum(d.bytes for d in evidence.documents), "pages": sum(d.pages or 0 for d in evidence.documents),
        "ingest_s": ingest_s, "total_s": total_s, "observations": observations,
        "baseline_rss_kb": baseline, "peak_rss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
        "worker_rss_kb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss,
    }


def measure_assess(path: str) -> dict:
    """Run in a child process: `maturity assess PATH --framework cx-matrix --format json -o FILE`, in
    this process (the CLI's own code path, workers included), and report time, record size and the
    peak RSS of this process and of its largest worker."""
    from maturity.cli import main as cli_main

    folder = Path(tempfile.mkdtemp(prefix="bench-assess-"))
    try:
        record = folder / "record.json"
        start = time.perf_counter()
        sys.argv = ["maturity", "assess", path, "--framework", "cx-matrix", "--format", "json", "-o", str(record),
                    "--quiet"]
        try:
            cli_main()
        except SystemExit as exc:  # 1: assessed with warnings (skipped files) is still a measurement
            if exc.code not in (0, 1, None):
                raise
        return {"total_s": time.perf_counter() - start, "record_bytes": record.stat().st_size,
                "peak_rss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
                "worker_rss_kb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def child(path: Path, classify: bool = False, workers: int | None = None, assess: bool = False) -> dict:
    cmd = [sys.executable, __file__, "--measure", str(path)] + (["--classify"] if classify else [])
    cmd += ["--assess"] if assess else []
    cmd += ["--workers", str(workers)] if workers else []
    out = subprocess.run(cmd, check=True, capture_output=True, text=True, cwd=ROOT).stdout
    return json.loads(out.strip().splitlines()[-1])


def row(label: str, fmt: str, r: dict, seconds: float) -> str:
    mb = r["bytes"] / 1e6
    pages = f"{r['pages'] / seconds:.0f}" if fmt == "pdf" else "-"
    workers = f" + {r['worker_rss_kb'] / 1024:.0f}" if r["worker_rss_kb"] else ""
    return (f"| {label} | {fmt} | {r['documents']} | {mb:.1f} | {r['passages']} | {seconds:.2f} | {mb / seconds:.1f} | "
            f"{pages} | {r['baseline_rss_kb'] / 1024:.0f} -> {r['peak_rss_kb'] / 1024:.0f}{workers} |")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000])
    parser.add_argument("--keep", type=Path, help="Generate the corpora here and keep them.")
    parser.add_argument("--classify-all", action="store_true", help="Also classify the larger corpora (slow).")
    parser.add_argument("--generate", nargs=2, help=argparse.SUPPRESS)
    parser.add_argument("--measure", help=argparse.SUPPRESS)
    parser.add_argument("--classify", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--assess", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--workers", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(measure_assess(args.measure) if args.assess else measure(args.measure, args.classify, args.workers)))
        return 0
    if args.generate:
        generate(Path(args.generate[0]), int(args.generate[1]))
        return 0

    tmp = None if args.keep else tempfile.mkdtemp(prefix="bench-ingest-")
    base = args.keep or Path(tmp)
    try:
        largest = max(args.sizes)
        start = time.perf_counter()
        subprocess.run([sys.executable, __file__, "--generate", str(base / str(largest)), str(largest)], check=True)
        for n in args.sizes:
            if n != largest:
                subset(base / str(largest), base / str(n), n)
        gen_s = time.perf_counter() - start
        lines = ["| corpus | format | documents | MB | passages | seconds | MB/s | PDF pages/s | RSS MB (start -> peak) |",
                 "|---|---|---|---|---|---|---|---|---|"]
        assessed: list[str] = []
        for n in sorted(args.sizes):
            for fmt in FORMATS:
                r = child(base / str(n) / fmt, workers=1)
                lines.append(row(f"{n} docs", fmt, r, r["ingest_s"]))
            r = child(base / str(n), workers=1)
            lines.append(row(f"{n} docs", "**all, ingest, 1 process**", r, r["ingest_s"]))
            r = child(base / str(n))
            lines.append(row(f"{n} docs", "**all, ingest (default workers)**", r, r["ingest_s"]))
            if n != min(args.sizes) and not args.classify_all:
                continue
            try:
                r = child(base / str(n), classify=True)
                lines.append(row(f"{n} docs", "**all, ingest + classify**", r, r["total_s"]))
            except subprocess.CalledProcessError as exc:  # the rubric may be mid-edit; report, do not fail
                lines.append(f"| {n} docs | all, ingest + classify | n/a: {exc.stderr.strip().splitlines()[-1]} |")
                continue
            r = child(base / str(n), assess=True)
            assessed.append(f"| {n} docs | {r['total_s']:.1f} | {r['record_bytes'] / 1e6:.0f} | "
                            f"{r['peak_rss_kb'] / 1024:.0f} + {r['worker_rss_kb'] / 1024:.0f} |")
        print(f"Machine: {os.cpu_count()} cores, {platform.system()} {platform.machine()}, Python {platform.python_version()}; "
              f"corpus generation took {gen_s:.0f} s.\n")
        print("\n".join(lines))
        if assessed:
            print("\n`maturity assess --format json -o FILE` (whole run, record written):\n")
            print("\n".join(["| corpus | seconds | record MB | peak RSS MB (this process + largest worker) |",
                             "|---|---|---|---|", *assessed]))
    finally:
        if tmp:
            shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

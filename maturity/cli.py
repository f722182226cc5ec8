"""The `maturity` command line.

Kept light at import time: `maturity --help` loads click only; the engine loads when a command
runs. User errors print a one-line message (plus details and a hint) and exit non-zero, never a
traceback.
"""

from __future__ import annotations

import dataclasses
import json
import sys

import click

QUICK_START = """Assess customer-experience maturity from documents, with an audit trail.

\b
Quick start:
  maturity frameworks list
  maturity assess examples/northwind-outfitters --framework cx-matrix --record northwind.json
  maturity explain northwind.json --dimension voc
"""


class _Group(click.Group):
    """Turns MaturityError into a clean message and exit code."""

    def invoke(self, ctx):
        from maturity.engine.errors import MaturityError

        try:
            return super().invoke(ctx)
        except MaturityError as exc:
            for line in exc.lines():
                click.echo(line, err=True)
            ctx.exit(exc.exit_code)


@click.group(cls=_Group, help=QUICK_START)
@click.version_option(package_name="maturity")
def cli():
    pass


def _registry():
    from maturity.host import load_frameworks

    registry = load_frameworks()
    for failure in registry.failures:
        click.echo(f"warning: plugin {failure.name!r} failed: {failure.reason}", err=True)
    return registry


# -- frameworks -------------------------------------------------------------------------------

@cli.group()
def frameworks():
    """List and show the installed maturity frameworks."""


@frameworks.command("list")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def frameworks_list(fmt):
    """List every framework registered by an installed plugin."""
    registry = _registry()
    rows = [{"id": f.id, "name": f.rubric.name, "version": f.rubric.version, "plugin": f.plugin,
             "stages": len(f.rubric.stages), "dimensions": [d.id for d in f.rubric.dimensions]}
            for f in sorted(registry.frameworks.values(), key=lambda f: f.id)]
    if fmt == "json":
        click.echo(json.dumps(rows, indent=2))
        return
    for r in rows:
        click.echo(f"{r['id']:<24} {r['name']} {r['version']}  ({r['stages']} stages, {len(r['dimensions'])} dimensions)")


@frameworks.command("show")
@click.argument("framework_id")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def frameworks_show(framework_id, fmt):
    """Show a framework's stages, dimensions and criteria."""
    fw = _registry().get(framework_id)
    r = fw.rubric
    if fmt == "json":
        click.echo(json.dumps(dict(dataclasses.asdict(r), rubric_sha256=fw.loaded.sha256), indent=2))
        return
    click.echo(f"{r.name} ({r.id} {r.version}), rating: {r.rating}")
    click.echo(f"source: {r.source.title} - {r.source.reference}")
    click.echo("stages: " + ", ".join(f"{s.level} {s.name}" + (f' "{s.tagline}"' if s.tagline else "") for s in r.stages))
    for dim in r.dimensions:
        click.echo(f"\n{dim.name} ({dim.id})")
        for level in sorted(dim.stages):
            cell = dim.stages[level]
            label = f" [{cell.label}]" if cell.label else ""
            click.echo(f"  {level}{label}: {cell.descriptor}")
            for c in cell.criteria:
                flag = " (required)" if c.required else ""
                click.echo(f"     - {c.id}{flag}: {c.statement}")
    if r.aggregation.bands:
        click.echo("\nbands:")
        for b in r.aggregation.bands:
            click.echo(f"  {b.min}-{b.max} {b.name}: {b.focus}")


# -- assess / explain / classify --------------------------------------------------------------

@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--framework", "-f", "framework", required=True, multiple=True,
              help="Framework id (see `maturity frameworks list`); repeat it, or give `all`, to assess with several.")
@click.option("--self-assessment", type=click.Path(), help="YAML with the stage a person claims per dimension.")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "markdown"]), default="text", show_default=True)
@click.option("-o", "--output", type=click.Path(), help="Write the output to FILE instead of standard output.")
@click.option("--record", "record_path", type=click.Path(), help="Also write the JSON record to FILE.")
@click.option("--engine", type=click.Choice(["durable", "python"]), default=None,
              help="Rule engine (default: durable where it imports, else python).")
@click.option("--include", multiple=True, help="Only documents matching this glob (repeatable).")
@click.option("--exclude", multiple=True, help="Skip documents matching this glob (repeatable).")
@click.option("--max-bytes", type=click.IntRange(min=1), default=20 * 1024 * 1024, show_default=True,
              help="Skip files larger than this.")
@click.option("--as-of", type=click.DateTime(formats=["%Y-%m-%d"]), default=None,
              help="Judge evidence dates (sidecar .meta.yaml) as of this day (default: today).")
@click.option("--max-age", type=click.IntRange(min=0), default=None, help="Skip evidence older than this many days.")
@click.option("--workers", type=click.IntRange(min=1), default=None,
              help="Processes that parse and classify a large bundle (default: one per CPU, at most 4; "
                   "small bundles always use one). The record is the same whatever the number.")
@click.option("--quiet", "-q", is_flag=True, help="No progress display (it only shows on a terminal anyway).")
def assess(paths, framework, self_assessment, fmt, output, record_path, engine, include, exclude, max_bytes, as_of,
           max_age, workers, quiet):
    """Assess documents under PATHS against a framework.

    Exit status: 0 assessed, 1 assessed with warnings (some evidence skipped, listed on standard
    error and in the record), 2 a usage error, 3 no usable evidence.
    """
    from maturity import render
    from maturity.engine import record as records
    from maturity.engine.assess import assess as run

    import datetime as dt

    progress = None if quiet or not sys.stderr.isatty() else _progress_line
    record = run(list(paths), list(framework), self_assessment=self_assessment, engine=engine, registry=_registry(),
                 include=list(include) or None, exclude=list(exclude), max_bytes=max_bytes,
                 as_of=as_of.date() if as_of else None, max_age=dt.timedelta(days=max_age) if max_age is not None else None,
                 progress=progress, workers=workers)
    if progress:
        click.echo("\r\033[K", err=True, nl=False)
    for s in record["evidence"]["skipped"]:
        click.echo(f"skipped {s['path']}: {s['reason']}", err=True)
    if record_path:
        records.write(record, record_path)
    if fmt == "json" and output:
        records.write(record, output)
    elif fmt == "json":
        records.dump(record, click.get_text_stream("stdout"))
    else:
        _emit(render.summary_markdown(record) if fmt == "markdown" else render.summary_text(record), output)
    if record["evidence"]["skipped"]:
        sys.exit(1)


@cli.command()
@click.argument("record_path", metavar="RECORD", type=click.Path())
@click.option("--dimension", "-d", help="Explain only this dimension.")
def explain(record_path, dimension):
    """Explain every stage of a record: the criteria, quotes and rules behind it."""
    from maturity import render
    from maturity.engine import record as records
    from maturity.engine.errors import MaturityError

    from maturity.engine.assess import sections_of

    record = records.read(record_path)
    ids = sorted({d["id"] for s in sections_of(record) for d in s["result"]["dimensions"]})
    if dimension and dimension not in ids:
        raise MaturityError(f"no dimension {dimension!r} in this record", remedy=f"choose one of {', '.join(ids)}")
    click.echo(render.explain_text(record, dimension), nl=False)


@cli.command()
@click.argument("jsonl", type=click.File("r", encoding="utf-8"))
@click.option("--framework", "-f", "framework", required=True)
def classify(jsonl, framework):
    """Classify passages: reads JSON lines {"id", "text"}, writes one reading per line."""
    from maturity.engine.classify import classify_text, for_framework
    from maturity.engine.errors import MaturityError

    fw = _registry().get(framework)
    classifier = for_framework(fw)
    for number, line in enumerate(jsonl, 1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
            text, pid = item["text"], item.get("id", number)
            if not isinstance(text, str):
                raise TypeError("text is not a string")
        except (json.JSONDecodeError, KeyError, TypeError) as exc:
            raise MaturityError(f"{jsonl.name}:{number}: expected a JSON object with a 'text' string ({exc})")
        click.echo(json.dumps(classify_text(classifier, pid, text)))


# -- plugins / rubric -------------------------------------------------------------------------

@cli.command()
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def plugins(fmt):
    """List loaded plugins, what they registered, and any that failed to load."""
    from maturity.host import load_frameworks

    registry = load_frameworks()
    if fmt == "json":
        click.echo(json.dumps({"plugins": [p.to_json() for p in registry.plugins],
                               "failures": [f.to_json() for f in registry.failures]}, indent=2))
        return
    for p in registry.plugins:
        dist = f"{p.distribution} {p.version}" if p.distribution else "(no distribution)"
        click.echo(f"{p.name:<20} {dist:<24} frameworks: {', '.join(p.frameworks) or '-'}")
    for f in registry.failures:
        click.echo(f"{f.name:<20} FAILED: {f.reason}")


@cli.group()
def rubric():
    """Validate rubric files and print the rubric JSON Schema."""


@rubric.command("validate")
@click.argument("files", nargs=-1, required=True, type=click.Path())
def rubric_validate(files):
    """Validate rubric FILES; every problem is printed as location: message."""
    from maturity.engine.errors import RubricError
    from maturity.rubric import lint, load_rubric

    failed = 0
    for path in files:
        try:
            loaded = load_rubric(path)
        except RubricError as exc:
            failed += 1
            for line in exc.lines():
                click.echo(line, err=True)
            continue
        problems = lint(loaded.rubric)
        if problems:
            failed += 1
            click.echo(f"error: {path}: {len(problems)} problem(s)", err=True)
            for p in problems:
                click.echo(f"  {path}: {p}", err=True)
            continue
        n = sum(len(d.criteria()) for d in loaded.rubric.dimensions)
        click.echo(f"{path}: ok ({loaded.rubric.id}, {len(loaded.rubric.dimensions)} dimensions, {n} criteria)")
    if failed:
        sys.exit(2)


@rubric.command("schema")
def rubric_schema():
    """Print the JSON Schema of rubric files."""
    from maturity.rubric import rubric_json_schema

    click.echo(json.dumps(rubric_json_schema(), indent=2))


def _progress_line(stage: str, done: int, total: int) -> None:
    """One self-overwriting status line on standard error (shown only on a terminal)."""
    width = 30
    filled = width * done // max(total, 1)
    click.echo(f"\r{stage:<32} [{'#' * filled}{'.' * (width - filled)}] {done}/{total}", err=True, nl=False)


def _emit(text: str, output: str | None) -> None:
    if output:
        from pathlib import Path

        Path(output).write_text(text, encoding="utf-8")
    else:
        click.echo(text, nl=False)


def main():
    cli(prog_name="maturity")

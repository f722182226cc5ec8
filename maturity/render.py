"""Human-facing views of a record: the assessment summary (text or Markdown) and ``explain``.

Everything here reads only the record, so a record can be explained on a machine that has never
seen the evidence.
"""

from __future__ import annotations


def _stage(d: dict) -> str:
    if d["stage"] is None:
        return f"not rated (no evidence; counts as {d.get('counted_as', 1)})"
    label = f" - {d['label']}" if d.get("label") else ""
    return f"{d['stage']} {d['stage_name']}{label}"


def _sections(record: dict) -> list[dict]:
    from maturity.engine.assess import sections_of

    return sections_of(record)


def summary_text(record: dict) -> str:
    ev = record["evidence"]
    lines = [f"evidence: {len(ev['documents'])} document(s), {len(record['passages'])} passage(s); "
             f"{len(ev['skipped'])} skipped; engine: {record['engine']}", ""]
    for section in _sections(record):
        lines.extend(_section_text(section))
    if record.get("crosswalk"):
        lines.extend(_crosswalk_lines(record["crosswalk"]))
    if ev["skipped"]:
        lines.append("Skipped:")
        lines.extend(f"  - {s['path']}: {s['reason']}" for s in ev["skipped"])
        lines.append("")
    lines.append("Why these stages: maturity explain RECORD (write one with --record FILE)")
    return "\n".join(lines) + "\n"


def _crosswalk_lines(crosswalk: dict) -> list[str]:
    flagged = [(link, d) for link in crosswalk["links"] for d in link["disagreements"]]
    if not flagged:
        return ["Crosswalk: mapped dimensions agree within one step.", ""]
    out = ["Crosswalk disagreements (mapped dimensions more than one normalized step apart):"]
    for link, d in flagged:
        a, b = d["frameworks"]
        out.append(f"  - {link['link']}: {a} {link['stages'][a]['dimensions']} vs {b} {link['stages'][b]['dimensions']}")
        for fid in (a, b):
            for e in d["evidence"][fid][:1]:
                out.append(f"      {fid}: [{e['criterion']}] \"{e['quote'][:120]}\"")
    return out + [""]


def _section_text(record: dict) -> list[str]:
    fw, res = record["framework"], record["result"]
    lines = [
        f"{fw['name']} ({fw['id']} {fw['version']}): {len(record['observations'])} observation(s)",
        "",
    ]
    width = max(len(d["name"]) for d in res["dimensions"])
    for d in res["dimensions"]:
        lines.append(f"  {d['name']:<{width}}  {_stage(d)}")
    lines.append("")
    lines.extend(_overall_lines(res["overall"]))
    if record.get("self_assessment"):
        lines.append("")
        lines.extend(_claims_lines(record["self_assessment"]))
    if res["gaps"]:
        lines.append("")
        lines.append("Top gaps to the next stage:")
        for g in res["gaps"]:
            lines.append(f"  - {g['dimension']} -> stage {g['to_stage']}: {g['statement']} ({g['why']})")
    lines.append("")
    return lines


def _overall_lines(o: dict) -> list[str]:
    if o["method"] == "sum":
        out = [f"Total: {o['score']}/{o['max_score']} - {o['band']}" + (f" ({o['band_label']})" if o.get("band_label") else "")]
        if o.get("summary"):
            out.append(f"  {o['summary']}")
        if o.get("focus"):
            out.append(f"  Focus: {o['focus']}")
    elif o.get("between"):
        low, high = o["between"]
        out = [f"Overall: between stage {low} and {high} (every dimension at {low} or above, some further)"]
        if o.get("focus"):
            out.append(f"  Focus: {o['focus']}")
    else:
        out = [f"Overall: stage {o['stage']} {o['stage_name']} (lowest dimension)"]
        if o.get("focus"):
            out.append(f"  Focus: {o['focus']}")
    if o.get("note"):
        out.append(f"  Note: {o['note']}")
    return out


def _claims_lines(sa: dict) -> list[str]:
    who = f" by {sa['assessor']}" if sa.get("assessor") else ""
    out = [f"Self-assessment{who}: claimed / evidenced / 12-month target"]
    for row in sa["comparison"]:
        evidenced = row["evidenced"] if row["evidenced"] is not None else "-"
        target = row["target"] if row["target"] is not None else "-"
        flag = f"  <- {row['flag']}" if row["flag"] else ""
        out.append(f"  {row['dimension']:<10} {row['claimed']} / {evidenced} / {target}{flag}")
    return out


def summary_markdown(record: dict) -> str:
    parts = [_section_markdown(dict(section, evidence=record["evidence"], engine=record["engine"], passages=record["passages"]))
             for section in _sections(record)]
    return "\n".join(parts)


def _section_markdown(record: dict) -> str:
    fw, res = record["framework"], record["result"]
    lines = [f"# {fw['name']}: assessment", "",
             f"Framework `{fw['id']}` {fw['version']} (rubric sha256 `{fw['rubric_sha256'][:12]}`), "
             f"engine `{record['engine']}`, {len(record['evidence']['documents'])} documents.", "",
             "| Dimension | Stage | Status |", "|---|---|---|"]
    for d in res["dimensions"]:
        lines.append(f"| {d['name']} | {_stage(d)} | {d['status']} |")
    lines += ["", *(f"{line}" for line in _overall_lines(res["overall"]))]
    if record.get("self_assessment"):
        lines += ["", "## Self-assessment", "", "| Dimension | Claimed | Evidenced | Target | Flag |", "|---|---|---|---|---|"]
        for r in record["self_assessment"]["comparison"]:
            lines.append(f"| {r['dimension']} | {r['claimed']} | {r['evidenced'] if r['evidenced'] is not None else '-'} "
                         f"| {r['target'] if r['target'] is not None else '-'} | {r['flag']} |")
    lines += ["", "## Why each stage", ""]
    lines.append(explain_text(record))
    return "\n".join(lines) + "\n"


# -- explain ----------------------------------------------------------------------------------

def explain_text(record: dict, dimension: str | None = None) -> str:
    sections = _sections(record)
    if len(sections) == 1:
        return _explain_section(dict(sections[0], evidence=record["evidence"], passages=record["passages"]), dimension)
    return "\n".join(f"== {s['framework']['name']} ({s['framework']['id']}) ==\n"
                     + _explain_section(dict(s, evidence=record["evidence"], passages=record["passages"]), dimension)
                     for s in sections)


def _explain_section(record: dict, dimension: str | None = None) -> str:
    res = record["result"]
    dims = [d for d in res["dimensions"] if dimension in (None, d["id"])]
    docs = {d["id"]: d["path"] for d in record["evidence"]["documents"]}
    threshold = record["framework"].get("min_confidence", 0.5)
    trace = record["trace"]
    criteria = {c["id"]: c for c in record["ratings"]["criteria"]}
    held = {d["id"]: [c for c in criteria.values() if c["dimension"] == d["id"] and c["status"] == "satisfied"]
            for d in dims}
    wanted = {(c["id"], "supports") for cs in held.values() for c in cs}
    wanted |= {(m["criterion"], None) for d in dims if d["next_stage"] for m in d["next_stage"]["missing"]}
    quoted = _quoted(record["observations"], wanted, threshold)
    locations = _locations(record.get("passages", []), {o["passage"] for found, _ in quoted.values() for o in found})

    def quotes(criterion: str, stance: str | None) -> list[str]:
        return _quotes(*quoted[(criterion, stance)], docs, passages=locations, threshold=threshold)

    out = []
    for d in dims:
        out.append(f"{d['name']} ({d['id']}): {_stage(d)}")
        if d["rule"]:
            why = next(t["explains"] for t in trace if t["rule"] == d["rule"])
            out.append(f"  decided by rule {d['rule']}: {why}")
        else:
            out.append("  no rule rated it: no observation with enough confidence speaks to this dimension")
        if held[d["id"]]:
            out.append("  criteria that held:")
            for c in held[d["id"]]:
                out.append(f"    [{c['id']}] stage {c['stage']}: {c['statement']}  (rule {c['rule']})")
                out.extend(quotes(c["id"], "supports"))
        stage_rules = [t for t in trace if t["dimension"] == d["id"] and t["rule"].startswith(("stage:", "reach:"))]
        if stage_rules:
            out.append("  rules that combined them:")
            out.extend(f"    {t['rule']}: {t['explains']}" for t in stage_rules)
        nxt = d["next_stage"]
        if nxt:
            out.append(f"  why not stage {nxt['stage']} ({nxt['stage_name']}): {nxt['descriptor']}")
            for b in nxt["blocked_by"]:
                out.append(f"    stage {b['stage']} is refuted by evidence, which blocks every stage above it")
            for m in nxt["missing"]:
                out.append(f"    [{m['criterion']}] {m['statement']} -> {m['status']}: {m['why']}")
                out.extend(quotes(m["criterion"], None))
            if not nxt["missing"] and not nxt["blocked_by"]:
                out.append("    every criterion of that stage holds, but a stage below it is not supported")
        out.append("")
    return "\n".join(out)


QUOTES = 3  # observations quoted per criterion


def _quoted(observations, wanted: set[tuple[str, str | None]], threshold: float, limit: int = QUOTES) -> dict:
    """For each wanted (criterion, stance), stance None meaning any: the ``limit`` observations to
    quote, those at or above the rating threshold (the ones that count) before those below, each
    in record order, and how many there are. One pass, holding no more than it quotes, however
    many observations a large bundle's record has."""
    found = {key: ([], [], [0]) for key in wanted}  # counting, below the threshold, how many
    by_criterion: dict[str, list[tuple[str | None, tuple]]] = {}
    for criterion, stance in wanted:
        by_criterion.setdefault(criterion, []).append((stance, found[(criterion, stance)]))
    for o in observations:
        for stance, (counting, below, count) in by_criterion.get(o["criterion"], ()):
            if stance in (None, o["stance"]):
                count[0] += 1
                kept = counting if o["confidence"] >= threshold else below
                if len(kept) < limit:
                    kept.append(o)
    return {key: ((counting + below)[:limit], count[0]) for key, (counting, below, count) in found.items()}


def _locations(passages, ids: set[str]) -> dict:
    """The locations of the passages with these ids, in one pass over the record's passages."""
    return {p["id"]: p["location"] for p in passages if p["id"] in ids} if ids else {}


def _where(o: dict, docs: dict, passages: dict) -> str:
    """Document and location of an observation: page (PDF), section (DOCX/HTML) and line."""
    where = docs.get(o["document"], o["document"])
    location = passages.get(o["passage"], {})
    if location.get("page") is not None:
        where += f" page {location['page']}"
    if location.get("section"):
        where += f" [{location['section']}]"
    return f"{where}:{o['line']}" if o["line"] else where  # a metric row: its location is in the quote


def _quotes(found: list[dict], count: int, docs: dict, passages: dict | None = None, threshold: float = 0.5) -> list[str]:
    lines = []
    for o in found:
        tag = {"supports": "supports", "refutes": "refutes", "none": "plan only"}[o["stance"]]
        cue = f", cue '{o['cue']}'" if o["cue"] else ""
        quote = o["quote"] if len(o["quote"]) <= 220 else o["quote"][:217] + "..."
        below = ", below the rating threshold" if o["confidence"] < threshold else ""
        lines.append(f"      {tag} ({o['polarity']}{cue}, confidence {o['confidence']}{below}) "
                     f"{_where(o, docs, passages or {})}: \"{quote}\"")
    if count > len(found):
        lines.append(f"      ... and {count - len(found)} more observation(s)")
    return lines

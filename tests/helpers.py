"""Builders shared by tests: small rubrics and observations without the YAML round trip."""

from maturity.engine.classify import Observation
from maturity.engine.evidence import ingest
from maturity.rubric import Rubric, validate_rubric


def make_rubric(cells: dict, *, levels: int = 4, rating: str = "best_fit", rubric_id: str = "t") -> Rubric:
    """cells: {dimension_id: {level: [criterion dicts (id, required?, corroboration?, signals?)]}}"""
    dims = []
    for dim_id, by_level in cells.items():
        stages = {}
        for level in range(1, levels + 1):
            crits = [
                {"id": c["id"], "statement": c.get("statement", c["id"]), "signals": c.get("signals", [c["id"].split(".")[-1]]),
                 "counter_signals": c.get("counter_signals", []), "required": c.get("required", False), "limits": c.get("limits", False),
                 "corroboration": c.get("corroboration", 1)}
                for c in by_level.get(level, [])
            ]
            stages[level] = {"descriptor": f"{dim_id} at {level}", "criteria": crits}
        dims.append({"id": dim_id, "name": dim_id.upper(), "stages": stages})
    return validate_rubric({
        "id": rubric_id, "name": "Test", "version": "1", "source": {"title": "t", "reference": "t"},
        "rating": rating, "stages": [{"level": i, "name": f"S{i}"} for i in range(1, levels + 1)],
        "dimensions": dims,
        "aggregation": {"method": "sum", "bands": [{"min": len(dims), "max": len(dims) * levels, "name": "all"}]},
    })


def obs(criterion: str, dimension: str, stage: int, stance: str = "supports", document: str = "doc-a",
        confidence: float = 0.75, n: int = 1) -> Observation:
    polarity = {"supports": "current", "refutes": "negated", "none": "aspiration"}[stance]
    return Observation(
        id=f"{document}:{criterion}:{stance}:{n}", passage=f"{document}:1", document=document, dimension=dimension,
        stage=stage, criterion=criterion, stance=stance, polarity=polarity, confidence=confidence,
        method=f"signal:{criterion}#0", signal=criterion, cue="", quote="q", line=1, specificity=1,
    )


# -- bad input: a bundle with one good document beside the file under test -------------------

GOOD = "Customer feedback is reviewed every month by the leadership team.\n"


def run(tmp_path, files: dict[str, bytes], **kwargs):
    """Write the files next to a good one, ingest the folder, check the good one was read."""
    tmp_path.mkdir(parents=True, exist_ok=True)
    (tmp_path / "good.md").write_text(GOOD, encoding="utf-8")
    for name, data in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    ev = ingest([tmp_path], **kwargs)
    assert any(d.path.endswith("good.md") for d in ev.documents), ev.skipped
    assert GOOD.strip() in [p.text for p in ev.passages]
    return ev


def reason(ev, name: str) -> str:
    found = [s.reason for s in ev.skipped if s.path.endswith(name)]
    assert found, f"{name} not skipped: {ev.skipped}"
    return found[0]


def not_ingested(ev, name: str) -> bool:
    return not any(d.path.endswith(name) for d in ev.documents)

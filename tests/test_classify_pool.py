"""Classification in worker processes gives the same observations, in the same order, as in process."""

from maturity.engine import classify_pool
from maturity.engine.classify import SignalClassifier
from maturity.engine.evidence import ingest


def test_workers_and_serial_give_the_same_observations(registry, monkeypatch):
    fw = registry.get("cx-matrix")
    passages = ingest(["examples"]).passages
    assert len(passages) > 300
    classifier = SignalClassifier(fw.rubric, fw.exemplars)
    serial = classify_pool.classify_passages(classifier, passages, workers=1)
    monkeypatch.setattr(classify_pool, "MIN_PASSAGES", 10)  # force the pool on for a small bundle
    monkeypatch.setattr(classify_pool, "CHUNK", 37)
    seen = []
    pooled = classify_pool.classify_passages(classifier, passages, workers=2, progress=lambda d, t: seen.append((d, t)))
    assert pooled == serial and len(serial) > 100
    assert seen[-1] == (len(passages), len(passages))


def test_small_bundles_stay_in_process(registry, monkeypatch):
    fw = registry.get("cx-matrix")
    passages = ingest(["examples/northwind-outfitters"]).passages

    def no_pool(*args, **kwargs):
        raise AssertionError("a pool for a small bundle")

    monkeypatch.setattr("concurrent.futures.ProcessPoolExecutor", no_pool)
    assert classify_pool.classify_passages(SignalClassifier(fw.rubric), passages, workers=2)

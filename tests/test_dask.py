"""nutgraf on a Dask cluster of worker processes gives the serial results.

Functions and results travel between processes by pickle, so this checks
that the public functions and Summary pickle and that the C core gives the
same answer in every process.
"""
import pytest

import nutgraf

from conftest import read_jsonl

dask = pytest.importorskip("dask", reason="dask is not installed (pip install 'nutgraf[test]')")
distributed = pytest.importorskip("dask.distributed", reason="dask[distributed] is not installed")
pd = pytest.importorskip("pandas", reason="pandas is not installed (dask[dataframe] brings it)")
dd = pytest.importorskip("dask.dataframe", reason="dask[dataframe] is not installed")
import dask.bag as db  # noqa: E402

RECORDS = 200


@pytest.fixture(scope="module")
def texts():
    return [r["article"] for r in read_jsonl("summarization/bbc_news_summary.jsonl")[:RECORDS]]


@pytest.fixture(scope="module")
def client():
    cluster = distributed.LocalCluster(
        n_workers=2, processes=True, threads_per_worker=1, dashboard_address=None,
    )
    with cluster, distributed.Client(cluster) as client:
        yield client


def _summary_text(text):
    return str(nutgraf.summarize(text, n=2))


def test_bag_map_summarize_matches_serial(client, texts):
    serial = [nutgraf.summarize(t, n=2) for t in texts]
    bag = db.from_sequence(texts, npartitions=8).map(nutgraf.summarize, n=2)
    distributed_results = bag.compute(scheduler=client)
    assert distributed_results == serial
    assert all(isinstance(s, nutgraf.Summary) for s in distributed_results)


def test_dataframe_map_partitions_matches_serial(client, texts):
    serial = [str(nutgraf.summarize(t, n=2)) for t in texts]
    frame = dd.from_pandas(pd.DataFrame({"text": texts}), npartitions=8)
    column = frame.map_partitions(lambda df: df.text.map(_summary_text), meta=("text", "object"))
    assert list(column.compute(scheduler=client)) == serial

"""nutgraf in PySpark gives the serial results.

A local[2] session runs pandas UDFs in Spark's own Python worker processes,
so this checks that nutgraf imports and computes there as it does here, and
that the column results come back equal to the serial ones record by record.
"""
import os
import shutil
import sys

import pytest

import nutgraf

from conftest import read_jsonl


def _require(condition, reason):
    if not condition:
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason, allow_module_level=True)


def _importable(name):
    try:
        __import__(name)
    except ImportError:
        return False
    return True


if os.environ.get("NUTGRAF_SANITIZED"):
    # make test-asan preloads the sanitizer runtime into every process, and
    # Spark's launcher scripts then hang; the normal suite runs this test.
    pytest.skip("Spark does not start with AddressSanitizer preloaded", allow_module_level=True)
_require(_importable("pyspark"), "pyspark is not installed (pip install 'nutgraf[test]')")
_require(_importable("pandas") and _importable("pyarrow"),
         "pandas UDFs need pandas and pyarrow (pyspark[sql] brings them)")
_require(shutil.which("java") or os.environ.get("JAVA_HOME"),
         "Spark needs Java: no java on PATH and no JAVA_HOME (apt-get install default-jre-headless)")

import pandas as pd  # noqa: E402
from pyspark.sql import SparkSession  # noqa: E402
from pyspark.sql.functions import pandas_udf  # noqa: E402
from pyspark.sql.types import ArrayType, IntegerType, StringType  # noqa: E402

RECORDS = 100


@pytest.fixture(scope="module")
def records():
    return [(r["id"], r["article"]) for r in read_jsonl("summarization/bbc_news_summary.jsonl")[:RECORDS]]


@pytest.fixture(scope="module")
def spark():
    with pytest.MonkeyPatch.context() as patch:
        # Spark's Python workers must be this interpreter, where nutgraf is installed.
        patch.setenv("PYSPARK_PYTHON", sys.executable)
        session = (
            SparkSession.builder.master("local[2]")
            .appName("nutgraf-test")
            .config("spark.driver.host", "127.0.0.1")
            .config("spark.driver.bindAddress", "127.0.0.1")
            .config("spark.ui.enabled", "false")
            # A short job gains nothing from the optimising JIT or a parallel
            # collector, and starting without them takes seconds off.
            .config("spark.driver.extraJavaOptions", "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC")
            .config("spark.sql.shuffle.partitions", "2")
            .getOrCreate()
        )
        session.sparkContext.setLogLevel("ERROR")
        yield session
        session.stop()


@pandas_udf(StringType())
def summary_text(texts: pd.Series) -> pd.Series:
    return texts.map(lambda t: str(nutgraf.summarize(t, n=2)))


@pandas_udf(ArrayType(IntegerType()))
def summary_indices(texts: pd.Series) -> pd.Series:
    return texts.map(lambda t: [s.index for s in nutgraf.summarize(t, n=2)])


@pandas_udf(ArrayType(ArrayType(IntegerType())))
def spans(texts: pd.Series) -> pd.Series:
    return texts.map(lambda t: [list(span) for span in nutgraf.sentence_spans(t)])


def test_pandas_udfs_match_serial(spark, records):
    frame = spark.createDataFrame(records, "id string, text string")  # a partition per worker
    rows = frame.select(
        "id",
        summary_text("text").alias("summary"),
        summary_indices("text").alias("indices"),
        spans("text").alias("spans"),
    ).collect()
    got = {row["id"]: (row["summary"], list(row["indices"]), [tuple(s) for s in row["spans"]]) for row in rows}
    assert len(got) == len(records)
    for ident, text in records:
        summary = nutgraf.summarize(text, n=2)
        assert got[ident] == (str(summary), [s.index for s in summary], nutgraf.sentence_spans(text)), ident

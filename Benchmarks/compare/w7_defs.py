"""W7's definitions file: one job with one op (`dagster job list -f w7_defs.py`)."""

from dagster import job, op


@op
def only() -> int:
    return 1


@job
def one_op_job():
    only()

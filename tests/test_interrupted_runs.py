"""Runs killed with kill -9 while dbt works: dbt and the run's other processes stop, the
run is marked failed (as `serapan run`, `serapan dev` and its sensor do), and the next
run goes through.

Real Dagster runs in processes of their own, on the session's Dagster instance, running
real dbt through serapan's dbt resource against the session warehouse. The sensor learns
where the warehouse is (and so whether only this machine reaches Dagster's storage) from
its `warehouse` resource, as a run's steps do.
"""

from __future__ import annotations

import subprocess
import sys
import time

import dagster as dg
import psutil
import pytest

from pipelines.interrupted_runs import interrupted_runs_sensor
from pipelines.resources import WarehouseResource
from tests.db import query

pytestmark = pytest.mark.long  # handed out first (tests/conftest.py)

# `in-process`: executed in the process that starts it, as `serapan run` does.
# `multiprocess`: its step in a process of its own, as under `serapan dev`.
RUN = """
import socket, sys
import dagster as dg
from dagster_dbt import DbtCliResource
from pipelines.dbt import DBT_PROJECT, dbt_resource
from pipelines.resources import WarehouseResource

@dg.op(config_schema={"seconds": int})
def dbt_waits(context, dbt: DbtCliResource):
    dbt.cli(["show", "--inline", f"select pg_sleep({context.op_config['seconds']}) as slept"],
            manifest=DBT_PROJECT.manifest_path).wait()

@dg.job(executor_def=dg.multiprocess_executor,
        resource_defs={"dbt": dbt_resource(WarehouseResource.from_environment())})
def dbt_in_a_run():
    dbt_waits()

if __name__ == "__main__":  # with the warehouse and DAGSTER_HOME of the test session
    options = dict(run_config={"ops": {"dbt_waits": {"config": {"seconds": int(sys.argv[2])}}}},
                   tags={"serapan/host": socket.gethostname()})
    with dg.DagsterInstance.get() as instance:
        if sys.argv[1] == "in-process":
            dbt_in_a_run.execute_in_process(instance=instance, **options)
        else:
            result = dg.execute_job(dg.reconstructable(dbt_in_a_run), instance, **options)
            sys.exit(0 if result.success else 1)
"""
SLEEP = "pg_sleep(600)"
IN_PROGRESS = (dg.DagsterRunStatus.STARTING, dg.DagsterRunStatus.STARTED,
               dg.DagsterRunStatus.CANCELING)


def test_a_killed_run_takes_dbt_with_it_and_no_longer_holds_the_queue(warehouse, tmp_path):
    script = tmp_path / "run.py"
    script.write_text(RUN)
    run = subprocess.Popen([sys.executable, str(script), "in-process", "600"])
    dbt = _dbt_processes_once_querying(run, warehouse)
    try:
        run.kill()  # kill -9 of the process that executes the run
        run.wait()
        _assert_stopped(dbt, warehouse)
    finally:
        _kill(dbt)

    with dg.DagsterInstance.get() as instance:
        [killed] = _runs(instance, dg.DagsterRunStatus.STARTED)
        # What `serapan dev` does every minute (`serapan run` and `dev` at their start).
        _tick(instance)
        assert instance.get_run_by_id(killed.run_id).status == dg.DagsterRunStatus.FAILURE
        assert _runs(instance, *IN_PROGRESS) == []  # the queue's one slot is free
        failure = instance.all_logs(killed.run_id, of_type=dg.DagsterEventType.RUN_FAILURE)
        assert "sudah tidak ada / the process of this run is gone" in failure[-1].message

    finished = subprocess.run([sys.executable, str(script), "in-process", "0"])
    assert finished.returncode == 0
    with dg.DagsterInstance.get() as instance:
        assert _runs(instance, dg.DagsterRunStatus.SUCCESS) != []


def test_the_step_processes_of_a_killed_run_worker_are_stopped(warehouse, tmp_path):
    """Under `serapan dev` the out-of-memory killer may take the run's worker: its step
    process, and the step's dbt, would work on as orphans. Dagster's code server marks
    such a run failed, as done here; the sensor stops what is left."""
    script = tmp_path / "run.py"
    script.write_text(RUN)
    worker = subprocess.Popen([sys.executable, str(script), "multiprocess", "600"])
    dbt = _dbt_processes_once_querying(worker, warehouse)
    step = [process for process in psutil.Process(worker.pid).children()
            if process.pid in {parent.pid for d in dbt for parent in d.parents()}]
    try:
        worker.kill()
        worker.wait()
        time.sleep(2)
        assert all(process.is_running() for process in step + dbt)  # orphans at work
        with dg.DagsterInstance.get() as instance:
            [killed] = _runs(instance, dg.DagsterRunStatus.STARTED)
            instance.report_run_failed(killed, "as Dagster's code server reports it")
            _tick(instance)
        _assert_stopped(step + dbt, warehouse)
    finally:
        _kill(step + dbt)


UNTAGGED = """
import time
import dagster as dg

@dg.op
def waits():
    time.sleep(600)

@dg.job
def untagged_run():
    waits()

if __name__ == "__main__":  # a run of no machine's tag, as an older serapan started them
    with dg.DagsterInstance.get() as instance:
        untagged_run.execute_in_process(instance=instance)
"""


def test_the_sensor_knows_the_warehouse_from_its_resource_not_the_environment(
        warehouse, tmp_path, monkeypatch):
    """A run that names no machine is judged only when Dagster's storage is the embedded
    warehouse, which no other machine reaches: the sensor's resource, not the process's
    environment, says where the warehouse is."""
    script = tmp_path / "untagged.py"
    script.write_text(UNTAGGED)
    run = subprocess.Popen([sys.executable, str(script)])
    try:
        with dg.DagsterInstance.get() as instance:
            assert _wait_until(lambda: _started(instance), 60), "the run never started"
            [started] = _started(instance)
            run.kill()
            run.wait()
            # The environment says the embedded warehouse; the resource, a server that other
            # machines may reach (never connected to: the tick only reads where it is).
            monkeypatch.delenv("WAREHOUSE_URL", raising=False)
            _tick(instance, WarehouseResource(url="postgresql://serapan@gudang.invalid/serapan"))
            assert instance.get_run_by_id(started.run_id).status == dg.DagsterRunStatus.STARTED
            # The other way round: the embedded warehouse, whatever the environment says.
            monkeypatch.setenv("WAREHOUSE_URL", "postgresql://serapan@gudang.invalid/serapan")
            _tick(instance, WarehouseResource(home=str(tmp_path / "home")))
            assert instance.get_run_by_id(started.run_id).status == dg.DagsterRunStatus.FAILURE
    finally:
        run.kill()
        run.wait()


def _started(instance) -> list:
    """The untagged run, once it said which process executes it."""
    def says_its_pid(run) -> bool:
        return any("pid" in entry.dagster_event.engine_event_data.metadata
                   for entry in instance.all_logs(
                       run.run_id, of_type={dg.DagsterEventType.ENGINE_EVENT}))

    return [run for run in _runs(instance, dg.DagsterRunStatus.STARTED, job="untagged_run")
            if says_its_pid(run)]


def _tick(instance, resource: WarehouseResource | None = None) -> None:
    """A tick of the sensor, its `warehouse` resource as the definitions configure it
    unless given."""
    with dg.build_sensor_context(instance=instance, resources={
            "warehouse": resource or WarehouseResource.from_environment()}) as context:
        interrupted_runs_sensor(context)


def _assert_stopped(processes: list[psutil.Process], warehouse) -> None:
    _, alive = psutil.wait_procs(processes, timeout=30)
    assert not alive, f"still running without their run: {alive}"
    assert _wait_until(lambda: not _sleeping_queries(warehouse)), "its query runs on"


def _runs(instance, *statuses, job: str = "dbt_in_a_run") -> list:
    return [record.dagster_run for record in instance.get_run_records(
        dg.RunsFilter(job_name=job, statuses=list(statuses)))]


def _dbt_processes_once_querying(run: subprocess.Popen, warehouse) -> list[psutil.Process]:
    """The run's dbt processes, once dbt's query is running in the warehouse."""
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline and run.poll() is None:
        if _sleeping_queries(warehouse):
            children = psutil.Process(run.pid).children(recursive=True)
            return [child for child in children if "dbt" in " ".join(child.cmdline())]
        time.sleep(0.2)
    raise AssertionError(f"dbt never queried the warehouse (exit status {run.poll()})")


def _sleeping_queries(warehouse) -> list[tuple]:
    return query(warehouse, "select pid from pg_stat_activity where state = 'active' "
                 "and query like %s and pid <> pg_backend_pid()", (f"%{SLEEP}%",))


def _wait_until(condition, seconds: float = 30) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.2)
    return False


def _kill(processes: list[psutil.Process]) -> None:
    """Whatever a failed test left running."""
    for process in processes:
        try:
            process.kill()
        except psutil.NoSuchProcess:
            pass

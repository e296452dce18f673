"""Each GX suite's asset check hangs on the raw asset whose rows it judges, and reports
the verdict the quality step recorded in its materialization (quality/flags), with the
flags in force counted when the check runs."""

from __future__ import annotations

import dagster as dg


def _checks_run(instance):
    """The suites' checks alone, as a run that lands no flags runs them: from the latest
    quality step's materialization in `instance`."""
    from pipelines.definitions import raw_assets
    from pipelines.quality.assets import quality_checks
    from pipelines.resources import InboxResource, WarehouseResource

    checks = quality_checks()
    defs = dg.Definitions(
        assets=raw_assets, asset_checks=[checks],
        jobs=[dg.define_asset_job("checks", selection=dg.AssetSelection.checks(checks))],
        resources={"warehouse": WarehouseResource.from_environment(),
                   "inbox": InboxResource.from_environment()})
    result = defs.resolve_job_def("checks").execute_in_process(instance=instance,
                                                              raise_on_error=False)
    return result, {(e.asset_key.to_user_string(), e.check_name): e
                    for e in result.get_asset_check_evaluations()}


def test_a_suite_verdict_is_reported_on_its_sources_raw_asset(warehouse):
    from pipelines.quality.assets import flags_in_force
    from pipelines.quality.checks import FLAGS_KEY
    from pipelines.quality.step import suite_names

    instance = dg.DagsterInstance.ephemeral()
    result, _ = _checks_run(instance)
    # no quality step yet: the checks say so, rather than pass
    assert not result.success
    [failure] = [e for e in result.all_events if e.is_step_failure]
    assert "quality/flags belum pernah dijalankan" in str(failure.step_failure_data.error)

    passed = {"success": True, "expectations": 3, "failed_rules": [], "seconds": 0.1}
    failed = {"success": False, "expectations": 3, "seconds": 0.1, "failed_rules": [
        {"rule_id": "ANG-004", "severity": "error", "unexpected_count": 2,
         "pesan": "Kode sub kegiatan salah format", "contoh": ["1.02.02.2.01.1"]}]}
    suites = {name: passed for name in suite_names()} | {"anggaran": failed}
    instance.report_runless_asset_event(dg.AssetMaterialization(
        FLAGS_KEY, metadata={"suites": dg.MetadataValue.json(suites)}))
    result, evaluations = _checks_run(instance)
    assert result.success and len(evaluations) == len(suite_names())
    anggaran = evaluations[("raw/anggaran_rekap5", "gx_anggaran")]
    assert (anggaran.passed, anggaran.severity) == (False, dg.AssetCheckSeverity.ERROR)
    assert anggaran.metadata["flagged_values"].value == 2
    assert anggaran.metadata["failed_rules"].value[0]["rule_id"] == "ANG-004"
    # a suite GX passed stays red while flags of an earlier night are in force
    in_force = flags_in_force(warehouse)
    rak = evaluations[("raw/rak_anggaran_kas", "gx_rak")]
    assert rak.passed == (not in_force.get("rak"))
    assert rak.metadata["temuan_berlaku_error"].value == in_force.get("rak", {}).get("error", 0)

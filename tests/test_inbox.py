"""Sidecar metadata: what a file does not say about itself."""

from datetime import date

import pytest

from pipelines.inbox import FileMeta, MetadataError, read_meta, write_meta


def test_sidecar_round_trip_keeps_unknown_keys(tmp_path):
    path = tmp_path / "rfk" / "laporan.xlsx"
    path.parent.mkdir()
    path.write_bytes(b"x")
    meta = FileMeta("rfk", "99.01", 2025, periode="2025-03", kode_opd="1.02",
                    extra={"diterima": "2025-04-08"})
    write_meta(path, meta)
    assert read_meta(path) == meta
    # A person may write extra keys at the top level; they land in extra too.
    path.with_name(path.name + ".meta.json").write_text(
        '{"source": "rfk", "periode": "2025-03", "diterima": "2025-04-09"}')
    assert read_meta(path).extra == {"diterima": "2025-04-09"}


@pytest.mark.parametrize("text, problem", [
    ('{"source": "anggaran", "versi": "murni"}', "tanggal_versi"),
    ('{"source": "anggaran", "versi": "revisi", "tanggal_versi": "2025-01-02"}', "versi"),
    ('{"source": "rfk", "periode": "Maret"}', "YYYY-MM"),
    ('{"source": "sp2d"}', "tidak sesuai folder"),
    ("{not json", "JSON"),
])
def test_bad_sidecars_are_refused_with_the_reason(tmp_path, text, problem):
    path = tmp_path / ("rfk" if "rfk" in text or "{not" in text else "anggaran") / "f.xlsx"
    path.parent.mkdir()
    path.write_bytes(b"x")
    path.with_name(path.name + ".meta.json").write_text(text)
    with pytest.raises(MetadataError, match=problem):
        read_meta(path)


def test_version_date_is_a_date(tmp_path):
    path = tmp_path / "anggaran" / "a.xlsx"
    path.parent.mkdir()
    path.write_bytes(b"x")
    write_meta(path, FileMeta("anggaran", "99.01", 2025, "pergeseran_2", date(2025, 7, 1)))
    assert read_meta(path).tanggal_versi == date(2025, 7, 1)

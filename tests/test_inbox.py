"""Sidecar metadata: what a file does not say about itself."""

from datetime import date

import pytest

from pipelines.inbox import FileMeta, MetadataError, read_meta, write_meta
from pipelines.sources import SOURCE_NAMES


def test_the_registry_holds_the_sources_the_inbox_takes_by_the_same_names():
    from pipelines.sources import SOURCES

    assert tuple(SOURCES) == SOURCE_NAMES
    with pytest.raises(MetadataError, match="unknown source"):
        FileMeta("apbd").validate("inbox/apbd/x.xlsx")


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


def test_the_inbox_takes_regular_files_only_and_names_what_it_refuses(tmp_path):
    """Links, devices and fifos, hard links and linked sidecars are never read: real ones."""
    from pipelines.inbox import pending_files
    from pipelines.inbox_entries import scan_inbox
    from tests.conftest import add_links

    inbox, outside = tmp_path / "inbox", tmp_path / "di-luar"
    good = inbox / "sp2d" / "register-sp2d-maret.xlsx"
    good.parent.mkdir(parents=True)
    good.write_bytes(b"x")
    secret = tmp_path / "warehouse.json"
    secret.write_text('{"password": "rahasia"}')
    entries = add_links(inbox, outside, secret)

    assert pending_files(inbox) == [good]
    scan = scan_inbox(inbox)
    assert scan.files == [good]
    reasons = {refused.path: refused.reason for refused in scan.refused}
    assert set(reasons) == set(entries.values())
    assert reasons[entries["password"]].startswith(
        f"tautan simbolik ke / symbolic link to {secret}")
    assert "not a regular file (a device, fifo or socket)" in reasons[entries["fifo"]]
    assert "1 other hard link(s)" in reasons[entries["hard_link"]]
    assert "symbolic link" in reasons[entries["folder"]]
    assert reasons[entries["sidecar"]].startswith(
        "sidecar sidecar-tautan.xlsx.meta.json: tautan simbolik")
    assert str(scan.refused[0]).startswith(f"{scan.refused[0].path}: ditolak / refused: ")
    # One source's folder alone, and a source's folder that is itself a link.
    assert [r.path for r in scan_inbox(inbox, "rak").refused] == [entries["hard_link"],
                                                                  entries["folder"]]
    (inbox / "anggaran").symlink_to(outside, target_is_directory=True)
    assert scan_inbox(inbox, "anggaran").files == []
    assert [r.path for r in scan_inbox(inbox, "anggaran").refused] == [inbox / "anggaran"]

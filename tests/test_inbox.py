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


def test_the_inbox_takes_regular_files_only_and_names_what_it_refuses(tmp_path):
    """Links, devices and fifos, hard links and linked sidecars are never read: real ones."""
    import os

    from pipelines.inbox import pending_files, scan_inbox

    inbox, outside = tmp_path / "inbox", tmp_path / "di-luar"
    for folder in (inbox / "sp2d", inbox / "rfk", inbox / "rak", outside / "rak"):
        folder.mkdir(parents=True)
    secret = outside / "warehouse.json"
    secret.write_text('{"password": "rahasia"}')
    (outside / "rak" / "rak.xlsx").write_bytes(b"x")
    good = inbox / "sp2d" / "sp2d-maret.csv"
    good.write_bytes(b"x")
    entries = {
        "link": inbox / "sp2d" / "leak.csv",
        "dangling link": inbox / "rfk" / "shadow.xlsx",
        "fifo": inbox / "rfk" / "pipa.xlsx",
        "hard link": inbox / "rak" / "keras.xlsx",
        "linked folder": inbox / "rak" / "luar",
        "linked sidecar": inbox / "sp2d" / "sidecar-tautan.csv",
    }
    entries["link"].symlink_to(secret)
    entries["dangling link"].symlink_to(tmp_path / "tidak-ada")
    os.mkfifo(entries["fifo"])
    os.link(outside / "rak" / "rak.xlsx", entries["hard link"])
    entries["linked folder"].symlink_to(outside / "rak", target_is_directory=True)
    entries["linked sidecar"].write_bytes(b"x")
    (inbox / "sp2d" / "sidecar-tautan.csv.meta.json").symlink_to(secret)

    assert pending_files(inbox) == [good]
    scan = scan_inbox(inbox)
    assert scan.files == [good]
    reasons = {refused.path: refused.reason for refused in scan.refused}
    assert set(reasons) == set(entries.values())
    assert reasons[entries["link"]].startswith(f"tautan simbolik ke / symbolic link to {secret}")
    assert "not a regular file (a device, fifo or socket)" in reasons[entries["fifo"]]
    assert "1 other hard link(s)" in reasons[entries["hard link"]]
    assert "symbolic link" in reasons[entries["linked folder"]]
    assert reasons[entries["linked sidecar"]].startswith(
        "sidecar sidecar-tautan.csv.meta.json: tautan simbolik")
    assert str(scan.refused[0]).startswith(f"{scan.refused[0].path}: ditolak / refused: ")
    # One source's folder alone, and a source's folder that is itself a link.
    assert [r.path for r in scan_inbox(inbox, "rfk").refused] == [entries["fifo"],
                                                                  entries["dangling link"]]
    (inbox / "realisasi").symlink_to(outside, target_is_directory=True)
    assert scan_inbox(inbox, "realisasi").files == []
    assert [r.path for r in scan_inbox(inbox, "realisasi").refused] == [inbox / "realisasi"]

"""Quality checks of the budget export."""

from pipelines.quality.checks import gx_asset_check
from pipelines.sources.anggaran import SOURCE

# Only rows of files in force: superseded and quarantined files are history.
ROWS_IN_FORCE = """
select rekap5.*
from raw.anggaran_rekap5 as rekap5
join raw.files as files using (file_id)
where files.status = 'loaded'
"""

anggaran_suite = gx_asset_check(SOURCE, "anggaran", ROWS_IN_FORCE)

"""GX Data Docs that open without internet: the CDN scripts and stylesheets GX's pages
load are copied beside them and the pages point at the copies.

GX's templates load bootstrap, jquery, font-awesome, vega and the rest from five CDNs,
and its logo from its own server (with the data context's id in the address); on a
pemda laptop without internet the pages have no layout, no table sorting, no icons.
`make_offline` runs after GX has built the site: it copies data_docs_assets/ (the exact
npm releases GX names, see its README) to <site>/static/vendor/ and rewrites every
page's references to relative paths.
"""

from __future__ import annotations

import base64
import hashlib
import os
import re
import shutil
from pathlib import Path

ASSETS_DIR = Path(__file__).resolve().parent / "data_docs_assets"
VENDOR = Path("static") / "vendor"  # in the site

# Each address GX's templates (great_expectations/render/view/templates) load, and its
# copy under data_docs_assets/. The "@5"/"@6" of vega are ranges: the copies are the
# newest releases in them when vendored.
CDN_COPIES = {
    "https://cdn.jsdelivr.net/npm/vega@5": "vega@5.33.1/build/vega.min.js",
    "https://cdn.jsdelivr.net/npm/vega-lite@5": "vega-lite@5.23.0/build/vega-lite.min.js",
    "https://cdn.jsdelivr.net/npm/vega-embed@6": "vega-embed@6.29.0/build/vega-embed.min.js",
    "https://code.jquery.com/jquery-3.7.1.min.js": "jquery@3.7.1/dist/jquery.min.js",
    "https://cdnjs.cloudflare.com/ajax/libs/popper.js/1.12.9/umd/popper.min.js":
        "popper.js@1.12.9/dist/umd/popper.min.js",
    "https://stackpath.bootstrapcdn.com/bootstrap/4.3.1/js/bootstrap.min.js":
        "bootstrap@4.3.1/dist/js/bootstrap.min.js",
    "https://maxcdn.bootstrapcdn.com/bootstrap/4.3.1/css/bootstrap.min.css":
        "bootstrap@4.3.1/dist/css/bootstrap.min.css",
    "https://unpkg.com/bootstrap-table@1.19.1/dist/bootstrap-table.min.js":
        "bootstrap-table@1.19.1/dist/bootstrap-table.min.js",
    "https://unpkg.com/bootstrap-table@1.19.1/dist/bootstrap-table.min.css":
        "bootstrap-table@1.19.1/dist/bootstrap-table.min.css",
    "https://unpkg.com/bootstrap-table@1.19.1/dist/extensions/filter-control/"
    "bootstrap-table-filter-control.min.js":
        "bootstrap-table@1.19.1/dist/extensions/filter-control/"
        "bootstrap-table-filter-control.min.js",
    "https://unpkg.com/bootstrap-table@1.19.0/dist/extensions/filter-control/"
    "bootstrap-table-filter-control.css":
        "bootstrap-table@1.19.0/dist/extensions/filter-control/bootstrap-table-filter-control.css",
    "https://unpkg.com/bootstrap-table@1.19.0/dist/extensions/filter-control/"
    "bootstrap-table-filter-control.min.css":
        "bootstrap-table@1.19.0/dist/extensions/filter-control/"
        "bootstrap-table-filter-control.min.css",
    "https://cdnjs.cloudflare.com/ajax/libs/bootstrap-datepicker/1.9.0/js/"
    "bootstrap-datepicker.min.js": "bootstrap-datepicker@1.9.0/dist/js/bootstrap-datepicker.min.js",
    "https://cdnjs.cloudflare.com/ajax/libs/bootstrap-datepicker/1.9.0/css/"
    "bootstrap-datepicker.min.css":
        "bootstrap-datepicker@1.9.0/dist/css/bootstrap-datepicker.min.css",
    "https://cdnjs.cloudflare.com/ajax/libs/font-awesome/6.6.0/css/all.min.css":
        "fontawesome-free@6.6.0/css/all.min.css",
    # the same release, minified (the unminified file is 880 kB)
    "https://cdn.jsdelivr.net/npm/@forevolve/bootstrap-dark@1.1.0/dist/css/"
    "bootstrap-prefers-dark.css": "bootstrap-dark@1.1.0/dist/css/bootstrap-prefers-dark.min.css",
}
# GX's logo, from its server; the site's static/images/ has the same file.
GX_WEB_ASSETS = "https://great-expectations-web-assets.s3.us-east-2.amazonaws.com/"

# The tags whose src= or href= the page loads (a stylesheet, an icon, a script, an
# image); links to other pages are <a> tags, left alone.
_TAG = re.compile(r"<(?:script|link|img)\b[^>]*>", re.IGNORECASE)
_ADDRESS = re.compile(r"""\b(src|href)=(["'])([^"']+)\2""", re.IGNORECASE)
_INTEGRITY = re.compile(r"""\s+integrity=(["'])([^"']+)\1""", re.IGNORECASE)
_CROSSORIGIN = re.compile(r"""\s+crossorigin=(["'])[^"']*\1""", re.IGNORECASE)
# A background image of the pages' own styles: url('https://...').
_CSS_URL = re.compile(r"""url\((["']?)(https?://[^"')]+)\1\)""", re.IGNORECASE)


class OfflineDocsError(RuntimeError):
    pass


def make_offline(site_dir: Path) -> list[Path]:
    """Copy the assets into the site and point every page at them; returns the pages.
    A script, stylesheet or image address that has no copy raises, naming it (a newer
    GX's template: vendor its asset as data_docs_assets/README.md says)."""
    site_dir = Path(site_dir)
    vendor = site_dir / VENDOR
    shutil.rmtree(vendor, ignore_errors=True)
    shutil.copytree(ASSETS_DIR, vendor, ignore=shutil.ignore_patterns("README.md"))
    pages = sorted(site_dir.rglob("*.html"))
    for page in pages:
        text = page.read_text(encoding="utf-8")
        rewritten = _TAG.sub(lambda tag: _local_tag(tag.group(0), page, site_dir), text)
        rewritten = _CSS_URL.sub(lambda url: _local_url(url.group(2), page, site_dir),
                                 rewritten)
        if rewritten != text:
            page.write_text(rewritten, encoding="utf-8")
    return pages


def _local_tag(tag: str, page: Path, site_dir: Path) -> str:
    found = _ADDRESS.search(tag)
    if found is None:
        return tag
    address = found.group(3)
    if re.match(r"https?://", address, re.IGNORECASE):
        local = _local_copy(address, page, site_dir)
    elif "static/" in address and not (page.parent / address).is_file():
        # GX's favicon on a validation page counts one folder too few: the site's file
        local = site_dir / "static" / address.split("static/", 1)[1]
    else:
        return tag
    integrity = _INTEGRITY.search(tag)
    if integrity is not None:
        _check_integrity(local, integrity.group(2))
    attribute, quote = found.group(1), found.group(2)
    tag = tag.replace(found.group(0), f"{attribute}={quote}{_relative(local, page)}{quote}")
    # A page opened from a file may not load a script with crossorigin= (files have no
    # CORS); the copy was checked against the integrity hash above.
    return _CROSSORIGIN.sub("", _INTEGRITY.sub("", tag))


def _local_url(address: str, page: Path, site_dir: Path) -> str:
    image = _gx_image(address, site_dir)
    if address.startswith(GX_WEB_ASSETS) and image is None:
        return "none"  # GX's dark-mode logo, not in the site: no request for it
    return f"url('{_relative(_local_copy(address, page, site_dir), page)}')"


def _local_copy(address: str, page: Path, site_dir: Path) -> Path:
    if address in CDN_COPIES:
        return site_dir / VENDOR / CDN_COPIES[address]
    image = _gx_image(address, site_dir)
    if image is None:
        raise OfflineDocsError(f"{page.relative_to(site_dir)}: {address} tidak ada salinannya "
                               "/ has no local copy (pipelines/quality/data_docs_assets)")
    return image


def _gx_image(address: str, site_dir: Path) -> Path | None:
    """GX's own image (its logo), where the site's static/images/ has the file."""
    if not address.startswith(GX_WEB_ASSETS):
        return None
    image = site_dir / "static" / "images" / address[len(GX_WEB_ASSETS):].split("?")[0]
    return image if image.is_file() else None


def _relative(local: Path, page: Path) -> str:
    return Path(os.path.relpath(local, page.parent)).as_posix()


def _check_integrity(path: Path, integrity: str) -> None:
    algorithm, _, expected = integrity.partition("-")
    actual = base64.b64encode(hashlib.new(algorithm, path.read_bytes()).digest()).decode()
    if actual != expected:
        raise OfflineDocsError(f"{path.name}: isinya bukan yang dimuat GX / not the file GX "
                               f"loads ({integrity})")

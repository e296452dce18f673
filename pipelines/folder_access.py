"""Letting one OS user pass through folders it does not own, and nothing more.

Run as root, the embedded PostgreSQL runs as a user of its own, which must reach its
binaries (in the virtualenv) and its data (under SERAPAN_HOME) through folders that may be
private to root: /root, or what `mktemp -d` makes. Opening those folders to everyone
(chmod o+rx) would let every user of the machine list them; instead each folder on the way
that stops the user gets one POSIX ACL entry, `user:<name>:--x` (traverse only: the user
cannot list the folder, only reach the path it is given), as `setfacl -m u:<name>:x`
would add. Written through the `system.posix_acl_access` attribute (the format of
linux/posix_acl_xattr.h), so no `acl` package is needed.
"""

from __future__ import annotations

import errno
import os
import stat
import struct
from pathlib import Path

ACL_XATTR = "system.posix_acl_access"
ACL_VERSION = 2
USER_OBJ, USER, GROUP_OBJ, GROUP, MASK, OTHER = 0x01, 0x02, 0x04, 0x08, 0x10, 0x20
NO_ID = 0xFFFFFFFF
EXECUTE = 1
_HEADER, _ENTRY = struct.Struct("<I"), struct.Struct("<HHI")


class NoAclSupport(OSError):
    """The folder's filesystem keeps no ACLs (some network and FAT filesystems)."""


def let_user_pass(path: Path, uid: int, gids: set[int]) -> None:
    """Every folder above `path` lets the user `uid` (in groups `gids`) pass through: those
    of the path as written and, through any symbolic link on it, of the path it leads to."""
    folders = set(path.absolute().parents) | set(path.resolve().parents)
    for folder in sorted(folders, key=lambda folder: len(folder.parts)):
        _let_pass(folder, uid, gids)


def _let_pass(folder: Path, uid: int, gids: set[int]) -> None:
    info = folder.stat()
    entries = _read_acl(folder, info.st_mode)
    named = {entry_id: perm for tag, perm, entry_id in entries if tag == USER}
    # A chmod that takes the group's x away takes it from the mask, so from named entries.
    mask = next((perm for tag, perm, _ in entries if tag == MASK),
                next(perm for tag, perm, _ in entries if tag == GROUP_OBJ))
    if info.st_uid == uid or named.get(uid, 0) & mask & EXECUTE:
        return
    by_others = (info.st_mode & stat.S_IXOTH and uid not in named
                 and info.st_gid not in gids
                 and not any(tag == GROUP and entry_id in gids for tag, _, entry_id in entries))
    if by_others:
        return  # the user is "other" here, and others may pass
    named[uid] = named.get(uid, 0) | EXECUTE
    kept = [(tag, perm, entry_id) for tag, perm, entry_id in entries if tag not in (USER, MASK)]
    acl = kept + [(USER, perm, entry_id) for entry_id, perm in named.items()]
    acl.append((MASK, mask | EXECUTE, NO_ID))
    _write_acl(folder, sorted(acl, key=lambda entry: (entry[0], entry[2])))


def _read_acl(folder: Path, mode: int) -> list[tuple[int, int, int]]:
    try:
        raw = os.getxattr(folder, ACL_XATTR)
    except OSError as exc:
        if exc.errno == errno.ENODATA:  # no ACL: the mode bits are the whole of it
            return [(USER_OBJ, (mode >> 6) & 7, NO_ID), (GROUP_OBJ, (mode >> 3) & 7, NO_ID),
                    (OTHER, mode & 7, NO_ID)]
        if exc.errno in (errno.EOPNOTSUPP, errno.ENOTSUP):
            raise NoAclSupport(exc.errno, "no ACL support", str(folder)) from None
        raise
    return [_ENTRY.unpack_from(raw, offset)
            for offset in range(_HEADER.size, len(raw), _ENTRY.size)]


def _write_acl(folder: Path, entries: list[tuple[int, int, int]]) -> None:
    raw = _HEADER.pack(ACL_VERSION) + b"".join(_ENTRY.pack(*entry) for entry in entries)
    try:
        os.setxattr(folder, ACL_XATTR, raw)
    except OSError as exc:
        if exc.errno in (errno.EOPNOTSUPP, errno.ENOTSUP):
            raise NoAclSupport(exc.errno, "no ACL support", str(folder)) from None
        raise

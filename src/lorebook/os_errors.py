"""Operating-system errors as one line that says what to do (no traceback).

Every layer that touches the disk turns an `OSError` into this line: ingest per file (so the
rest of a batch goes on), the CLI once for everything else. Bottom layer: imports nothing of ours.
"""

from __future__ import annotations

import errno
import os

_ADVICE = {
    errno.ENAMETOOLONG: "name too long for this file system; rename it shorter and run again",
    errno.ENOSPC: "disk full; free some space and run again",
    errno.EDQUOT: "disk quota exceeded; free some space and run again",
    errno.EACCES: "permission denied; fix the permissions (ls -l, chmod, chown) and run again",
    errno.EPERM: "operation not permitted; fix the permissions (ls -l, chmod, chown) and run again",
    errno.EROFS: "read-only file system; use a writable folder and run again",
    errno.ENOENT: "no such file or folder; check the path and run again",
    errno.EMFILE: "too many open files; raise the limit (ulimit -n) and run again",
    errno.EFBIG: "file larger than this process may write (see `ulimit -f`) or the file system allows; free space or raise the limit and run again",
    errno.EIO: "input/output error; check the disk and run again",
    errno.ELOOP: "too many levels of symbolic links; point it at a real file and run again",
}


def cwd_exists() -> bool:
    try:
        os.getcwd()
        return True
    except OSError:
        return False


def describe(e: OSError, path: object = None) -> str:
    """`path: what went wrong; what to do`, in one line."""
    if e.errno == errno.ENOENT and e.filename is None and not cwd_exists():
        return "the working directory no longer exists; cd to an existing folder (e.g. `cd ~`) and run again"
    where = path if path is not None else (e.filename if e.filename is not None else "")
    advice = _ADVICE.get(e.errno) or f"{e.strerror or type(e).__name__}; check the file and run again"
    return f"{where}: {advice}" if where != "" else advice


def is_disk_full(e: BaseException) -> bool:
    """An OSError or a database error (SQLite says 'database or disk is full') caused by a full disk."""
    if isinstance(e, OSError):
        return e.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG)
    return "disk is full" in str(e) or "No space left" in str(e)


def describe_database_error(e: BaseException) -> str | None:
    """One line for a database error the disk caused (full, read-only, failing); None for any other error."""
    if os_errors_module_name(e) not in ("sqlalchemy.exc", "sqlite3"):  # sqlite3: the light read path (store/db.py)
        return None
    if is_disk_full(e):
        return "disk full while writing the wiki; nothing was half-written: free some space and run again"
    reason = str(getattr(e, "orig", None) or e).splitlines()[0]
    if any(w in reason for w in ("disk I/O error", "readonly database", "unable to open database")):
        return (f"the wiki's database could not be written ({reason}); the disk may be full or read-only: "
                "check free space (`df -h`) and permissions, then run again")
    return None


def os_errors_module_name(e: BaseException) -> str:
    return type(e).__module__

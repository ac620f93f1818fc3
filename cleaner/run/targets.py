"""Output targets of ``cleaner clean``: which are refused, and the lock that keeps two
runs off one output.

* an output (or rejects file) that is one of the inputs is refused: it would replace
  the input; so is a folder output inside an input folder, whose files the walk of
  that folder would read back as inputs in the same run (a file output appears only
  at the end, after the walk);
* the rejects file must differ from the output;
* a run holds an exclusive lock (``fcntl.flock``) on ``.OUTPUT.lock`` beside each of
  its output files (or folders) from start to commit, so a second run of the same
  output, ``--resume`` included, stops with an error instead of deleting or
  mixing the first run's files.  Devices and FIFOs (``-o /dev/null``) are not
  locked: they are written directly (see :mod:`cleaner.io.sinks`).
"""

from __future__ import annotations

import errno
import fcntl
import os
from pathlib import Path

from ..io.sinks import is_special
from ..io.sources import STDIN


class TargetError(ValueError):
    """An output target that must not be written (a usage error)."""


class LockedError(OSError):
    """Another live run holds the lock on an output."""


def check_targets(inputs: list[str], output: str | None, rejects: Path | None, folder_output: bool = False) -> None:
    """Refuse outputs that are inputs or each other, and a folder output (``folder_output``)
    inside an input folder."""
    real_inputs = [_real(p) for p in inputs if p != STDIN]
    named = [("output", output), ("--rejects", str(rejects) if rejects else None)]
    for label, target in named:
        if target is None or is_special(Path(target)):
            continue
        real = _real(target)
        for raw, path in zip([p for p in inputs if p != STDIN], real_inputs):
            if real == path or _samefile(target, raw):
                raise TargetError(f"{label} {target} is also an input: it would be overwritten")
            if folder_output and label == "output" and os.path.isdir(path) and real.startswith(path + os.sep):
                raise TargetError(f"output folder {target} is inside the input folder {raw}: "
                                  "its files would be read back as inputs")
    if output and rejects and not is_special(rejects) and (
            _real(output) == _real(str(rejects)) or _samefile(output, str(rejects))):
        raise TargetError(f"--rejects {rejects} is the output file: give it a name of its own")


def _real(path: str) -> str:
    return os.path.realpath(os.path.abspath(path)).rstrip(os.sep) or os.sep


def _samefile(a: str, b: str) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def lock_path(target: Path) -> Path:
    """The lock file of an output: ``.NAME.lock`` in the same folder."""
    target = Path(str(target).rstrip(os.sep) or os.sep)
    return target.with_name(f".{target.name}.lock")


class OutputLock:
    """Exclusive locks on the outputs of one run (released, and their files removed, on exit)."""

    def __init__(self, targets: list[Path]) -> None:
        self.held: list[tuple[Path, int]] = []
        try:
            for target in targets:
                if not is_special(target):
                    self.held.append((lock_path(target), _acquire(lock_path(target), target)))
        except LockedError:
            self.release()
            raise
        except OSError as exc:  # no such folder, read-only, no permission: name the output
            self.release()
            raise OSError(exc.errno, exc.strerror, str(target)) from None
        except BaseException:
            self.release()
            raise

    def release(self) -> None:
        for path, fd in self.held:
            try:
                path.unlink(missing_ok=True)  # while still locked: a waiting run re-checks the inode
            finally:
                os.close(fd)
        self.held = []

    def __enter__(self) -> "OutputLock":
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()


def _acquire(path: Path, target: Path) -> int:
    """Lock ``path`` (created if need be); LockedError if another process holds it."""
    while True:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            os.close(fd)
            if exc.errno in (errno.EWOULDBLOCK, errno.EACCES):
                raise LockedError(errno.EBUSY, f"another run is writing {target} (lock {path})") from None
            raise
        if _same_inode(fd, path):  # not unlinked by a run that just finished
            os.ftruncate(fd, 0)
            os.write(fd, f"{os.getpid()}\n".encode())
            return fd
        os.close(fd)


def _same_inode(fd: int, path: Path) -> bool:
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return False
    own = os.fstat(fd)
    return (st.st_dev, st.st_ino) == (own.st_dev, own.st_ino)

"""The build cache: what earlier builds worked out, kept in `<root>/.factsheet-cache/`.

Reading an article (parsing, checking, extracting, rendering its body) is
most of a build's work, and its result depends only on the file's bytes, the
settings, and factsheet's own code. So each result is stored under a key
made of exactly those: the file's content hash and path, a hash of
`SiteConfig`, and a hash of the generator package's source files and version.
Change any of them and the key changes; nothing is ever invalidated by hand.

The cache also keeps the state of the last good build (`BuildState`): a key
for every input of the site and a manifest of the files written, so that a
build whose inputs did not change leaves the site as it is, and a build that
changed a few articles can hard-link the unchanged output files from the
previous site instead of writing them again.

Nothing read from the cache is trusted: each file starts with a magic
string, a format version and an HMAC of its payload under a key that lives
outside the site (in the user's cache folder, never in a repository), and
anything that does not check out (or does not unpickle) is dropped and
rebuilt. The HMAC matters because the payload is a pickle: a cache folder
planted in a repository (say, by a pull request) cannot be signed without
the key, so it is never unpickled. Every write
goes to a temporary file that is renamed into place, so a killed build
leaves either the old file or the new one.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import pickle
import sys
import uuid
from dataclasses import dataclass, field
from pathlib import Path

CACHE_DIR = ".factsheet-cache"
_MAGIC = b"FSCACHE"
_FORMAT = 3
_TAG = 16
_HEADER = len(_MAGIC) + 1 + _TAG  # magic, format byte, HMAC-SHA256 of the payload (truncated)
_SHARDS = 256  # one-edit builds rewrite one small file, not the whole cache


def digest(*parts: str | bytes) -> str:
    """A short hex hash of the parts, each length-prefixed so ("ab", "c") and ("a", "bc") differ."""
    h = hashlib.blake2b(digest_size=16)
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        h.update(len(data).to_bytes(8, "little"))
        h.update(data)
    return h.hexdigest()


_code_hash: str | None = None


def code_fingerprint() -> str:
    """A hash of factsheet itself: every source file of the package, its version, and Python's.

    Any code change must invalidate what the code computed. Hashing ~60
    small files takes about a millisecond; the sources are hashed once per
    process, the version is read on every call (tests change it).
    """
    global _code_hash
    from .. import __version__

    if _code_hash is None:
        package = Path(__file__).resolve().parent.parent   # generator/, every subpackage
        h = hashlib.blake2b(digest_size=16)
        for path in sorted(package.rglob("*.py")):
            h.update(path.relative_to(package).as_posix().encode("utf-8") + b"\0")
            h.update(path.read_bytes())
        _code_hash = h.hexdigest()
    return digest(_code_hash, __version__, sys.version, str(pickle.HIGHEST_PROTOCOL))


def folder_fingerprint(folders: list[Path]) -> str:
    """A hash of every file (path and bytes) under the folders, in order: the theme and its overrides."""
    h = hashlib.blake2b(digest_size=16)
    for index, folder in enumerate(folders):
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            h.update(f"{index}:{path.relative_to(folder).as_posix()}\0".encode("utf-8"))
            h.update(path.read_bytes())
            h.update(b"\0")
    return h.hexdigest()


_key: bytes | None = None


def _signing_key(create: bool = True) -> bytes:
    """This user's secret cache key, made on first use in their cache folder (mode 0600).

    With `create` False (a command that writes nothing) a missing key is not
    made: b"" is returned, and no cache file verifies against it.
    """
    global _key
    if _key is None:
        base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "factsheet"
        path = base / "cache-key"
        try:
            found = path.read_bytes()
        except OSError:
            found = b""
        if len(found) >= 32:
            _key = found
        elif not create:
            return b""
        else:
            _key = os.urandom(32)
            try:
                base.mkdir(parents=True, exist_ok=True)
                temp = path.with_name(f".cache-key.{uuid.uuid4().hex[:8]}")
                fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
                with os.fdopen(fd, "wb") as handle:
                    handle.write(_key)
                os.replace(temp, path)
            except OSError:
                pass  # an unsaved key only means the next process cannot reuse this one's cache
    return _key


def _tag(payload: bytes, create_key: bool = True) -> bytes:
    return hmac.new(_signing_key(create_key), payload, hashlib.sha256).digest()[:_TAG]


def _pack(payload: bytes) -> bytes:
    return _MAGIC + bytes([_FORMAT]) + _tag(payload) + payload


def _unpack(data: bytes, create_key: bool = True) -> bytes | None:
    """The payload of a cache file, or None when it is not ours, from another format, damaged or forged."""
    if len(data) < _HEADER or not data.startswith(_MAGIC) or data[len(_MAGIC)] != _FORMAT:
        return None
    payload = data[_HEADER:]
    if not hmac.compare_digest(_tag(payload, create_key), data[len(_MAGIC) + 1 : _HEADER]):
        return None
    return payload


def _read(path: Path, writable: bool = True) -> object | None:
    """Unpickle a cache file; None (and, if `writable`, the file removed) when it is missing or cannot be trusted."""
    try:
        data = path.read_bytes()
    except OSError:
        return None
    payload = _unpack(data, create_key=writable)
    if payload is not None:
        try:
            return pickle.loads(payload)
        except Exception:  # noqa: BLE001 - a damaged file may fail in any way; it is rebuilt, never trusted
            pass
    if not writable:
        return None
    try:
        path.unlink()
    except OSError:
        pass
    return None


def _write(path: Path, value: object) -> None:
    """Write atomically: a temporary file in the same folder, renamed over the old one."""
    temp = path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}.tmp")
    try:
        temp.write_bytes(_pack(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)))
        os.replace(temp, path)
    except OSError:
        temp.unlink(missing_ok=True)  # a cache that cannot be written only makes the next build slower


@dataclass(frozen=True)
class OutputFile:
    """One file of the last build's output, as written: enough to know it is still untouched."""

    size: int
    mtime_ns: int
    inode: int
    hash: str  # of its bytes
    fingerprint: str = ""  # of what it was rendered from; "" when not known


@dataclass(frozen=True)
class BuildState:
    """The last good build: its inputs' key, what it reported, and what it wrote where."""

    site_key: str
    out: str  # the output folder, resolved
    diagnostics: tuple = ()
    files: dict = field(default_factory=dict)  # relative path -> OutputFile, the marker file included
    count: int = 0  # files written, as the build reported it
    spare_files: dict | None = None  # the site it replaced, kept as the spare (see write.SiteWriter); None: none
    inputs: dict | None = None  # content file path -> (size, mtime_ns, inode, hash) as read (build.SiteInputs)


class BuildCache:
    """Results of earlier builds, by key. Entries not used by a build are dropped when it saves.

    A `read_only` cache (`factsheet check`) uses what earlier builds stored
    and writes nothing: no entries, no state, no signing key, no folder.
    """

    def __init__(self, folder: Path, read_only: bool = False):
        self.folder = folder
        self.read_only = read_only
        self._shards: dict[str, dict[str, bytes]] = {}  # shard name -> entries as loaded
        self._used: dict[str, dict[str, bytes]] = {}  # shard name -> entries this build used or made
        self.hits = 0     # for `--verbose`
        self.misses = 0

    def _shard_name(self, key: str) -> str:
        return f"{int(key[:4], 16) % _SHARDS:03d}"

    def _shard(self, name: str) -> dict[str, bytes]:
        if name not in self._shards:
            loaded = _read(self.folder / f"entries-{name}.pickle", writable=not self.read_only)
            self._shards[name] = loaded if isinstance(loaded, dict) else {}
        return self._shards[name]

    def get(self, key: str) -> object | None:
        """The value stored under key, or None."""
        name = self._shard_name(key)
        blob = self._shard(name).get(key)
        if blob is not None:
            try:
                value = pickle.loads(blob)
            except Exception:  # noqa: BLE001 - see _read
                value = None
            if value is not None:
                self._used.setdefault(name, {})[key] = blob
                self.hits += 1
                return value
        self.misses += 1
        return None

    def put_blob(self, key: str, blob: bytes) -> None:
        """Store a value already pickled (worker processes hand results back pickled)."""
        self._used.setdefault(self._shard_name(key), {})[key] = blob

    def save(self) -> None:
        """Write the shards whose entries changed; entries this build did not use are dropped."""
        if self.read_only:
            self._shards.clear()
            self._used.clear()
            return
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
        except OSError:
            return
        existing = {p.name[len("entries-") : -len(".pickle")] for p in self.folder.glob("entries-*.pickle")}
        for name in sorted(existing | set(self._used)):
            used = self._used.get(name, {})
            if not used:
                (self.folder / f"entries-{name}.pickle").unlink(missing_ok=True)
            elif used != self._shard(name):  # the values are mostly the very objects loaded: cheap
                _write(self.folder / f"entries-{name}.pickle", used)
        # saved: let the pickled results go (hundreds of megabytes for a big site) before pages are rendered
        self._shards.clear()
        self._used.clear()

    # -- the last build ---------------------------------------------------------------------

    def load_state(self) -> BuildState | None:
        state = _read(self.folder / "state.pickle", writable=not self.read_only)
        return state if isinstance(state, BuildState) else None

    def save_state(self, state: BuildState | None) -> None:
        """Record the build just written (None: forget it, the output is not known any more)."""
        if self.read_only:
            return
        path = self.folder / "state.pickle"
        if state is None:
            path.unlink(missing_ok=True)
            return
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
        except OSError:
            return
        _write(path, state)


def unchanged_output(state: BuildState, out: Path) -> bool:
    """True when `out` still holds exactly the files the last build wrote (by size, mtime and inode).

    One `scandir` pass and one `stat` a file: a 10,000-article site has some 40,000 output files.
    """
    try:
        if str(out.resolve()) != state.out:
            return False
        seen = 0
        folders = [(str(out), "")]  # strings, not Paths: a Path per folder cost more than the stat calls
        while folders:
            folder, prefix = folders.pop()
            with os.scandir(folder) as entries:
                for entry in entries:
                    relative = prefix + entry.name
                    if entry.is_dir(follow_symlinks=False):
                        folders.append((entry.path, relative + "/"))
                        continue
                    recorded = state.files.get(relative)
                    st = entry.stat(follow_symlinks=False)
                    if recorded is None or (st.st_size, st.st_mtime_ns, st.st_ino) != (
                        recorded.size, recorded.mtime_ns, recorded.inode
                    ):
                        return False
                    seen += 1
    except OSError:
        return False
    return seen == len(state.files)


def cache_folder(root: Path, out: Path) -> Path | None:
    """root/.factsheet-cache, or None when it and the output folder would overlap."""
    folder = (root / CACHE_DIR).resolve()
    target = out.resolve()
    if folder == target or folder in target.parents or target in folder.parents:
        return None  # the cache must never be published, nor be deleted with an old site
    return folder

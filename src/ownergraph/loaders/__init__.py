"""Loaders: pure functions from the bytes of a filing to a :class:`~ownergraph.record.Filing`.

One module per input format, format detection in one place (:mod:`.detect`), and
one entry point, :func:`load_file` (or :func:`load_bytes`), that decodes, detects and
dispatches. Every failure is a :class:`~ownergraph.errors.LoadError` naming the file.
"""

from ownergraph.loaders.base import DEFAULT_MAX_BYTES, load_bytes, load_file
from ownergraph.loaders.formats.decode import decode
from ownergraph.loaders.formats.detect import detect_format

__all__ = ["DEFAULT_MAX_BYTES", "decode", "detect_format", "load_bytes", "load_file"]

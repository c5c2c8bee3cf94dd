"""``ownergraph build`` writes the same file for the same filing, on any machine.

Its N-Quads come from the load's own term conversion, in the order the builders made
the triples: two processes with different hash seeds (set and dict orders differ)
write byte-identical files, so a corpus built on many machines can be checked by hash.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

from ownergraph import api


def _build(out: Path, seed: str) -> dict[str, str]:
    src = str(Path(api.__file__).resolve().parents[2])
    env = {**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": src}
    cmd = [sys.executable, "-m", "ownergraph", "build", str(api.example_path()), "-o", str(out)]
    done = subprocess.run(cmd, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(out.glob("*.nq"))}


def test_two_builds_with_other_hash_seeds_write_the_same_bytes(tmp_path: Path) -> None:
    first = _build(tmp_path / "a", "1")
    second = _build(tmp_path / "b", "2")
    assert len(first) == 1
    assert first == second


def test_the_built_quads_are_the_loaded_quads(tmp_path: Path) -> None:
    import pyoxigraph as ox

    _build(tmp_path / "a", "3")
    [nq] = (tmp_path / "a").glob("*.nq")
    built = set(ox.parse(path=str(nq), format=ox.RdfFormat.N_QUADS))
    with api.open_store(tmp_path / "store") as store:
        assert not api.load_paths(store, [api.example_path()]).failed
        loaded = set(store._ox.quads_for_pattern(None, None, None, None))
    assert len(built) > 500
    assert built == loaded

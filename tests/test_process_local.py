"""ProcessLocal: pickled as its value by the process that made it, as None by any other."""

from __future__ import annotations

import copy
import multiprocessing
import pickle

from sphinx_tapssec.sphinxext.domain.process_local import ProcessLocal


def _pickled_in_child(holder: ProcessLocal[list[int]]) -> bytes:
    """*holder* pickled by a forked child, as a Sphinx parallel reader pickles its environment."""
    context = multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)
    child = context.Process(target=lambda: send.send_bytes(pickle.dumps(holder)))
    child.start()
    data = receive.recv_bytes()
    child.join()
    return data


def test_owner_pickles_the_value() -> None:
    restored = pickle.loads(pickle.dumps(ProcessLocal([1, 2, 3])))
    assert restored.value == [1, 2, 3]


def test_another_process_pickles_none() -> None:
    restored = pickle.loads(_pickled_in_child(ProcessLocal([1, 2, 3])))
    assert restored.value is None


def test_unpickling_makes_the_receiver_the_owner() -> None:
    # An environment loaded from disk by a later build is that build's to save again.
    restored = pickle.loads(pickle.dumps(ProcessLocal([4])))
    assert pickle.loads(pickle.dumps(restored)).value == [4]
    assert pickle.loads(_pickled_in_child(restored)).value is None


def test_deep_copy_keeps_the_value() -> None:
    holder = ProcessLocal([[1], [2]])
    duplicate = copy.deepcopy(holder)
    assert duplicate.value == [[1], [2]]
    assert duplicate.value is not holder.value

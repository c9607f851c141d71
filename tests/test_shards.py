"""The sharded maps that hold the incremental state: a dict's behaviour, with partial reads and writes."""

from __future__ import annotations

from lorebook.living.shards import N_SHARDS, Sharded, shard_of


def test_round_trip_keeps_values_and_order(tmp_path):
    data = {f"page-{i}": (i, f"title {i}", [i, i + 1]) for i in range(500)}
    m = Sharded.from_dict(data)
    head = m.save(tmp_path, "meta")
    back = Sharded(d=tmp_path, head=head)
    assert len(back) == 500 and dict(back.items()) == data
    assert list(back) == list(data)  # insertion order, as a dict iterates
    assert back["page-7"] == (7, "title 7", [7, 8]) and back.get("nope") is None and "nope" not in back


def test_a_lookup_reads_one_shard_and_a_save_writes_only_changed_shards(tmp_path):
    m = Sharded.from_dict({f"k{i}": i for i in range(1000)})
    head = m.save(tmp_path, "sig")
    back = Sharded(d=tmp_path, head=head)
    assert back["k5"] == 5 and len(back._shards) == 1
    copy = back.copy()
    copy["k5"] = 5  # the same value: nothing to write
    copy["k6"] = -6
    new_head = copy.save(tmp_path, "sig")
    changed = [i for i in range(N_SHARDS) if new_head["files"][i] != head["files"][i]]
    assert changed == [shard_of("k6")] and new_head["order"] == head["order"]
    assert back["k6"] == 6  # the copy's change does not show in the map it came from
    assert Sharded(d=tmp_path, head=new_head)["k6"] == -6


def test_new_and_deleted_keys_keep_dict_order(tmp_path):
    m = Sharded.from_dict({"a": 1, "b": 2, "c": 3})
    back = Sharded(d=tmp_path, head=m.save(tmp_path, "x"))
    del back["b"]
    back["d"] = 4
    back["b"] = 5
    again = Sharded(d=tmp_path, head=back.save(tmp_path, "x"))
    assert list(again.items()) == [("a", 1), ("c", 3), ("d", 4), ("b", 5)] and len(again) == 4


def test_values_are_encoded_for_disk(tmp_path):
    m = Sharded.from_dict({"a": {1, 2}}, encode=sorted, decode=set)
    back = Sharded(encode=sorted, decode=set, d=tmp_path, head=m.save(tmp_path, "t"))
    assert back["a"] == {1, 2}

"""KeptInProcess keeps at most its bound, dropping the least recently used."""

from portal.lib.kept_in_process import KeptInProcess


def test_a_value_is_computed_once_and_the_least_recently_used_goes_first():
    kept, computed = KeptInProcess(most=2), []

    def value(key):
        return kept.get_or_keep(key, lambda: computed.append(key) or key.upper())

    assert [value("a"), value("b"), value("a")] == ["A", "B", "A"]
    assert value("c") == "C"  # over the bound: "b", used least recently, goes
    assert [value("a"), value("c"), value("b")] == ["A", "C", "B"]
    assert computed == ["a", "b", "c", "b"]

    kept.clear()
    value("a")
    assert computed[-1] == "a"

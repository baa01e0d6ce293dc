from hubwork.core.sorting import natural_key


def test_numbers_inside_names_sort_as_numbers_and_case_is_ignored():
    names = ["Teacher 10", "teacher 2", "Teacher 1", "Teacher 12", "Ann", "teacher 11", "ann b"]
    assert sorted(names, key=natural_key) == [
        "Ann",
        "ann b",
        "Teacher 1",
        "teacher 2",
        "Teacher 10",
        "teacher 11",
        "Teacher 12",
    ]


def test_names_with_and_without_numbers_mix_without_error():
    assert sorted(["2nd", "Year 10", "Year 9", "10th", "Year"], key=natural_key) == [
        "2nd",
        "10th",
        "Year",
        "Year 9",
        "Year 10",
    ]


def test_digits_other_than_0_to_9_sort_as_text_without_error():
    # "²" passes str.isdigit() but int() refuses it.
    assert sorted(["Year ²", "²", "Year 2"], key=natural_key) == ["Year 2", "Year ²", "²"]

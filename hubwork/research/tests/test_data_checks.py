"""What a table of aggregate data may hold (research/data_checks.py): headings and cells that
identify a pupil are refused with their line; numbers are recognised per column."""

import pytest

from hubwork.research.data_checks import (
    MAX_ROWS,
    TableRefused,
    check_table,
    heading_problem,
    parse_number,
    read_csv,
)


def refusals(data: bytes) -> list[str]:
    with pytest.raises(TableRefused) as refused:
        read_csv(data)
    return [problem.message for problem in refused.value.problems]


@pytest.mark.parametrize(
    "heading",
    [
        "Name",
        "pupil name",
        "Pupil",
        "First name",
        "FORENAME",
        "Surname",
        "Last_Name",
        "UPN",
        "uln",
        "Candidate number",
        "Candidate No.",
        "Date of birth",
        "DOB",
        "D.O.B.",
        "Initials",
        "Email",
        "e-mail address",
        "Postcode",
        "Student",
        "child",
        "ID",
        "pupil id",
    ],
)
def test_headings_about_a_pupil_are_refused(heading):
    assert heading_problem(heading)


@pytest.mark.parametrize(
    "heading",
    [
        "class",
        "Class",
        "number in class",
        "class name",
        "school name",
        "week",
        "number answering correctly",
        "Number of pupils",
        "students giving a reason",
        "children in the group",
        "pupil premium pupils",
        "Year group",
        "class id",
        "average score (%)",
        "dynamic",  # "name" inside a word is not the word
        "renamed",
    ],
)
def test_aggregate_headings_pass(heading):
    assert heading_problem(heading) == ""


@pytest.mark.parametrize(
    ("text", "number"),
    [("12", 12), ("-3", -3), ("12.5", 12.5), ("1,234", 1234), ("45%", 45), (" 7 ", 7)],
)
def test_numbers_are_recognised(text, number):
    assert parse_number(text) == number


@pytest.mark.parametrize("text", ["twelve", "1.2.3", "12a", "=1+1", "1,23", "", "nan", "inf"])
def test_other_text_is_not_a_number(text):
    assert parse_number(text) is None


def test_a_good_file_is_read_with_its_kinds():
    table = read_csv(
        b"class,week,number answering correctly,number in class,note\r\n"
        b"8X,1,12,28,\r\n8Y,1,15.5,30,quiet week\r\n\r\n"
    )
    assert [(column["name"], column["kind"]) for column in table.columns] == [
        ("class", "text"),
        ("week", "number"),
        ("number answering correctly", "number"),
        ("number in class", "number"),
        ("note", "text"),
    ]
    assert table.rows == [["8X", 1, 12, 28, ""], ["8Y", 1, 15.5, 30, "quiet week"]]


def test_semicolons_a_byte_order_mark_and_windows_1252_are_read():
    utf8 = "\ufeffgroupe;réponses\nA;3\nB;4\n".encode()
    assert read_csv(utf8).columns[1] == {"name": "réponses", "kind": "number"}
    cp1252 = "class,score £\nA,3\n".encode("cp1252")
    assert read_csv(cp1252).columns[1]["name"] == "score £"


def test_every_problem_is_reported_with_its_line():
    messages = refusals(
        b"Pupil name,class,score,contact\n"
        b"Amy Smith,8X,3,\n"
        b"Ben Jones,8X\n"
        b"Cara Lee,8Y,4,cara@example.org\n"
        b"Dan Moss,A123456789012,1,\n"
    )
    assert messages[0].startswith("Line 1, column 1: Column “Pupil name” cannot be kept")
    assert "Line 2: “Pupil name” looks like people’s names" in messages[1]
    assert messages[2].startswith("Line 3 has 2 cells but the heading row has 4")
    assert (
        messages[3] == "Line 4: “contact” looks like an email address: identifiers cannot be kept"
    )
    assert messages[4] == (
        "Line 5: “class” looks like a unique pupil number (UPN): identifiers cannot be kept"
    )
    assert len(messages) == 5


def test_names_are_found_under_an_innocent_heading():
    messages = refusals(b"group,score\n8X,3\nOliver Brown,4\n")
    assert messages == [
        "Line 3: “group” looks like people’s names. Label classes and groups without names, "
        "for example “Class A” or “Year 8 set 2”"
    ]


def test_class_labels_and_teachers_are_not_names():
    table = read_csv(
        b"class,teacher,strategy,count\n"
        b"Oak Class,Mrs Khan,Bar models,3\n"
        b"Willow Class,Mr Patel,Think pair share,4\n"
        b"Year 8 set 2,Ms Lee,Number talks,5\n"
    )
    assert len(table.rows) == 3


def test_a_date_of_birth_is_refused_but_a_lesson_date_passes():
    assert refusals(b"group,when,count\nA,12/03/2014,3\n") == [
        "Line 2: “when” looks like a date of birth: identifiers cannot be kept"
    ]
    assert read_csv(b"group,week beginning,count\nA,2026-09-14,3\n").rows[0][1] == "2026-09-14"


def test_a_table_of_zeros_and_ones_looks_per_pupil():
    rows = b"".join(b"8X,%d\n" % (i % 2) for i in range(30))
    assert "looks like one row per pupil" in refusals(b"class,correct\n" + rows)[0]
    # Fewer rows than a class, or a count beside them, pass.
    read_csv(b"class,correct\n" + rows[:40])
    read_csv(b"class,correct,in class\n" + b"".join(b"8X,1,28\n" for _ in range(40)))


def test_sizes_are_limited():
    assert refusals(b"a,b\n" + b"x,1\n" * (MAX_ROWS + 1)) == [
        "The file must have 2,000 rows of figures or fewer"
    ]
    assert refusals(b"x" * (1024 * 1024 + 1)) == ["The file must be smaller than 1 MB"]
    assert refusals(b"") == ["The file is empty: it needs a heading row and figures"]
    assert refusals(b"class,count\n") == ["The table needs at least one row of figures"]


def test_a_heading_row_is_required_on_line_1():
    assert refusals(b"\nclass,count\nA,1\n")[0] == (
        "Line 1 is empty: the first line must be the column headings"
    )


def test_typed_tables_keep_the_kinds_given():
    checked = check_table(
        headings=["class", "week", "correct"],
        kinds=["text", "text", "number"],
        cells=[["8X", "1", "12"], ["8Y", "1", "twelve"]],
    )
    assert [problem.message for problem in checked.problems] == [
        "“correct” must be a number, like 12 or 12.5"
    ]
    assert (checked.problems[0].row, checked.problems[0].column) == (1, 2)
    checked = check_table(headings=["class", "week"], kinds=["text", "text"], cells=[["8X", "1"]])
    assert checked.columns[1] == {"name": "week", "kind": "text"}
    assert checked.rows == [["8X", "1"]]

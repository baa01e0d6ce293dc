"""Checking a table of aggregate data before it is kept: read from a CSV file or typed on a
page, the same checks apply.

A project keeps counts, totals and averages, never anything about one pupil. So a table is
refused, with every reason and where it is, when:

- a column's heading names something about a pupil (name, pupil, first name, surname, UPN,
  ULN, candidate number, date of birth, initials, email, address, …). Headings are matched
  as whole words, case aside: "class" and "number in class" pass. Plurals pass ("pupils",
  "number of students", "children answering") since they head counts; "class name" and
  "school name" pass, as do "pupil premium" and "pupil voice";
- a cell looks like an identifier whatever its heading: a UPN (a letter and 12 characters,
  the first 11 digits), an email address, or a date of birth (a full date more than three
  years ago: lesson dates this year or last pass);
- a text column looks like people's names: a cell whose first word is a common first name
  followed by a capitalised word ("Amy Smith"), or a column of 3 or more cells that are all
  two or three capitalised words ("Oak Class" and "Mrs Khan" aside). Labels in sentence case
  ("Bar models", "Year 8 set 2") never look like names;
- it looks like one row per pupil: 30 or more rows in which every number is 0 or 1 (an
  aggregate table has a count or a class size somewhere).

Numbers: a column is a number column when every cell that is not empty is a number: "12",
"-3", "12.5", "1,234" (thousands), or a percentage "45%" (kept as 45). Empty cells stay
empty (None). Anything else makes the column a text column.
"""

import csv
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from django.utils import timezone

from hubwork.core.imports import UnreadableFileError, decode_csv_bytes

TEXT = "text"
NUMBER = "number"
KINDS = (TEXT, NUMBER)

MAX_FILE_BYTES = 1024 * 1024  # 1 MB: 2,000 rows of aggregate data fit many times over
MAX_ROWS = 2000
MAX_COLUMNS = 30
MAX_HEADING = 100
MAX_CELL = 200
# A table in which every number is 0 or 1 over at least this many rows (a class) looks per pupil.
PER_PUPIL_ROWS = 30
# Listed at most; the count of the rest follows.
MAX_PROBLEMS = 100

Cell = str | int | float | None


@dataclass(frozen=True)
class Problem:
    """One reason a table is refused, and where: `row` counts the data rows from 0 (None for
    the heading row or the whole table), `column` from 0 (None for a whole row)."""

    message: str
    row: int | None = None
    column: int | None = None


@dataclass
class CheckedTable:
    columns: list[dict[str, str]] = field(default_factory=list)
    rows: list[list[Cell]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


class TableRefused(ValueError):
    def __init__(self, problems: list[Problem]):
        super().__init__(f"{len(problems)} problems")
        self.problems = problems


# --- Numbers --------------------------------------------------------------------------------

NUMBER_PATTERN = re.compile(r"^[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?%?$|^[+-]?\.\d+%?$")


def parse_number(text: str) -> int | float | None:
    """The number a cell holds ("1,234", "12.5", "45%"), or None when it holds none."""
    text = text.strip()
    if not NUMBER_PATTERN.match(text):
        return None
    value = float(text.rstrip("%").replace(",", ""))
    return int(value) if value.is_integer() and "." not in text else value


# --- Headings -------------------------------------------------------------------------------

# Words that make "name" or "id" innocent when they come just before it ("class name").
GROUP_WORDS = frozenset(
    """
    class school group set form week term year team house room table lesson unit topic
    task question strategy activity project cycle hub teacher subject session
    """.split()  # noqa: SIM905
)

HEADING_RULES: list[tuple[re.Pattern[str], str]] = [
    (
        re.compile(
            r"\b(first|last|family|given|full|middle|pupil'?s?|child'?s?|student'?s?)\s*names?\b"
        ),
        "it is for names",
    ),
    (re.compile(r"\b(fore|sur)names?\b"), "it is for names"),
    (re.compile(r"\bupns?\b|\bunique pupil numbers?\b"), "it is for unique pupil numbers"),
    (re.compile(r"\bulns?\b|\bunique learner numbers?\b"), "it is for unique learner numbers"),
    (
        re.compile(r"\b(candidate|exam|examination|admission)\s*(numbers?|no\.?|#)(?=\W|$)"),
        "it is for candidate or admission numbers",
    ),
    (
        re.compile(
            r"\bdate\s*of\s*birth\b|\bd\.?o\.?b\b\.?|\bbirth\s*(date|day)s?\b|\bbirthdays?\b"
        ),
        "it is for dates of birth",
    ),
    (re.compile(r"\binitials?\b"), "it is for initials"),
    (re.compile(r"\be-?mails?\b"), "it is for email addresses"),
    (re.compile(r"\b(post\s*codes?|addresse?s?|tele?phone|phone)\b"), "it is for contact details"),
    # One pupil, student or child: plurals head counts ("number of pupils").
    (re.compile(r"\b(pupil|student|child)\b(?!\s*(premium|voice))"), "it is about one pupil"),
]
NAME_OR_ID = re.compile(r"\b(names?|ids?|identifiers?)\b")


def heading_problem(heading: str) -> str:
    """Why a column heading names something about a pupil, or ""."""
    text = " ".join(heading.casefold().replace("_", " ").split())
    for pattern, reason in HEADING_RULES:
        if pattern.search(text):
            return reason
    for match in NAME_OR_ID.finditer(text):
        before = text[: match.start()].split()
        if not before or before[-1] not in GROUP_WORDS:
            return "it is for names or identifiers"
    return ""


# --- Cells ----------------------------------------------------------------------------------

UPN = re.compile(r"^[A-Za-z]\d{11}[A-Za-z0-9]$")
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
DATES = [
    re.compile(r"^(?P<day>\d{1,2})[/.-](?P<month>\d{1,2})[/.-](?P<year>\d{4})$"),
    re.compile(r"^(?P<year>\d{4})[/.-](?P<month>\d{1,2})[/.-](?P<day>\d{1,2})$"),
    re.compile(r"^(?P<day>\d{1,2})\s+(?P<month>[A-Za-z]{3,9})\.?\s+(?P<year>\d{4})$"),
]
MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ],
        start=1,
    )
    for name in names
}
NAME_WORD = r"[A-Z][a-z]+(?:[-'’][A-Z]?[a-z]+)?"
NAME_SHAPE = re.compile(rf"^{NAME_WORD}(?: {NAME_WORD}){{1,2}}$")
TITLES = frozenset({"mr", "mrs", "ms", "miss", "mx", "dr"})
# Common first names in English schools: a cell starting with one, then a capitalised word,
# is a person's name however few the column has.
FIRST_NAMES = frozenset(
    """
    aaliyah aaron abdul abigail adam aisha alex alexander alfie alice amber amelia amir amy
    ana anna archie arthur ava ayesha bella ben benjamin bethany billy bobby charlie charlotte
    chloe connor daisy daniel david dylan eleanor elijah eliza ella ellie emily emma erin ethan
    eva evie fatima finley florence freddie freya george georgia grace hannah harper harry
    harvey hassan hugo ibrahim imogen isaac isabella isla ivy jack jacob jake james jasmine
    jayden jessica joe john joseph joshua jude kai katie leah leo leon lewis liam lily logan
    lola louie louis lucas lucy luke maisie maria mason matilda max maya mia michael millie
    mohammed mohammad muhammad musa noah nathan oliver olivia oscar owen phoebe poppy priya
    rachel reuben riley rory rosie ruby ryan sam samuel sara sarah scarlett sebastian sienna
    sofia sophia sophie stanley theo theodore thomas toby tom tommy willow william yusuf zachary
    zara zoe
    """.split()  # noqa: SIM905
)


def _date(text: str) -> date | None:
    for pattern in DATES:
        match = pattern.match(text)
        if match is None:
            continue
        month_text = match["month"]
        month = int(month_text) if month_text.isdigit() else MONTHS.get(month_text.casefold(), 0)
        try:
            return date(int(match["year"]), month, int(match["day"]))
        except ValueError:
            return None
    return None


def cell_problem(text: str, *, today: date) -> str:
    """What identifier a cell looks like, or ""."""
    text = text.strip()
    if UPN.match(text):
        return "looks like a unique pupil number (UPN)"
    if EMAIL.match(text):
        return "looks like an email address"
    found = _date(text)
    if found is not None and found.year <= today.year - 3:
        return "looks like a date of birth"
    return ""


def _name_like(text: str) -> bool:
    if not NAME_SHAPE.match(text):
        return False
    words = text.casefold().replace("’", "'").split()
    return words[0] not in TITLES and not GROUP_WORDS.intersection(words)


def names_row(texts: Sequence[str]) -> int | None:
    """The first row (from 0) of a text column that looks like people's names, or None."""
    filled = [(row, text.strip()) for row, text in enumerate(texts) if text.strip()]
    for row, text in filled:
        if _name_like(text) and text.split()[0].casefold() in FIRST_NAMES:
            return row
    if len(filled) >= 3 and all(_name_like(text) for _, text in filled):
        return filled[0][0]
    return None


# --- The table ------------------------------------------------------------------------------


def check_table(
    *, headings: Sequence[str], cells: Sequence[Sequence[str]], kinds: Sequence[str] | None = None
) -> CheckedTable:
    """The table made from text cells, with every problem found. `kinds` fixes each column's
    kind (typed on a page); without it, kinds are inferred (a file). Rows must already have
    one cell per heading."""
    today = timezone.localdate()
    table = CheckedTable()
    problems = table.problems
    if not headings:
        problems.append(Problem("The table needs at least one column"))
        return table
    if len(headings) > MAX_COLUMNS:
        problems.append(Problem(f"The table must have {MAX_COLUMNS} columns or fewer"))
    if not cells:
        problems.append(Problem("The table needs at least one row of figures"))
    if len(cells) > MAX_ROWS:
        problems.append(Problem(f"The table must have {MAX_ROWS:,} rows or fewer"))
        return table
    seen: set[str] = set()
    for index, heading in enumerate(headings):
        name = heading.strip()
        if not name:
            problems.append(Problem("Give the column a heading", column=index))
        elif len(name) > MAX_HEADING:
            problems.append(
                Problem(f"The heading must be {MAX_HEADING} characters or fewer", column=index)
            )
        elif name.casefold() in seen:
            problems.append(Problem(f"Another column is already headed “{name}”", column=index))
        seen.add(name.casefold())
        reason = heading_problem(name)
        if reason:
            problems.append(
                Problem(
                    f"Column “{name}” cannot be kept: {reason}. Keep only counts, totals and "
                    "averages, never anything that identifies a pupil",
                    column=index,
                )
            )
    for index, heading in enumerate(headings):
        texts = [row[index].strip() for row in cells]
        name = heading.strip()
        for row, text in enumerate(texts):
            if len(text) > MAX_CELL:
                problems.append(
                    Problem(
                        f"“{name}” must be {MAX_CELL} characters or fewer", row=row, column=index
                    )
                )
        # An identifier once per column: its first line says where to look.
        for row, text in enumerate(texts):
            reason = cell_problem(text, today=today)
            if reason:
                problems.append(
                    Problem(f"“{name}” {reason}: identifiers cannot be kept", row=row, column=index)
                )
                break
        numbers = [parse_number(text) if text else None for text in texts]
        wanted = kinds[index] if kinds is not None else None
        if wanted == NUMBER:
            for row, (text, number) in enumerate(zip(texts, numbers, strict=True)):
                if text and number is None:
                    problems.append(
                        Problem(
                            f"“{name}” must be a number, like 12 or 12.5", row=row, column=index
                        )
                    )
            kind = NUMBER
        elif wanted == TEXT:
            kind = TEXT
        else:
            filled = [number for text, number in zip(texts, numbers, strict=True) if text]
            kind = NUMBER if filled and all(number is not None for number in filled) else TEXT
        if kind == TEXT:
            row_of_name = names_row(texts)
            if row_of_name is not None:
                problems.append(
                    Problem(
                        f"“{name}” looks like people’s names. Label classes and groups without "
                        "names, for example “Class A” or “Year 8 set 2”",
                        row=row_of_name,
                        column=index,
                    )
                )
        table.columns.append({"name": name, "kind": kind})
    if problems:
        return table
    number_columns = [i for i, column in enumerate(table.columns) if column["kind"] == NUMBER]
    for record in cells:
        table.rows.append(
            [
                (parse_number(text) if text.strip() else None)
                if table.columns[i]["kind"] == NUMBER
                else text.strip()
                for i, text in enumerate(record)
            ]
        )
    values = [row[i] for row in table.rows for i in number_columns if row[i] is not None]
    if len(table.rows) >= PER_PUPIL_ROWS and values and all(v in (0, 1) for v in values):
        problems.append(
            Problem(
                f"Every number in the table is 0 or 1, over {len(table.rows):,} rows: it looks "
                "like one row per pupil. Add the rows up for each class or group first (for "
                "example “number answering correctly” and “number in class”)"
            )
        )
        table.rows = []
    return table


# --- CSV files ------------------------------------------------------------------------------


def read_csv(data: bytes) -> CheckedTable:
    """The table in a CSV file (UTF-8 with or without a byte order mark, or Windows-1252;
    commas, semicolons or tabs between cells), its kinds inferred. Raises TableRefused with
    every problem, each a sentence starting with its line, as the file counts lines."""
    if len(data) > MAX_FILE_BYTES:
        raise TableRefused([Problem("The file must be smaller than 1 MB")])
    try:
        text = decode_csv_bytes(data)
    except UnreadableFileError as error:
        raise TableRefused([Problem(str(error))]) from None
    if "\x00" in text:
        raise TableRefused([Problem("The file is not a CSV file: save it as CSV and try again")])
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(
            text[:8192], delimiters=",;\t"
        )
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(text.splitlines(keepends=True), dialect)
    records: list[tuple[int, list[str]]] = []
    problems: list[Problem] = []
    start = 1
    try:
        for record in reader:
            if any(cell.strip() for cell in record):
                records.append((start, record))
            start = reader.line_num + 1
            if len(records) > MAX_ROWS + 1:
                raise TableRefused(
                    [Problem(f"The file must have {MAX_ROWS:,} rows of figures or fewer")]
                )
    except csv.Error as error:
        raise TableRefused(
            [Problem(f"Line {start}: the file cannot be read as CSV ({error})")]
        ) from None
    if not records:
        raise TableRefused([Problem("The file is empty: it needs a heading row and figures")])
    heading_line, headings = records[0]
    if heading_line != 1:
        problems.append(Problem("Line 1 is empty: the first line must be the column headings"))
    body = records[1:]
    whole = []
    for line, record in body:
        if len(record) != len(headings):
            problems.append(
                Problem(
                    f"Line {line} has {len(record)} cells but the heading row has "
                    f"{len(headings)}: every line needs the same number of cells",
                    row=line,
                )
            )
        elif any("\ufffd" in cell for cell in record):
            problems.append(
                Problem(
                    f"Line {line} has characters that cannot be read: save the file as UTF-8",
                    row=line,
                )
            )
        else:
            whole.append((line, record))
    # The lines that could be read are checked too, so that one upload shows every problem.
    lines = [line for line, _ in whole]
    checked = check_table(
        headings=headings,
        cells=[record for _, record in whole] or ([[""] * len(headings)] if body else []),
    )
    for problem in checked.problems:
        found = lines[problem.row] if problem.row is not None and lines else None
        where = 1 if problem.row is None and problem.column is not None else found
        message = problem.message
        if where is not None:
            column = (
                f", column {problem.column + 1}"
                if problem.row is None and problem.column is not None
                else ""
            )
            message = f"Line {where}{column}: {message}"
        problems.append(Problem(message, row=where))
    if problems:
        # In the order of the file: the whole-table problems first, then line by line.
        problems.sort(key=lambda problem: problem.row or 0)
        raise TableRefused(problems)
    return checked


def problem_messages(problems: Sequence[Problem]) -> list[str]:
    """At most MAX_PROBLEMS messages, then how many more there are."""
    messages = [problem.message for problem in problems[:MAX_PROBLEMS]]
    if len(problems) > MAX_PROBLEMS:
        messages.append(f"And {len(problems) - MAX_PROBLEMS:,} more problems like these")
    return messages

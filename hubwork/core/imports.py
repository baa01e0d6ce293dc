"""What every file import shares: reading the text of a CSV file however it was saved."""

import codecs


class UnreadableFileError(ValueError):
    """The file is not a CSV file the import can read; nothing was written."""


def decode_csv_bytes(data: bytes) -> str:
    """Text from UTF-8 (with or without a byte order mark) or, failing that, Windows-1252.

    Spreadsheets and the national register save CSV files in one of these. The five bytes
    Windows-1252 leaves undefined become U+FFFD, so an import can reject just the rows that
    hold them rather than the whole file.
    """
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError as error:
            line = data.count(b"\n", 0, error.start) + 1
            raise UnreadableFileError(
                f"The file says it is UTF-8 but line {line} is not UTF-8 text."
            ) from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")

"""Reading a spreadsheet file as people have it, into a header and rows of cells.

CSV in UTF-8 (with or without a BOM), UTF-16, Windows-1252 or Latin-1: a BOM first,
then strict UTF-8, then `charset-normalizer` among the Western encodings (it guesses
wildly on short files otherwise); the person can name another. Comma, semicolon or
tab; quoted fields with line breaks; the header found within the first 10 lines.
Workbooks (.xlsx) through openpyxl. What cannot be read stops here, with one message
naming the line, before anything is written.
"""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from jobhunt_desktop.domain.errors import UserError
from jobhunt_desktop.domain.import_columns import ColumnMap, map_columns

HEADER_WITHIN = 10
_ZIP = b"PK\x03\x04"
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the old .xls (and .doc) container
_WESTERN = ["cp1252", "latin_1"]
ENCODING_NAMES = {
    "utf-8": "UTF-8",
    "utf-8-sig": "UTF-8 with BOM",
    "utf-16": "UTF-16",
    "cp1252": "Windows-1252",
    "latin_1": "Latin-1",
}
SAVE_AS_CSV = (
    "open it in your spreadsheet program and save it as CSV (UTF-8) or as an Excel "
    "workbook (.xlsx), then import that file"
)


class ImportFileError(UserError):
    """The file cannot be read as a table; nothing was written."""


@dataclass(frozen=True, slots=True)
class SheetRow:
    line: int  # where the row starts in the file (a CSV line, a workbook row)
    cells: tuple[object, ...]  # text from a CSV; text, numbers or dates from a workbook


@dataclass(frozen=True, slots=True)
class Sheet:
    headers: tuple[str, ...]
    rows: tuple[SheetRow, ...]
    header_line: int
    columns: ColumnMap
    encoding: str | None = None  # CSV only
    delimiter: str | None = None  # CSV only

    @property
    def encoding_name(self) -> str | None:
        if self.encoding is None:
            return None
        return ENCODING_NAMES.get(self.encoding, self.encoding)


def read_sheet(
    path: Path,
    *,
    encoding: str | None = None,
    overrides: Mapping[str, str] | None = None,
    lenient: bool = False,
) -> Sheet:
    """The file as a table. With `lenient`, a file where no header names a company
    is read with its first row as the header (for the window's mapping step)."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ImportFileError(f"'{path}' could not be read ({exc.strerror})") from exc
    suffix = path.suffix.lower()
    if suffix in (".ods", ".xls", ".numbers") or data.startswith(_OLE):
        raise ImportFileError(f"'{path.name}' cannot be read as it is: {SAVE_AS_CSV}")
    if data.startswith(_ZIP):
        if b"opendocument" in data[:200]:
            raise ImportFileError(f"'{path.name}' is an OpenDocument sheet: {SAVE_AS_CSV}")
        return _workbook(path, data, overrides, lenient)
    return read_csv_bytes(
        data, encoding=encoding, overrides=overrides, name=path.name, lenient=lenient
    )


def read_csv_bytes(
    data: bytes,
    *,
    encoding: str | None = None,
    overrides: Mapping[str, str] | None = None,
    name: str = "the file",
    lenient: bool = False,
) -> Sheet:
    text, used = decode(data, encoding, name)
    delimiter = _delimiter(text)
    rows = _csv_rows(text, delimiter, name)
    return _with_header(rows, overrides, name, lenient, encoding=used, delimiter=delimiter)


def decode(data: bytes, encoding: str | None, name: str = "the file") -> tuple[str, str]:
    """The text and the encoding it was read in."""
    if encoding:
        try:
            codecs.lookup(encoding)
        except LookupError:
            raise ImportFileError(f"'{encoding}' is not an encoding this app knows") from None
        return _strict(data, encoding, name), encoding
    if data.startswith(codecs.BOM_UTF8):
        return _strict(data, "utf-8-sig", name), "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _strict(data, "utf-16", name), "utf-16"
    if b"\x00" in data[:4096]:
        raise ImportFileError(f"'{name}' is not a text file (it holds binary data)")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes  # only for files that are not UTF-8

    best = from_bytes(data, cp_isolation=_WESTERN).best()
    if best is None:
        raise ImportFileError(
            f"'{name}': its encoding could not be recognised; name it (for example "
            "--encoding cp1250)"
        )
    return str(best), best.encoding


def _strict(data: bytes, encoding: str, name: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ImportFileError(
            f"'{name}', line {line}: byte {exc.start} cannot be read as "
            f"{ENCODING_NAMES.get(encoding, encoding)}; choose another encoding"
        ) from exc


def _delimiter(text: str) -> str:
    sample = "\n".join(text.splitlines()[: HEADER_WITHIN + 20])
    try:
        return csv.Sniffer().sniff(sample, delimiters=",;\t").delimiter
    except csv.Error:
        counts = {d: sample.count(d) for d in (",", ";", "\t")}
        return max(counts, key=lambda d: counts[d]) if any(counts.values()) else ","


def _csv_rows(text: str, delimiter: str, name: str) -> list[SheetRow]:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    rows: list[SheetRow] = []
    start = 1
    try:
        for cells in reader:
            if any(c.strip() for c in cells):
                rows.append(SheetRow(start, tuple(c.replace("\r\n", "\n") for c in cells)))
            start = reader.line_num + 1
    except csv.Error as exc:
        detail = "a quoted field is never closed" if "end of data" in str(exc) else str(exc)
        raise ImportFileError(f"'{name}', line {start}: {detail}; nothing was imported") from exc
    return rows


def _workbook(path: Path, data: bytes, overrides: Mapping[str, str] | None, lenient: bool) -> Sheet:
    import zipfile

    from openpyxl import load_workbook  # only for workbooks
    from openpyxl.utils.exceptions import InvalidFileException

    try:  # from the bytes: a workbook saved under another name is read all the same
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, ValueError, OSError) as exc:
        raise ImportFileError(f"'{path.name}' is not a workbook that can be read ({exc})") from exc
    try:
        sheet = book.active or book.worksheets[0]
        rows = [
            SheetRow(number, tuple("" if v is None else v for v in values))
            for number, values in enumerate(sheet.iter_rows(values_only=True), start=1)
            if any(v is not None and str(v).strip() for v in values)
        ]
    finally:
        book.close()
    return _with_header(rows, overrides, path.name, lenient)


def _with_header(
    rows: list[SheetRow],
    overrides: Mapping[str, str] | None,
    name: str,
    lenient: bool,
    **found: str,
) -> Sheet:
    """The first row among the first lines that names a company column is the header."""
    for index, row in enumerate(rows):
        if row.line > HEADER_WITHIN and index > 0:
            break
        headers = tuple(str(c).strip() for c in row.cells)
        columns = map_columns(headers, overrides)
        if columns.column_of("company") is not None:
            return _sheet(rows, index, columns, **found)
    if lenient and rows:  # the person picks the columns in the window
        headers = tuple(str(c).strip() for c in rows[0].cells)
        return _sheet(rows, 0, map_columns(headers, overrides), **found)
    first = ", ".join(str(c) for c in rows[0].cells[:8]) if rows else "nothing"
    raise ImportFileError(
        f"'{name}': no header row with a company column within the first {HEADER_WITHIN} "
        f"lines (the first row holds: {first}); name it with --map COLUMN=company"
    )


def _sheet(rows: list[SheetRow], index: int, columns: ColumnMap, **found: str) -> Sheet:
    header = rows[index]
    headers = tuple(str(c).strip() for c in header.cells)
    body = tuple(SheetRow(r.line, _fit(r.cells, len(headers))) for r in rows[index + 1 :])
    return Sheet(headers, body, header.line, columns, **found)


def _fit(cells: tuple[object, ...], width: int) -> tuple[object, ...]:
    """A row as wide as the header: short rows padded, extra cells kept at the end."""
    return cells + ("",) * (width - len(cells)) if len(cells) < width else cells

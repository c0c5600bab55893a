using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using SafeCity.Kernel.Domain;
using SafeCity.RecordFiles;

namespace SafeCity.Kernel.Features.SetTargets;

/// <summary>
/// A file of targets for the LAA refresh in bulk: CSV, or an Excel workbook (its first sheet), with the
/// header <c>indicator,year,target</c> and optionally <c>withStretch,withoutStretch,reason</c>. The year
/// is 2009/10 or 2009; a target is a figure (1,300), or a change on a base year ("5% reduction on 2007/08").
/// </summary>
public static partial class TargetFile
{
    public const int MaxRows = 2000;

    /// <summary>The most characters (the sheet's and shared strings' bytes) read from one part of a workbook: 2,000 targets are well under 1 MB of XML, and a 1 MB file of 1 GB of XML stops here.</summary>
    public const long MaxPartCharacters = 16 * 1024 * 1024;

    /// <summary>The most shared strings read: a sheet of 2,000 rows of six columns has at most 12,006.</summary>
    public const int MaxSharedStrings = 100_000;

    /// <summary>The columns a target file may use (to IV): it needs six.</summary>
    public const int MaxColumns = 256;

    // Excel's own limits: columns to XFD, rows to 1,048,576.
    private const int SheetColumns = 16_384;
    private const int SheetRows = 1_048_576;

    public const string Columns = "indicator, year, target (and optionally withStretch, withoutStretch, reason)";

    public static async Task<(IReadOnlyList<TargetRow> Rows, string? Problem)> ReadAsync(Stream file, string fileName, CancellationToken ct)
    {
        List<(int Line, List<string> Fields)> table;
        try
        {
            table = fileName.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase) ? ReadWorkbook(file) : await ReadCsvAsync(file, ct);
        }
        catch (BeyondLimits e)
        {
            return ([], e.Message);
        }
        catch (XmlException) when (fileName.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase))
        {
            // Among them: a part longer than MaxPartCharacters (XmlReaderSettings.MaxCharactersInDocument).
            return ([], $"The workbook cannot be read: a part of it is not XML or is longer than {MaxPartCharacters / 1024 / 1024} million characters.");
        }
        catch (Exception e) when (e is InvalidDataException or OpenXmlPackageException or FileFormatException or IOException)
        {
            return ([], "The file cannot be read as a CSV file or an Excel workbook (.xlsx).");
        }

        if (table.Count == 0)
        {
            return ([], $"The file is empty: its first line is the header ({Columns}).");
        }

        var header = table[0].Fields.Select(h => h.Trim().ToLowerInvariant()).ToList();
        int Column(string name) => header.IndexOf(name.ToLowerInvariant());
        var (indicator, year, target) = (Column("indicator"), Column("year"), Column("target"));
        var (withStretch, withoutStretch, reason) = (Column("withStretch"), Column("withoutStretch"), Column("reason"));
        if (indicator < 0 || year < 0 || (target < 0 && withStretch < 0))
        {
            return ([], $"The header must name the columns {Columns}.");
        }

        if (table.Count - 1 > MaxRows)
        {
            // Reading stopped at the cap, so how many more it holds is not known.
            return ([], $"A file has up to {MaxRows:N0} targets; this one has more.");
        }

        var rows = table.Skip(1).Select(r =>
        {
            string? Cell(int i) => i >= 0 && i < r.Fields.Count ? r.Fields[i].NullIfBlank() : null;
            return Row(r.Line, Cell(indicator), Cell(year), Cell(target), Cell(withStretch), Cell(withoutStretch), Cell(reason));
        }).ToList();
        return (rows, null);
    }

    private static TargetRow Row(int line, string? indicator, string? yearText, string? target, string? withStretch, string? withoutStretch, string? reason)
    {
        var empty = new SetTargetCommand(indicator ?? "", null, null, null, null, null, reason);
        if (indicator is null)
        {
            return new TargetRow(line, empty, "the indicator is missing");
        }

        if (Year(yearText) is not { } year)
        {
            return new TargetRow(line, empty, "the year is missing or not a financial year like 2009/10 or 2009");
        }

        var command = empty with { Year = year, AsWritten = target };
        if (withStretch is not null || withoutStretch is not null)
        {
            var (w, wo) = (Number(withStretch), Number(withoutStretch));
            return w is null || wo is null
                ? new TargetRow(line, command, "withStretch and withoutStretch must both be figures")
                : new TargetRow(line, command with { WithStretch = w, WithoutStretch = wo, AsWritten = null });
        }

        if (Number(target) is { } figure)
        {
            return new TargetRow(line, command with { Value = figure });
        }

        if (target is not null && Change().Match(target) is { Success: true } m)
        {
            var change = double.Parse(m.Groups["n"].Value, CultureInfo.InvariantCulture);
            return new TargetRow(line, command with { ChangePercent = m.Groups["way"].Value.Equals("reduction", StringComparison.OrdinalIgnoreCase) ? -change : change, BaseYear = m.Groups["base"].Value });
        }

        return new TargetRow(line, command, "the target is not a figure (like 1,300) or a change on a base year (like \"5% reduction on 2007/08\")");
    }

    private static int? Year(string? text) =>
        text is null ? null
        : ReportingPeriod.TryParse(text, out var p) && p.Kind == PeriodKind.FinancialYear ? p.Start.Year
        : int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var y) ? y
        : (int?)null;

    private static double? Number(string? text) =>
        text is not null && double.TryParse(text.Replace(",", "", StringComparison.Ordinal).TrimEnd('%'), NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : null;

    private static async Task<List<(int, List<string>)>> ReadCsvAsync(Stream file, CancellationToken ct)
    {
        using var reader = new StreamReader(file);
        var csv = await CsvRecords.OpenAsync(reader, ct);
        if (csv.Refused is not null)
        {
            return csv.Header.Count == 0 && csv.Refused.Reason.Contains("empty", StringComparison.Ordinal) ? [] : throw new InvalidDataException(csv.Refused.Reason);
        }

        var table = new List<(int, List<string>)> { (1, csv.Header) };
        await foreach (var (line, fields, rejected) in csv.Rows.WithCancellation(ct))
        {
            if (table.Count > MaxRows + 1)
            {
                break;
            }

            table.Add(((int)line, rejected is null ? fields : []));
        }

        return table;
    }

    /// <summary>
    /// The first sheet, read as a stream (OpenXmlReader) rather than loaded whole: each part is read to at
    /// most <see cref="MaxPartCharacters"/>, the rows stop at the cap, and a cell placed beyond the sheet's
    /// limits or a target file's columns is refused before anything is padded to reach it.
    /// </summary>
    private static List<(int, List<string>)> ReadWorkbook(Stream file)
    {
        using var document = SpreadsheetDocument.Open(file, false, new OpenSettings { MaxCharactersInPart = MaxPartCharacters });
        var workbook = document.WorkbookPart ?? throw new InvalidDataException("no workbook");
        var sheet = workbook.Workbook.Sheets?.Elements<Sheet>().FirstOrDefault() ?? throw new InvalidDataException("no sheet");
        var part = (WorksheetPart)workbook.GetPartById(sheet.Id!);
        var strings = SharedStrings(workbook);
        var table = new List<(int, List<string>)>();
        using var sheetXml = new BoundedStream(part.GetStream(FileMode.Open, FileAccess.Read), MaxPartCharacters);
        using var reader = new SpreadsheetDocumentPartReader(sheetXml, new OpenXmlPartReaderOptions { MaxCharactersInPart = MaxPartCharacters });
        while (table.Count <= MaxRows + 1 && reader.Read())
        {
            if (reader.ElementType != typeof(Row) || !reader.IsStartElement)
            {
                continue;
            }

            var row = (Row)reader.LoadCurrentElement()!;
            if (row.RowIndex?.Value is > SheetRows)
            {
                throw new BeyondLimits($"Row {row.RowIndex.Value:N0} is beyond a sheet's {SheetRows:N0} rows.");
            }

            var cells = new List<string>();
            foreach (var cell in row.Elements<Cell>())
            {
                // Cells a sheet leaves out are empty: place each by its column letters.
                var column = ColumnIndex(cell.CellReference?.Value) ?? cells.Count;
                if (column >= MaxColumns)
                {
                    throw new BeyondLimits(column >= SheetColumns
                        ? $"A cell reference is beyond a sheet's {SheetColumns:N0} columns (to XFD)."
                        : $"A target file uses its first {MaxColumns} columns (to IV); a cell is in column {column + 1:N0}.");
                }

                while (cells.Count < column)
                {
                    cells.Add("");
                }

                var text = cell.DataType?.Value == CellValues.SharedString && int.TryParse(cell.CellValue?.Text, out var i) && i >= 0 && i < strings.Count ? strings[i]
                    : cell.DataType?.Value == CellValues.InlineString ? cell.InlineString?.InnerText ?? ""
                    : cell.CellValue?.Text ?? "";
                cells.Add(text);
            }

            if (cells.Any(c => c.Length > 0))
            {
                table.Add(((int)(row.RowIndex?.Value ?? (uint)(table.Count + 1)), cells));
            }
        }

        return table;
    }

    private static List<string> SharedStrings(WorkbookPart workbook)
    {
        var strings = new List<string>();
        if (workbook.SharedStringTablePart is not { } table)
        {
            return strings;
        }

        using var xml = new BoundedStream(table.GetStream(FileMode.Open, FileAccess.Read), MaxPartCharacters);
        using var reader = new SpreadsheetDocumentPartReader(xml, new OpenXmlPartReaderOptions { MaxCharactersInPart = MaxPartCharacters });
        while (reader.Read())
        {
            if (reader.ElementType == typeof(SharedStringItem) && reader.IsStartElement)
            {
                if (strings.Count == MaxSharedStrings)
                {
                    throw new BeyondLimits($"The workbook has more than {MaxSharedStrings:N0} shared strings; a file of {MaxRows:N0} targets needs far fewer.");
                }

                strings.Add(reader.LoadCurrentElement()!.InnerText);
            }
        }

        return strings;
    }

    /// <summary>The column a reference such as "C7" names, from 0; letters past any sheet's limits give <see cref="int.MaxValue"/>.</summary>
    private static int? ColumnIndex(string? reference)
    {
        if (reference is null)
        {
            return null;
        }

        var index = 0;
        foreach (var c in reference.TakeWhile(char.IsAsciiLetter))
        {
            index = (index * 26) + (char.ToUpperInvariant(c) - 'A' + 1);
            if (index > SheetColumns)
            {
                return int.MaxValue;
            }
        }

        return index == 0 ? null : index - 1;
    }

    /// <summary>A workbook that goes past what a target file may hold: its words say which limit.</summary>
    private sealed class BeyondLimits(string message) : Exception(message);

    /// <summary>A part's XML, read to at most so many bytes: a small zip can unpack to gigabytes.</summary>
    private sealed class BoundedStream(Stream inner, long limit) : Stream
    {
        private long _read;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => _read; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = inner.Read(buffer, offset, count);
            _read += n;
            return _read > limit ? throw new BeyondLimits($"A part of the workbook is longer than {limit / 1024 / 1024} MB of XML; a file of {MaxRows:N0} targets needs far less.") : n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }

    [GeneratedRegex(@"^\s*(?<n>[0-9]+(?:\.[0-9]+)?)\s*%\s*(?<way>reduction|increase)\s+on\s+(?:the\s+)?(?<base>[0-9]{4}/[0-9]{2})(?:\s+figures?)?\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex Change();
}

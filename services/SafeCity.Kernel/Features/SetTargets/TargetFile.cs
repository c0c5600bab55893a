using System.Globalization;
using System.Text.RegularExpressions;
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
    public const string Columns = "indicator, year, target (and optionally withStretch, withoutStretch, reason)";

    public static async Task<(IReadOnlyList<TargetRow> Rows, string? Problem)> ReadAsync(Stream file, string fileName, CancellationToken ct)
    {
        List<(int Line, List<string> Fields)> table;
        try
        {
            table = fileName.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase) ? ReadWorkbook(file) : await ReadCsvAsync(file, ct);
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
            return ([], $"A file has up to {MaxRows:N0} targets; this one has {table.Count - 1:N0}.");
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

    private static List<(int, List<string>)> ReadWorkbook(Stream file)
    {
        using var document = SpreadsheetDocument.Open(file, false);
        var workbook = document.WorkbookPart ?? throw new InvalidDataException("no workbook");
        var sheet = workbook.Workbook.Sheets?.Elements<Sheet>().FirstOrDefault() ?? throw new InvalidDataException("no sheet");
        var part = (WorksheetPart)workbook.GetPartById(sheet.Id!);
        var strings = workbook.SharedStringTablePart?.SharedStringTable.Elements<SharedStringItem>().Select(s => s.InnerText).ToList() ?? [];
        var table = new List<(int, List<string>)>();
        foreach (var row in part.Worksheet.Descendants<Row>())
        {
            var cells = new List<string>();
            foreach (var cell in row.Elements<Cell>())
            {
                // Cells a sheet leaves out are empty: place each by its column letters.
                var column = ColumnIndex(cell.CellReference?.Value) ?? cells.Count;
                while (cells.Count < column)
                {
                    cells.Add("");
                }

                var text = cell.DataType?.Value == CellValues.SharedString && int.TryParse(cell.CellValue?.Text, out var i) && i < strings.Count ? strings[i]
                    : cell.DataType?.Value == CellValues.InlineString ? cell.InlineString?.InnerText ?? ""
                    : cell.CellValue?.Text ?? "";
                cells.Add(text);
            }

            if (cells.Any(c => c.Length > 0))
            {
                table.Add(((int)(row.RowIndex?.Value ?? (uint)(table.Count + 1)), cells));
            }

            if (table.Count > MaxRows + 1)
            {
                break;
            }
        }

        return table;
    }

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
        }

        return index == 0 ? null : index - 1;
    }

    [GeneratedRegex(@"^\s*(?<n>[0-9]+(?:\.[0-9]+)?)\s*%\s*(?<way>reduction|increase)\s+on\s+(?:the\s+)?(?<base>[0-9]{4}/[0-9]{2})(?:\s+figures?)?\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex Change();
}

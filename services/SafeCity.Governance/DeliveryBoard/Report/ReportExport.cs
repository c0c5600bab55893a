using System.Globalization;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace SafeCity.Governance.DeliveryBoard.Report;

/// <summary>A table of the report: its name (the sheet's) and rows of text or numbers.</summary>
public sealed record ReportTable(string Name, IReadOnlyList<string> Header, IReadOnlyList<IReadOnlyList<object?>> Rows);

/// <summary>The Delivery Board report as tables, and those tables as CSV or an Excel workbook.</summary>
public static class ReportExport
{
    public static IReadOnlyList<ReportTable> Tables(DeliveryBoardReport report)
    {
        var indicators = report.Priorities.SelectMany(p => p.Indicators.Select(l => (IReadOnlyList<object?>)
        [
            p.Priority.Priority.Number, l.Indicator.Id, l.Indicator.Code ?? "Local", l.Indicator.Name, l.Indicator.Category,
            l.Indicator.Assessment.Year.ToString(), l.Indicator.Assessment.Actual?.Value, l.Indicator.Assessment.Actual?.Through,
            l.Indicator.Assessment.ExpectedToDate, l.Indicator.Assessment.AnnualTarget, l.Indicator.Rag.ToString(), l.Indicator.Assessment.Direction.ToString(),
            l.Forecast?.Value, l.Forecast?.Low, l.Forecast?.High, l.Outlook.ToString(), l.Indicator.Reason,
        ])).ToList();
        var exceptions = report.Priorities.SelectMany(p => p.Exceptions.Select(e => (IReadOnlyList<object?>)
        [
            e.Priority, e.PlanNumber, e.Kind.ToString(), e.Id, e.Name, e.Rag.ToString(), e.FirstListed.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            e.StillFailing ? "Failing" : "Not yet recovered", e.Detail,
        ])).ToList();
        var remedials = report.Priorities.SelectMany(p => p.RemedialActions).Select(r => (IReadOnlyList<object?>)
        [
            r.Id, r.Priority, r.ItemName, r.Description, r.Owner, r.Due.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), r.Status.ToString(),
            r.IsOverdue(report.AsAt) ? "Escalated: past its due date" : "", string.Join(" | ", r.Notes.Select(n => $"{n.At:yyyy-MM-dd} {n.By}: {n.Text}")),
        ]).ToList();
        return
        [
            new("Indicators", ["Priority", "Indicator", "Code", "Name", "Category", "Year", "Year to date", "Through", "Expected by now", "Annual target", "RAG", "Direction of travel", "Forecast", "Forecast low", "Forecast high", "Stretch outlook", "Reason"], indicators),
            new("Exceptions", ["Priority", "Plan", "Kind", "Id", "Name", "RAG", "First listed", "State", "Detail"], exceptions),
            new("Remedial actions", ["Id", "Priority", "Item", "Action", "Owner", "Due", "Status", "Escalation", "Notes"], remedials),
            new("Most Similar Group", ["Measure", "Period", "Rate per 1,000", "Rank", "Of", "Against the family", "Earlier periods (rank)", "Members with no figures"],
                report.Rankings.Select(r => (IReadOnlyList<object?>)
                [
                    r.Measure.Name, r.Comparison.Period.ToString(), r.Comparison.Home is { } h ? Math.Round(h.Rate, 3) : null, r.Comparison.Home?.Rank, r.Comparison.Members.Count,
                    r.Comparison.Home is { } home ? Performance.MostSimilarGroup.CompareWithFamily.ComparisonDto.Words(home.Position) : "No figures",
                    string.Join("; ", r.History.Select(x => $"{x.Period}: {x.Rank} of {x.Of}")), string.Join("; ", r.Comparison.Missing.Select(m => m.Name)),
                ]).ToList()),
        ];
    }

    /// <summary>A report's CSV as a download, with a byte-order mark so that spreadsheets read it as UTF-8.</summary>
    public static Microsoft.AspNetCore.Http.HttpResults.FileContentHttpResult CsvFile(string csv, string fileName) =>
        Microsoft.AspNetCore.Http.TypedResults.File(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(csv)).ToArray(), "text/csv; charset=utf-8", fileName);

    /// <summary>All tables in one CSV, each under a line naming it, separated by a blank line.</summary>
    public static string Csv(IReadOnlyList<ReportTable> tables)
    {
        var csv = new StringBuilder();
        foreach (var table in tables)
        {
            csv.Append(Field(table.Name)).Append("\r\n");
            csv.Append(string.Join(',', table.Header.Select(Field))).Append("\r\n");
            foreach (var row in table.Rows)
            {
                csv.Append(string.Join(',', row.Select(Cell))).Append("\r\n");
            }

            csv.Append("\r\n");
        }

        return csv.ToString();
    }

    public static byte[] Xlsx(IReadOnlyList<ReportTable> tables)
    {
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            var sheets = workbook.Workbook.AppendChild(new Sheets());
            uint id = 1;
            foreach (var table in tables)
            {
                var part = workbook.AddNewPart<WorksheetPart>();
                var data = new SheetData();
                data.AppendChild(Row(table.Header));
                foreach (var row in table.Rows)
                {
                    data.AppendChild(Row(row));
                }

                part.Worksheet = new Worksheet(data);
                sheets.AppendChild(new Sheet { Id = workbook.GetIdOfPart(part), SheetId = id++, Name = table.Name });
            }

            workbook.Workbook.Save();
        }

        return stream.ToArray();
    }

    private static Row Row(IEnumerable<object?> values)
    {
        var row = new Row();
        foreach (var value in values)
        {
            row.AppendChild(value switch
            {
                null => new Cell(),
                int or long or double => new Cell { DataType = CellValues.Number, CellValue = new CellValue(Convert.ToDouble(value, CultureInfo.InvariantCulture)) },
                _ => new Cell { DataType = CellValues.InlineString, InlineString = new InlineString(new Text(Convert.ToString(value, CultureInfo.InvariantCulture) ?? "")) },
            });
        }

        return row;
    }

    private static string Cell(object? value) => value switch
    {
        null => "",
        double d => d.ToString("0.####", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => Field(value.ToString() ?? ""),
    };

    private static string Field(string text) => SafeCity.Kernel.Text.CsvField(text);
}

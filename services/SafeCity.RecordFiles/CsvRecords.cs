using System.Buffers;
using System.Text;

namespace SafeCity.RecordFiles;

/// <summary>A row that could not be read, with its line number and why.</summary>
public sealed record RejectedRow(long Line, string Reason);

/// <summary>
/// A CSV file opened at its header: the header's fields (the first without a byte order mark), or why the
/// file cannot be read at all; then its rows, each with its fields or why it cannot be read, blank lines left out.
/// </summary>
public sealed record CsvFile(List<string> Header, RejectedRow? Refused, IAsyncEnumerable<(long Line, List<string> Fields, RejectedRow? Rejected)> Rows);

/// <summary>Reads CSV files (police.uk street files, partners' record files) record by record, as they stream.</summary>
// Written here rather than taken from a CSV library: it bounds how much one record may span before it is
// held (a quote never closed), and turns each unreadable row into its line and a reason and reads on.
public static class CsvRecords
{
    /// <summary>Reads the header of a file of records; its rows are read as <see cref="CsvFile.Rows"/> is enumerated.</summary>
    public static async Task<CsvFile> OpenAsync(TextReader reader, CancellationToken ct)
    {
        var records = ReadAsync(reader, ct).GetAsyncEnumerator(ct);
        if (!await records.MoveNextAsync())
        {
            return new CsvFile([], new RejectedRow(1, "The file is empty: a header line is expected."), Nothing());
        }

        var (_, header, problem) = records.Current;
        if (problem is not null)
        {
            return new CsvFile([], new RejectedRow(1, problem.Replace("The row", "The header", StringComparison.Ordinal)), Nothing());
        }

        if (header.Count > 0)
        {
            header[0] = header[0].TrimStart('\uFEFF');
        }

        return new CsvFile(header, null, RowsAsync(records));
    }

    private static async IAsyncEnumerable<(long, List<string>, RejectedRow?)> RowsAsync(IAsyncEnumerator<(long Line, List<string> Fields, string? Problem)> records)
    {
        await using (records)
        {
            while (await records.MoveNextAsync())
            {
                var (line, fields, problem) = records.Current;
                if (problem is not null)
                {
                    yield return (line, fields, new RejectedRow(line, problem));
                }
                else if (fields.Count != 1 || fields[0].Length != 0)
                {
                    yield return (line, fields, null);
                }
            }
        }
    }

    private static IAsyncEnumerable<(long, List<string>, RejectedRow?)> Nothing() => AsyncEnumerable.Empty<(long, List<string>, RejectedRow?)>();

    /// <summary>The most characters one record may span: beyond it, a quoted field was surely never closed.</summary>
    public const int MaxRecordCharacters = 100_000;

    /// <summary>
    /// RFC 4180 records: fields separated by commas, quoted fields may hold commas, quotes ("") and line
    /// breaks. A record that cannot be text of a CSV file (bytes that were not UTF-8, control characters,
    /// a quote never closed) comes with the problem named, and reading goes on at the next line.
    /// </summary>
    public static async IAsyncEnumerable<(long Line, List<string> Fields, string? Problem)> ReadAsync(TextReader reader, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        long line = 0;
        while (await reader.ReadLineAsync(ct) is { } text)
        {
            line++;
            var start = line;
            // Most rows quote nothing: split them at once, which reads a national month several times faster.
            if (!text.Contains('"') && TextProblem(text) is null)
            {
                yield return (start, [.. text.Split(',')], null);
                continue;
            }

            var fields = new List<string>();
            var field = new StringBuilder();
            var quoted = false;
            var i = 0;
            var length = text.Length;
            string? problem = TextProblem(text);
            while (problem is null)
            {
                if (i >= text.Length)
                {
                    if (quoted && await reader.ReadLineAsync(ct) is { } more)
                    {
                        line++;
                        length += more.Length;
                        if (length > MaxRecordCharacters)
                        {
                            problem = $"is longer than {MaxRecordCharacters:N0} characters from line {start} to line {line}: is a quote (\") left open?";
                            break;
                        }

                        problem = TextProblem(more);
                        field.Append('\n');
                        text = more;
                        i = 0;
                        continue;
                    }

                    if (quoted)
                    {
                        problem = $"opens a quoted field at line {start} that is never closed.";
                        break;
                    }

                    fields.Add(field.ToString());
                    break;
                }

                var c = text[i++];
                if (quoted)
                {
                    if (c == '"' && i < text.Length && text[i] == '"')
                    {
                        field.Append('"');
                        i++;
                    }
                    else if (c == '"')
                    {
                        quoted = false;
                    }
                    else
                    {
                        field.Append(c);
                    }
                }
                else if (c == '"' && field.Length == 0)
                {
                    quoted = true;
                }
                else if (c == ',')
                {
                    fields.Add(field.ToString());
                    field.Clear();
                }
                else
                {
                    field.Append(c);
                }
            }

            yield return (start, fields, problem is null ? null : "The row " + problem);
        }
    }

    // char.IsControl's characters, but for the tab.
    private static readonly SearchValues<char> ControlCharacters = SearchValues.Create(
        [.. Enumerable.Range(0, 0xA0).Select(i => (char)i).Where(c => char.IsControl(c) && c != '\t')]);

    private static string? TextProblem(string text)
    {
        if (text.Contains('\uFFFD'))
        {
            return "holds bytes that are not UTF-8 text: save the file as UTF-8 (it may have been saved as Latin-1 or Windows-1252).";
        }

        if (text.Length > MaxRecordCharacters)
        {
            return $"is longer than {MaxRecordCharacters:N0} characters.";
        }

        return text.AsSpan().ContainsAny(ControlCharacters) ? "holds control characters: is this a text file?" : null;
    }
}

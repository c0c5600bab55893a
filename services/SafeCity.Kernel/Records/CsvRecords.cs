using System.Text;

namespace SafeCity.Kernel.Records;

/// <summary>A row that could not be read, with its line number and why.</summary>
public sealed record RejectedRow(long Line, string Reason);

/// <summary>Reads CSV files (police.uk street files, partners' record files) record by record, as they stream.</summary>
public static class CsvRecords
{
    /// <summary>RFC 4180 records: fields separated by commas, quoted fields may hold commas, quotes ("") and line breaks.</summary>
    public static async IAsyncEnumerable<(long Line, List<string> Fields)> ReadAsync(TextReader reader, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        long line = 0;
        while (await reader.ReadLineAsync(ct) is { } text)
        {
            line++;
            var start = line;
            var fields = new List<string>();
            var field = new StringBuilder();
            var quoted = false;
            var i = 0;
            while (true)
            {
                if (i >= text.Length)
                {
                    if (quoted && await reader.ReadLineAsync(ct) is { } more)
                    {
                        line++;
                        field.Append('\n');
                        text = more;
                        i = 0;
                        continue;
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

            yield return (start, fields);
        }
    }
}

using System.Text;
using SafeCity.RecordFiles;

namespace SafeCity.Kernel.Tests.Records;

/// <summary>What the CSV reader makes of files that are not clean UTF-8 text: each bad record named by its line, the rest read.</summary>
public sealed class CsvRecordsTests
{
    private static async Task<List<(long Line, List<string> Fields, string? Problem)>> Read(byte[] file)
    {
        using var reader = new StreamReader(new MemoryStream(file), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        var records = new List<(long, List<string>, string?)>();
        await foreach (var record in CsvRecords.ReadAsync(reader, CancellationToken.None))
        {
            records.Add(record);
        }

        return records;
    }

    [Fact]
    public async Task Latin_1_bytes_and_control_characters_are_named_and_the_next_lines_are_read()
    {
        byte[] file = [.. "a,b\n"u8, .. Encoding.Latin1.GetBytes("Café,1\n"), .. "x\0y,2\n"u8, .. "ok,3\n"u8];

        var records = await Read(file);

        Assert.Equal([1L, 2L, 3L, 4L], records.Select(r => r.Line));
        Assert.Contains("not UTF-8 text", records[1].Problem);
        Assert.Contains("control characters", records[2].Problem);
        Assert.Null(records[3].Problem);
        Assert.Equal(["ok", "3"], records[3].Fields);
    }

    [Fact]
    public async Task A_quote_left_open_is_refused_at_the_bound_and_reading_goes_on_after_it()
    {
        var open = "\"" + string.Join("\n", Enumerable.Repeat(new string('q', 1000), 150));
        var records = await Read(Encoding.UTF8.GetBytes($"start,1\n{open}\nafter,2\n"));

        Assert.Equal(1L, records[0].Line);
        Assert.Contains("longer than 100,000 characters from line 2", records[1].Problem);
        Assert.Equal(["after", "2"], records.Last().Fields);
        Assert.Null(records.Last().Problem);
    }

    [Fact]
    public async Task A_quote_still_open_at_the_end_of_the_file_is_named_and_a_closed_one_may_span_lines()
    {
        var records = await Read("\"two\nlines\",1\n\"never closed,2\nstill open\n"u8.ToArray());

        Assert.Equal(["two\nlines", "1"], records[0].Fields);
        Assert.Contains("opens a quoted field at line 3 that is never closed", records[1].Problem);
    }
}

using SafeCity.Contracts.Records;
using SafeCity.RecordFiles;

namespace SafeCity.Kernel.Tests.Records;

public sealed class PartnerCsvTests
{
    private static async Task<List<(RecordSubmission? Record, RejectedRow? Rejected)>> Read(string text)
    {
        var rows = new List<(RecordSubmission?, RejectedRow?)>();
        await foreach (var row in PartnerCsv.ReadAsync(new StringReader(text)))
        {
            rows.Add(row);
        }

        return rows;
    }

    [Fact]
    public async Task A_partners_file_gives_records_with_their_details_and_UK_clock_times()
    {
        var rows = await Read("""
            reference,category,occurred_at,location,latitude,longitude,fireType,deliberate
            F1,Fire incident,2008-10-12T23:40:00+01:00,"Millbrook, playing fields",50.93,-1.44,secondary,yes
            F2,Fire incident,2009-01-13 02:10,Shirley High Street,,,primary,no
            F3,Fire incident,2008-07-01 12:00,Bitterne,,,primary,no
            F4,Fire incident,2008-05-01T00:30:00+01:00,Woolston,,,primary,no
            """);

        var (f1, f2, f3) = (rows[0].Record!, rows[1].Record!, rows[2].Record!);
        Assert.Equal(("F1", "Fire incident", "Millbrook, playing fields", "2008-10"), (f1.Reference, f1.Category, f1.Location, f1.Month));
        Assert.Equal((50.93, -1.44), (f1.Latitude!.Value, f1.Longitude!.Value));
        Assert.Equal(new Dictionary<string, string> { ["fireType"] = "secondary", ["deliberate"] = "yes" }, f1.Attributes);
        Assert.Equal(new DateTimeOffset(2008, 10, 12, 22, 40, 0, TimeSpan.Zero), f1.OccurredAt.ToDateTimeOffset());
        // Without an offset: UK clock time, GMT in January and BST in July.
        Assert.Equal(new DateTimeOffset(2009, 1, 13, 2, 10, 0, TimeSpan.Zero), f2.OccurredAt.ToDateTimeOffset());
        Assert.Equal(new DateTimeOffset(2008, 7, 1, 11, 0, 0, TimeSpan.Zero), f3.OccurredAt.ToDateTimeOffset());
        // Half past midnight on 1 May, BST, is 30 April in UTC but May on UK clocks: its month is May.
        Assert.Equal("2008-05", rows[3].Record!.Month);
    }

    [Fact]
    public async Task Bad_rows_are_rejected_with_their_line_and_a_file_without_the_required_columns_is_refused()
    {
        var rows = await Read("reference,category,occurred_at,latitude\nA,Fire incident,soon,\nB,Fire incident,2008-10-01T10:00:00Z,95\nC,Fire incident\n");

        Assert.Equal([2L, 3L, 4L], rows.Select(r => r.Rejected!.Line));
        Assert.Contains("occurred_at is not a date and time", rows[0].Rejected!.Reason);
        Assert.DoesNotContain("soon", rows[0].Rejected!.Reason);
        Assert.Contains("latitude is not a coordinate (a number from -90 to 90)", rows[1].Rejected!.Reason);
        Assert.Contains("has 2 fields where the header has 4", rows[2].Rejected!.Reason);

        var headerless = Assert.Single(await Read("ref,type\nA,B\n"));
        Assert.Contains("no reference, category, occurred_at column", headerless.Rejected!.Reason);
    }
}

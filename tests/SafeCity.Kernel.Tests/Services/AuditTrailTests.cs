using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace SafeCity.Kernel.Tests.Services;

/// <summary>Every change is in the audit trail (who, when, what, before and after); a refused change is not.</summary>
public sealed class AuditTrailTests : IDisposable
{
    private readonly AlcoholServiceFactory _factory = new();

    private async Task<JsonElement[]> AuditAsync(HttpClient client) =>
        (await client.GetFromJsonAsync<JsonElement[]>("/api/alcohol/audit"))!;

    [Fact]
    public async Task The_seed_import_and_each_change_are_audited_with_before_and_after()
    {
        var client = _factory.CreateClient();
        var seeded = await AuditAsync(client);

        await client.PutAsJsonAsync("/api/alcohol/actions/P1.A4", new { status = "Completed", rag = "Green", commentary = "Done" });
        await client.PostAsJsonAsync("/api/alcohol/indicators/P1.I6/measurements", new { period = "2008-04", value = 9 });
        await client.PostAsJsonAsync("/api/alcohol/indicators/P1.I6/measurements", new { period = "2008-04", value = 8 });
        await client.PostAsJsonAsync("/api/alcohol/records", new { category = "Test purchase", month = "2008-04", attributes = new { result = "fail" } });

        var audit = await AuditAsync(client);
        Assert.Equal(["Import action plan", "Import action plan"], seeded.Select(e => e.GetProperty("action").GetString()));
        // The failed test purchase also recomputed P1.I4, which the trail keeps as the calculator's own change.
        var computed = audit[0];
        Assert.Equal(("Record measurement", "computed from records", "P1.I4 2008-04"),
            (computed.GetProperty("action").GetString(), computed.GetProperty("actor").GetString(), computed.GetProperty("subject").GetString()));
        var newest = audit.Skip(1).Take(4).ToArray();
        Assert.Equal(["Add records", "Record measurement", "Record measurement", "Update action"], newest.Select(e => e.GetProperty("action").GetString()));
        Assert.All(newest, e => Assert.Equal("anonymous", e.GetProperty("actor").GetString()));
        var update = newest[3];
        Assert.Equal("P1.A4", update.GetProperty("subject").GetString());
        Assert.Contains("\"status\":\"NotStarted\"", update.GetProperty("before").GetString());
        Assert.Contains("\"status\":\"Completed\"", update.GetProperty("after").GetString());
        var second = newest[1];
        Assert.Contains("\"value\":9", second.GetProperty("before").GetString());
        Assert.Contains("\"value\":8", second.GetProperty("after").GetString());
        Assert.Contains("Test purchase 1", newest[0].GetProperty("subject").GetString());
    }

    [Fact]
    public async Task A_refused_change_leaves_no_audit_entry()
    {
        var client = _factory.CreateClient();
        var before = (await AuditAsync(client)).Length;

        await client.PutAsJsonAsync("/api/alcohol/actions/P1.A4", new { status = "Finished", rag = "Green" });
        await client.PostAsJsonAsync("/api/alcohol/indicators/P1.I6/measurements", new { period = "someday", value = 9 });

        Assert.Equal(before, (await AuditAsync(client)).Length);
    }

    [Fact]
    public async Task Administrators_export_the_trail_as_CSV_and_bad_dates_are_refused()
    {
        var client = _factory.CreateClient();
        await client.PutAsJsonAsync("/api/alcohol/actions/P1.A9", new { status = "InProgress", rag = "Amber" });

        var csv = await client.GetStringAsync("/api/alcohol/audit?format=csv");
        var refused = await client.GetAsync("/api/alcohol/audit?from=yesterday");

        Assert.StartsWith("sequence,at,actor,action,subject,before,after", csv);
        Assert.Contains(",anonymous,Update action,P1.A9,\"{", csv);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
    }

    public void Dispose() => _factory.Dispose();
}

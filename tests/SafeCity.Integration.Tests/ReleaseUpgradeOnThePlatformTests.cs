using System.Net.Http.Json;
using System.Text.Json;
using SafeCity.LocalPlatform;
using SafeCity.Testing;

namespace SafeCity.Integration.Tests;

/// <summary>
/// The whole platform of today started on the data folder the release of 26 November 2026 wrote
/// (tests/Fixtures): every service's start-up (migrations, seed, tallies, governance's checks) keeps
/// what that release held, and each service serves it.
/// </summary>
public sealed class ReleaseUpgradeOnThePlatformTests
{
    [Fact]
    public async Task A_data_folder_of_26_November_opens_with_every_figure_action_and_record_served()
    {
        var data = Directory.CreateTempSubdirectory("safecity-upgrade-").FullName;
        try
        {
            await ReleaseFixture.ExtractOf26NovemberTo(data);

            await using var platform = await LocalPlatformHost.StartAsync(new LocalPlatformOptions { DataDirectory = data });
            using var gateway = SignedCalls.ToGateway(platform.Keys.OperatorKeys);
            gateway.BaseAddress = platform.GatewayHttp;

            var indicators = (await gateway.GetFromJsonAsync<JsonElement>("/api/governance/performance")).GetProperty("priorities").EnumerateArray()
                .SelectMany(p => p.GetProperty("plans").EnumerateArray())
                .SelectMany(p => p.GetProperty("indicators").EnumerateArray())
                .ToDictionary(i => i.GetProperty("id").GetString()!, i => i);
            Assert.Equal(92, indicators.Count);
            Assert.Equal((31.0, "2008/09 Q1"), (indicators["P1.I7"].GetProperty("latestValue").GetDouble(), indicators["P1.I7"].GetProperty("latestPeriod").GetString()));
            Assert.Equal(7.0, indicators["P1.I6"].GetProperty("latestValue").GetDouble());

            var action = (await gateway.GetFromJsonAsync<JsonElement[]>("/api/alcohol/plans"))!
                .SelectMany(p => p.GetProperty("actions").EnumerateArray())
                .Single(a => a.GetProperty("id").GetString() == "P1.A5");
            Assert.Equal(("Delayed", "Red", "Written by the release of 26 November 2026"),
                (action.GetProperty("status").GetString(), action.GetProperty("rag").GetString(), action.GetProperty("commentary").GetString()));

            foreach (var theme in new[] { "asb-arson", "acquisitive-crime" })
            {
                var records = await gateway.GetFromJsonAsync<JsonElement[]>($"/api/{theme}/records?from=2008-10&to=2008-10");
                Assert.Equal(["FIXTURE-" + theme], records!.Select(r => r.GetProperty("reference").GetString()));
            }
        }
        finally
        {
            try
            {
                Directory.Delete(data, recursive: true);
            }
            catch (IOException)
            {
                // Left for the OS to clean.
            }
        }
    }
}

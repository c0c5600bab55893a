using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SafeCity.Kernel.Storage.Sqlite;
using Xunit.Abstractions;

namespace SafeCity.Integration.Tests.Faults;

/// <summary>A damaged store refuses to serve, a full one refuses to write; a backup taken online restores.</summary>
[Collection(FaultCollection.Name)]
public sealed class StorageFaultTests(FaultPlatformFixture fixture, ITestOutputHelper output)
{
    [Fact]
    public async Task A_damaged_store_stops_its_service_with_a_plain_message_and_an_online_backup_restores_it()
    {
        const string theme = "communities";
        var indicator = await FirstIndicatorAsync(theme);
        foreach (var (period, value) in new[] { ("1999-01", 11), ("1999-02", 12), ("1999-03", 13) })
        {
            Assert.Equal(HttpStatusCode.Created, (await Measure(theme, indicator, period, value)).StatusCode);
        }

        // An online backup while the service runs, then one more write that the backup does not hold.
        var store = Path.Combine(fixture.Platform.DataDirectory, theme + ".db");
        var backup = Path.Combine(fixture.Platform.DataDirectory, "backup-test", theme + ".db");
        Directory.CreateDirectory(Path.GetDirectoryName(backup)!);
        await SqliteBackup.BackUpAsync(store, backup, CancellationToken.None);
        Assert.Equal(HttpStatusCode.Created, (await Measure(theme, indicator, "1999-04", 14)).StatusCode);
        Assert.True(await PlatformFixture.EventuallyAsync(async () => (await GovernancePeriodsAsync(theme, indicator)).Contains("1999-04"), TimeSpan.FromSeconds(30)));

        // The file's first page overwritten: SQLite no longer knows it as a database.
        await fixture.Platform.StopServiceAsync(theme);
        await using (var file = new FileStream(store, FileMode.Open, FileAccess.Write))
        {
            file.Write(Enumerable.Repeat((byte)0x5A, 4096).ToArray());
        }

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => fixture.Platform.StartServiceAsync(theme));
        output.WriteLine(refused.Message);
        Assert.Contains($"The store {store} cannot be used, so the service will not start", refused.Message);
        Assert.Contains("restore the last backup", refused.Message);

        // Restored from the backup, it starts and holds what the backup held.
        SqliteBackup.Restore(backup, store);
        await fixture.Platform.StartServiceAsync(theme);
        var periods = (await fixture.Gateway.GetFromJsonAsync<JsonElement>($"/api/{theme}/indicators/{indicator}/measurements"))
            .EnumerateArray().Select(m => m.GetProperty("period").GetString()).ToList();
        Assert.Contains("1999-03", periods);
        Assert.DoesNotContain("1999-04", periods);

        // Governance still shows the write the backup missed, until a rebuild puts it in step with the theme.
        Assert.Contains("1999-04", await GovernancePeriodsAsync(theme, indicator));
        Assert.True((await fixture.Gateway.PostAsync("/api/governance/rebuild?apply=true", null)).IsSuccessStatusCode);
        Assert.DoesNotContain("1999-04", await GovernancePeriodsAsync(theme, indicator));
        Assert.Contains("1999-03", await GovernancePeriodsAsync(theme, indicator));
    }

    [Fact]
    public async Task A_full_store_refuses_the_write_with_a_clear_message_keeps_nothing_of_it_and_the_service_stays_up()
    {
        const string theme = "drugs";
        var indicator = await FirstIndicatorAsync(theme);
        var store = Path.Combine(fixture.Platform.DataDirectory, theme + ".db");

        // The store given a quota 2 MB above its size: it fills as a full disk would (SQLite's SQLITE_FULL).
        await fixture.Platform.StopServiceAsync(theme);
        var megabytes = (int)(new FileInfo(store).Length / (1024 * 1024)) + 2;
        await fixture.Platform.StartServiceAsync(theme, settings: new Dictionary<string, string> { ["Storage__MaxSizeMegabytes"] = megabytes.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        try
        {
            var note = new string('n', 2000);
            HttpResponseMessage? full = null;
            var kept = new List<string>();
            for (var i = 0; i < 1200 && full is null; i++)
            {
                var period = $"{1900 + (i / 12)}-{(i % 12) + 1:00}";
                var response = await fixture.Gateway.PostAsJsonAsync($"/api/{theme}/indicators/{indicator}/measurements", new { period, value = 1, note });
                if (response.StatusCode == HttpStatusCode.Created)
                {
                    kept.Add(period);
                }
                else
                {
                    full = response;
                    var refusedPeriod = period;
                    var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
                    output.WriteLine($"Refused after {kept.Count} writes: {(int)response.StatusCode} {problem}");
                    Assert.Equal(HttpStatusCode.InsufficientStorage, response.StatusCode);
                    Assert.StartsWith("The service's store is full", problem.GetProperty("detail").GetString());

                    // Nothing of the refused write is kept; everything before it is; the service still answers.
                    var held = (await fixture.Gateway.GetFromJsonAsync<JsonElement>($"/api/{theme}/indicators/{indicator}/measurements"))
                        .EnumerateArray().Select(m => m.GetProperty("period").GetString()!).ToHashSet();
                    Assert.DoesNotContain(refusedPeriod, held);
                    Assert.Subset(held, kept.ToHashSet());
                    Assert.Equal(HttpStatusCode.OK, (await fixture.Gateway.GetAsync($"/api/{theme}/plans")).StatusCode);
                }
            }

            Assert.NotNull(full);
            Assert.True(kept.Count > 10, "The quota filled before any write: " + kept.Count);
        }
        finally
        {
            // Room made (the quota lifted): writes are taken again.
            await fixture.Platform.StopServiceAsync(theme);
            await fixture.Platform.StartServiceAsync(theme);
        }

        Assert.Equal(HttpStatusCode.Created, (await Measure(theme, indicator, "2001-06", 1)).StatusCode);
    }

    [Fact]
    public async Task The_backup_command_copies_every_store_of_the_running_platform_and_restore_refuses_while_it_runs()
    {
        var data = fixture.Platform.DataDirectory;
        var to = Path.Combine(data, "backup-command");

        Assert.Equal(0, await SafeCity.Cli.BackupCommand.BackUpAsync(["--data", data, "--to", to]));

        var stores = Directory.GetFiles(to, "*.db").Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(SafeCity.LocalPlatform.PlatformService.Themes.Select(t => t.Name + ".db").Append("gateway.db").Append("governance.db").Order(StringComparer.Ordinal), stores);
        Assert.Equal(1, await SafeCity.Cli.BackupCommand.RestoreAsync([to, "--data", data]));
        Assert.Equal(2, await SafeCity.Cli.BackupCommand.RestoreAsync(["--data", data]));
    }

    private Task<HttpResponseMessage> Measure(string theme, string indicator, string period, double value) =>
        fixture.Gateway.PostAsJsonAsync($"/api/{theme}/indicators/{indicator}/measurements", new { period, value });

    private async Task<string> FirstIndicatorAsync(string theme) =>
        (await fixture.Gateway.GetFromJsonAsync<JsonElement>($"/api/{theme}/plans"))[0].GetProperty("indicators")[0].GetProperty("id").GetString()!;

    private async Task<List<string?>> GovernancePeriodsAsync(string theme, string indicator) =>
        (await fixture.Gateway.GetFromJsonAsync<JsonElement>($"/api/governance/measurements?theme={theme}&indicator={indicator}"))
            .EnumerateArray().Select(m => m.GetProperty("period").GetString()).ToList();
}

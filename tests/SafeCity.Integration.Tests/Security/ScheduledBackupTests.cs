using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using SafeCity.Cli;
using SafeCity.Kernel.Storage.Sqlite;
using SafeCity.ServiceDefaults;

namespace SafeCity.Integration.Tests.Security;

/// <summary>
/// The backups ./safecity run takes by itself, against a running platform: taken at once when there is
/// none, checked store by store, pruned to the last Keep, told on /status to administrators, and the
/// newest restores into an empty folder with everything in it.
/// </summary>
[Collection(SecurityCollection.Name)]
public sealed class ScheduledBackupTests(SecurityPlatformFixture fixture)
{
    [Fact]
    public async Task Backups_are_taken_checked_kept_to_the_last_Keep_told_on_status_and_the_newest_restores_everything_into_an_empty_folder()
    {
        var plans = await fixture.Gateway.GetFromJsonAsync<JsonElement>("/api/alcohol/plans");
        var indicator = plans.EnumerateArray().Last().GetProperty("indicators")[0].GetProperty("id").GetString()!;
        using (var written = await fixture.Gateway.PostAsJsonAsync($"/api/alcohol/indicators/{indicator}/measurements", new { period = "1999-10", value = 11 }))
        {
            Assert.Equal(HttpStatusCode.Created, written.StatusCode);
        }

        var options = new BackupOptions { Folder = fixture.BackupFolder, Keep = 2, IntervalHours = 24 };
        var said = new ConcurrentQueue<string>();
        await using (new ScheduledBackups(fixture.Platform.DataDirectory, options, said.Enqueue).Start())
        {
            // There is none yet: the first is taken at once, not a day later.
            Assert.True(await PlatformFixture.EventuallyAsync(() => Task.FromResult(BackupManifest.Good(fixture.BackupFolder).Count == 1), TimeSpan.FromSeconds(60)),
                "No backup was taken: " + string.Join(" | ", said));
        }

        var first = BackupManifest.Good(fixture.BackupFolder).Single();
        var scheduler = new ScheduledBackups(fixture.Platform.DataDirectory, options, said.Enqueue);
        await scheduler.TakeAsync(CancellationToken.None);
        var (newestFolder, newest) = await scheduler.TakeAsync(CancellationToken.None);

        // The last two are kept; the first is gone.
        Assert.Equal([newestFolder, BackupManifest.Good(fixture.BackupFolder)[1].Folder], BackupManifest.Good(fixture.BackupFolder).Select(b => b.Folder));
        Assert.False(Directory.Exists(first.Folder));
        Assert.StartsWith("Backup taken and checked: ", Assert.Single(said), StringComparison.Ordinal);

        // Every store of the data folder, each opened and counted.
        var stores = Directory.GetFiles(fixture.Platform.DataDirectory, "*.db").Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(stores, newest.Stores.Select(s => s.File));
        Assert.All(newest.Stores, s => Assert.True(s.Tables > 0 && s.Rows > 0, $"{s.File}: {s.Tables} tables, {s.Rows} rows"));

        // Restored into an empty folder: the same stores, tables and rows, and the figure written before.
        var empty = Directory.CreateTempSubdirectory("safecity-restored-").FullName;
        try
        {
            await SqliteBackup.RestoreFolderAsync(newestFolder, empty, CancellationToken.None);
            Assert.Equal(newest.Stores, await SqliteBackup.VerifyFolderAsync(empty, CancellationToken.None));
            await using var alcohol = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Path.Combine(empty, "alcohol.db"), Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
            await alcohol.OpenAsync();
            await using var find = alcohol.CreateCommand();
            find.CommandText = "SELECT COUNT(*) FROM measurements WHERE indicator_id = $i AND period = '1999-10'";
            find.Parameters.AddWithValue("$i", indicator);
            Assert.Equal(1L, (long)(await find.ExecuteScalarAsync())!);
            Assert.True(File.Exists(Path.Combine(empty, "personal-data.key")));
        }
        finally
        {
            Directory.Delete(empty, recursive: true);
        }

        // /status tells administrators when the last good backup was taken, and no one else.
        using var admin = await fixture.AdministratorAsync("127.0.0.43");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/status");
        request.Headers.Accept.ParseAdd("application/json");
        using var response = await admin.SendAsync(request);
        var backups = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("backups");
        Assert.Equal(newest.TakenAt, backups.GetProperty("lastGood").GetDateTimeOffset());
        // As the gateway writes a moment on its pages: "7 Dec 2026 13:05 UTC".
        var taken = newest.TakenAt.UtcDateTime.ToString("d MMM yyyy HH:mm 'UTC'", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains("Last good backup: " + taken, await admin.PageAsync("/status"), StringComparison.Ordinal);
        using var anonymous = new HttpClient { BaseAddress = fixture.Platform.GatewayHttp };
        Assert.DoesNotContain("backup", await anonymous.GetStringAsync("/status"), StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("Backups:Keep", "0", "Backups:Keep must be from 1 to 1000.")]
    [InlineData("Backups:IntervalHours", "0", "Backups:IntervalHours must be from 0.01 to 8760.")]
    [InlineData("Backups:IntervalHours", "soon", "Backups:IntervalHours and Backups:Keep must be numbers.")]
    public void A_wrong_backup_setting_is_named_with_its_limit_and_never_echoed(string key, string value, string said)
    {
        var (_, wrong) = ScheduledBackups.Read(new ConfigurationBuilder().AddInMemoryCollection([new(key, value)]).Build());

        Assert.Equal([said], wrong);
    }

    [Fact]
    public void Without_settings_a_backup_is_taken_every_24_hours_into_the_data_folders_backups_and_the_last_7_are_kept()
    {
        var (options, wrong) = ScheduledBackups.Read(new ConfigurationBuilder().Build());

        Assert.Empty(wrong);
        Assert.Equal((24d, 7, Path.GetFullPath("/srv/safecity/backups")), (options.IntervalHours, options.Keep, options.FolderFor("/srv/safecity")));
    }
}

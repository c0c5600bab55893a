using System.Globalization;
using Microsoft.Extensions.Configuration;
using SafeCity.Kernel.Storage.Sqlite;
using SafeCity.ServiceDefaults;

namespace SafeCity.Cli;

/// <summary>
/// The backups ./safecity run takes by itself: when it starts, if the newest good backup is older than
/// the interval (or there is none), then every interval. Each is an online backup of every store (as
/// ./safecity backup takes), opened and checked store by store, and only then given its manifest;
/// the scheduled backups beyond the last Keep are removed, oldest first. A backup that fails is removed
/// whole and said in the terminal; the ones before it stay.
/// </summary>
public sealed class ScheduledBackups : IAsyncDisposable
{
    private readonly string _data;
    private readonly BackupOptions _options;
    private readonly Action<string> _say;
    private readonly TimeProvider _clock;
    private readonly CancellationTokenSource _stop = new();
    private Task? _running;

    public ScheduledBackups(string dataDirectory, BackupOptions options, Action<string> say, TimeProvider? clock = null)
    {
        _data = Path.GetFullPath(dataDirectory);
        _options = options;
        _say = say;
        _clock = clock ?? TimeProvider.System;
        Folder = options.FolderFor(_data);
    }

    public string Folder { get; }

    /// <summary>The section "Backups" of <paramref name="configuration"/>, and every rule it breaks (each naming the key and its limit).</summary>
    public static (BackupOptions Options, IReadOnlyList<string> Wrong) Read(IConfiguration configuration)
    {
        try
        {
            return Settings.Check<BackupOptions>(configuration, BackupOptions.Section);
        }
        catch (InvalidOperationException)
        {
            // A value that is not a number at all: named as the rule it breaks, never echoed.
            return (new BackupOptions(), [$"{BackupOptions.Section}:IntervalHours and {BackupOptions.Section}:Keep must be numbers."]);
        }
    }

    /// <summary>Starts taking backups on the schedule, in the background.</summary>
    public ScheduledBackups Start()
    {
        _running = Task.Run(() => RunAsync(_stop.Token));
        return this;
    }

    private async Task RunAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            var newest = BackupManifest.Good(Folder).FirstOrDefault();
            var due = newest.Manifest is { } last ? last.TakenAt + _options.Interval : _clock.GetUtcNow();
            var wait = due - _clock.GetUtcNow();
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, _clock, ct);
            }

            try
            {
                var (folder, manifest) = await TakeAsync(ct);
                _say($"Backup taken and checked: {manifest.Stores.Count} stores, {manifest.Stores.Sum(s => s.Rows):N0} rows, in {folder}. The next in {_options.IntervalHours:0.##} h.");
            }
            catch (Exception e) when (!ct.IsCancellationRequested && e is IOException or InvalidDataException or UnauthorizedAccessException or Microsoft.Data.Sqlite.SqliteException)
            {
                _say($"The scheduled backup failed and was not kept: {e.Message}. Trying again in an hour.");
                await Task.Delay(TimeSpan.FromHours(Math.Min(1, _options.IntervalHours)), _clock, ct);
            }
        }
    }

    /// <summary>Takes one backup now, checks it, writes its manifest and removes the scheduled backups beyond the last Keep.</summary>
    public async Task<(string Folder, BackupManifest Manifest)> TakeAsync(CancellationToken ct)
    {
        var now = _clock.GetUtcNow();
        var folder = Path.Combine(Folder, BackupManifest.Prefix + now.ToString("yyyyMMdd-HHmmss-fff", CultureInfo.InvariantCulture));
        try
        {
            OwnerOnly.CreateDirectory(Folder);
            await SqliteBackup.BackUpFolderAsync(_data, folder, ct);
            var stores = await SqliteBackup.VerifyFolderAsync(folder, ct);
            if (stores.Count == 0)
            {
                throw new InvalidDataException($"{_data} holds no stores to back up.");
            }

            var manifest = new BackupManifest(now, stores);
            // Written last: a folder with a manifest is a backup that was checked whole.
            await OwnerOnly.WriteAllTextAsync(Path.Combine(folder, BackupManifest.FileName), manifest.ToJson(), ct);
            Prune();
            return (folder, manifest);
        }
        catch
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }

            throw;
        }
    }

    private void Prune()
    {
        foreach (var (old, _) in BackupManifest.Good(Folder).Skip(_options.Keep))
        {
            Directory.Delete(old, recursive: true);
        }

        // A folder the schedule began and never finished (the machine stopped mid-backup) is no backup.
        foreach (var unfinished in Directory.GetDirectories(Folder, BackupManifest.Prefix + "*").Where(d => BackupManifest.Read(d) is null))
        {
            if (Directory.GetLastWriteTimeUtc(unfinished) < _clock.GetUtcNow().UtcDateTime.AddHours(-1))
            {
                Directory.Delete(unfinished, recursive: true);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_running is not null)
        {
            try
            {
                await _running;
            }
            catch (OperationCanceledException)
            {
            }
        }

        _stop.Dispose();
    }
}

using System.Globalization;
using SafeCity.Kernel.Storage.Sqlite;
using SafeCity.LocalPlatform;

namespace SafeCity.Cli;

/// <summary>
/// ./safecity backup: an online copy of every service's store while the platform runs;
/// ./safecity restore FOLDER: puts one back while the platform is stopped.
/// </summary>
public static class BackupCommand
{
    public static async Task<int> BackUpAsync(string[] args)
    {
        var data = CommandLine.DataDirectory(args);
        var to = CommandLine.Option(args, "--to") ?? Path.Combine(data, "backups", DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture));
        if (!Directory.Exists(data))
        {
            Console.Error.WriteLine($"There is no data folder at {data}: give --data DIR.");
            return 1;
        }

        try
        {
            var stores = await SqliteBackup.BackUpFolderAsync(data, Path.GetFullPath(to), CancellationToken.None);
            Console.WriteLine($"Backed up {stores.Count} stores ({string.Join(", ", stores)}) to {Path.GetFullPath(to)}.");
            Console.WriteLine("It holds the key that seals the PPO cohort's personal data: keep it as securely as the data folder.");
            return 0;
        }
        catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"The backup failed, nothing was kept: {e.Message}");
            return 1;
        }
    }

    public static async Task<int> RestoreAsync(string[] args)
    {
        var from = CommandLine.Positional(args).FirstOrDefault();
        var data = CommandLine.DataDirectory(args);
        if (from is null || !Directory.Exists(from))
        {
            Console.Error.WriteLine("Usage: safecity restore BACKUP-FOLDER [--data DIR] (a folder ./safecity backup wrote).");
            return 2;
        }

        if (LocalPlatformHost.RunningHost(data) is { } running)
        {
            Console.Error.WriteLine($"The platform is running on {data} (process {running}): stop it first, then restore.");
            return 1;
        }

        try
        {
            var stores = await SqliteBackup.RestoreFolderAsync(from, data, CancellationToken.None);
            Console.WriteLine($"Restored {stores.Count} stores ({string.Join(", ", stores)}) into {data}.");
            Console.WriteLine("Start the platform; governance's read model can be checked against the themes at /rebuild.");
            return 0;
        }
        catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"Nothing was restored: {e.Message}");
            return 1;
        }
    }

}

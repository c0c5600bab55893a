using System.ComponentModel.DataAnnotations;
using System.Text.Json;

namespace SafeCity.ServiceDefaults;

/// <summary>
/// The backups ./safecity run takes by itself (section "Backups"): every IntervalHours into Folder,
/// the last Keep of them kept. The gateway reads the same settings to say on /status when the last
/// good one was taken.
/// </summary>
public sealed class BackupOptions
{
    public const string Section = "Backups";

    [Range(0.01, 8760, ErrorMessage = "Backups:IntervalHours must be from {1} to {2}.")]
    public double IntervalHours { get; set; } = 24;

    /// <summary>Where the backups go; unset: "backups" in the data folder. Best on another disk.</summary>
    [StringLength(4096, ErrorMessage = "Backups:Folder must be at most {1} characters.")]
    public string? Folder { get; set; }

    [Range(1, 1000, ErrorMessage = "Backups:Keep must be from {1} to {2}.")]
    public int Keep { get; set; } = 7;

    public TimeSpan Interval => TimeSpan.FromHours(IntervalHours);

    /// <summary>The folder the backups go to for a platform whose data is in <paramref name="dataDirectory"/>.</summary>
    public string FolderFor(string dataDirectory) => Path.GetFullPath(Folder is { Length: > 0 } folder ? folder : Path.Combine(dataDirectory, "backups"));
}

/// <summary>One store in a backup, as the check after writing it found it: its tables and rows.</summary>
public sealed record BackedUpStore(string File, int Tables, long Rows);

/// <summary>
/// What a scheduled backup holds, written into it (backup.json) only after every store in it was opened
/// and checked: a folder without one is not a good backup.
/// </summary>
public sealed record BackupManifest(DateTimeOffset TakenAt, IReadOnlyList<BackedUpStore> Stores)
{
    public const string FileName = "backup.json";

    /// <summary>The scheduled backups' folders are named so; others (./safecity backup's) are never pruned.</summary>
    public const string Prefix = "scheduled-";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>The manifest of a backup folder, or null when it has none (unfinished, failed) or it cannot be read.</summary>
    public static BackupManifest? Read(string backup)
    {
        try
        {
            return JsonSerializer.Deserialize<BackupManifest>(File.ReadAllText(Path.Combine(backup, FileName)), Json);
        }
        catch (Exception e) when (e is IOException or JsonException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>The scheduled backups in <paramref name="folder"/> that are good (checked, with a manifest), newest first.</summary>
    public static IReadOnlyList<(string Folder, BackupManifest Manifest)> Good(string folder) =>
        !Directory.Exists(folder)
            ? []
            : Directory.GetDirectories(folder, Prefix + "*")
                .Select(d => (Folder: d, Manifest: Read(d)))
                .Where(b => b.Manifest is not null)
                .Select(b => (b.Folder, b.Manifest!))
                .OrderByDescending(b => b.Item2.TakenAt)
                .ToList();
}

using System.IO.Compression;
using System.Text.RegularExpressions;

namespace SafeCity.RecordFiles.PoliceData;

/// <summary>
/// A street-level crime file to read: one file as given, or one of a month's files found in a folder
/// or in data.police.uk's archive zip. Month and Force come from the name data.police.uk gives it
/// (<c>2024-01-hampshire-street.csv</c>), and are null for a file named otherwise.
/// </summary>
public sealed record PoliceStreetFile(string Name, string? Month, string? Force, long Length, Func<Stream> Open)
{
    public bool IsNamedAsPublished => Month is not null && Force is not null;
}

/// <summary>Finds the street-level files of a path: a file, a folder (searched through), or a zip.</summary>
public static partial class PoliceStreetFiles
{
    /// <summary>The files to read, in name order, or why there are none.</summary>
    public static (IReadOnlyList<PoliceStreetFile> Files, string? Problem) Find(string path)
    {
        if (Directory.Exists(path))
        {
            var files = Directory.EnumerateFiles(path, "*-street.csv", SearchOption.AllDirectories)
                .Order(StringComparer.Ordinal)
                .Select(f => Named(Path.GetFileName(f), new FileInfo(f).Length, () => File.OpenRead(f)))
                .ToList();
            return files.Count > 0 ? (files, null) : ([], $"There is no street-level file (*-street.csv) in {path}.");
        }

        if (!File.Exists(path))
        {
            return ([], $"There is no file or folder {path}.");
        }

        if (!path.EndsWith(".zip", StringComparison.OrdinalIgnoreCase))
        {
            return ([Named(Path.GetFileName(path), new FileInfo(path).Length, () => File.OpenRead(path))], null);
        }

        try
        {
            using var zip = ZipFile.OpenRead(path);
            var entries = zip.Entries.Where(e => e.Name.EndsWith("-street.csv", StringComparison.OrdinalIgnoreCase))
                .OrderBy(e => e.FullName, StringComparer.Ordinal)
                .Select(e => Named(e.Name, e.Length, () => OpenEntry(path, e.FullName)))
                .ToList();
            return entries.Count > 0 ? (entries, null) : ([], $"The archive {Path.GetFileName(path)} holds no street-level file (*-street.csv).");
        }
        catch (InvalidDataException)
        {
            return ([], $"{Path.GetFileName(path)} is not a zip archive that can be read.");
        }
    }

    private static PoliceStreetFile Named(string name, long length, Func<Stream> open)
    {
        var match = PublishedName().Match(name);
        return match.Success && RecordMonth.IsValid(match.Groups["month"].Value)
            ? new PoliceStreetFile(name, match.Groups["month"].Value, match.Groups["force"].Value, length, open)
            : new PoliceStreetFile(name, null, null, length, open);
    }

    // A force's month is a few megabytes: each entry is read whole from its own handle on the archive,
    // so files can be counted side by side.
    private static MemoryStream OpenEntry(string zipPath, string entry)
    {
        using var zip = ZipFile.OpenRead(zipPath);
        using var stream = zip.GetEntry(entry)!.Open();
        var copy = new MemoryStream();
        stream.CopyTo(copy);
        copy.Position = 0;
        return copy;
    }

    [GeneratedRegex(@"^(?<month>[0-9]{4}-[0-9]{2})-(?<force>[a-z0-9]+(?:-[a-z0-9]+)*)-street\.csv$", RegexOptions.IgnoreCase)]
    private static partial Regex PublishedName();

}

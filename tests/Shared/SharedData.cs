namespace SafeCity.Testing;

/// <summary>
/// The real, public data beside the checkout (<c>../shared/data</c>: data.police.uk months, ONS lookups,
/// boundaries), or null where it is not there; tests that read it say so and are skipped.
/// </summary>
public static class SharedData
{
    public static string? Folder { get; } = Find();

    public const string Absent = "../shared/data (real data.police.uk and ONS files) is not beside this checkout.";

    public static string Path(params string[] parts) => System.IO.Path.Combine([Folder ?? throw new DirectoryNotFoundException(Absent), .. parts]);

    private static string? Find()
    {
        for (var dir = new DirectoryInfo(RepositoryRoot.Path); dir is not null; dir = dir.Parent)
        {
            var candidate = System.IO.Path.Combine(dir.FullName, "shared", "data", "police");
            if (Directory.Exists(candidate))
            {
                return System.IO.Path.GetDirectoryName(candidate);
            }
        }

        return null;
    }
}

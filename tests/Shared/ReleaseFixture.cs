using System.Formats.Tar;
using System.IO.Compression;

namespace SafeCity.Testing;

/// <summary>The data folder an earlier release wrote (tests/Fixtures/README.md), for the upgrade tests.</summary>
public static class ReleaseFixture
{
    /// <summary>Puts the stores the release of 26 November 2026 wrote into <paramref name="folder"/>.</summary>
    public static async Task ExtractOf26NovemberTo(string folder)
    {
        await using var archive = File.OpenRead(Path.Combine(RepositoryRoot.Path, "tests", "Fixtures", "release-2026-11-26.tar.gz"));
        await using var unzipped = new GZipStream(archive, CompressionMode.Decompress);
        await TarFile.ExtractToDirectoryAsync(unzipped, folder, overwriteFiles: false);
    }
}

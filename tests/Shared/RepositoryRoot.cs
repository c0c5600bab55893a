namespace SafeCity.Testing;

/// <summary>The repository the tests were built from: the folder above them holding SafeCityPlatform.sln.</summary>
public static class RepositoryRoot
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "SafeCityPlatform.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("SafeCityPlatform.sln not found above the tests' folder.");
    }
}

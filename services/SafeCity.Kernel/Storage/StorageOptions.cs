namespace SafeCity.Kernel.Storage;

/// <summary>Where a service keeps its data. MongoDB when a connection string is set, else one SQLite file.</summary>
public sealed class StorageOptions
{
    public const string Section = "Storage";

    /// <summary>The folder of the SQLite files; SAFECITY_DATA_DIR, else ".safecity" under the working folder.</summary>
    public string DataDirectory { get; set; } = ".safecity";

    /// <summary>The name of this service's own database (file name or MongoDB database).</summary>
    public string DatabaseName { get; set; } = "";

    /// <summary>A MongoDB connection string (ConnectionStrings:mongodb). Empty: use SQLite.</summary>
    public string? MongoConnectionString { get; set; }

    /// <summary>A quota on the SQLite file in megabytes; beyond it writes are refused as on a full disk. Unset: the disk is the limit.</summary>
    public int? MaxSizeMegabytes { get; set; }

    public bool UsesMongo => !string.IsNullOrWhiteSpace(MongoConnectionString);

    public string SqliteFile => Path.Combine(Path.GetFullPath(DataDirectory), DatabaseName + ".db");
}

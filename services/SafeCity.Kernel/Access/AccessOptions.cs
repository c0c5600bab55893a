namespace SafeCity.Kernel.Access;

public sealed class AccessOptions
{
    public const string Section = "Access";

    /// <summary>
    /// Whether a caller nobody signed in may read and change the platform: false, so every page, API
    /// and gRPC method but the health checks needs a signed identity. True only for a demonstration,
    /// and then said in the log at every start.
    /// </summary>
    public bool AllowAnonymous { get; set; }
}

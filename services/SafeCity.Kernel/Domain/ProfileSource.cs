using System.Text.Json.Serialization;

namespace SafeCity.Kernel.Domain;

/// <summary>
/// Where an attribute of an indicator's profile (unit, polarity, frequency) comes from: the document's
/// own words and the line they are on, or an assumption with its reason.
/// </summary>
public sealed record ProfileSource(string? Words, int? Line, string? Assumed)
{
    [JsonIgnore]
    public bool IsAssumed => Words is null;

    /// <summary>The words and their line, with the reasoning where the words alone do not settle it; or the assumption.</summary>
    public string Describe() => Words is { } words
        ? $"“{words}” (line {Line})" + (Assumed is { } why ? $": {why}" : "")
        : $"assumed: {Assumed}";
}

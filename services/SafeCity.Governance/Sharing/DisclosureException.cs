namespace SafeCity.Governance.Sharing;

public sealed class DisclosureException(string field, string message) : Exception(message)
{
    public string Field { get; } = field;
}

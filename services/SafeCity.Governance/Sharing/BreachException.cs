namespace SafeCity.Governance.Sharing;

public sealed class BreachException(string field, string message) : Exception(message)
{
    public string Field { get; } = field;
}

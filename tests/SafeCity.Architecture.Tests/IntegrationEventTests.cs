using System.Reflection;
using SafeCity.Contracts.Events;
using SafeCity.Testing;

namespace SafeCity.Architecture.Tests;

/// <summary>
/// The integration events are only ever added to: a service still running the older contract reads
/// what it knew, and an outbox written before an upgrade is published after it. Every type, property,
/// type of property (with its nullability) and enum member of the events is in
/// <c>integration-events.txt</c>; one removed or changed fails, one added fails until it is written there.
/// </summary>
public sealed class IntegrationEventTests
{
    private static readonly string Snapshot = Path.Combine(RepositoryRoot.Path, "tests", "SafeCity.Architecture.Tests", "integration-events.txt");

    private static readonly NullabilityInfoContext Nullability = new();

    /// <summary>The contract as compiled, one line a member, e.g. "MeasurementRecorded.Value: double (required)".</summary>
    public static IReadOnlyList<string> Contract() =>
        typeof(MeasurementRecorded).Assembly.GetExportedTypes()
            .Where(t => t.Namespace == typeof(MeasurementRecorded).Namespace && t != typeof(IntegrationEvents))
            .SelectMany(Lines)
            .Order(StringComparer.Ordinal)
            .ToList();

    private static IEnumerable<string> Lines(Type type)
    {
        yield return $"{type.Name}";
        if (type.IsEnum)
        {
            foreach (var name in Enum.GetNames(type))
            {
                yield return $"{type.Name}.{name} = {Convert.ToInt64(Enum.Parse(type, name), System.Globalization.CultureInfo.InvariantCulture)}";
            }

            yield break;
        }

        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.Name != "EqualityContract"))
        {
            var required = property.GetCustomAttributes().Any(a => a.GetType().Name == "RequiredMemberAttribute") ? " (required)" : "";
            yield return $"{type.Name}.{property.Name}: {Name(property.PropertyType, Nullability.Create(property))}{required}";
        }
    }

    private static string Name(Type type, NullabilityInfo nullability)
    {
        if (Nullable.GetUnderlyingType(type) is { } underlying)
        {
            return underlying.Name + "?";
        }

        var nullable = nullability.ReadState == NullabilityState.Nullable ? "?" : "";

        if (type.IsArray)
        {
            return Name(type.GetElementType()!, nullability.ElementType!) + "[]" + nullable;
        }

        if (type.IsGenericType)
        {
            var arguments = type.GetGenericArguments().Select((a, i) => Name(a, nullability.GenericTypeArguments[i]));
            return $"{type.Name[..type.Name.IndexOf('`', StringComparison.Ordinal)]}<{string.Join(", ", arguments)}>{nullable}";
        }

        return type.Name + nullable;
    }

    [Fact]
    public void An_integration_event_is_only_ever_added_to()
    {
        var contract = Contract();
        Assert.Contains("MeasurementRecorded.Value: Double (required)", contract);
        if (Environment.GetEnvironmentVariable("SAFECITY_WRITE_SNAPSHOT") == "1")
        {
            // Appends what is new; never takes a line out.
            var kept = File.Exists(Snapshot) ? File.ReadAllLines(Snapshot) : [];
            File.WriteAllLines(Snapshot, kept.Union(contract, StringComparer.Ordinal).Order(StringComparer.Ordinal));
        }

        var snapshot = File.ReadAllLines(Snapshot).Where(l => l.Length > 0).ToList();
        var gone = snapshot.Except(contract, StringComparer.Ordinal).ToList();
        var added = contract.Except(snapshot, StringComparer.Ordinal).ToList();

        Assert.True(gone.Count == 0,
            "Removed or changed in the integration events (add a new member instead; consumers and outboxes hold the old one): " + string.Join("; ", gone));
        Assert.True(added.Count == 0,
            "New in the integration events, not yet in tests/SafeCity.Architecture.Tests/integration-events.txt (SAFECITY_WRITE_SNAPSHOT=1 appends them): " + string.Join("; ", added));
    }
}

using System.Globalization;

namespace SafeCity.Kernel.Domain;

/// <summary>Where a target came from: printed in the plan (with the document's line), or set by someone of the partnership, when and why.</summary>
public sealed record TargetSource
{
    public const string Printed = "printed";
    public const string Set = "set";

    /// <summary><see cref="Printed"/> or <see cref="Set"/>.</summary>
    public required string Kind { get; init; }
    public string? By { get; init; }
    public DateTimeOffset? At { get; init; }
    public string? Reason { get; init; }
    /// <summary>For a printed target, the document's line it is printed on.</summary>
    public int? Line { get; init; }

    /// <param name="reading">Where the target is printed other than in the target column, how it is read.</param>
    public static TargetSource InThePlan(int? line, string? reading = null) =>
        new() { Kind = Printed, Reason = reading ?? "Printed in the plan (Target, March 2009)", Line = line };

    public string Describe() => Kind == Printed
        ? $"printed in the plan{(Line is { } l ? $", line {l}" : "")}"
        : string.Create(CultureInfo.InvariantCulture, $"set by {By}{(At is { } at ? $" on {at:d MMMM yyyy}" : "")}{(Reason is { Length: > 0 } r ? $": {r}" : "")}");
}

using SafeCity.Kernel.Records;
using SafeCity.RecordFiles;

namespace SafeCity.Kernel.Features.SubmitRecords;

/// <summary>A record as a person enters it; its source is who entered it (<see cref="Access.ThemeAccess.SourceOf"/>), whatever Source says, but for the platform's own tools.</summary>
public sealed record NewRecord(string? Reference, string? Category, string? Month, DateTimeOffset? OccurredAt, string? Location, string? LsoaCode, string? LsoaName, Dictionary<string, string>? Attributes, string? Source = null)
{
    public PartnerRecord ToRecord(DateTimeOffset receivedAt, string actor, string source) => new()
    {
        Source = source,
        Reference = string.IsNullOrWhiteSpace(Reference) ? Guid.NewGuid().ToString("N")[..12] : Reference.Trim(),
        Category = Category?.Trim() ?? "",
        // The month on UK clocks, as the intake reckons it: 00:30 on 1 May (BST) is in May.
        Month = Month?.Trim() ?? (OccurredAt is { } at ? RecordMonth.Of(at) : ""),
        OccurredAt = OccurredAt,
        Location = Location,
        LsoaCode = LsoaCode,
        LsoaName = LsoaName,
        Attributes = Attributes ?? [],
        ReceivedAt = receivedAt,
        ReceivedFrom = actor,
    };
}

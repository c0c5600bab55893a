namespace SafeCity.Kernel.Records;

/// <summary>A kind of record a theme keeps in its register, with the details a person enters for it.</summary>
public sealed record RecordCategory(string Name, string Description, IReadOnlyList<RecordDetail> Details)
{
    public RecordCategory(string name, string description)
        : this(name, description, [])
    {
    }
}

/// <summary>A detail of a record, such as "deliberate" (yes or no) or "fire type" (primary or secondary).</summary>
public sealed record RecordDetail(string Name, string Label, IReadOnlyList<string>? Choices = null)
{
    public static IReadOnlyList<string> YesNo { get; } = ["yes", "no"];
}

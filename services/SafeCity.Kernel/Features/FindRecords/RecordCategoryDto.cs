using SafeCity.Kernel.Records;

namespace SafeCity.Kernel.Features.FindRecords;

/// <param name="Details">The details a record of the category carries (name, label, and the choices where there are some).</param>
/// <param name="PoliceRecorded">A data.police.uk crime type the theme keeps, rather than one of its partners' own categories.</param>
public sealed record RecordCategoryDto(string Name, string Description, IReadOnlyList<RecordDetail> Details, bool PoliceRecorded)
{
    public static RecordCategoryDto Of(string name, RecordCategory? kept) =>
        new(name, kept?.Description ?? "Police-recorded crime (data.police.uk category)", kept?.Details ?? [], kept is null);
}

using SafeCity.Kernel.Hosting;

namespace SafeCity.Violence;

/// <summary>Priority 2's theme service: what it is, for the kernel to build the rest.</summary>
public sealed class ViolenceTheme
{
    private ViolenceTheme()
    {
    }

    public static ThemeDefinition Definition { get; } = new()
    {
        Slug = "violence",
        Priority = 2,
        Title = "Reduce violent crime",
        LeadPartnership = "Violent Crime Sub Group and the Southampton Domestic Violence Forum",
        Assembly = typeof(ViolenceTheme).Assembly,
    };
}

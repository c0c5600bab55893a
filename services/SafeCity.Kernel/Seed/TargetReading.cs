namespace SafeCity.Kernel.Seed;

/// <summary>
/// How the theme reads an indicator's printed target where the extraction alone does not say: the line
/// its figure is printed on; and, for a row whose own words state a target its target column does not
/// (P8.I3), that target, with why.
/// </summary>
public sealed record TargetReading(int? Line, string? AsWritten = null, double? Value = null, string? Unit = null, string? Reading = null);

namespace SafeCity.Kernel.Domain;

/// <summary>One figure of a baseline series, labelled by its period, group or type.</summary>
public sealed record BaselineFigure(string? Period, string? Group, string? Type, double Value);

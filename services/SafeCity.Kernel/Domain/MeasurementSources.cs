namespace SafeCity.Kernel.Domain;

public static class MeasurementSources
{
    public const string Entered = "entered";
    public const string Computed = "computed";
}

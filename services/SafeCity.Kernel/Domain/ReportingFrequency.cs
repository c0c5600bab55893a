namespace SafeCity.Kernel.Domain;

public enum ReportingFrequency
{
    Monthly,
    Quarterly,
    Annual,
}

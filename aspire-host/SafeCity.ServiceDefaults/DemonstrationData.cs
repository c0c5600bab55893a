using Microsoft.Extensions.Configuration;

namespace SafeCity.ServiceDefaults;

/// <summary>
/// Whether a platform holds generated demonstration data: started with ./safecity run --demo
/// (Platform:Demonstration), or its data folder marked by the administrators' "fill with
/// demonstration data". Every page then says so.
/// </summary>
public static class DemonstrationData
{
    /// <summary>The file that marks a data folder; it travels with backups, which a real platform's restore then refuses.</summary>
    public const string Marker = "demonstration";

    public const string Setting = "Platform:Demonstration";

    public static bool IsOn(IConfiguration configuration) =>
        configuration.GetValue<bool>(Setting) || File.Exists(Path.Combine(DataDirectory(configuration), Marker));

    /// <summary>The data folder every process of the platform is given (SAFECITY_DATA_DIR), else ".safecity".</summary>
    public static string DataDirectory(IConfiguration configuration) =>
        configuration["SAFECITY_DATA_DIR"] is { Length: > 0 } dir ? dir : ".safecity";
}

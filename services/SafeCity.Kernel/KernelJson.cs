using System.Text.Json;
using System.Text.Json.Serialization;

namespace SafeCity.Kernel;

/// <summary>The one JSON shape the platform stores and sends: camelCase, enums by name.</summary>
public static class KernelJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        };
        options.Converters.Add(new JsonStringEnumConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}

using System.Globalization;
using System.Runtime.CompilerServices;

namespace SafeCity.Testing;

/// <summary>These tests run with ICU (the services' personal-data screen normalises Unicode), and in the invariant culture, as the services do, whatever the machine's LANG.</summary>
internal static class InvariantCulture
{
    [ModuleInitializer]
    internal static void Set()
    {
        CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
        CultureInfo.DefaultThreadCurrentUICulture = CultureInfo.InvariantCulture;
    }
}

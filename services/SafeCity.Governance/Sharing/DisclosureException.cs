using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using SafeCity.Kernel.Storage.Documents;
using SafeCity.ServiceDefaults;

namespace SafeCity.Governance.Sharing;

public sealed class DisclosureException(string field, string message) : Exception(message)
{
    public string Field { get; } = field;
}

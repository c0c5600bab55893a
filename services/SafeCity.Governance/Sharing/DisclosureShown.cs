using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using SafeCity.Kernel.Storage.Documents;
using SafeCity.ServiceDefaults;

namespace SafeCity.Governance.Sharing;

/// <summary>That an authorised request's details were shown: once only.</summary>
public sealed record DisclosureShown(string RequestId, DateTimeOffset At);

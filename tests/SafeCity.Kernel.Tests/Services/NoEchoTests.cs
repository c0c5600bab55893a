using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;
using SafeCity.Contracts.Identity;
using SafeCity.Governance.Performance;
using SafeCity.Kernel.Seed;
using SafeCity.Kernel.Tests.Seed;
using SafeCity.Testing;

namespace SafeCity.Kernel.Tests.Services;

/// <summary>
/// Every JSON endpoint and gRPC method of every service, each text it takes (route and query values, body
/// fields, message fields, dictionary keys) sent 100,000 characters long in turn while the others are
/// well formed: a refusal is under 2 KB (or no longer than the same call's with the value well formed), no
/// answer repeats the value, and a refusal for length names the length sent.
/// </summary>
public sealed class NoEchoTests
{
    /// <summary>100,000 characters with nothing to trim, so a count of them is exactly 100,000.</summary>
    internal static readonly string Long = string.Concat(Enumerable.Repeat("echo-", 20_000));

    internal const int MaxRefusalBytes = 2048;

    /// <summary>An answer repeats the value when it holds any forty characters of it.</summary>
    internal static bool Echoes(string answer) => answer.Contains(Long[..40], StringComparison.Ordinal);

    [Fact]
    public async Task Every_json_endpoint_answers_a_100000_character_value_by_its_field_limit_and_length_in_under_2_KB()
    {
        var wrong = new List<string>();
        var tried = await EachServiceAsync((factory, service, plan) => SendEachAsync(factory, service, plan, wrong));

        Assert.True(wrong.Count == 0, "Answers that repeat a long value, run over 2 KB or do not name its length:\n" + string.Join("\n", wrong.Distinct()));
        Assert.True(tried > 300, $"Only {tried} values were tried.");
    }

    [Fact]
    public async Task Every_grpc_method_answers_a_100000_character_value_in_under_2_KB_without_it()
    {
        var wrong = new List<string>();
        var tried = await EachServiceAsync((factory, service, plan) => CallEachAsync(factory, service, plan, wrong));

        Assert.True(wrong.Count == 0, "gRPC answers that repeat a long value or run over 2 KB:\n" + string.Join("\n", wrong.Distinct()));
        Assert.True(tried > 100, $"Only {tried} values were tried.");
    }

    private static async Task<int> EachServiceAsync(Func<AccessMatrixTests.IServiceFactory, string, int, Task<int>> walk)
    {
        var tried = 0;
        foreach (var theme in SeedFidelityTests.Themes)
        {
            using var factory = AccessMatrixTests.ThemeFactory(theme.Assembly);
            tried += await walk(factory, theme.Slug, ActionPlanSeed.ReadFrom(theme.Assembly)[0].Number);
        }

        using var governance = new AccessMatrixTests.ServiceFactory<PartnershipPerformance>();
        return tried + await walk(governance, "governance", 3);
    }

    /// <summary>A well-formed value for a text by its name, so that the one long value is what is judged.</summary>
    private static string Sample(string name, string service, int plan) => name.Replace("_", "", StringComparison.Ordinal).ToLowerInvariant() switch
    {
        "status" => "InProgress",
        "rag" => "Green",
        "period" or "month" => "2008-04",
        "fromyear" or "baseyear" or "year" => "2008/09",
        "duedate" or "due" or "asat" or "meetingdate" or "from" or "to" or "identifiedon" or "doneon" => "2008-06-30",
        "actionid" => $"P{plan}.A1",
        "indicatorid" => $"P{plan}.I1",
        "theme" => service == "governance" ? "violence" : service,
        "objective" => "c",
        _ => "x",
    };

    private static async Task<int> SendEachAsync(AccessMatrixTests.IServiceFactory factory, string service, int plan, List<string> wrong)
    {
        var services = factory.Services.GetRequiredService<IServiceProviderIsService>();
        var endpoints = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => (e.RoutePattern.RawText ?? "").StartsWith("/api", StringComparison.Ordinal))
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Select(m => (Method: m, Endpoint: e)));
        var tried = 0;
        foreach (var (method, endpoint) in endpoints)
        {
            var pattern = endpoint.RoutePattern;
            var routeValues = pattern.Parameters.Where(p => !p.ParameterPolicies.Any(c => c.Content is "int")).Select(p => p.Name).ToList();
            var queryValues = endpoint.Metadata.GetOrderedMetadata<IParameterBindingMetadata>()
                .Where(p => pattern.GetParameter(p.Name) is null && IsSimple(p.ParameterInfo.ParameterType) && !services.IsService(p.ParameterInfo.ParameterType))
                .Select(p => p.Name).ToList();
            var body = endpoint.Metadata.GetMetadata<IAcceptsMetadata>()?.RequestType;
            var leaves = 0;
            if (body is not null)
            {
                Fill(body, "", 0, service, plan, ref leaves, -1);
            }

            var slots = routeValues.Count + queryValues.Count + Math.Max(leaves, body is null && method != "GET" ? 1 : 0);
            var baseline = 0;
            for (var slot = -1; slot < slots; slot++)
            {
                var path = new StringBuilder();
                foreach (var part in pattern.PathSegments.SelectMany(s => s.Parts.Prepend(null)))
                {
                    path.Append(part switch
                    {
                        null => "/",
                        RoutePatternLiteralPart literal => literal.Content,
                        RoutePatternParameterPart p when p.ParameterPolicies.Any(c => c.Content is "int") => p.Name == "year" ? "2009" : plan.ToString(CultureInfo.InvariantCulture),
                        RoutePatternParameterPart p => Uri.EscapeDataString(routeValues.IndexOf(p.Name) == slot ? Long : Sample(p.Name, service, plan)),
                        _ => "",
                    });
                }

                var query = string.Join("&", queryValues.Select((name, i) => $"{name}={Uri.EscapeDataString(routeValues.Count + i == slot ? Long : Sample(name, service, plan))}"));
                using var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
                using var request = new HttpRequestMessage(new HttpMethod(method), path + "?" + query);
                request.Headers.Add(PlatformTokens.Header, TestIdentity.Person(service, "tester", [PlatformRoles.Administrator]));
                var bodySlot = slot < 0 ? -1 : slot - routeValues.Count - queryValues.Count;
                if (body is not null)
                {
                    var counter = 0;
                    request.Content = new StringContent(Fill(body, "", 0, service, plan, ref counter, bodySlot)?.ToJsonString() ?? "{}", Encoding.UTF8, "application/json");
                }
                else if (method != "GET")
                {
                    // A file's body (the targets import): one long line.
                    request.Content = new StringContent(bodySlot == 0 ? Long : "", Encoding.UTF8, "text/csv");
                }

                using var response = await client.SendAsync(request);
                var answer = await response.Content.ReadAsByteArrayAsync();
                if (slot < 0)
                {
                    baseline = answer.Length;
                    continue;
                }

                Judge($"{service} {method} {pattern.RawText} value {slot + 1} of {slots}", (int)response.StatusCode >= 400, (int)response.StatusCode >= 500, Encoding.UTF8.GetString(answer), baseline, wrong);
                tried++;
            }
        }

        return tried;
    }

    /// <param name="baseline">The size of the answer to the same call with every value well formed: a refusal
    /// listing what else is missing (each of a plan's actions, say) may be long of itself, but never because
    /// of the long value.</param>
    private static void Judge(string what, bool refused, bool failed, string answer, int baseline, List<string> wrong)
    {
        if (Echoes(answer))
        {
            wrong.Add($"{what}: repeats the value");
        }

        var bytes = Encoding.UTF8.GetByteCount(answer);
        if (refused && bytes >= MaxRefusalBytes && bytes > baseline + 256)
        {
            wrong.Add($"{what}: {bytes:N0} bytes");
        }

        if (failed)
        {
            wrong.Add($"{what}: failed ({answer[..Math.Min(200, answer.Length)]})");
        }

        // A refusal for length says how long the value was: a count of at least 100,000.
        foreach (var message in Messages(answer).Where(m => m.Contains("characters", StringComparison.Ordinal) && !Regex.IsMatch(m, "[1-9][0-9]{2},[0-9]{3}")))
        {
            wrong.Add($"{what}: \"{message}\" does not name the length sent");
        }
    }

    private static IEnumerable<string> Messages(string answer)
    {
        // gRPC's words are in its trailers, one per line.
        foreach (var line in answer.Split('\n').Where(l => l.StartsWith("grpc-message: ", StringComparison.Ordinal)))
        {
            yield return line["grpc-message: ".Length..];
        }

        JsonElement problem;
        try
        {
            problem = JsonDocument.Parse(answer).RootElement;
        }
        catch (JsonException)
        {
            yield break;
        }

        if (problem.ValueKind != JsonValueKind.Object)
        {
            yield break;
        }

        if (problem.TryGetProperty("detail", out var detail) && detail.ValueKind == JsonValueKind.String)
        {
            yield return detail.GetString()!;
        }

        if (problem.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Object)
        {
            foreach (var message in errors.EnumerateObject().SelectMany(e => e.Value.EnumerateArray()))
            {
                yield return message.GetString()!;
            }
        }
    }

    private static bool IsSimple(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        return type == typeof(string) || type.IsPrimitive || type.IsEnum || type == typeof(DateOnly) || type == typeof(DateTimeOffset) || type == typeof(decimal);
    }

    /// <summary>
    /// A body of the endpoint's type: its texts well formed but the <paramref name="target"/>th (counted in
    /// <paramref name="counter"/>), which is the long value; numbers, dates and choices well formed.
    /// </summary>
    private static JsonNode? Fill(Type type, string name, int depth, string service, int plan, ref int counter, int target)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type == typeof(string))
        {
            return JsonValue.Create(counter++ == target ? Long : Sample(name, service, plan));
        }

        if (type.IsEnum)
        {
            return JsonValue.Create(Enum.GetNames(type)[0]);
        }

        if (type == typeof(DateOnly))
        {
            return JsonValue.Create("2008-04-01");
        }

        if (type == typeof(DateTimeOffset) || type == typeof(DateTime))
        {
            return JsonValue.Create("2008-04-01T12:00:00+01:00");
        }

        if (type == typeof(bool))
        {
            return JsonValue.Create(false);
        }

        if (type.IsPrimitive || type == typeof(decimal))
        {
            return JsonValue.Create(1);
        }

        if (depth > 4)
        {
            return null;
        }

        if (type.IsGenericType && type.GetGenericArguments() is [var keyType, var valueType] && typeof(IDictionary).IsAssignableFrom(type))
        {
            var key = Fill(keyType, name, depth + 1, service, plan, ref counter, target)!.GetValue<string>();
            return new JsonObject { [key] = Fill(valueType, name, depth + 1, service, plan, ref counter, target) };
        }

        var element = type.IsArray ? type.GetElementType() : typeof(IEnumerable).IsAssignableFrom(type) && type.IsGenericType ? type.GetGenericArguments()[0] : null;
        if (element is not null)
        {
            return new JsonArray(Fill(element, name, depth + 1, service, plan, ref counter, target));
        }

        var body = new JsonObject();
        var parameters = type.GetConstructors().SelectMany(c => c.GetParameters()).Select(p => p.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0 && (p.CanWrite || parameters.Contains(p.Name))))
        {
            body[JsonNamingPolicy.CamelCase.ConvertName(property.Name)] = Fill(property.PropertyType, property.Name, depth + 1, service, plan, ref counter, target);
        }

        return body;
    }

    /// <summary>Each gRPC method called once per text of its request (nested, repeated and map ones too).</summary>
    private static async Task<int> CallEachAsync(AccessMatrixTests.IServiceFactory factory, string service, int plan, List<string> wrong)
    {
        var methods = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .Select(e => e.Metadata.FirstOrDefault(m => m.GetType().Name == "GrpcMethodMetadata"))
            .OfType<object>()
            .Select(m => (global::Grpc.Core.IMethod)m.GetType().GetProperty("Method")!.GetValue(m)!)
            .Where(m => !m.ServiceName.StartsWith("grpc.", StringComparison.Ordinal))
            .DistinctBy(m => m.FullName)
            .ToList();
        var tried = 0;
        foreach (var method in methods)
        {
            var requestType = method.GetType().GetGenericArguments()[0];
            var texts = 0;
            FillTexts((IMessage)Activator.CreateInstance(requestType)!, 0, service, plan, ref texts, -1);
            for (var slot = 0; slot < Math.Max(texts, 1); slot++)
            {
                var message = (IMessage)Activator.CreateInstance(requestType)!;
                var counter = 0;
                FillTexts(message, 0, service, plan, ref counter, slot);
                var bytes = message.ToByteArray();
                var framed = new byte[5 + bytes.Length];
                System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(framed.AsSpan(1), (uint)bytes.Length);
                bytes.CopyTo(framed, 5);

                using var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
                var content = new ByteArrayContent(framed);
                content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/grpc");
                using var request = new HttpRequestMessage(HttpMethod.Post, "/" + method.FullName.TrimStart('/')) { Version = new Version(2, 0), Content = content };
                request.Headers.Add(PlatformTokens.Header, method.ServiceName.Contains("Partner", StringComparison.Ordinal)
                    ? TestIdentity.Partner(service, "test", [PlatformRoles.PartnerSystem, "organisation:test", "shares:*"])
                    : TestIdentity.Person(service, "tester", [PlatformRoles.Administrator]));
                using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
                // A stream that stays open (a watch) has said all it will for this test within two seconds.
                var read = response.Content.ReadAsByteArrayAsync();
                var body = await Task.WhenAny(read, Task.Delay(TimeSpan.FromSeconds(2))) == read ? await read : [];
                var headers = response.Headers.Concat(read.IsCompleted ? response.TrailingHeaders : []).ToList();
                var answer = Encoding.UTF8.GetString(body) + "\n" + string.Join("\n", headers.SelectMany(h => h.Value.Select(v => h.Key + ": " + Uri.UnescapeDataString(v))));
                var status = headers.FirstOrDefault(h => h.Key == "grpc-status").Value?.FirstOrDefault();
                Judge($"{service} {method.FullName} text {slot + 1} of {texts}", status is not (null or "0"), status is "2" or "13", answer, 0, wrong);
                tried++;
            }
        }

        return tried;
    }

    private static void FillTexts(IMessage message, int depth, string service, int plan, ref int counter, int target)
    {
        foreach (var field in message.Descriptor.Fields.InFieldNumberOrder())
        {
            var accessor = field.Accessor;
            switch (field.FieldType)
            {
                case FieldType.String when field.IsRepeated:
                    ((IList)accessor.GetValue(message)).Add(counter++ == target ? Long : Sample(field.Name, service, plan));
                    break;
                case FieldType.String:
                    accessor.SetValue(message, counter++ == target ? Long : Sample(field.Name, service, plan));
                    break;
                case FieldType.Enum when !field.IsRepeated:
                    // The first value after the unspecified one: a real status or rating.
                    accessor.SetValue(message, field.EnumType.Values.Count > 1 ? field.EnumType.Values[1].Number : 0);
                    break;
                case FieldType.Message when field.IsMap:
                    if (field.MessageType.FindFieldByNumber(2).FieldType == FieldType.String)
                    {
                        var key = counter++ == target ? Long : "name";
                        ((IDictionary)accessor.GetValue(message))[key] = counter++ == target ? Long : "x";
                    }

                    break;
                case FieldType.Message when depth < 3 && !field.MessageType.FullName.StartsWith("google.protobuf", StringComparison.Ordinal):
                    var inner = (IMessage)Activator.CreateInstance(field.MessageType.ClrType)!;
                    FillTexts(inner, depth + 1, service, plan, ref counter, target);
                    if (field.IsRepeated)
                    {
                        ((IList)accessor.GetValue(message)).Add(inner);
                    }
                    else
                    {
                        accessor.SetValue(message, inner);
                    }

                    break;
            }
        }
    }
}

using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using k8s;
using k8s.Models;
using SafeCity.Testing;

namespace SafeCity.Deployment.Tests;

/// <summary>
/// The k8s/ manifests as the tests read them: the base's files, and each overlay rendered by
/// <c>kubectl kustomize</c> where this machine has kubectl (offline; nothing is sent to a cluster).
/// </summary>
public static class Manifests
{
    public static string Root => RepositoryRoot.Path;

    public static string K8s => Path.Combine(Root, "k8s");

    public static IReadOnlyList<string> Overlays => ["single-partnership", "production"];

    public static IEnumerable<string> YamlFiles => Directory.EnumerateFiles(K8s, "*.yaml", SearchOption.AllDirectories).Order(StringComparer.Ordinal);

    /// <summary>
    /// Every resource file of the base and the overlays (not the kustomizations or patches), and each theme
    /// service as its folder makes it from the component in base/themes/theme, concatenated.
    /// </summary>
    public static string Sources() => string.Join("\n---\n", YamlFiles
        .Where(f => Path.GetFileName(f) != "kustomization.yaml" && !File.ReadAllText(f).Contains("kustomize.config.k8s.io", StringComparison.Ordinal))
        .Where(f => !IsPatch(f) && !f.StartsWith(ThemeComponent + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        .Select(File.ReadAllText)
        .Concat(ThemeServices().Select(t => t.Yaml)));

    public static string ThemeComponent => Path.Combine(K8s, "base", "themes", "theme");

    /// <summary>
    /// Each theme service from the component, for the slug and image its folder's kustomization gives:
    /// the component's replacements done here, so that the base is checked where kubectl is not installed.
    /// Where it is, a test compares these with what kustomize renders.
    /// </summary>
    public static IEnumerable<(string Folder, string Slug, string Yaml)> ThemeServices()
    {
        var template = File.ReadAllText(Path.Combine(ThemeComponent, "theme.yaml"));
        foreach (var folder in Directory.EnumerateDirectories(Path.Combine(K8s, "base", "themes")).Where(d => d != ThemeComponent).Order(StringComparer.Ordinal))
        {
            var kustomization = File.ReadAllText(Path.Combine(folder, "kustomization.yaml"));
            var slug = Regex.Match(kustomization, @"- slug=(\S+)").Groups[1].Value;
            var image = Regex.Match(kustomization, @"- image=(\S+)").Groups[1].Value;
            yield return (folder, slug, string.Join('\n', template.Split('\n').Select(line =>
                line.TrimStart().StartsWith('#') || line.Contains("app.kubernetes.io/component: theme", StringComparison.Ordinal) ? line
                : Regex.Replace(line.Replace("ghcr.io/safecity/theme:1.0.0", image, StringComparison.Ordinal), @"\btheme\b", slug))));
        }
    }

    public static string RenderFolder(string folder)
    {
        var start = new ProcessStartInfo(Which("kubectl")!, ["kustomize", folder]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode == 0 ? output.Result : throw new InvalidOperationException($"kubectl kustomize {folder} failed: {error}");
    }

    // A patch names only what it changes; it is checked once applied, in the rendered overlay.
    private static bool IsPatch(string file) =>
        Directory.EnumerateFiles(Path.GetDirectoryName(file)!, "kustomization.yaml").Any(k => File.ReadAllText(k).Contains("path: " + Path.GetFileName(file), StringComparison.Ordinal));

    public static bool HaveKubectl => Which("kubectl") is not null;

    public static string Render(string overlay) => RenderFolder(Path.Combine(K8s, "overlays", overlay));

    private static readonly Dictionary<string, Type> DaprKinds = new()
    {
        ["dapr.io/v1alpha1/Component"] = typeof(DaprComponent),
        ["dapr.io/v1alpha1/Configuration"] = typeof(DaprConfiguration),
    };

    /// <summary>Every object, as the Kubernetes client's models, strictly: a field the API does not have is an error.</summary>
    public static List<object> Load(string yaml) => KubernetesYaml.LoadAllFromString(yaml, DaprKinds, strict: true);

    /// <summary>What kubernetes-models (npm) says of each object against the Kubernetes API's schemas.</summary>
    public static List<SchemaVerdict> CheckSchemas(string yaml)
    {
        var folder = Path.Combine(Root, "tests", "SafeCity.Deployment.Tests", "schema-check");
        var start = new ProcessStartInfo("node", ["check.mjs"]) { WorkingDirectory = folder, RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        process.StandardInput.Write(yaml);
        process.StandardInput.Close();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"The schema check failed to run: {error.Result}");
        }

        return output.Result.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonSerializer.Deserialize<SchemaVerdict>(l)!).ToList();
    }

    private static string? Which(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Select(d => Path.Combine(d, program)).FirstOrDefault(File.Exists);

}

public sealed record SchemaVerdict(
    [property: JsonPropertyName("apiVersion")] string? ApiVersion,
    [property: JsonPropertyName("kind")] string? Kind,
    [property: JsonPropertyName("name")] string? Name,
    [property: JsonPropertyName("schema")] string? Schema,
    [property: JsonPropertyName("errors")] string[] Errors);

// Dapr's resources, with only the fields Dapr defines (loading strictly refuses any other).
[KubernetesEntity(Group = "dapr.io", ApiVersion = "v1alpha1", Kind = "Component", PluralName = "components")]
public sealed class DaprComponent : IKubernetesObject<V1ObjectMeta>
{
    public string ApiVersion { get; set; } = "";
    public string Kind { get; set; } = "";
    public V1ObjectMeta Metadata { get; set; } = new();
    public ComponentSpec Spec { get; set; } = new();
    public List<string>? Scopes { get; set; }
    public ComponentAuth? Auth { get; set; }

    public sealed class ComponentSpec
    {
        public string? Type { get; set; }
        public string? Version { get; set; }
        public bool? IgnoreErrors { get; set; }
        public string? InitTimeout { get; set; }
        public List<MetadataItem>? Metadata { get; set; }
    }

    public sealed class MetadataItem
    {
        public string? Name { get; set; }
        public string? Value { get; set; }
        public SecretKeyRef? SecretKeyRef { get; set; }
    }

    public sealed class SecretKeyRef
    {
        public string? Name { get; set; }
        public string? Key { get; set; }
    }

    public sealed class ComponentAuth
    {
        public string? SecretStore { get; set; }
    }
}

[KubernetesEntity(Group = "dapr.io", ApiVersion = "v1alpha1", Kind = "Configuration", PluralName = "configurations")]
public sealed class DaprConfiguration : IKubernetesObject<V1ObjectMeta>
{
    public string ApiVersion { get; set; } = "";
    public string Kind { get; set; } = "";
    public V1ObjectMeta Metadata { get; set; } = new();
    public ConfigurationSpec Spec { get; set; } = new();

    public sealed class ConfigurationSpec
    {
        public SecretsSpec? Secrets { get; set; }
        public AccessControlSpec? AccessControl { get; set; }
    }

    public sealed class SecretsSpec
    {
        public List<SecretScope> Scopes { get; set; } = [];
    }

    public sealed class SecretScope
    {
        public string? StoreName { get; set; }
        public string? DefaultAccess { get; set; }
        public List<string>? AllowedSecrets { get; set; }
        public List<string>? DeniedSecrets { get; set; }
    }

    public sealed class AccessControlSpec
    {
        public string? DefaultAction { get; set; }
        public string? TrustDomain { get; set; }
        public List<AppPolicy> Policies { get; set; } = [];
    }

    public sealed class AppPolicy
    {
        public string? AppId { get; set; }
        public string? DefaultAction { get; set; }
        public string? TrustDomain { get; set; }
        public string? Namespace { get; set; }
        public List<Operation> Operations { get; set; } = [];
    }

    public sealed class Operation
    {
        public string? Name { get; set; }
        public List<string> HttpVerb { get; set; } = [];
        public string? Action { get; set; }
    }
}

using k8s.Models;
using SafeCity.Contracts.Themes;
using YamlDotNet.RepresentationModel;

namespace SafeCity.Deployment.Tests;

/// <summary>
/// The Kubernetes manifests checked offline: they parse, every object validates against the
/// Kubernetes API's schemas and loads strictly into the client's models, every workload is probed,
/// limited and runs as non-root, every Service selects pods, every key a service needs is supplied,
/// and the Dapr resources hang together. The base's files always; each overlay rendered as well where
/// kubectl is on the machine.
/// </summary>
public sealed class ManifestTests
{
    private static readonly string[] Themes = [.. PartnershipThemes.Slugs];
    private static readonly string[] Services = [.. Themes, "governance", "gateway"];

    // What each Secret the operator makes holds (docs/deploy.md gives the commands that make them).
    private static readonly Dictionary<string, string[]> SecretKeys = new Dictionary<string, string[]>
    {
        ["safecity-broker"] = ["ConnectionStrings--broker"],
        ["safecity-identity-public"] = ["Identity--People--VerifyKeys", "Identity--Partners--VerifyKeys"],
        ["safecity-identity-signing"] = ["Identity--People--KeyId", "Identity--People--SigningKey", "Identity--Partners--KeyId", "Identity--Partners--SigningKey", "Identity--OperatorKeys"],
        ["safecity-service-keys"] = ["Identity--ServiceKeys"],
        ["safecity-personal-data"] = ["InformationSharing--PersonalDataKey"],
        ["safecity-dapr-api-token"] = ["token"],
    }.Concat(Services.Where(s => s != "gateway").Select(s => KeyValuePair.Create($"safecity-mongodb-{s}", new[] { "ConnectionStrings--mongodb" }))).ToDictionary();

    public static TheoryData<string> Sets() => ["base", .. Manifests.Overlays];

    private static string Yaml(string set)
    {
        if (set == "base")
        {
            return Manifests.Sources();
        }

        Skip.IfNot(Manifests.HaveKubectl, "kubectl is not on this machine, so the overlays cannot be rendered here; the base's files are checked.");
        return Manifests.Render(set);
    }

    [Fact]
    public void The_base_builds_every_theme_and_governance_is_told_each_one_in_the_lists_order()
    {
        // Read without kubectl: the themes' kustomization names each theme's folder, and governance's
        // Deployment names each theme it asks for its state.
        var kustomization = new YamlStream();
        kustomization.Load(new StringReader(File.ReadAllText(Path.Combine(Manifests.K8s, "base", "themes", "kustomization.yaml"))));
        var folders = ((YamlSequenceNode)((YamlMappingNode)kustomization.Documents[0].RootNode).Children[new YamlScalarNode("resources")])
            .Children.Select(n => ((YamlScalarNode)n).Value!).ToList();
        Assert.Equal(Themes, folders);

        var governance = Manifests.Load(File.ReadAllText(Path.Combine(Manifests.K8s, "base", "governance", "governance.yaml")))
            .OfType<V1Deployment>().Single();
        var told = governance.Spec.Template.Spec.Containers.Single().Env
            .Where(e => e.Name.StartsWith("Governance__Themes__", StringComparison.Ordinal))
            .OrderBy(e => int.Parse(e.Name["Governance__Themes__".Length..], System.Globalization.CultureInfo.InvariantCulture))
            .Select(e => e.Value).ToList();
        Assert.Equal(Themes, told);
    }

    [SkippableFact]
    public void Each_theme_is_made_from_the_one_component_as_kustomize_makes_it()
    {
        var services = Manifests.ThemeServices().ToList();
        Assert.Equal(Themes.Order(StringComparer.Ordinal), services.Select(s => s.Slug).Order(StringComparer.Ordinal));
        Assert.All(services, s => Assert.Equal(Path.GetFileName(s.Folder), s.Slug));

        Skip.IfNot(Manifests.HaveKubectl, "kubectl is not on this machine, so the component cannot be rendered here; the themes were checked as the tests expand them.");
        foreach (var (folder, slug, yaml) in services)
        {
            // By kind and name, as JSON whose keys may come in any order.
            static Dictionary<string, System.Text.Json.Nodes.JsonNode> Objects(string text) => Manifests.Load(text)
                .Select(o => System.Text.Json.Nodes.JsonNode.Parse(k8s.KubernetesJson.Serialize(o))!)
                .ToDictionary(n => $"{n["kind"]}/{n["metadata"]!["name"]}");
            var rendered = Objects(Manifests.RenderFolder(folder));
            var expanded = Objects(yaml);
            Assert.True(rendered.Count >= 6, $"{slug}: only {rendered.Count} objects rendered");
            Assert.Equal(rendered.Keys.Order(StringComparer.Ordinal), expanded.Keys.Order(StringComparer.Ordinal));
            Assert.All(rendered, r => Assert.True(System.Text.Json.Nodes.JsonNode.DeepEquals(r.Value, expanded[r.Key]), $"{r.Key} differs from what kustomize renders"));
        }
    }

    [Fact]
    public void Every_manifest_file_parses_as_yaml()
    {
        var files = Manifests.YamlFiles.ToList();
        Assert.True(files.Count >= 15, $"only {files.Count} manifest files found");
        foreach (var file in files)
        {
            var stream = new YamlStream();
            var error = Record.Exception(() => stream.Load(new StringReader(File.ReadAllText(file))));
            Assert.True(error is null, $"{file}: {error?.Message}");
            Assert.NotEmpty(stream.Documents);
        }
    }

    [SkippableTheory]
    [MemberData(nameof(Sets))]
    public void Every_object_validates_against_the_kubernetes_schemas(string set)
    {
        var verdicts = Manifests.CheckSchemas(Yaml(set));

        Assert.Empty(verdicts.Where(v => v.Errors.Length > 0).Select(v => $"{v.Kind}/{v.Name}: {string.Join("; ", v.Errors)}"));
        Assert.True(verdicts.Count(v => v.Schema == "kubernetes") >= 50, $"only {verdicts.Count(v => v.Schema == "kubernetes")} objects were checked");
        // Only Dapr's resources are outside Kubernetes' own schemas; they are checked below.
        Assert.All(verdicts.Where(v => v.Schema is null), v => Assert.Equal("dapr.io/v1alpha1", v.ApiVersion));
    }

    [SkippableTheory]
    [MemberData(nameof(Sets))]
    public void Every_object_loads_strictly_into_the_client_models(string set)
    {
        var objects = Manifests.Load(Yaml(set));

        Assert.Contains(objects, o => o is V1Deployment);
        Assert.Contains(objects, o => o is DaprComponent);
    }

    [SkippableTheory]
    [MemberData(nameof(Sets))]
    public void Every_workload_is_probed_limited_pinned_and_not_root(string set)
    {
        var objects = Manifests.Load(Yaml(set));
        var pods = objects.OfType<V1Deployment>().Select(d => (d.Metadata.Name, d.Spec.Template.Spec))
            .Concat(objects.OfType<V1StatefulSet>().Select(s => (s.Metadata.Name, s.Spec.Template.Spec))).ToList();

        Assert.Equal(Services.Length, objects.OfType<V1Deployment>().Count());
        foreach (var (name, pod) in pods)
        {
            Assert.True(pod.SecurityContext?.RunAsNonRoot == true, $"{name} may run as root");
            Assert.Equal("RuntimeDefault", pod.SecurityContext?.SeccompProfile?.Type);
            foreach (var container in (pod.InitContainers ?? []).Concat(pod.Containers))
            {
                var what = $"{name}/{container.Name}";
                Assert.True(container.SecurityContext?.AllowPrivilegeEscalation == false, $"{what} may escalate privileges");
                Assert.True(container.SecurityContext?.ReadOnlyRootFilesystem == true, $"{what} may write to its root file system");
                Assert.Contains("ALL", container.SecurityContext?.Capabilities?.Drop ?? []);
                foreach (var resource in new[] { "cpu", "memory" })
                {
                    Assert.True(container.Resources?.Requests?.ContainsKey(resource) == true, $"{what} requests no {resource}");
                    Assert.True(container.Resources?.Limits?.ContainsKey(resource) == true, $"{what} has no {resource} limit");
                }

                Assert.Matches(@"^[^:@]+(:[0-9][^:]*|@sha256:[0-9a-f]{64})$", container.Image);
            }

            foreach (var container in pod.Containers)
            {
                Assert.True(container.StartupProbe is not null && container.LivenessProbe is not null && container.ReadinessProbe is not null, $"{name}/{container.Name} lacks a probe");
            }
        }

        // The platform's services are probed on their health endpoints: alive for liveness, health for readiness.
        foreach (var deployment in objects.OfType<V1Deployment>())
        {
            // The .NET images' own non-root user.
            Assert.Equal(1654, deployment.Spec.Template.Spec.SecurityContext.RunAsUser);
            var container = Assert.Single(deployment.Spec.Template.Spec.Containers);
            Assert.Equal("/alive", container.LivenessProbe.HttpGet.Path);
            Assert.Equal("/alive", container.StartupProbe.HttpGet.Path);
            Assert.Equal("/health", container.ReadinessProbe.HttpGet.Path);
        }
    }

    [Fact]
    public void Every_deployment_runs_the_image_its_project_publishes()
    {
        var props = System.Xml.Linq.XDocument.Load(Path.Combine(Manifests.Root, "Directory.Build.props"));
        string Property(System.Xml.Linq.XDocument project, string name) => project.Descendants(name).Single().Value;
        var projects = Directory.EnumerateFiles(Manifests.Root, "*.csproj", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(System.Xml.Linq.XDocument.Load).Where(p => p.Descendants("ContainerRepository").Any())
            .Select(p => $"{Property(props, "ContainerRegistry")}/{Property(p, "ContainerRepository")}:{Property(props, "ContainerImageTag")}").Order().ToList();

        var images = Manifests.Load(Manifests.Sources()).OfType<V1Deployment>().Select(d => d.Spec.Template.Spec.Containers.Single().Image).Order().ToList();

        Assert.Equal(Services.Length, projects.Count);
        Assert.Equal(projects, images);
    }

    [SkippableTheory]
    [MemberData(nameof(Sets))]
    public void Every_service_selects_pods_that_have_its_ports(string set)
    {
        var objects = Manifests.Load(Yaml(set));
        var templates = objects.OfType<V1Deployment>().Select(d => d.Spec.Template)
            .Concat(objects.OfType<V1StatefulSet>().Select(s => s.Spec.Template)).ToList();

        foreach (var service in objects.OfType<V1Service>())
        {
            var selected = templates.Where(t => service.Spec.Selector.All(s => t.Metadata.Labels.TryGetValue(s.Key, out var v) && v == s.Value)).ToList();
            Assert.True(selected.Count > 0, $"Service {service.Metadata.Name} selects no Deployment or StatefulSet");
            foreach (var port in service.Spec.Ports.Where(p => p.TargetPort is not null))
            {
                Assert.All(selected, t => Assert.Contains(t.Spec.Containers.SelectMany(c => c.Ports ?? []), p => p.Name == port.TargetPort.Value || p.ContainerPort.ToString(System.Globalization.CultureInfo.InvariantCulture) == port.TargetPort.Value));
            }
        }

        Assert.All(Services, s => Assert.Contains(objects.OfType<V1Service>(), service => service.Metadata.Name == s));
    }

    [SkippableTheory]
    [MemberData(nameof(Sets))]
    public void Every_configuration_key_a_service_needs_is_supplied(string set)
    {
        var objects = Manifests.Load(Yaml(set));
        var configMaps = objects.OfType<V1ConfigMap>().ToDictionary(c => c.Metadata.Name);

        foreach (var deployment in objects.OfType<V1Deployment>())
        {
            var name = deployment.Metadata.Name;
            var container = Assert.Single(deployment.Spec.Template.Spec.Containers);
            var keys = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var source in container.EnvFrom ?? [])
            {
                Assert.True(configMaps.TryGetValue(source.ConfigMapRef.Name, out var map), $"{name} reads ConfigMap {source.ConfigMapRef.Name}, which is not there");
                keys.UnionWith(map.Data.Keys.Select(Key));
            }

            keys.UnionWith((container.Env ?? []).Select(e => Key(e.Name)));
            Assert.All((container.Env ?? []).Where(e => e.ValueFrom?.SecretKeyRef is not null).Select(e => e.ValueFrom.SecretKeyRef), r =>
                Assert.True(SecretKeys.TryGetValue(r.Name, out var held) && held.Contains(r.Key), $"{name} reads {r.Key} of secret {r.Name}, which the operator is not told to make"));
            // Secrets read through the Dapr secret store into the same keys.
            var secrets = (container.Env ?? []).Where(e => e.Name.StartsWith("Dapr__Secrets__", StringComparison.Ordinal)).Select(e => e.Value).ToList();
            Assert.All(secrets, s => Assert.True(SecretKeys.ContainsKey(s), $"{name} reads secret {s}, which the operator is not told to make"));
            keys.UnionWith(secrets.SelectMany(s => SecretKeys[s]).Select(Key));
            Assert.Contains("Dapr:SecretStore", keys);
            // Every sidecar wants its API token: a call without it reaches nothing but the sidecar's health.
            Assert.Equal("safecity-dapr-api-token", deployment.Spec.Template.Metadata.Annotations["dapr.io/api-token-secret"]);

            var needed = name switch
            {
                "gateway" => ["Identity:People:SigningKey", "Identity:Partners:SigningKey", "Identity:OperatorKeys", "Identity:ServiceKeys", "Dapr:Invoke", "Gateway:ListenOnAllInterfaces", "SAFECITY_HTTP_PORT", "SAFECITY_GRPC_PORT", "SAFECITY_DATA_DIR",
                    .. Services.Where(s => s != "gateway").SelectMany(s => new[] { $"services:{s}:http:0", $"services:{s}:grpc:0" })],
                "governance" => [.. Needed, "InformationSharing:PersonalDataKey", .. Themes.Select((t, i) => $"Governance:Themes:{i}"), .. Themes.Select(t => $"services:{t}:http:0")],
                _ => (string[])[.. Needed, "services:governance:http:0"],
            };
            Assert.Empty(needed.Where(k => !keys.Contains(k)).Select(k => $"{name} is not given {k}"));
        }
    }

    private static readonly string[] Needed =
    [
        "ConnectionStrings:broker", "ConnectionStrings:mongodb", "Identity:People:VerifyKeys", "Identity:Partners:VerifyKeys", "Identity:ServiceKeys", "SAFECITY_DATA_DIR", "Dapr:Invoke",
        "Kestrel:Endpoints:Http:Url", "Kestrel:Endpoints:Http:Protocols", "Kestrel:Endpoints:Grpc:Url", "Kestrel:Endpoints:Grpc:Protocols",
    ];

    private static string Key(string name) => name.Replace("__", ":", StringComparison.Ordinal).Replace("--", ":", StringComparison.Ordinal);

    [SkippableTheory]
    [MemberData(nameof(Sets))]
    public void The_dapr_resources_are_well_formed_and_hang_together(string set)
    {
        var objects = Manifests.Load(Yaml(set));
        var deployments = objects.OfType<V1Deployment>().ToList();
        var configurations = objects.OfType<DaprConfiguration>().ToDictionary(c => c.Metadata.Name);
        var components = objects.OfType<DaprComponent>().ToList();
        var roles = objects.OfType<V1Role>().ToDictionary(r => r.Metadata.Name);
        var bindings = objects.OfType<V1RoleBinding>().ToList();

        foreach (var component in components)
        {
            var name = component.Metadata.Name;
            Assert.Matches(@"^[a-z]+\.[a-z0-9.]+$", component.Spec.Type ?? "");
            Assert.Matches(@"^v[0-9]+$", component.Spec.Version ?? "");
            Assert.NotNull(component.Spec.Metadata);
            Assert.All(component.Spec.Metadata, m => Assert.True(!string.IsNullOrEmpty(m.Name) && (m.Value is not null ^ m.SecretKeyRef is { Name: { Length: > 0 }, Key: { Length: > 0 } }), $"{name}: metadata {m.Name} needs a value or a secretKeyRef"));
            // Scoped: each component is seen only by the services named, and those are the platform's.
            Assert.NotEmpty(component.Scopes ?? []);
            Assert.All(component.Scopes!, s => Assert.Contains(deployments, d => d.Spec.Template.Metadata.Annotations["dapr.io/app-id"] == s));
        }

        Assert.Contains(components, c => c.Spec.Type == "secretstores.kubernetes" && c.Metadata.Name == "safecity-secrets");

        foreach (var deployment in deployments)
        {
            var name = deployment.Metadata.Name;
            var annotations = deployment.Spec.Template.Metadata.Annotations;
            Assert.Equal("true", annotations["dapr.io/enabled"]);
            Assert.Equal(name, annotations["dapr.io/app-id"]);
            var container = Assert.Single(deployment.Spec.Template.Spec.Containers);
            Assert.Contains(container.Ports, p => p.ContainerPort.ToString(System.Globalization.CultureInfo.InvariantCulture) == annotations["dapr.io/app-port"]);
            Assert.True(configurations.TryGetValue(annotations["dapr.io/config"], out var configuration), $"{name}'s Dapr configuration {annotations["dapr.io/config"]} is not there");

            // Every secret it reads is allowed by its Dapr configuration and by its service account's role.
            var secrets = (container.Env ?? []).Where(e => e.Name.StartsWith("Dapr__Secrets__", StringComparison.Ordinal)).Select(e => e.Value).ToList();
            var scope = Assert.Single(configuration!.Spec.Secrets!.Scopes, s => s.StoreName == "safecity-secrets");
            Assert.Equal("deny", scope.DefaultAccess);
            Assert.Empty(secrets.Except(scope.AllowedSecrets ?? []));
            var account = deployment.Spec.Template.Spec.ServiceAccountName;
            var granted = bindings.Where(b => b.Subjects.Any(s => s.Kind == "ServiceAccount" && s.Name == account))
                .SelectMany(b => roles[b.RoleRef.Name].Rules).Where(r => r.Resources.Contains("secrets") && r.Verbs.Contains("get")).SelectMany(r => r.ResourceNames ?? []).ToList();
            Assert.Empty(secrets.Except(granted));
            Assert.Equal("deny", configuration.Spec.AccessControl?.DefaultAction);
        }

        // Governance takes calls from the themes for its register of plan numbers alone.
        var governance = configurations["safecity-governance"].Spec.AccessControl!.Policies;
        Assert.All(Themes, theme =>
        {
            var policy = Assert.Single(governance, p => p.AppId == theme);
            Assert.Equal("deny", policy.DefaultAction);
            Assert.NotEmpty(policy.Operations);
            Assert.All(policy.Operations, o => Assert.StartsWith("/api/governance/plan-numbers", o.Name, StringComparison.Ordinal));
        });
    }

    [SkippableTheory]
    [MemberData(nameof(Sets))]
    public void Each_service_may_read_its_own_database_secret_and_only_the_gateway_the_signing_keys_never_through_its_sidecar(string set)
    {
        var objects = Manifests.Load(Yaml(set));
        var roles = objects.OfType<V1Role>().ToDictionary(r => r.Metadata.Name);
        var bindings = objects.OfType<V1RoleBinding>().ToList();
        var configurations = objects.OfType<DaprConfiguration>().ToDictionary(c => c.Metadata.Name);
        var deployments = objects.OfType<V1Deployment>().ToList();

        foreach (var deployment in deployments)
        {
            var name = deployment.Metadata.Name;
            var account = deployment.Spec.Template.Spec.ServiceAccountName;
            Assert.Single(deployments, d => d.Spec.Template.Spec.ServiceAccountName == account);
            var granted = bindings.Where(b => b.Subjects.Any(s => s.Kind == "ServiceAccount" && s.Name == account))
                .SelectMany(b => roles[b.RoleRef.Name].Rules).SelectMany(r => r.ResourceNames ?? []).ToHashSet();
            var allowed = configurations[deployment.Spec.Template.Metadata.Annotations["dapr.io/config"]].Spec.Secrets!.Scopes.SelectMany(s => s.AllowedSecrets ?? []).ToHashSet();
            var fromEnvironment = deployment.Spec.Template.Spec.Containers.SelectMany(c => c.Env ?? []).Where(e => e.ValueFrom?.SecretKeyRef is not null).Select(e => e.ValueFrom.SecretKeyRef.Name).ToHashSet();
            if (name == "gateway")
            {
                // The gateway's sidecar is the one an outside request could reach: it may read no secret at all,
                // and its signing keys come into its environment from the Secret alone.
                Assert.Empty(granted);
                Assert.Empty(allowed);
                Assert.Contains("safecity-identity-signing", fromEnvironment);
                continue;
            }

            Assert.DoesNotContain("safecity-identity-signing", fromEnvironment);
            foreach (var secrets in new[] { granted, allowed })
            {
                var databases = secrets.Where(s => s.StartsWith("safecity-mongodb", StringComparison.Ordinal)).ToList();
                Assert.Equal([$"safecity-mongodb-{name}"], databases);
                Assert.DoesNotContain("safecity-identity-signing", secrets);
                Assert.Equal(name == "governance", secrets.Contains("safecity-personal-data"));
            }
        }

        Assert.DoesNotContain("gateway", objects.OfType<DaprComponent>().Single(c => c.Metadata.Name == "safecity-secrets").Scopes ?? []);

        // The database's Job gives every service that reads a database its own user, limited to its own database.
        var script = objects.OfType<V1ConfigMap>().Single(c => c.Metadata.Name == "mongodb-replica-set").Data["users.js"];
        Assert.Contains("roles = [{ role: \"readWrite\", db: service }]", script, StringComparison.Ordinal);
        var listed = System.Text.RegularExpressions.Regex.Match(script, @"const services = \[(?<names>[^\]]*)\]").Groups["names"].Value
            .Split(',', StringSplitOptions.TrimEntries).Select(n => n.Trim('"')).ToHashSet();
        Assert.Equal(Services.Where(s => s != "gateway").ToHashSet(), listed);
    }

    [SkippableTheory]
    [MemberData(nameof(Sets))]
    public void No_secret_on_a_command_line_no_account_token_where_nothing_needs_one_and_no_egress_to_anywhere(string set)
    {
        var objects = Manifests.Load(Yaml(set));
        var pods = objects.OfType<V1Deployment>().Select(d => (d.Metadata.Name, d.Spec.Template.Spec))
            .Concat(objects.OfType<V1StatefulSet>().Select(s => (s.Metadata.Name, s.Spec.Template.Spec)))
            .Concat(objects.OfType<V1Job>().Select(j => (j.Metadata.Name, j.Spec.Template.Spec))).ToList();

        foreach (var (name, pod) in pods)
        {
            foreach (var container in (pod.InitContainers ?? []).Concat(pod.Containers))
            {
                var line = string.Join(' ', (container.Command ?? []).Concat(container.Args ?? []));
                foreach (var secret in (container.Env ?? []).Where(e => e.ValueFrom?.SecretKeyRef is not null).Select(e => e.Name))
                {
                    Assert.DoesNotContain("$" + secret, line, StringComparison.Ordinal);
                    Assert.DoesNotContain("$(" + secret + ")", line, StringComparison.Ordinal);
                }
            }
        }

        // Only these talk to the Kubernetes API: the Dapr sidecars that read the services' Secrets with the pod's
        // account. Every other pod, the brokers that name each other in their configuration included, mounts none.
        var needToken = new HashSet<string>([.. Themes, "governance"]);
        var accounts = objects.OfType<V1ServiceAccount>().ToDictionary(a => a.Metadata.Name);
        foreach (var (name, pod) in pods.Where(p => !needToken.Contains(p.Name)))
        {
            var mounted = pod.AutomountServiceAccountToken
                ?? (pod.ServiceAccountName is { } account && accounts.TryGetValue(account, out var a) ? a.AutomountServiceAccountToken : null)
                ?? true;
            Assert.False(mounted, $"{name} mounts a service account token it does not need");
        }

        // Every pod reaches only named destinations: no egress rule of any policy lets a pod out to anywhere
        // (a rule with ports and no destination would, the Kubernetes API server among them).
        Assert.All(objects.OfType<V1NetworkPolicy>().SelectMany(p => (p.Spec.Egress ?? []).Select(rule => (p.Metadata.Name, rule))),
            r => Assert.True(r.rule.To is { Count: > 0 }, $"an egress rule of {r.Name} names no destination"));
        Assert.DoesNotContain(objects.OfType<V1Role>(), r => r.Metadata.Name.Contains("rabbitmq", StringComparison.Ordinal));
    }

    [SkippableFact]
    public void The_production_overlay_runs_replicas_with_budgets_and_autoscaling()
    {
        var objects = Manifests.Load(Yaml("production"));

        Assert.All(objects.OfType<V1Deployment>().Where(d => d.Metadata.Name != "gateway"), d => Assert.True(d.Spec.Replicas >= 2, $"{d.Metadata.Name} runs one replica"));
        Assert.All(objects.OfType<V1StatefulSet>(), s => Assert.Equal(3, s.Spec.Replicas));
        Assert.Equal(Themes.Length + 1, objects.OfType<V2HorizontalPodAutoscaler>().Count());
        var budgets = objects.OfType<V1PodDisruptionBudget>().ToList();
        Assert.All(objects.OfType<V1Deployment>().Where(d => d.Metadata.Name != "gateway").Select(d => d.Metadata.Name).Concat(["rabbitmq", "mongodb"]),
            n => Assert.Contains(budgets, b => b.Spec.Selector.MatchLabels["app.kubernetes.io/name"] == n));
        var job = Assert.Single(objects.OfType<V1Job>());
        Assert.Equal("3", job.Spec.Template.Spec.Containers.Single().Env.Single(e => e.Name == "MONGODB_MEMBERS").Value);

        // The brokers name each other: the base's configuration, line for line, with the three nodes added.
        static string[] Conf(IEnumerable<object> set) => set.OfType<V1ConfigMap>().Single(c => c.Metadata.Name == "rabbitmq-config").Data["rabbitmq.conf"].Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var production = Conf(objects);
        var nodes = production.Where(l => l.StartsWith("cluster_formation.classic_config.nodes.", StringComparison.Ordinal)).ToList();
        Assert.Equal(Conf(Manifests.Load(Yaml("base"))), production.Except(nodes));
        Assert.Equal([.. Enumerable.Range(0, 3).Select(i => $"cluster_formation.classic_config.nodes.{i + 1} = rabbit@rabbitmq-{i}.rabbitmq-nodes.safecity.svc.cluster.local")], nodes);
        Assert.All(objects.Where(o => o is not V1Namespace).Cast<k8s.IKubernetesObject<V1ObjectMeta>>(), o => Assert.Equal("safecity", o.Metadata.NamespaceProperty));
    }

    [SkippableTheory]
    [MemberData(nameof(Sets))]
    public void Network_policies_deny_by_default_and_cover_every_workload(string set)
    {
        var objects = Manifests.Load(Yaml(set));
        var policies = objects.OfType<V1NetworkPolicy>().ToList();

        var deny = Assert.Single(policies, p => p.Spec.PodSelector.MatchLabels is null or { Count: 0 });
        Assert.Equal(["Ingress", "Egress"], deny.Spec.PolicyTypes);
        Assert.Null(deny.Spec.Ingress);
        Assert.Null(deny.Spec.Egress);
        var templates = objects.OfType<V1Deployment>().Select(d => d.Spec.Template.Metadata.Labels)
            .Concat(objects.OfType<V1StatefulSet>().Select(s => s.Spec.Template.Metadata.Labels)).ToList();
        // Every workload has a policy of its own besides the shared DNS and Dapr one.
        Assert.All(templates, labels => Assert.Contains(policies, p => p.Spec.PodSelector.MatchLabels is { Count: > 0 } m
            && !m.ContainsKey("app.kubernetes.io/part-of") && m.All(l => labels.TryGetValue(l.Key, out var v) && v == l.Value)));
    }

    [SkippableTheory]
    [MemberData(nameof(Sets))]
    public void Governance_and_every_theme_offer_their_metrics_to_a_prometheus_scrape_and_the_gateway_does_not(string set)
    {
        var objects = Manifests.Load(Yaml(set));
        var deployments = objects.OfType<V1Deployment>().ToList();
        var services = deployments.Where(d => d.Metadata.Name != "gateway").ToList();

        Assert.Equal(Themes.Length + 1, services.Count);
        Assert.All(services, d =>
        {
            var annotations = d.Spec.Template.Metadata.Annotations;
            Assert.Equal(("true", "/metrics"), (annotations["prometheus.io/scrape"], annotations["prometheus.io/path"]));
            // The port scraped is the container's HTTP port, where /metrics is served.
            Assert.Equal(d.Spec.Template.Spec.Containers[0].Ports.Single(p => p.Name == "http").ContainerPort.ToString(System.Globalization.CultureInfo.InvariantCulture), annotations["prometheus.io/port"]);
        });
        Assert.False(deployments.Single(d => d.Metadata.Name == "gateway").Spec.Template.Metadata.Annotations?.ContainsKey("prometheus.io/scrape") ?? false);

        // Only a namespace labelled for it may scrape, on the HTTP port, and never the gateway.
        var scrape = Assert.Single(objects.OfType<V1NetworkPolicy>(), p => p.Metadata.Name == "metrics-scrape");
        var rule = Assert.Single(scrape.Spec.Ingress);
        Assert.Equal("true", Assert.Single(rule.FromProperty).NamespaceSelector.MatchLabels["safecity.io/scrapes-metrics"]);
        Assert.Equal(8080, Assert.Single(rule.Ports).Port.Value is var port ? int.Parse(port, System.Globalization.CultureInfo.InvariantCulture) : 0);
        Assert.Contains("gateway", Assert.Single(scrape.Spec.PodSelector.MatchExpressions).Values);
    }
}

using System.Reflection;
using NetArchTest.Rules;

namespace SafeCity.Architecture.Tests;

/// <summary>
/// What the compiled code may depend on: shared folders never on features, services on each other
/// never. Read from the assemblies, so a using, a field or a call each counts.
/// </summary>
public sealed class DependencyTests
{
    private static readonly Assembly Kernel = typeof(Kernel.Hosting.ThemeServiceHost).Assembly;
    private static readonly Assembly Governance = typeof(Governance.GovernanceServiceHost).Assembly;
    private static readonly Assembly Gateway = typeof(Gateway.GatewayOptions).Assembly;

    private static readonly Assembly[] Themes =
    [
        typeof(Alcohol.AlcoholTheme).Assembly, typeof(Violence.ViolenceTheme).Assembly, typeof(AcquisitiveCrime.AcquisitiveCrimeTheme).Assembly,
        typeof(Youth.YouthTheme).Assembly, typeof(AsbArson.AsbArsonTheme).Assembly, typeof(Drugs.DrugsTheme).Assembly, typeof(Communities.CommunitiesTheme).Assembly,
    ];

    private static string[] ThemeNamespaces => Themes.Select(a => a.GetName().Name!).ToArray();

    private static void AssertHolds(TestResult result) =>
        Assert.True(result.IsSuccessful, "These break the rule: " + string.Join(", ", result.FailingTypeNames ?? []));

    /// <summary>The kernel's composition (Hosting, and the gRPC service whose methods live in their features) may name features; nothing else shared may.</summary>
    [Fact]
    public void The_kernels_shared_folders_never_depend_on_a_feature()
    {
        var shared = Types.InAssembly(Kernel).That()
            .DoNotResideInNamespace("SafeCity.Kernel.Features")
            .And().DoNotResideInNamespace("SafeCity.Kernel.Hosting")
            .And().DoNotResideInNamespace("SafeCity.Kernel.Grpc");

        Assert.NotEmpty(shared.GetTypes());
        AssertHolds(shared.ShouldNot().HaveDependencyOn("SafeCity.Kernel.Features").GetResult());
    }

    [Fact]
    public void Governances_read_model_depends_on_none_of_its_features()
    {
        AssertHolds(Types.InAssembly(Governance).That().ResideInNamespace("SafeCity.Governance.ReadModel")
            .ShouldNot().HaveDependencyOnAny(
                "SafeCity.Governance.Pmg", "SafeCity.Governance.DeliveryBoard", "SafeCity.Governance.Sharing", "SafeCity.Governance.MyWork",
                "SafeCity.Governance.Attention", "SafeCity.Governance.Performance", "SafeCity.Governance.Structure", "SafeCity.Governance.Web")
            .GetResult());
    }

    [Fact]
    public void The_gateway_depends_on_no_services_code()
    {
        AssertHolds(Types.InAssembly(Gateway).ShouldNot().HaveDependencyOnAny([.. ThemeNamespaces, "SafeCity.Kernel", "SafeCity.Governance"]).GetResult());
    }

    [Fact]
    public void Governance_and_the_kernel_depend_on_no_theme_and_a_theme_on_no_other_service()
    {
        AssertHolds(Types.InAssembly(Governance).ShouldNot().HaveDependencyOnAny([.. ThemeNamespaces, "SafeCity.Gateway"]).GetResult());
        AssertHolds(Types.InAssembly(Kernel).ShouldNot().HaveDependencyOnAny([.. ThemeNamespaces, "SafeCity.Gateway", "SafeCity.Governance"]).GetResult());
        foreach (var theme in Themes)
        {
            var others = ThemeNamespaces.Where(n => n != theme.GetName().Name).Append("SafeCity.Governance").Append("SafeCity.Gateway").ToArray();
            AssertHolds(Types.InAssembly(theme).ShouldNot().HaveDependencyOnAny(others).GetResult());
        }
    }
}

using SafeCity.Cli.Demonstration;

namespace SafeCity.Browser.Tests;

/// <summary>A platform filled as ./safecity run --demo fills it: a generated 2008/09, labelled on every page.</summary>
public sealed class DemonstrationFixture : BrowserFixture
{
    protected override Dictionary<string, string> Settings => new() { ["Platform__Demonstration"] = "true" };

    protected override Task PrepareAsync() => DemonstrationYear.FillAsync(Platform, TextWriter.Null, CancellationToken.None);
}

[CollectionDefinition(Name)]
public sealed class DemonstrationCollection : ICollectionFixture<DemonstrationFixture>
{
    public const string Name = "demonstration";
}

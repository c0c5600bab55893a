namespace SafeCity.Cli.Mutate;

/// <summary>
/// One defence removed or inverted: in <see cref="File"/>, <see cref="Find"/> (which must occur exactly
/// once) becomes <see cref="Replace"/>; the projects in <see cref="Build"/> are built again and the tests
/// of <see cref="Test"/> that match <see cref="Filter"/> run. The mutant is killed when they fail.
/// </summary>
public sealed record Mutant(string Defence, string File, string Find, string Replace, IReadOnlyList<string> Build, string Test, string Filter);

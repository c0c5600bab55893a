using SafeCity.Cli;

namespace SafeCity.Integration.Tests;

/// <summary>./safecity run --demo never fills a folder holding a real platform's data.</summary>
public sealed class DemonstrationRunTests
{
    [Fact]
    public async Task Run_with_demo_refuses_a_data_folder_holding_real_data_and_leaves_it_unmarked()
    {
        var data = Directory.CreateTempSubdirectory("safecity-real-").FullName;
        try
        {
            await File.WriteAllTextAsync(Path.Combine(data, "governance.db"), "a real platform's store");
            var error = new StringWriter();
            var before = Console.Error;
            Console.SetError(error);
            int code;
            try
            {
                code = await RunCommand.RunAsync(["--demo", "--data", data]);
            }
            finally
            {
                Console.SetError(before);
            }

            Assert.Equal(1, code);
            Assert.Contains("holds a real platform's data", error.ToString(), StringComparison.Ordinal);
            Assert.False(File.Exists(Path.Combine(data, SafeCity.ServiceDefaults.DemonstrationData.Marker)));
            Assert.Equal("a real platform's store", await File.ReadAllTextAsync(Path.Combine(data, "governance.db")));
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }
}

using ArchPgtable.Host.Tests.Support;

namespace ArchPgtable.Host.Tests;

/// <summary>
/// samples/OutOfTreePlugin, built by the solution into its own bin folder (the host does not
/// reference it), is discovered from that folder and selectable as <c>--arch toy</c>.
/// </summary>
public sealed class OutOfTreeSampleTests
{
    /// <summary>samples/OutOfTreePlugin/bin/&lt;Configuration&gt;/net10.0, for the configuration these tests were built in.</summary>
    private static string SampleOutput()
    {
        var testBin = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var configuration = testBin.Parent!.Name;
        var root = testBin;
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "ArchPgtable.sln")))
        {
            root = root.Parent;
        }

        Assert.NotNull(root);
        return Path.Combine(root.FullName, "samples", "OutOfTreePlugin", "bin", configuration, testBin.Name);
    }

    [Fact]
    public void The_sample_is_discovered_from_its_own_folder_and_shows_its_override()
    {
        var dir = SampleOutput();
        Assert.True(File.Exists(Path.Combine(dir, "OutOfTreePlugin.dll")), $"build the solution first: {dir}");

        var json = CliRun.Run("info", "--json", "--plugins", dir, "--arch", "toy").Json();

        Assert.Equal("toy", json.GetProperty("arch").GetString());
        Assert.Empty(json.GetProperty("diagnostics").EnumerateArray());
        var plugin = json.GetProperty("plugins").EnumerateArray().Single(p => p.GetProperty("arch").GetString() == "toy");
        Assert.Equal(Path.Combine(dir, "OutOfTreePlugin.dll"), plugin.GetProperty("assembly").GetString());
        var helpers = json.GetProperty("helpers").EnumerateArray()
            .ToDictionary(h => h.GetProperty("name").GetString()!, h => (h.GetProperty("provider").GetString(), h.GetProperty("impl").GetString()));
        Assert.Equal(("toy", "toy_ptep_test_and_clear_young"), helpers["ptep_test_and_clear_young"]);
        Assert.Single(helpers, h => h.Value.Item1 == "toy");
        Assert.Equal("y", json.GetProperty("config").GetProperty("CONFIG_TOY_HW_YOUNG").GetString());
    }

    [Fact]
    public void The_sample_ships_no_copy_of_the_shared_assemblies()
    {
        var dir = SampleOutput();
        Assert.True(Directory.Exists(dir), dir);
        Assert.False(File.Exists(Path.Combine(dir, "ArchPgtable.Abstractions.dll")));
        Assert.False(File.Exists(Path.Combine(dir, "ArchPgtable.Generic.dll")));
        Assert.False(File.Exists(Path.Combine(dir, "System.Composition.AttributedModel.dll")));
    }

    [Fact]
    public void With_CONFIG_TOY_CONT_the_sample_routes_through_the_generic_layer_and_passes_verify()
    {
        var dir = SampleOutput();

        var info = CliRun.Run("info", "--json", "--plugins", dir, "--arch", "toy", "--set", "CONFIG_TOY_CONT=y").Json();
        var helpers = info.GetProperty("helpers").EnumerateArray()
            .ToDictionary(h => h.GetProperty("name").GetString()!, h => (h.GetProperty("provider").GetString(), h.GetProperty("impl").GetString()));
        Assert.Equal(("toy", "contpte_clear_young_dirty_ptes"), helpers["clear_young_dirty_ptes"]);
        Assert.Equal(("toy", "contpte_ptep_get"), helpers["ptep_get"]);

        var result = CliRun.Run("verify", "--plugins", dir, "--arch", "toy", "--set", "CONFIG_TOY_CONT=y", "--seed", "1");
        Assert.True(result.ExitCode == ExitCodes.Ok, result.Out + result.Error);
        Assert.Contains("64K contiguous blocks", result.Out, StringComparison.Ordinal);
        Assert.Contains("  PASS arch/invariants", result.Out, StringComparison.Ordinal);
        Assert.Contains("toy: all properties hold", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void The_known_bad_strip_that_forgets_CONT_is_caught_by_verify()
    {
        var dir = SampleOutput();

        var result = CliRun.Run("verify", "--plugins", dir, "--arch", "toy", "--set", "CONFIG_TOY_CONT=y", "--set", "CONFIG_TOY_CONT_FORGET_STRIP=y", "--seed", "1");

        Assert.True(result.ExitCode == ExitCodes.CheckFailed, result.Out + result.Error);
        Assert.Contains("  FAIL set_pte_at/contract", result.Out, StringComparison.Ordinal);
        Assert.Contains("replay: archpgtable verify", result.Out, StringComparison.Ordinal);
        Assert.Matches(@"toy: [1-9][0-9]* propert(y|ies) failed", result.Out);
    }
}

using System.Text.Json;
using ArchPgtable.Host.Tests.Support;
using ArchPgtable.Hosting.Configuration;

namespace ArchPgtable.Host.Tests;

/// <summary>
/// <c>verify --plugin PATH</c> on a third-party assembly built by the test (Roslyn) that carries the
/// lazyfree v4 <c>mkold_clean_ptes</c> override: the suite catches it, exits 1, and prints a shrunk
/// counterexample whose seed replays it.
/// </summary>
[Collection(PluginBuildsCollection.Name)]
public sealed class VerifyPluginTests(PluginBuilds builds)
{
    private string PlaceV4() => Arm64DerivedPlugin.Place(builds, "V4Plugin", V4PluginSource.Source);

    [Fact]
    public void The_v4_override_fails_with_a_shrunk_counterexample_and_exit_1()
    {
        var dll = PlaceV4();

        var result = CliRun.Run("verify", "--plugin", dll, "--helper", "mkold_clean_ptes", "--cases", "1500", "--seed", "1");

        Assert.True(result.ExitCode == ExitCodes.CheckFailed, result.Out + result.Error);
        Assert.Contains("arm64-v4: arm64, 4K pages, 48-bit VA, contpte, HAFDBS, lazyfree v4 mkold_clean_ptes", result.Out, StringComparison.Ordinal);
        Assert.Contains("  FAIL mkold_clean_ptes/contract", result.Out, StringComparison.Ordinal);
        Assert.Contains("call: mkold_clean_ptes(", result.Out, StringComparison.Ordinal);
        Assert.Contains("in the range, still reports", result.Out, StringComparison.Ordinal);
        Assert.Contains("replay: archpgtable verify --plugin " + dll + " --helper mkold_clean_ptes --seed ", result.Out, StringComparison.Ordinal);
        Assert.Matches(@"arm64-v4: [1-9][0-9]* propert(y|ies) failed \([0-9]+ held, [1-9]", result.Out);
    }

    [Fact]
    public void The_json_counterexample_is_small_and_its_seed_replays_it()
    {
        var dll = PlaceV4();

        var first = CliRun.Run("verify", "--plugin", dll, "--helper", "mkold_clean_ptes", "--cases", "1500", "--seed", "1", "--format", "json");
        Assert.Equal(ExitCodes.CheckFailed, first.ExitCode);
        var failed = Failed(first.Out);
        var cx = failed.GetProperty("counterexample");
        Assert.InRange(cx.GetProperty("blocks").GetInt32(), 1, 4);
        Assert.NotEmpty(cx.GetProperty("violations").EnumerateArray());
        var seed = failed.GetProperty("seed").GetString()!;

        var replay = CliRun.Run("verify", "--plugin", dll, "--helper", "mkold_clean_ptes", "--seed", seed, "--cases", "1", "--format", "json");

        Assert.Equal(ExitCodes.CheckFailed, replay.ExitCode);
        Assert.Equal(cx.GetProperty("text").GetString(), Failed(replay.Out).GetProperty("counterexample").GetProperty("text").GetString());
    }

    [Fact]
    public void A_file_that_exports_no_plugin_exits_2()
    {
        var dir = builds.NewPluginsDirectory();
        var dll = PluginBuilds.Place(dir, builds.NoExport);

        var result = CliRun.Run(EnvironmentVariables.None, null, "verify", "--plugin", dll);

        Assert.Equal(ExitCodes.UsageError, result.ExitCode);
        Assert.Contains("exports no IArchPlugin", result.Error, StringComparison.Ordinal);
    }

    private static JsonElement Failed(string json)
    {
        using var doc = JsonDocument.Parse(json);
        return doc.RootElement.GetProperty("builds")[0].GetProperty("properties").EnumerateArray()
            .First(p => !p.GetProperty("passed").GetBoolean()).Clone();
    }
}

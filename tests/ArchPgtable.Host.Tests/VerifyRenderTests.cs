using ArchPgtable.Host.Tests.Support;
using ArchPgtable.Hosting.Configuration;

namespace ArchPgtable.Host.Tests;

/// <summary><c>verify --render DIR</c>: one SVG per failing or XFAIL helper property, the table before and after the call.</summary>
[Collection(PluginBuildsCollection.Name)]
public sealed class VerifyRenderTests(PluginBuilds builds)
{
    [Fact]
    public void The_v4_override_s_counterexample_is_drawn_before_and_after()
    {
        var dll = Arm64DerivedPlugin.Place(builds, "V4Plugin", V4PluginSource.Source);
        var render = Path.Combine(builds.NewPluginsDirectory(), "pictures");

        var r = CliRun.Run("verify", "--plugin", dll, "--helper", "mkold_clean_ptes", "--cases", "1500", "--seed", "0000000000001", "--render", render);

        Assert.True(r.ExitCode == ExitCodes.CheckFailed, r.Out + r.Error);
        var file = Assert.Single(Directory.GetFiles(render));
        Assert.Equal("arm64-v4-mkold_clean_ptes-contract.svg", Path.GetFileName(file));
        Assert.Contains($"render: 1 counterexample picture(s) in {render}", r.Out, StringComparison.Ordinal);
        var svg = SvgDocument.Load(file);
        var titles = svg.PanelTitles;
        Assert.Equal(2, svg.WithClass("text", "title").Count);
        Assert.Equal(2, titles.Count);
        Assert.StartsWith("arm64-v4: FAIL mkold_clean_ptes/contract, seed ", titles[0], StringComparison.Ordinal);
        Assert.Contains("before mkold_clean_ptes(", titles[0], StringComparison.Ordinal);
        Assert.StartsWith("after; ", titles[1], StringComparison.Ordinal);
        var cells = svg.WithClass("rect", "cell");
        Assert.True(cells.Count % 2 == 0 && cells.Count >= 32, $"{cells.Count} cells");
        Assert.NotEmpty(svg.WithClass("rect", "block"));
        Assert.NotEmpty(svg.WithClass("rect", "call"));
        Assert.NotNull(svg.Legend);
    }

    [Fact]
    public void An_xfail_is_drawn_too()
    {
        // A counterexample's replay token with one case replays it exactly; one machine, so one picture.
        var render = Path.Combine(builds.NewPluginsDirectory(), "xfail");
        var r = CliRun.Run(EnvironmentVariables.None, ShippedPlugins.Directory,
            "verify", "--arch", "riscv64", "--machine", "default", "--helper", "ptep_set_access_flags", "--cases", "1", "--seed", "9AmelBwbN8w1", "--render", render);

        Assert.True(r.ExitCode == ExitCodes.Ok, r.Out + r.Error);
        Assert.Contains("XFAIL ptep_set_access_flags/race", r.Out, StringComparison.Ordinal);
        var file = Assert.Single(Directory.GetFiles(render));
        Assert.Equal("riscv64-ptep_set_access_flags-race.svg", Path.GetFileName(file));
        Assert.Equal(2, SvgDocument.Load(file).PanelTitles.Count);
    }

    [Fact]
    public void A_render_folder_whose_parent_is_missing_is_an_error_before_anything_runs()
    {
        var r = CliRun.Run("verify", "--arch", "generic", "--render", "/nonexistent-folder/pictures");
        Assert.Equal(ExitCodes.UsageError, r.ExitCode);
        Assert.Single(r.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Empty(r.Out);
    }
}

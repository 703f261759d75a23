using System.Text.Json;
using ArchPgtable.Host.Tests.Support;
using ArchPgtable.Hosting.Configuration;

namespace ArchPgtable.Host.Tests;

public sealed class RenderCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("archpgtable-render-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static CliResult Run(params string[] args) => CliRun.Run(EnvironmentVariables.None, ShippedPlugins.Directory, args);

    [Fact]
    public void The_svg_has_one_cell_per_entry_the_block_outlines_per_row_and_a_legend()
    {
        var svg = Path.Combine(_dir, "written.svg");
        var r = Run("render", "written", "--arch", "arm64", "--folio", "64K", "--first", "4", "--count", "24", "--svg", svg);
        Assert.True(r.ExitCode == 0, r.Error);
        var doc = SvgDocument.Load(svg);
        Assert.Equal("svg", doc.Root.Name.LocalName);
        var cells = doc.WithClass("rect", "cell");
        Assert.Equal(24, cells.Count);
        Assert.Equal(Enumerable.Range(4, 24).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            doc.WithClass("g", "pte").Select(g => (string)g.Attribute("data-index")!));

        // Blocks 0..15 (entries 4..15 drawn, row 0) and 16..31 (16..19 on row 0, 20..27 on row 1): three outlines.
        var blocks = doc.WithClass("rect", "block");
        Assert.Equal(3, blocks.Count);
        Assert.Equal(["12", "4", "8"], blocks.Select(b => (int.Parse((string)b.Attribute("width")!, System.Globalization.CultureInfo.InvariantCulture) + 2) / 58).Select(n => n.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.NotNull(doc.Legend);
        Assert.Empty(doc.WithClass("rect", "call"));
    }

    [Fact]
    public void Without_contpte_there_are_no_blocks_and_a_partial_wrprotect_marks_its_range()
    {
        var svg = Path.Combine(_dir, "wp.svg");
        var r = Run("render", "wrprotect", "--arch", "arm64", "--set", "CONFIG_ARM64_CONTPTE=n", "--svg", svg, "--format", "json");
        Assert.True(r.ExitCode == 0, r.Error);
        var doc = SvgDocument.Load(svg);
        Assert.Equal(32, doc.WithClass("rect", "cell").Count);
        Assert.Empty(doc.WithClass("rect", "block"));
        Assert.Equal(8, doc.WithClass("rect", "call").Count);
        var picture = JsonDocument.Parse(r.Out).RootElement.GetProperty("pictures")[0];
        var entries = picture.GetProperty("entries").EnumerateArray().ToList();
        Assert.Equal(32, entries.Count);
        Assert.Equal(20, picture.GetProperty("call").GetProperty("start").GetInt32());
        Assert.All(entries, e => Assert.Equal(e.GetProperty("index").GetInt32() is >= 20 and < 28, !e.GetProperty("write").GetBoolean()));
    }

    [Theory]
    [InlineData("written")]
    [InlineData("lazyfree")]
    [InlineData("lazyfree-old")]
    [InlineData("lazyfree-touched")]
    [InlineData("cold")]
    [InlineData("fork")]
    [InlineData("wrprotect")]
    public void The_terminal_view_fits_80_columns(string scenario)
    {
        foreach (var arch in new[] { "arm64", "riscv64", "x86_64" })
        {
            var r = Run("render", scenario, "--arch", arch);
            Assert.True(r.ExitCode == 0, r.Error);
            var lines = r.Out.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
            Assert.All(lines, l => Assert.True(l.Length <= 80, $"{arch}: {l.Length} columns: {l}"));
            Assert.Contains(lines, l => l.StartsWith(" raw  ", StringComparison.Ordinal));
            Assert.Contains(lines, l => l.StartsWith(" view ", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void After_lazyfree_and_a_touch_the_view_gathers_the_one_entry_the_hardware_updated()
    {
        var r = Run("render", "lazyfree-touched", "--arch", "arm64", "--format", "json");
        var entries = JsonDocument.Parse(r.Out).RootElement.GetProperty("pictures")[0].GetProperty("entries").EnumerateArray().ToList();
        var block0 = entries.Take(16).ToList();
        Assert.Single(block0, e => e.GetProperty("dirty").GetBoolean());
        Assert.All(block0, e => Assert.True(e.GetProperty("ptep_get").GetProperty("dirty").GetBoolean()));
        Assert.All(block0, e => Assert.Equal(16, e.GetProperty("block_entries").GetInt32()));
    }

    [Fact]
    public void Csv_has_one_record_per_entry_drawn_and_json_is_the_alias_of_format_json()
    {
        var csv = Run("render", "wrprotect", "--arch", "arm64", "--first", "4", "--count", "24", "--format", "csv");
        var lines = csv.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(0, csv.ExitCode);
        Assert.StartsWith("scenario,arch,title,index,", lines[0], StringComparison.Ordinal);
        Assert.Equal(25, lines.Length);
        Assert.Equal(8, lines.Count(l => l.EndsWith(",true", StringComparison.Ordinal)));

        var alias = Run("render", "wrprotect", "--arch", "arm64", "--json");
        var format = Run("render", "wrprotect", "--arch", "arm64", "--format", "json");
        Assert.Equal(format.Out, alias.Out);
    }

    [Theory]
    [InlineData("render", "nosuch")]
    [InlineData("render", "--folio", "3K")]
    [InlineData("render", "--folio", "4M")]
    [InlineData("render", "--size", "4M")]
    [InlineData("render", "--first", "40")]
    [InlineData("render", "--count", "0")]
    [InlineData("render", "--format", "ktap")]
    [InlineData("render", "--json", "--format", "csv")]
    [InlineData("render", "--svg", "/nonexistent-folder/x.svg")]
    public void Bad_input_is_one_line_and_exit_2(params string[] args)
    {
        var r = Run([.. args, "--arch", "arm64"]);
        Assert.Equal(2, r.ExitCode);
        Assert.Single(r.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Empty(r.Out);
    }
}

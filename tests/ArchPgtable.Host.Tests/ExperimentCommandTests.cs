using System.Text.Json;
using System.Xml.Linq;
using ArchPgtable.Host.Tests.Support;
using ArchPgtable.Hosting.Configuration;
using SkiaSharp;

namespace ArchPgtable.Host.Tests;

/// <summary>Issue 13: <c>experiment NAME|list|all</c>, the <c>lazyfree</c> alias, the published table beside the model, and plots.</summary>
public sealed class ExperimentCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("archpgtable-plot-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static CliResult Run(params string[] args) => CliRun.Run(EnvironmentVariables.None, ShippedPlugins.Directory, args);

    [Fact]
    public void List_names_every_experiment()
    {
        var json = Run("experiment", "list", "--json").Json();
        Assert.Equal(["lazyfree", "fork", "contpte-convert", "mprotect", "mremap", "reclaim"],
            json.GetProperty("experiments").EnumerateArray().Select(e => e.GetProperty("name").GetString()));
        var text = Run("experiment", "list");
        Assert.Equal(0, text.ExitCode);
        Assert.All(text.Out.Split('\n'), l => Assert.True(l.Length <= 80, l));
    }

    [Fact]
    public void Fork_prints_exact_counts_for_old_and_new_beside_the_published_table()
    {
        var json = Run("experiment", "fork", "--json", "--size", "4M", "--folio", "4K,64K", "--arch", "x86_64").Json();

        Assert.Equal("fork", json.GetProperty("experiment").GetString());
        Assert.Contains("Hildenbrand", json.GetProperty("published").GetProperty("source").GetString(), StringComparison.Ordinal);
        Assert.Contains("fitted", json.GetProperty("cost_model").GetProperty("fitted").GetString(), StringComparison.Ordinal);
        var rows = json.GetProperty("rows").EnumerateArray().ToList();
        Assert.Equal([4096UL, 65536UL], rows.Select(r => r.GetProperty("folio_bytes").GetUInt64()));
        Assert.Equal(-0.26, rows[1].GetProperty("published_change").GetDouble(), 6);
        foreach (var key in new[] { "pte_reads", "pte_writes", "atomic_updates", "tlb_flushes", "tlb_flushed_pages", "folds", "unfolds", "splits", "folio_lookups", "faults" })
        {
            Assert.True(rows[1].GetProperty("old").TryGetProperty(key, out _), key);
            Assert.True(rows[1].GetProperty("new").TryGetProperty(key, out _), key);
        }

        Assert.Equal(1024, rows[1].GetProperty("old").GetProperty("folio_lookups").GetInt64());   // one per PTE
        Assert.Equal(64, rows[1].GetProperty("new").GetProperty("folio_lookups").GetInt64());     // one per 64K folio
        Assert.True(rows[1].GetProperty("change").GetDouble() < 0);
    }

    [Fact]
    public void Lazyfree_is_experiment_lazyfree()
    {
        string[] args = ["--json", "--size", "2M", "--folio", "4K,16K,2M", "--arch", "generic"];
        var alias = Run(["lazyfree", .. args]).Json();
        var experiment = Run(["experiment", "lazyfree", .. args]).Json();

        Assert.Equal(Strip(experiment), Strip(alias));
    }

    [Fact]
    public void Published_rows_match_by_folio_order_on_other_page_sizes()
    {
        var json = Run("experiment", "lazyfree", "--json", "--size", "16M", "--folio", "64K", "--set", "CONFIG_ARM64_16K_PAGES=y").Json();

        // 64K on 16K pages is order 2: the published 16K row (-94%).
        Assert.Equal(-0.94, json.GetProperty("rows")[0].GetProperty("published_change").GetDouble(), 6);
    }

    [Fact]
    public void All_runs_every_experiment_and_csv_has_a_record_per_side()
    {
        var result = Run("experiment", "all", "--size", "1M", "--folio", "4K,64K", "--format", "csv");

        Assert.Equal(0, result.ExitCode);
        var lines = result.Out.TrimEnd('\n').Split('\n');
        Assert.StartsWith("experiment,arch,size_bytes,folio_bytes,path,sim_ms", lines[0], StringComparison.Ordinal);
        foreach (var e in new[] { "lazyfree", "fork", "contpte-convert" })
        {
            Assert.Equal(4, lines.Count(l => l.StartsWith(e + ",", StringComparison.Ordinal)));
        }
    }

    [Fact]
    public void All_skips_an_experiment_the_arch_cannot_run_with_a_warning()
    {
        var result = Run("experiment", "all", "--size", "1M", "--folio", "4K", "--arch", "x86_64", "--json");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("contpte-convert skipped", result.Error, StringComparison.Ordinal);
        Assert.Equal(["lazyfree", "fork", "mprotect", "mremap", "reclaim"], result.Json().GetProperty("experiments").EnumerateArray().Select(e => e.GetProperty("experiment").GetString()));
    }

    [Fact]
    public void Contpte_convert_uses_the_hafdbs_and_bbml2_machines()
    {
        var result = Run("experiment", "contpte-convert", "--size", "1M", "--folio", "64K");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("old machine hafdbs", result.Out, StringComparison.Ordinal);
        Assert.Contains("new machine bbml2", result.Out, StringComparison.Ordinal);
        Assert.Matches(@"(?m)^ +new .* -12%$", result.Out);   // the RFC's figure beside the 64K row
        Assert.All(result.Out.Split('\n'), l => Assert.True(l.Length <= 80, l));
    }

    [Theory]
    [InlineData(new[] { "experiment", "bogus" }, "unknown experiment 'bogus'")]
    [InlineData(new[] { "experiment", "contpte-convert", "--arch", "x86_64" }, "BBML2_NOABORT")]
    [InlineData(new[] { "experiment", "fork", "--plot", "out.txt" }, "must end in .svg or .png")]
    [InlineData(new[] { "experiment", "fork", "--plot", "/no/such/dir/x.svg" }, "does not exist")]
    [InlineData(new[] { "experiment", "all", "--plot", "x.svg" }, "{name}")]
    [InlineData(new[] { "experiment", "fork", "--size", "lots" }, "--size 'lots'")]
    [InlineData(new[] { "experiment", "fork", "--folio", "3K" }, "not a power-of-two multiple")]
    [InlineData(new[] { "experiment", "fork", "--size", "100K", "--folio", "64K" }, "not a multiple of the folio size")]
    [InlineData(new[] { "experiment", "fork", "--host-samples", "0" }, "--host-samples must be between 1 and 99 (got 0)")]
    [InlineData(new[] { "lazyfree", "--host-samples", "100" }, "--host-samples must be between 1 and 99 (got 100)")]
    [InlineData(new[] { "experiment", "fork", "--host-samples", "many" }, "many")]
    public void Bad_values_are_one_line_and_exit_2(string[] args, string message)
    {
        var result = Run(args);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(message, result.Error, StringComparison.Ordinal);
        Assert.Single(result.Error.TrimEnd('\n').Split('\n'));
        Assert.Empty(result.Out);
    }

    [Fact]
    public void Plot_writes_a_decodable_png_and_an_svg_with_the_published_markers()
    {
        var png = Path.Combine(_dir, "lazyfree.png");
        var svg = Path.Combine(_dir, "fork.svg");
        Assert.Equal(0, Run("experiment", "lazyfree", "--size", "1M", "--folio", "4K,16K,64K", "--plot", png).ExitCode);
        Assert.Equal(0, Run("experiment", "fork", "--size", "1M", "--folio", "4K,16K,64K", "--plot", svg).ExitCode);

        using (var bitmap = SKBitmap.Decode(png))
        {
            Assert.NotNull(bitmap);
            Assert.Equal((800, 560), (bitmap.Width, bitmap.Height));
            var colours = new HashSet<SKColor>();
            for (var y = 0; y < bitmap.Height; y += 7)
            {
                for (var x = 0; x < bitmap.Width; x += 7)
                {
                    colours.Add(bitmap.GetPixel(x, y));
                }
            }

            Assert.True(colours.Count > 4, $"{colours.Count} colours: the image is blank");
        }

        var doc = XDocument.Load(svg);
        Assert.Equal("svg", doc.Root!.Name.LocalName);
        Assert.Equal("800", (string?)doc.Root.Attribute("width"));
        var text = string.Join(' ', doc.Descendants().Where(e => e.Name.LocalName == "text").Select(e => e.Value));
        Assert.Contains("old (model)", text, StringComparison.Ordinal);
        Assert.Contains("Xeon, published", text, StringComparison.Ordinal);
        Assert.Contains("64K", text, StringComparison.Ordinal);
    }

    /// <summary>The JSON without host time and the warm-up's rounds and region, which differ from run to run (the warm-up runs once per process, so a run after another one in the same test process reports 0 of each).</summary>
    private static string Strip(JsonElement json) =>
        System.Text.RegularExpressions.Regex.Replace(json.GetRawText(), "\"host_ms\": [0-9.eE+-]+|\"warmup_rounds\": [0-9]+|\"warmup_bytes\": [0-9]+", "");
}

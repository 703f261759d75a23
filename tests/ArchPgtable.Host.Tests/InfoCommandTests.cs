using System.Reflection;
using System.Text.Json;
using ArchPgtable.Host.Tests.Support;

namespace ArchPgtable.Host.Tests;

/// <summary><c>info</c> on the in-box generic arch.</summary>
public sealed class InfoCommandTests
{
    private static readonly string[] KernelHelpers =
        [.. typeof(IPageTableOps).GetMethods().Select(m => m.GetCustomAttribute<KernelHelperAttribute>()?.Name).OfType<string>()];

    [Fact]
    public void Json_has_exactly_the_documented_keys_in_order()
    {
        var json = CliRun.Run("info", "--json").Json();

        Assert.Equal(["arch", "plugins", "diagnostics", "config", "warnings", "helpers", "known_findings", "machine"], json.EnumerateObject().Select(p => p.Name));
        Assert.Equal("generic", json.GetProperty("arch").GetString());
        Assert.Empty(json.GetProperty("diagnostics").EnumerateArray());
        Assert.Empty(json.GetProperty("warnings").EnumerateArray());
        var plugin = Assert.Single(json.GetProperty("plugins").EnumerateArray());
        Assert.Equal(["arch", "assembly", "version"], plugin.EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public void Json_config_lists_every_symbol_with_its_value()
    {
        var config = CliRun.Run("info", "--json").Config();

        Assert.Equal(new Dictionary<string, string>
        {
            ["CONFIG_DEBUG_VM"] = "y",
            ["CONFIG_TRANSPARENT_HUGEPAGE"] = "y",
        }, config);
    }

    [Fact]
    public void On_generic_every_helper_is_provided_by_generic_under_its_own_name()
    {
        var helpers = CliRun.Run("info", "--json").Json().GetProperty("helpers").EnumerateArray().ToList();

        Assert.Equal(KernelHelpers, helpers.Select(h => h.GetProperty("name").GetString()));
        Assert.All(helpers, h =>
        {
            Assert.Equal(["name", "provider", "impl"], h.EnumerateObject().Select(p => p.Name));
            Assert.Equal("generic", h.GetProperty("provider").GetString());
            var name = h.GetProperty("name").GetString();
            // set_pte_at is the kernel macro set_ptes(mm, addr, ptep, pte, 1): it reports set_ptes' implementation;
            // get_and_clear_ptes / clear_ptes are the full = 0 calls of get_and_clear_full_ptes / clear_full_ptes.
            var impl = name switch
            {
                "set_pte_at" => "set_ptes",
                "get_and_clear_ptes" => "get_and_clear_full_ptes",
                "clear_ptes" => "clear_full_ptes",
                _ => name,
            };
            Assert.Equal(impl, h.GetProperty("impl").GetString());
        });
    }

    [Fact]
    public void Json_is_indented_and_config_strings_are_not_escaped()
    {
        var output = CliRun.Run("info", "--json").Out;

        Assert.StartsWith("{" + Environment.NewLine + "  \"arch\": \"generic\",", output, StringComparison.Ordinal);
        Assert.DoesNotContain("\\u00", output, StringComparison.Ordinal);
        using var _ = JsonDocument.Parse(output);
    }

    [Fact]
    public void Text_output_is_plain_ascii_with_tables_no_wider_than_80_columns_and_every_section()
    {
        var result = CliRun.Run("info");

        Assert.Equal(0, result.ExitCode);
        Assert.Empty(result.Error);
        Assert.DoesNotContain('\u001b', result.Out);
        Assert.All(result.Out, c => Assert.True(c < 128, $"non-ASCII character U+{(int)c:X4}"));
        Assert.All(result.Out.Split('\n').Where(l => l.StartsWith('|') || l.StartsWith('+')), line => Assert.True(line.TrimEnd('\r').Length <= 80, line));
        Assert.All(result.Out.Split('\n'), line => Assert.True(line.TrimEnd('\r').Length <= 120, line));
        foreach (var section in new[] { "Plugins", "Load diagnostics", "Selected arch", "Effective config", "#define view" })
        {
            Assert.Contains(section, result.Out, StringComparison.Ordinal);
        }

        Assert.Contains("generic: generic, 4K pages, 48-bit VA, pgtable.h defaults (selected by default (arm64 plugin not found))",
            result.Out, StringComparison.Ordinal);
        Assert.Contains("| CONFIG_DEBUG_VM ", result.Out, StringComparison.Ordinal);
        Assert.All(KernelHelpers, h => Assert.Contains($"| {h} ", result.Out, StringComparison.Ordinal));
    }

    [Fact]
    public void Global_options_are_accepted_before_and_after_the_command()
    {
        var before = CliRun.Run("--set", "CONFIG_DEBUG_VM=n", "info", "--json").Config();
        var after = CliRun.Run("info", "--json", "--set", "CONFIG_DEBUG_VM=n").Config();

        Assert.Equal("n", before["CONFIG_DEBUG_VM"]);
        Assert.Equal(before, after);
    }
}

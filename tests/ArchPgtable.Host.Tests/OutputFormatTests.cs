using System.Text.Json;
using ArchPgtable.Host.Tests.Support;
using ArchPgtable.Hosting.Configuration;

namespace ArchPgtable.Host.Tests;

/// <summary>Issue 14 item 3: --format text|json|csv on every command, --json an alias, one JSON shape, help without doubled defaults.</summary>
public sealed class OutputFormatTests
{
    private static CliResult Run(params string[] args) => CliRun.Run(EnvironmentVariables.None, ShippedPlugins.Directory, args);

    public static TheoryData<string[]> Commands => new()
    {
        new[] { "info" },
        new[] { "lazyfree", "--size", "4M", "--folio", "4K,64K" },
        new[] { "experiment", "fork", "--size", "1M", "--folio", "4K,64K" },
        new[] { "verify", "--helper", "pte_batch_hint", "--cases", "5", "--seed", "3" },
    };

    [Theory]
    [MemberData(nameof(Commands))]
    public void Json_is_an_alias_of_format_json(string[] command)
    {
        var alias = Run([.. command, "--json"]);
        var format = Run([.. command, "--format", "json"]);

        Assert.Equal(ExitCodes.Ok, alias.ExitCode);
        using var a = JsonDocument.Parse(alias.Out);
        using var f = JsonDocument.Parse(format.Out);
        Assert.Equal(Keys(a.RootElement), Keys(f.RootElement));
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public void Csv_is_a_header_and_records_of_the_same_width(string[] command)
    {
        var result = Run([.. command, "--format", "csv"]);

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        var lines = result.Out.TrimEnd('\n').Split('\n');
        Assert.True(lines.Length >= 2, result.Out);
        var width = Fields(lines[0]);
        Assert.All(lines, l => Assert.Equal(width, Fields(l)));
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public void Json_and_another_format_together_is_a_usage_error(string[] command)
    {
        var result = Run([.. command, "--json", "--format", "csv"]);

        Assert.Equal(ExitCodes.UsageError, result.ExitCode);
        Assert.Contains("--json and --format csv ask for different formats", Assert.Single(result.Error.TrimEnd().Split(Environment.NewLine)), StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_json_has_one_shape_for_one_build_or_many()
    {
        var one = Run("verify", "--arch", "generic", "--helper", "pte_batch_hint", "--cases", "5", "--json").Json();
        var many = Run("verify", "--all", "--machine", "default", "--helper", "pte_batch_hint", "--cases", "5", "--json").Json();

        Assert.Equal(Keys(one), Keys(many));
        Assert.Single(one.GetProperty("builds").EnumerateArray());
        Assert.Equal(4, many.GetProperty("builds").GetArrayLength());
        Assert.Equal(Keys(one.GetProperty("builds")[0]), Keys(many.GetProperty("builds")[0]));
    }

    [Fact]
    public void The_same_things_have_the_same_field_names_across_commands()
    {
        var info = Run("info", "--json").Json();
        var lazyfree = Run("lazyfree", "--size", "4M", "--folio", "4K", "--json").Json();
        var verify = Run("verify", "--helper", "pte_batch_hint", "--cases", "5", "--json").Json().GetProperty("builds")[0];

        Assert.Equal("arm64", info.GetProperty("arch").GetString());
        Assert.Equal("arm64", lazyfree.GetProperty("arch").GetString());
        Assert.Equal("arm64", verify.GetProperty("arch").GetString());
        Assert.Equal(lazyfree.GetProperty("description").GetString(), verify.GetProperty("description").GetString());
        var old = lazyfree.GetProperty("rows")[0].GetProperty("old");
        Assert.True(old.TryGetProperty("sim_ms", out _));
        Assert.True(old.TryGetProperty("host_ms", out _));
        Assert.False(old.TryGetProperty("wall_ms", out _));
    }

    [Theory]
    [InlineData("info")]
    [InlineData("lazyfree")]
    [InlineData("experiment")]
    [InlineData("verify")]
    [InlineData("render")]
    public void Help_states_each_default_once(string command)
    {
        var help = Run(command, "--help");

        Assert.Equal(ExitCodes.Ok, help.ExitCode);
        Assert.Contains("--format", help.Out, StringComparison.Ordinal);
        Assert.Contains("--json", help.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("(default", help.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("Default:", help.Out, StringComparison.Ordinal);
    }

    private static List<string> Keys(JsonElement e) => [.. e.EnumerateObject().Select(p => p.Name)];

    /// <summary>Counts the fields of a CSV record (quoted fields may hold commas).</summary>
    private static int Fields(string line)
    {
        var count = 1;
        var quoted = false;
        foreach (var c in line)
        {
            if (c == '"')
            {
                quoted = !quoted;
            }
            else if (c == ',' && !quoted)
            {
                count++;
            }
        }

        return count;
    }
}

using ArchPgtable.Host.Tests.Support;

namespace ArchPgtable.Host.Tests;

/// <summary>0 ok, 2 usage or configuration error; errors are one line on stderr.</summary>
public sealed class ExitCodeTests
{
    [Fact]
    public void Info_succeeds_with_0()
    {
        Assert.Equal(ExitCodes.Ok, CliRun.Run("info").ExitCode);
        Assert.Equal(ExitCodes.Ok, CliRun.Run("info", "--json").ExitCode);
    }

    [Theory]
    [InlineData("info", "--bogus")]
    [InlineData("info", "--arch")]
    [InlineData("frobnicate")]
    [InlineData("info", "--json", "extra")]
    public void An_invalid_command_line_exits_2_with_one_line_per_error(params string[] args)
    {
        var result = CliRun.Run(args);

        Assert.Equal(ExitCodes.UsageError, result.ExitCode);
        Assert.Empty(result.Out);
        Assert.All(result.Error.TrimEnd().Split(Environment.NewLine), line =>
        {
            Assert.StartsWith("archpgtable: error: ", line, StringComparison.Ordinal);
            Assert.EndsWith("(see 'archpgtable --help').", line, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void No_command_exits_2()
    {
        var result = CliRun.Run();

        Assert.Equal(ExitCodes.UsageError, result.ExitCode);
        Assert.Contains("Required command was not provided", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_plugins_folder_exits_2()
    {
        var result = CliRun.Run("info", "--plugins", "/nonexistent/plugins");

        Assert.Equal(ExitCodes.UsageError, result.ExitCode);
        Assert.Equal($"archpgtable: error: plugins folder '/nonexistent/plugins' does not exist.{Environment.NewLine}", result.Error);
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("info", "--help")]
    public void Help_exits_0_and_documents_the_global_options(params string[] args)
    {
        var result = CliRun.Run(args);

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.Empty(result.Error);
        foreach (var option in new[] { "--arch", "--config", "--set", "--plugins" })
        {
            Assert.Contains(option, result.Out, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Errors_carry_no_stack_trace()
    {
        var result = CliRun.Run("info", "--arch", "nope");

        Assert.Equal(ExitCodes.UsageError, result.ExitCode);
        Assert.Single(result.Error.TrimEnd().Split('\n'));
        Assert.DoesNotContain(" at ", result.Error, StringComparison.Ordinal);
    }
}

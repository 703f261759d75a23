using ArchPgtable.Host.Tests.Support;
using ArchPgtable.Hosting.Configuration;

namespace ArchPgtable.Host.Tests;

/// <summary>
/// Plain <c>verify</c> checks its (build, property) items in parallel and checks a machine-independent property once per
/// build; with <c>--trace</c> it runs them one by one, each on its own. Both must print the same bytes.
/// </summary>
public sealed class VerifyParallelTests : IDisposable
{
    private readonly string _trace = Path.Combine(Path.GetTempPath(), $"archpgtable-verify-parallel-{Guid.NewGuid():N}.json");

    public void Dispose() => File.Delete(_trace);

    private static CliResult Run(params string[] args) => CliRun.Run(EnvironmentVariables.None, ShippedPlugins.Directory, args);

    [Theory]
    [InlineData("arm64", "text")]     // every preset, bbml2's XFAIL/XPASS among them
    [InlineData("riscv64", "json")]   // XFAIL counterexamples on the Svadu presets
    [InlineData("x86_64", "ktap")]
    public void Every_preset_in_parallel_prints_what_the_sequential_run_prints(string arch, string format)
    {
        string[] args = ["verify", "--arch", arch, "--cases", "60", "--seed", "12345", "--format", format];

        var parallel = Run(args);
        var sequential = Run([.. args, "--trace", _trace, "--trace-limit", "10"]);

        Assert.Equal(sequential.ExitCode, parallel.ExitCode);
        Assert.Equal(sequential.Out, parallel.Out);
        Assert.Contains("machine", parallel.Out, StringComparison.Ordinal);
    }
}

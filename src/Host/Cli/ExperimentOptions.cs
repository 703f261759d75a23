using System.CommandLine;

namespace ArchPgtable.Host.Cli;

/// <summary>The options every experiment takes (besides the global <c>--arch</c>, <c>--machine</c>, <c>--set</c>): <c>--size</c>, <c>--folio</c>, <c>--plot</c>, <c>--host-samples</c> and the output format.</summary>
internal sealed class ExperimentOptions
{
    public Option<string?> Size { get; } = new("--size")
    {
        Description = "Region size per folio size (e.g. 64M, 1G). Without it: the experiment's own (1G; contpte-convert 256M). "
            + "Capped by the host memory the simulation needs.",
        HelpName = "SIZE",
    };

    public Option<string?> Folio { get; } = new("--folio")
    {
        Description = "Comma-separated folio sizes (e.g. 16K,64K). Without it: the base page and every anon mTHP size up to the PMD size "
            + "(4K..1M and 2M on 4K pages); only the base page with CONFIG_TRANSPARENT_HUGEPAGE=n.",
        HelpName = "LIST",
    };

    public Option<string?> Plot { get; } = new("--plot")
    {
        Description = "Also draw old and new per folio size with the published points into FILE (.svg or .png); "
            + "with 'experiment all' the name must contain {name}, replaced by each experiment's name.",
        HelpName = "FILE",
    };

    public Option<int> HostSamples { get; } = new("--host-samples")
    {
        Description = $"Measured runs per row (each on fresh machines); host_ms is their median (1-{HostWarmup.MaxSamples}, default {HostWarmup.DefaultSamples}). "
            + "The simulated figures do not depend on it.",
        HelpName = "N",
        DefaultValueFactory = _ => HostWarmup.DefaultSamples,
    };

    public OutputFormatOptions Format { get; } = new();

    /// <summary>The <c>--host-samples</c> value, or the one-line problem with it.</summary>
    public (int Samples, string? Error) GetHostSamples(ParseResult parse)
    {
        var n = parse.GetValue(HostSamples);
        return n is >= 1 and <= HostWarmup.MaxSamples
            ? (n, null)
            : (0, $"--host-samples must be between 1 and {HostWarmup.MaxSamples} (got {n}).");
    }

    public void AddTo(Command command)
    {
        command.Options.Add(Size);
        command.Options.Add(Folio);
        command.Options.Add(Plot);
        command.Options.Add(HostSamples);
        Format.AddTo(command);
    }
}

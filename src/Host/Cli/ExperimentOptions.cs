using System.CommandLine;

namespace ArchPgtable.Host.Cli;

/// <summary>The options every experiment takes (besides the global <c>--arch</c>, <c>--machine</c>, <c>--set</c>): <c>--size</c>, <c>--folio</c>, <c>--plot</c> and the output format.</summary>
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

    public OutputFormatOptions Format { get; } = new();

    public void AddTo(Command command)
    {
        command.Options.Add(Size);
        command.Options.Add(Folio);
        command.Options.Add(Plot);
        Format.AddTo(command);
    }
}

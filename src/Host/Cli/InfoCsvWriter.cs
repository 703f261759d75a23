namespace ArchPgtable.Host.Cli;

/// <summary>
/// The <c>info</c> report as CSV, one record per fact: <c>section,name,value,detail</c> with section
/// <c>arch</c> (name, description), <c>plugin</c> (arch, assembly path, version), <c>diagnostic</c>,
/// <c>config</c> (symbol, value), <c>warning</c>, <c>helper</c> (kernel name, provider, function in force)
/// and <c>known_finding</c> (property, reference, reason).
/// </summary>
internal static class InfoCsvWriter
{
    public static void Write(InfoReport report, TextWriter output)
    {
        var csv = new CsvWriter(output);
        csv.Row("section", "name", "value", "detail");
        csv.Row("arch", report.Arch, report.Description, report.ArchSource);
        foreach (var p in report.Plugins)
        {
            csv.Row("plugin", p.Arch, p.Assembly, p.Version);
        }

        foreach (var d in report.PluginDiagnostics)
        {
            csv.Row("diagnostic", d.File, d.Severity.ToString().ToLowerInvariant(), d.Reason);
        }

        foreach (var (symbol, value) in report.Config)
        {
            csv.Row("config", symbol, value, null);
        }

        foreach (var w in report.Warnings)
        {
            csv.Row("warning", null, w, null);
        }

        foreach (var h in report.Helpers)
        {
            csv.Row("helper", h.Name, h.Provider, h.Impl);
        }

        foreach (var k in report.KnownFindings)
        {
            csv.Row("known_finding", k.Property, k.Reference, k.Reason);
        }

        output.Flush();
    }
}

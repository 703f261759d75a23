using Spectre.Console;

namespace ArchPgtable.Host.Cli;

/// <summary>Writes the <c>info</c> report as tables.</summary>
internal static class InfoTextWriter
{
    public static void Write(InfoReport report, IAnsiConsole console)
    {
        var border = console.Profile.Capabilities.Unicode ? TableBorder.Square : TableBorder.Ascii;
        Heading(console, "Plugins");
        // One line each rather than a table: assembly paths are long and should not wrap mid-name in 80 columns.
        foreach (var p in report.Plugins)
        {
            console.WriteLine($"  {p.Arch} {p.Version}: {p.Assembly}");
        }

        Heading(console, "Load diagnostics");
        if (report.PluginDiagnostics.Count == 0)
        {
            console.WriteLine("none");
        }
        else
        {
            // One line each rather than a table: paths are long and should not wrap mid-name.
            foreach (var diagnostic in report.PluginDiagnostics)
            {
                console.WriteLine($"  {diagnostic}");
            }
        }

        Heading(console, "Selected arch");
        console.WriteLine($"{report.Arch}: {report.Description} (selected by {report.ArchSource})");

        if (report.Machine is { } machine)
        {
            Heading(console, $"Machine {machine.Name}");
            console.WriteLine(machine.Description);
            // Short headers and the notes below the table, so it fits 80 columns.
            console.Write(Table(border, ["Agent", "Kind", "HW AF", "HW dirty", "Block entry", "TLB", "BBML2"],
                machine.Agents.Select(a => new[]
                {
                    a.Name, a.Kind, Ad(a.Can.AccessFlag, a.Effective.AccessFlag), Ad(a.Can.Dirty, a.Effective.Dirty),
                    a.BlockEntry, a.TlbEntries.ToString(System.Globalization.CultureInfo.InvariantCulture), a.Bbml2NoAbort ? "yes" : "no",
                })));
            foreach (var a in machine.Agents.Where(a => !string.IsNullOrEmpty(a.Note)))
            {
                console.WriteLine($"  {a.Name}: {a.Note}");
            }

            console.WriteLine($"BBML2_NOABORT system-wide: {(machine.Bbml2NoAbort ? "yes" : "no")} (only when every agent has it).");
            console.WriteLine($"Presets: {string.Join(", ", machine.Presets)}.");
        }

        Heading(console, "Effective config");
        console.Write(Table(border, ["Symbol", "Value"], report.Config.Select(kv => new[] { kv.Key, kv.Value })));
        if (report.Warnings.Count > 0)
        {
            console.WriteLine("Warnings:");
            foreach (var warning in report.Warnings)
            {
                console.WriteLine($"  - {warning}");
            }
        }

        Heading(console, "#define view (helper: provider, implementation in force)");
        console.Write(Table(border, ["Helper", "Provider", "Impl"],
            report.Helpers.Select(h => new[] { h.Name, h.Provider, h.Impl })));

        if (report.Native is { } native)
        {
            InfoNativeWriter.Write(console, border, native);
        }

        Heading(console, "Known findings (contract properties upstream violates; verify reports them as XFAIL)");
        if (report.KnownFindings.Count == 0)
        {
            console.WriteLine("none");
        }

        foreach (var finding in report.KnownFindings)
        {
            console.WriteLine($"  {finding.Property} ({finding.Reference}): {finding.Reason}");
        }
    }

    /// <summary>"yes", "no", or "can, off" when the agent can but the kernel configuration does not let it.</summary>
    private static string Ad(bool can, bool effective) => effective ? "yes" : can ? "can, off" : "no";

    private static void Heading(IAnsiConsole console, string text)
    {
        console.WriteLine();
        console.Write(new Text(text, new Style(decoration: Decoration.Bold)));
        console.WriteLine();
    }

    private static Table Table(TableBorder border, string[] columns, IEnumerable<string[]> rows)
    {
        var table = new Table().Border(border);
        foreach (var column in columns)
        {
            table.AddColumn(new TableColumn(new Text(column, new Style(decoration: Decoration.Bold))));
        }

        foreach (var row in rows)
        {
            table.AddRow(row.Select(cell => (Spectre.Console.Rendering.IRenderable)new Text(cell)).ToArray());
        }

        return table;
    }
}

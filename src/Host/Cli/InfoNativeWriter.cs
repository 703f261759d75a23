using ArchPgtable.Native;
using Spectre.Console;

namespace ArchPgtable.Host.Cli;

/// <summary>The "native helpers" section of <c>info --kernel-tree</c>: the tree, its version, the patch, and for every helper the C function and file it was compiled from.</summary>
internal static class InfoNativeWriter
{
    public static void Write(IAnsiConsole console, TableBorder border, NativeBuildInfo native)
    {
        console.WriteLine();
        console.Write(new Text("Native helpers (compiled from the kernel tree's C)", new Style(decoration: Decoration.Bold)));
        console.WriteLine();
        console.WriteLine($"tree: {native.Tree} (Linux {native.KernelVersion}){(native.Patch is null ? "" : $", patched with {native.Patch}")}");
        console.WriteLine($"library: {native.Library} ({native.TakenCount} functions and macros taken from the tree)");
        var table = new Table().Border(border);
        foreach (var column in new[] { "Helper", "C function (file:line)", "Calls into" })
        {
            table.AddColumn(new TableColumn(new Text(column, new Style(decoration: Decoration.Bold))));
        }

        foreach (var h in native.Helpers)
        {
            var function = h.Function == h.Helper ? "" : h.Function + " ";
            table.AddRow(new Text(h.Helper), new Text($"{function}{h.File}:{h.Line}"), new Text(string.Join("\n", h.Calls)));
        }

        console.Write(table);
    }
}

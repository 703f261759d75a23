using ArchPgtable.Host.Cli;
using ArchPgtable.Mm.Rendering;

namespace ArchPgtable.Host.Render;

/// <summary>Writes pictures as CSV: one record per entry, with the picture's arch and title and the same field names as the JSON.</summary>
internal static class PteCsvWriter
{
    public static void Write(string scenario, IReadOnlyList<PteRangePicture> pictures, TextWriter output)
    {
        var csv = new CsvWriter(output);
        csv.Row("scenario", "arch", "title", "index", "va", "raw", "present", "swap", "pfn", "run", "run_offset",
            "young", "dirty", "write", "ptep_get_young", "ptep_get_dirty", "ptep_get_write", "block_start", "block_entries", "in_call");
        foreach (var p in pictures)
        {
            foreach (var c in p.Cells)
            {
                var inCall = p.HighlightStart >= 0 && c.Index >= p.HighlightStart && c.Index < p.HighlightStart + p.HighlightNr;
                csv.Row(scenario, p.Arch, p.Title, c.Index, Hex(c.Va), Hex(c.Raw), c.Present, c.Swap,
                    c.Present ? Hex(c.Pfn) : null, c.Present ? c.Run : null, c.Present ? c.RunOffset : null,
                    c.Present ? c.Young : null, c.Present ? c.Dirty : null, c.Present ? c.Write : null,
                    c.Present ? c.ViewYoung : null, c.Present ? c.ViewDirty : null, c.Present ? c.ViewWrite : null,
                    c.Present ? c.BlockStart : null, c.Present ? c.BlockEntries : null, inCall);
            }
        }

        output.Flush();
    }

    private static string Hex(ulong v) => FormattableString.Invariant($"0x{v:x}");
}

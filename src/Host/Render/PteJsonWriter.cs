using System.Text.Json;
using ArchPgtable.Mm.Rendering;

namespace ArchPgtable.Host.Render;

/// <summary>Writes pictures as JSON: per picture its title, arch, table address, the call range and one object per entry.</summary>
internal static class PteJsonWriter
{
    public static void Write(string scenario, IReadOnlyList<PteRangePicture> pictures, TextWriter output)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("scenario", scenario);
            w.WriteStartArray("pictures");
            foreach (var p in pictures)
            {
                w.WriteStartObject();
                w.WriteString("title", p.Title);
                w.WriteString("arch", p.Arch);
                w.WriteString("table_va", Hex(p.TableVa));
                if (p.HighlightStart >= 0)
                {
                    w.WriteStartObject("call");
                    w.WriteNumber("start", p.HighlightStart);
                    w.WriteNumber("nr", p.HighlightNr);
                    w.WriteEndObject();
                }
                else
                {
                    w.WriteNull("call");
                }

                w.WriteStartArray("blocks");
                foreach (var (start, count) in p.Blocks)
                {
                    w.WriteStartObject();
                    w.WriteNumber("start", start);
                    w.WriteNumber("entries", count);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
                w.WriteStartArray("entries");
                foreach (var c in p.Cells)
                {
                    w.WriteStartObject();
                    w.WriteNumber("index", c.Index);
                    w.WriteString("va", Hex(c.Va));
                    w.WriteString("raw", Hex(c.Raw));
                    w.WriteString("describe", c.Description);
                    w.WriteBoolean("present", c.Present);
                    w.WriteBoolean("swap", c.Swap);
                    if (c.Present)
                    {
                        w.WriteString("pfn", Hex(c.Pfn));
                        w.WriteNumber("run", c.Run);
                        w.WriteNumber("run_offset", c.RunOffset);
                        w.WriteBoolean("young", c.Young);
                        w.WriteBoolean("dirty", c.Dirty);
                        w.WriteBoolean("write", c.Write);
                        w.WriteStartObject("ptep_get");
                        w.WriteBoolean("young", c.ViewYoung);
                        w.WriteBoolean("dirty", c.ViewDirty);
                        w.WriteBoolean("write", c.ViewWrite);
                        w.WriteEndObject();
                        w.WriteNumber("block_start", c.BlockStart);
                        w.WriteNumber("block_entries", c.BlockEntries);
                    }

                    w.WriteEndObject();
                }

                w.WriteEndArray();
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        output.WriteLine(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
        output.Flush();
    }

    private static string Hex(ulong v) => FormattableString.Invariant($"0x{v:x}");
}

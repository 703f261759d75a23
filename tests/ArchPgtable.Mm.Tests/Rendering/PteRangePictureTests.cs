using System.Xml.Linq;
using ArchPgtable.Mm.Rendering;

namespace ArchPgtable.Mm.Tests.Rendering;

public class PteRangePictureTests
{
    [Theory]
    [InlineData("arm64-4k", 16)]
    [InlineData("arm64-4k-nocontpte", 1)]
    [InlineData("riscv64-sv48", 16)]
    [InlineData("riscv64-sv48-nonapot", 1)]
    [InlineData("x86_64", 1)]
    public void After_faulting_64K_folios_the_cells_show_one_pfn_run_and_the_arch_s_blocks(string arch, int block)
    {
        var a = Machines.Build(arch);
        var run = PteScenarios.Run(a, "written", 65536, 131072);
        var p = PteRangePicture.Capture(a, run.Table, run.FirstIndex, run.Entries, run.Title);

        Assert.Equal(32, p.Cells.Count);
        Assert.All(p.Cells, c => Assert.True(c.Present && c.Young && c.Dirty && c.Write && c.ViewDirty));
        Assert.Equal(Enumerable.Range(0, 32), p.Cells.Select(c => c.RunOffset + (c.Run * 32)));
        Assert.All(p.Cells, c => Assert.Equal(block, c.BlockEntries));
        Assert.Equal(block == 1 ? [] : [(0, 16), (16, 16)], p.Blocks);
    }

    [Fact]
    public void Raw_words_draw_the_same_as_the_table_they_came_from()
    {
        var a = Machines.Build("arm64-4k");
        var run = PteScenarios.Run(a, "lazyfree-touched", 65536, 131072);
        var words = Enumerable.Range(0, 32).Select(i => run.Table.Peek(i).Value).ToArray();
        var fromTable = PteRangePicture.Capture(a, run.Table, 0, 32, "t");
        var fromWords = PteRangePicture.FromWords(a, run.Table.BaseAddress, 0, words, "t");

        Assert.Equal(fromTable.Cells, fromWords.Cells);
        Assert.Contains(fromTable.Cells, c => c.WalkerDiffers);
    }

    [Fact]
    public void The_svg_is_well_formed_with_a_panel_per_picture()
    {
        var a = Machines.Build("arm64-4k");
        var run = PteScenarios.Run(a, "wrprotect", 65536, 131072);
        var p = PteRangePicture.Capture(a, run.Table, 0, 32, "<before & after>", run.CallStart, run.CallNr);
        using var w = new StringWriter();
        PteTableSvg.Write([p, p], w);
        var doc = XDocument.Parse(w.ToString());
        XNamespace svg = "http://www.w3.org/2000/svg";
        Assert.Equal(2, doc.Descendants(svg + "g").Count(g => (string?)g.Attribute("class") == "panel"));
        Assert.Equal(64, doc.Descendants(svg + "rect").Count(r => (string?)r.Attribute("class") == "cell"));
        Assert.Equal("<before & after>", doc.Descendants(svg + "text").First(t => (string?)t.Attribute("class") == "title").Value);
    }
}

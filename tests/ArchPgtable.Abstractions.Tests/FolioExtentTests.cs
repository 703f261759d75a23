namespace ArchPgtable.Abstractions.Tests;

public class FolioExtentTests
{
    [Theory]
    [InlineData(0x11FFUL, false)]
    [InlineData(0x1200UL, true)]
    [InlineData(0x120FUL, true)]
    [InlineData(0x1210UL, false)]
    public void A_folio_contains_exactly_its_pages(ulong pfn, bool expected)
    {
        var folio = new FolioExtent(0x1200, 16);

        Assert.Equal(0x1210UL, folio.EndPfn);
        Assert.Equal(expected, folio.Contains(pfn));
    }
}

using static ArchPgtable.Arm64.Arm64PteBits;

namespace ArchPgtable.Arm64.Tests;

public class DescribeTests
{
    private static readonly Arm64PteFormat F4K = Arm64PteFormat.For(Arm64Granule.Granule4K);

    [Fact]
    public void Page_shared_decodes_into_named_bits()
    {
        var pte = F4K.PfnPte(0x12345, new PteProt(Arm64PageProt.PAGE_SHARED));
        Assert.Equal("VALID|PAGE|USER|RDONLY|SH|AF|NG|DBM|PXN|UXN pfn=0x12345", F4K.Describe(pte));
    }

    [Fact]
    public void Cont_dirty_special_and_unknown_bits()
    {
        var pte = new Pte(Arm64PageProt.PAGE_SHARED | PTE_CONT | PTE_DIRTY | PTE_SPECIAL | (1UL << 58) | (0x12345UL << 12));
        Assert.Equal("VALID|PAGE|USER|RDONLY|SH|AF|NG|DBM|CONT|PXN|UXN|DIRTY|SPECIAL|0x400000000000000 pfn=0x12345", F4K.Describe(pte));
    }

    [Fact]
    public void Prot_none_prints_present_invalid()
    {
        var pte = F4K.PfnPte(0x42, new PteProt(Arm64PageProt.PAGE_NONE));
        Assert.Equal("PAGE|RDONLY|SH|AF|PRESENT_INVALID|PXN|UXN pfn=0x42", F4K.Describe(pte));
    }

    [Fact]
    public void None_and_attribute_index()
    {
        Assert.Equal("none", F4K.Describe(Pte.None));
        Assert.Equal("VALID|PAGE|ATTR=4|SH=2 pfn=0x0", F4K.Describe(new Pte(PTE_TYPE_PAGE | (4UL << 2) | (2UL << 8))));
    }

    [Fact]
    public void Pfn_uses_the_granule_shift()
    {
        var f = Arm64PteFormat.For(Arm64Granule.Granule64K);
        Assert.Equal("VALID|PAGE|AF|0x1000 pfn=0x7", f.Describe(new Pte(PTE_TYPE_PAGE | PTE_AF | (7UL << 16) | (1UL << 12))));
    }
}

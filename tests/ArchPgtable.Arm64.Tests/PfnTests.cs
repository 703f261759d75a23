using ArchPgtable.Arm64.Tests.Support;

namespace ArchPgtable.Arm64.Tests;

/// <summary>The PFN field per granule: bits 47:PAGE_SHIFT.</summary>
public class PfnTests
{
    [Theory]
    [InlineData(Arm64Granule.Granule4K, 0x0068000012345fc3UL)]   // 0x12345 << 12
    [InlineData(Arm64Granule.Granule16K, 0x0068000048d14fc3UL)]  // 0x12345 << 14
    [InlineData(Arm64Granule.Granule64K, 0x0068000123450fc3UL)]  // 0x12345 << 16
    public void Pfn_pte_of_PAGE_SHARED_has_the_hand_computed_value(Arm64Granule granule, ulong expected)
    {
        var f = Arm64PteFormat.For(granule);
        var pte = f.PfnPte(0x12345, new PteProt(Arm64PageProt.PAGE_SHARED));
        Assert.Equal(expected, pte.Value);
        Assert.Equal(0x12345UL, f.Pfn(pte));
        Assert.Equal(Arm64PageProt.PAGE_SHARED, f.Pgprot(pte).Value);
    }

    [Theory]
    [InlineData(Arm64Granule.Granule4K, 0x0000fffffffff000UL)]
    [InlineData(Arm64Granule.Granule16K, 0x0000ffffffffc000UL)]
    [InlineData(Arm64Granule.Granule64K, 0x0000ffffffff0000UL)]
    public void Pfn_field_is_bits_47_to_page_shift(Arm64Granule granule, ulong mask)
    {
        var f = Arm64PteFormat.For(granule);
        Assert.Equal(mask, f.PfnMask);
        var maxPfn = mask >> granule.PageShift();
        var pte = f.PfnPte(maxPfn, new PteProt(Arm64PageProt.PAGE_READONLY));
        Assert.Equal(maxPfn, f.Pfn(pte));
        Assert.Equal(Arm64PageProt.PAGE_READONLY, f.Pgprot(pte).Value);
        // A PFN too wide for a 48-bit PA loses its high bits instead of spilling into attribute bits.
        var wide = f.PfnPte(maxPfn + 1, new PteProt(0));
        Assert.Equal(0UL, wide.Value);
    }

    [Theory]
    [MemberData(nameof(Granules.All), MemberType = typeof(Granules))]
    public void Round_trip_and_advance(Arm64Granule granule)
    {
        var f = Arm64PteFormat.For(granule);
        var prot = new PteProt(Arm64PageProt.PAGE_SHARED | Arm64PteBits.PTE_CONT | Arm64PteBits.PTE_DIRTY);
        foreach (var pfn in new ulong[] { 0, 1, 0x40000, 0x12345, 0x7ffff })
        {
            var pte = f.PfnPte(pfn, prot);
            Assert.Equal(pfn, f.Pfn(pte));
            Assert.Equal(prot, f.Pgprot(pte));
            Assert.Equal(f.PfnPte(pfn + 3, prot), f.AdvancePfn(pte, 3));
            if (pfn > 0)
            {
                Assert.Equal(f.PfnPte(pfn - 1, prot), f.AdvancePfn(pte, -1));
            }
        }
    }

    [Fact]
    public void Low_address_bits_below_a_large_granule_are_not_pfn()
    {
        // With 64K pages bits 15:12 are not part of the (48-bit PA) PFN field: pgprot keeps them.
        var f = Arm64PteFormat.For(Arm64Granule.Granule64K);
        var pte = new Pte((0x12345UL << 16) | (1UL << 12) | Arm64PageProt.PAGE_SHARED);
        Assert.Equal(0x12345UL, f.Pfn(pte));
        Assert.Equal((1UL << 12) | Arm64PageProt.PAGE_SHARED, f.Pgprot(pte).Value);
    }
}

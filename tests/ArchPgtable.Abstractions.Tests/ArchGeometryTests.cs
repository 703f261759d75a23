namespace ArchPgtable.Abstractions.Tests;

public class ArchGeometryTests
{
    [Theory]
    // pageShift, vaBits, contPtes, PAGE_SIZE, PTRS_PER_PTE, bits/level, levels, PMD_SIZE, CONT_PTE_SIZE
    [InlineData(12, 48, 16, 0x1000UL, 512, 9, 4, 0x200000UL, 0x10000UL)] // arm64 4K: 36 index bits / 9 = 4 levels
    [InlineData(14, 48, 128, 0x4000UL, 2048, 11, 4, 0x2000000UL, 0x200000UL)] // arm64 16K: 34 / 11 -> 4 levels
    [InlineData(16, 48, 32, 0x10000UL, 8192, 13, 3, 0x20000000UL, 0x200000UL)] // arm64 64K: 32 / 13 -> 3 levels
    [InlineData(12, 39, 1, 0x1000UL, 512, 9, 3, 0x200000UL, 0x1000UL)] // riscv Sv39: 27 / 9 = 3 levels
    [InlineData(12, 57, 1, 0x1000UL, 512, 9, 5, 0x200000UL, 0x1000UL)] // x86 LA57: 45 / 9 = 5 levels
    [InlineData(14, 47, 128, 0x4000UL, 2048, 11, 3, 0x2000000UL, 0x200000UL)] // arm64 16K/47: 33 / 11 = 3 levels
    [InlineData(16, 42, 32, 0x10000UL, 8192, 13, 2, 0x20000000UL, 0x200000UL)] // arm64 64K/42: 26 / 13 = 2 levels
    public void Derived_sizes_follow_from_page_shift_and_va_bits(
        int pageShift, int vaBits, int contPtes,
        ulong pageSize, int ptrsPerPte, int bitsPerLevel, int levels, ulong pmdSize, ulong contPteSize)
    {
        var g = new ArchGeometry(pageShift, vaBits, contPtes);

        Assert.Equal(pageShift, g.PageShift);
        Assert.Equal(vaBits, g.VaBits);
        Assert.Equal(contPtes, g.ContPtes);
        Assert.Equal(pageSize, g.PageSize);
        Assert.Equal(ptrsPerPte, g.PtrsPerPte);
        Assert.Equal(bitsPerLevel, g.BitsPerLevel);
        Assert.Equal(levels, g.Levels);
        Assert.Equal(pmdSize, g.PmdSize);
        Assert.Equal(contPteSize, g.ContPteSize);
    }

    [Theory]
    [InlineData(12, 0x7f0000208000UL, 8)] // (0x7f0000208000 >> 12) & 0x1ff = 0x208 & 0x1ff
    [InlineData(12, 0x7f00003ff000UL, 511)]
    [InlineData(12, 0x7f0000400000UL, 0)] // first entry of the next PTE table
    [InlineData(12, 0x7f0000208fffUL, 8)] // any address inside the page
    [InlineData(14, 0x1234000UL, 1165)] // 0x1234000 >> 14 = 0x48d; & 0x7ff = 0x48d
    [InlineData(14, 0x3ffc000UL, 2047)] // 0xffff & 0x7ff
    [InlineData(16, 0x12340000UL, 4660)] // 0x1234 & 0x1fff
    [InlineData(16, 0x3ffff0000UL, 8191)] // 0x3ffff & 0x1fff
    public void PteIndex_is_the_page_number_modulo_PTRS_PER_PTE(int pageShift, ulong addr, int expected) =>
        Assert.Equal(expected, new ArchGeometry(pageShift, 48, 1).PteIndex(addr));

    [Theory]
    [InlineData(11)]
    [InlineData(17)]
    [InlineData(0)]
    public void Page_shift_outside_12_to_16_throws(int pageShift)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new ArchGeometry(pageShift, 48, 1));
        Assert.Equal("pageShift", ex.ParamName);
    }

    [Theory]
    [InlineData(12, 12)]
    [InlineData(16, 10)]
    [InlineData(12, 58)]
    [InlineData(12, 64)]
    public void VA_bits_not_above_page_shift_or_above_57_throw(int pageShift, int vaBits)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new ArchGeometry(pageShift, vaBits, 1));
        Assert.Equal("vaBits", ex.ParamName);
    }

    [Theory]
    [InlineData(12, 0)]
    [InlineData(12, -16)]
    [InlineData(12, 3)]
    [InlineData(12, 24)]
    [InlineData(12, 1024)] // more than the 512 entries of a 4K table
    [InlineData(14, 4096)] // more than the 2048 entries of a 16K table
    public void CONT_PTES_not_a_power_of_two_within_the_table_throws(int pageShift, int contPtes)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new ArchGeometry(pageShift, 48, contPtes));
        Assert.Equal("contPtes", ex.ParamName);
    }

    [Theory]
    [InlineData(12, 512)]
    [InlineData(16, 8192)]
    public void CONT_PTES_may_span_the_whole_table(int pageShift, int contPtes) =>
        Assert.Equal(contPtes, new ArchGeometry(pageShift, 48, contPtes).ContPtes);

    [Fact]
    public void Geometries_with_the_same_parameters_are_equal()
    {
        Assert.Equal(new ArchGeometry(12, 48, 16), new ArchGeometry(12, 48, 16));
        Assert.NotEqual(new ArchGeometry(12, 48, 16), new ArchGeometry(12, 48, 1));
    }
}

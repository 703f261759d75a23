namespace ArchPgtable.Abstractions.Tests;

public class PteTests
{
    [Fact]
    public void None_is_the_all_zero_word()
    {
        Assert.Equal(0UL, Pte.None.Value);
        Assert.Equal(default, Pte.None);
        Assert.True(Pte.None.IsNone);
    }

    [Theory]
    [InlineData(0x1UL)]
    [InlineData(0x1000UL)]
    [InlineData(0x8000000000000000UL)]
    public void Any_set_bit_makes_an_entry_not_none(ulong raw) =>
        Assert.False(new Pte(raw).IsNone);

    [Fact]
    public void Equality_is_by_raw_value()
    {
        var a = new Pte(0x120801F);
        var b = new Pte(0x120801F);
        var c = new Pte(0x120801D);

        Assert.Equal(a, b);
        Assert.True(a == b);
        Assert.False(a != b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a, c);
        Assert.True(a != c);
    }

    [Theory]
    [InlineData(0x0UL, "0x0000000000000000")]
    [InlineData(0x120801FUL, "0x000000000120801f")]
    [InlineData(0xFFFFFFFFFFFFFFFFUL, "0xffffffffffffffff")]
    [InlineData(0x8000000000000011UL, "0x8000000000000011")]
    public void ToString_is_zero_padded_lower_case_hex(ulong raw, string expected) =>
        Assert.Equal(expected, new Pte(raw).ToString());

    [Fact]
    public void PteProt_ToString_is_zero_padded_lower_case_hex() =>
        Assert.Equal("0x00000000000000ab", new PteProt(0xAB).ToString());
}

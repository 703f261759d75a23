namespace ArchPgtable.Abstractions.Tests;

/// <summary>default(PtePointer) is the NULL ptep: no table, index 0.</summary>
public class PtePointerDefaultTests
{
    [Fact]
    public void The_default_pointer_has_no_table_and_index_zero()
    {
        PtePointer p = default;

        Assert.Null(p.Table);
        Assert.Equal(0, p.Index);
    }

    [Fact]
    public void Default_pointers_are_equal_to_each_other_and_to_no_real_pointer()
    {
        var table = new PteTable(512);

        Assert.True(default(PtePointer) == default);
        Assert.Equal(default(PtePointer).GetHashCode(), default(PtePointer).GetHashCode());
        Assert.True(default(PtePointer) != table[0]);
    }

    [Fact]
    public void The_default_pointer_prints_without_throwing() =>
        Assert.Equal("pte[0] of table@0x0", default(PtePointer).ToString());

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(-1)]
    public void Arithmetic_on_the_default_pointer_is_an_invalid_operation(int n)
    {
        PtePointer p = default;

        var ex = Assert.Throws<InvalidOperationException>(() => p.Offset(n));
        Assert.Contains("null", ex.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void AlignDown_on_the_default_pointer_throws() =>
        Assert.ThrowsAny<ArgumentException>(() => default(PtePointer).AlignDown(16));
}

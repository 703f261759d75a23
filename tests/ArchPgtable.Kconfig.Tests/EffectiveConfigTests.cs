namespace ArchPgtable.Kconfig.Tests;

public class EffectiveConfigTests
{
    private static readonly EffectiveConfig Config = new("arm64", new Dictionary<string, string>
    {
        ["CONFIG_Y"] = "y",
        ["CONFIG_M"] = "m",
        ["CONFIG_N"] = "n",
        ["CONFIG_DEC"] = "48",
        ["CONFIG_NEG"] = "-3",
        ["CONFIG_HEX"] = "0x1F",
        ["CONFIG_STR"] = "\"s\"",
    });

    [Theory]
    [InlineData("CONFIG_Y", true)]
    [InlineData("CONFIG_M", true)]
    [InlineData("CONFIG_N", false)]
    [InlineData("CONFIG_DEC", false)]
    [InlineData("CONFIG_ABSENT", false)]
    public void IsEnabled_is_true_for_y_and_m_only(string symbol, bool enabled) =>
        Assert.Equal(enabled, Config.IsEnabled(symbol));

    [Theory]
    [InlineData("CONFIG_DEC", 48)]
    [InlineData("CONFIG_NEG", -3)]
    [InlineData("CONFIG_HEX", 31)]
    public void GetInt_reads_decimal_and_hex(string symbol, long value) =>
        Assert.Equal(value, Config.GetInt(symbol));

    [Fact]
    public void GetInt_of_an_unset_symbol_or_a_non_number_throws()
    {
        Assert.Throws<KeyNotFoundException>(() => Config.GetInt("CONFIG_ABSENT"));
        Assert.Throws<FormatException>(() => Config.GetInt("CONFIG_STR"));
    }

    [Fact]
    public void Get_returns_null_for_an_unset_symbol() => Assert.Null(Config.Get("CONFIG_ABSENT"));

    [Fact]
    public void Warnings_default_to_none() => Assert.Empty(Config.Warnings);

    [Fact]
    public void An_empty_arch_is_rejected() =>
        Assert.Throws<ArgumentException>(() => new EffectiveConfig("", new Dictionary<string, string>()));
}

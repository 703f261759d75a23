using ArchPgtable.Kconfig;

namespace ArchPgtable.Abstractions.Tests;

public class EffectiveConfigTests
{
    private static EffectiveConfig Config(params (string Name, string Value)[] values) =>
        new("arm64", values.ToDictionary(v => v.Name, v => v.Value));

    [Theory]
    [InlineData("y", true)]
    [InlineData("m", true)]
    [InlineData("n", false)]
    [InlineData("\"y\"", false)]
    [InlineData("48", false)]
    public void IsEnabled_is_true_for_y_and_m_only(string value, bool expected) =>
        Assert.Equal(expected, Config(("CONFIG_X", value)).IsEnabled("CONFIG_X"));

    [Fact]
    public void IsEnabled_is_false_for_an_unset_symbol() =>
        Assert.False(Config(("CONFIG_X", "y")).IsEnabled("CONFIG_Y"));

    [Fact]
    public void Get_returns_the_value_or_null() =>
        Assert.Multiple(
            () => Assert.Equal("48", Config(("CONFIG_ARM64_VA_BITS", "48")).Get("CONFIG_ARM64_VA_BITS")),
            () => Assert.Null(Config().Get("CONFIG_ARM64_VA_BITS")));

    [Theory]
    [InlineData("48", 48L)]
    [InlineData("0", 0L)]
    [InlineData("-5", -5L)]
    [InlineData("0x10", 16L)]
    [InlineData("0X1f", 31L)]
    [InlineData("0xffff800000000000", unchecked((long)0xffff800000000000UL))]
    public void GetInt_parses_decimal_and_0x_hex(string value, long expected) =>
        Assert.Equal(expected, Config(("CONFIG_N", value)).GetInt("CONFIG_N"));

    [Fact]
    public void GetInt_of_an_unset_symbol_throws_naming_it()
    {
        var ex = Assert.Throws<KeyNotFoundException>(() => Config().GetInt("CONFIG_PGTABLE_LEVELS"));
        Assert.Contains("CONFIG_PGTABLE_LEVELS", ex.Message);
    }

    [Theory]
    [InlineData("y")]
    [InlineData("0xzz")]
    [InlineData("")]
    public void GetInt_of_a_non_number_throws_FormatException(string value) =>
        Assert.Throws<FormatException>(() => Config(("CONFIG_N", value)).GetInt("CONFIG_N"));

    [Fact]
    public void Values_are_sorted_by_name_ordinally()
    {
        var config = Config(
            ("CONFIG_TRANSPARENT_HUGEPAGE", "y"),
            ("CONFIG_ARM64_CONTPTE", "y"),
            ("CONFIG_ARM64_4K_PAGES", "y"),
            ("CONFIG_DEBUG_VM", "n"),
            ("CONFIG_ARM64_VA_BITS", "48"));

        Assert.Equal(
            ["CONFIG_ARM64_4K_PAGES", "CONFIG_ARM64_CONTPTE", "CONFIG_ARM64_VA_BITS", "CONFIG_DEBUG_VM", "CONFIG_TRANSPARENT_HUGEPAGE"],
            config.Values.Keys);
        Assert.Equal("48", config.Values["CONFIG_ARM64_VA_BITS"]);
    }

    [Fact]
    public void The_config_keeps_a_copy_of_the_values_it_was_given()
    {
        var values = new Dictionary<string, string> { ["CONFIG_X"] = "y" };
        var config = new EffectiveConfig("generic", values);

        values["CONFIG_X"] = "n";
        values["CONFIG_Y"] = "y";

        Assert.True(config.IsEnabled("CONFIG_X"));
        Assert.False(config.IsEnabled("CONFIG_Y"));
    }

    [Fact]
    public void Arch_and_warnings_are_kept_and_warnings_default_to_empty()
    {
        var plain = Config();
        var warned = new EffectiveConfig("arm64", new Dictionary<string, string>(), ["CONFIG_ARM64_CONTPTE needs CONFIG_TRANSPARENT_HUGEPAGE"]);

        Assert.Equal("arm64", plain.Arch);
        Assert.Empty(plain.Warnings);
        Assert.Equal(["CONFIG_ARM64_CONTPTE needs CONFIG_TRANSPARENT_HUGEPAGE"], warned.Warnings);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void An_empty_arch_throws(string? arch) =>
        Assert.ThrowsAny<ArgumentException>(() => new EffectiveConfig(arch!, new Dictionary<string, string>()));
}

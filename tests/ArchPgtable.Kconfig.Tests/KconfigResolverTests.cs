using static ArchPgtable.Kconfig.Tests.TestSchema;

namespace ArchPgtable.Kconfig.Tests;

public class KconfigResolverTests
{
    [Fact]
    public void With_no_layers_every_symbol_has_its_default_and_there_are_no_warnings()
    {
        var config = Resolve();

        Assert.Equal("arm64", config.Arch);
        Assert.Equal(Symbols.ToDictionary(s => s.Name, s => s.Default), config.Values);
        Assert.Empty(config.Warnings);
    }

    [Fact]
    public void Values_are_sorted_by_name() =>
        Assert.Equal(Symbols.Select(s => s.Name).Order(StringComparer.Ordinal), Resolve().Values.Keys);

    [Fact]
    public void A_later_layer_wins()
    {
        var config = Resolve(
            File($"{VaBits}=39\n# {Contpte} is not set\n{Cmdline}=\"from file\"\n"),
            KernelConfig.FromPairs("environment", [new(VaBits, "42")]),
            Set($"{Contpte}=y"));

        Assert.Equal("42", config.Get(VaBits));
        Assert.Equal("y", config.Get(Contpte));
        Assert.Equal("\"from file\"", config.Get(Cmdline));
        Assert.Empty(config.Warnings);
    }

    [Fact]
    public void Within_one_layer_the_last_assignment_wins() =>
        Assert.Equal("52", Resolve(File($"{VaBits}=39\n{VaBits}=52\n")).Get(VaBits));

    [Fact]
    public void An_unknown_symbol_is_ignored_with_a_warning_naming_it_and_where_it_was_set()
    {
        var config = Resolve(File($"{Thp}=y\nCONFIG_NOT_HERE=y\n"));

        Assert.Null(config.Get("CONFIG_NOT_HERE"));
        var warning = Assert.Single(config.Warnings);
        Assert.Contains("test.config:2", warning, StringComparison.Ordinal);
        Assert.Contains("CONFIG_NOT_HERE", warning, StringComparison.Ordinal);
        Assert.Contains("arm64", warning, StringComparison.Ordinal);
    }

    [Fact]
    public void Arch_assignments_are_left_to_the_host() =>
        Assert.Empty(Resolve(File("ARCH=x86\n"), Set("ARCH=riscv")).Warnings);

    [Theory]
    [InlineData(Thp, "5", "is bool; '5' is not y or n")]
    [InlineData(Thp, "m", "is bool; 'm' is not y or n")]
    [InlineData(VaBits, "y", "is int; 'y' is not a decimal number")]
    [InlineData(VaBits, "0x30", "is int; '0x30' is not a decimal number")]
    [InlineData(PhysBase, "1024", "is hex; '1024' is not a 0x-prefixed hex number")]
    [InlineData(Cmdline, "y", "is string; 'y' is not a \"quoted string\"")]
    [InlineData(Module, "42", "is tristate; '42' is not y, m or n")]
    public void A_value_of_the_wrong_type_is_an_error_naming_source_and_line(string symbol, string value, string problem)
    {
        var file = File($"# header\n\n{symbol}={value}\n", "wrong.config");

        var e = Assert.Throws<KconfigParseException>(() => Resolve(file));

        Assert.Equal("wrong.config", e.SourceName);
        Assert.Equal(3, e.Line);
        Assert.Equal($"wrong.config:3: {symbol} {problem}.", e.Message);
    }

    [Fact]
    public void A_wrong_type_on_the_command_line_names_the_source()
    {
        var e = Assert.Throws<KconfigParseException>(() => Resolve(Set($"{VaBits}=n")));

        Assert.StartsWith($"--set: {VaBits} is int", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Setting_a_choice_member_turns_the_others_off()
    {
        var config = Resolve(Set($"{Pages16K}=y"));

        Assert.Equal("n", config.Get(Pages4K));
        Assert.Equal("y", config.Get(Pages16K));
        Assert.Equal("n", config.Get(Pages64K));
        Assert.Empty(config.Warnings);
    }

    [Fact]
    public void The_last_choice_member_set_to_y_wins_across_layers()
    {
        var config = Resolve(File($"{Pages16K}=y\n"), Set($"{Pages64K}=y"));

        Assert.Equal(["n", "n", "y"], new[] { Pages4K, Pages16K, Pages64K }.Select(config.Get));
    }

    [Fact]
    public void A_choice_with_every_member_n_falls_back_to_the_default_member_with_a_warning()
    {
        var config = Resolve(File($"# {Pages4K} is not set\n# {Pages16K} is not set\n# {Pages64K} is not set\n"));

        Assert.Equal(["y", "n", "n"], new[] { Pages4K, Pages16K, Pages64K }.Select(config.Get));
        var warning = Assert.Single(config.Warnings);
        Assert.Contains(PageSizeChoice, warning, StringComparison.Ordinal);
        Assert.Contains($"test.config:1 {Pages4K}", warning, StringComparison.Ordinal);
        Assert.Contains($"{Pages4K} selected", warning, StringComparison.Ordinal);
    }

    [Fact]
    public void Turning_off_the_only_y_member_of_a_choice_falls_back_to_the_default_member()
    {
        var config = Resolve(File($"{Pages16K}=y\n"), Set($"{Pages16K}=n"));

        Assert.Equal(["y", "n", "n"], new[] { Pages4K, Pages16K, Pages64K }.Select(config.Get));
        Assert.Contains(config.Warnings, w => w.Contains($"{Pages4K} selected", StringComparison.Ordinal));
    }

    [Fact]
    public void A_symbol_set_y_whose_dependency_is_n_is_forced_n_with_a_warning_naming_both()
    {
        var config = Resolve(File($"{Contpte}=y\n# {Thp} is not set\n"));

        Assert.Equal("n", config.Get(Contpte));
        Assert.Equal("n", config.Get(Thp));
        var warning = Assert.Single(config.Warnings);
        Assert.Contains(Contpte, warning, StringComparison.Ordinal);
        Assert.Contains(Thp, warning, StringComparison.Ordinal);
        Assert.Contains("test.config:1", warning, StringComparison.Ordinal);
        Assert.Contains("forced to n", warning, StringComparison.Ordinal);
    }

    [Fact]
    public void A_default_y_symbol_whose_dependency_is_turned_off_is_forced_n_and_says_it_was_the_default()
    {
        var config = Resolve(Set($"{Thp}=n"));

        Assert.Equal("n", config.Get(Contpte));
        var warning = Assert.Single(config.Warnings);
        Assert.Contains($"{Contpte}=y (default) depends on {Thp}", warning, StringComparison.Ordinal);
    }

    [Fact]
    public void A_dependency_that_is_on_leaves_the_symbol_alone()
    {
        var config = Resolve(Set($"{Thp}=y", $"{Contpte}=y"));

        Assert.True(config.IsEnabled(Contpte));
        Assert.Empty(config.Warnings);
    }

    [Fact]
    public void Dependencies_are_followed_transitively()
    {
        var config = Resolve(Set($"{ChainC}=n"));

        Assert.Equal(["n", "n", "n"], new[] { ChainA, ChainB, ChainC }.Select(config.Get));
        Assert.Equal(2, config.Warnings.Count);
        Assert.Contains(config.Warnings, w => w.StartsWith($"{ChainB}=y", StringComparison.Ordinal) && w.Contains(ChainC, StringComparison.Ordinal));
        Assert.Contains(config.Warnings, w => w.StartsWith($"{ChainA}=y", StringComparison.Ordinal) && w.Contains(ChainB, StringComparison.Ordinal));
    }

    [Fact]
    public void A_tristate_m_satisfies_a_dependency()
    {
        IReadOnlyList<KconfigSymbol> schema =
        [
            new("CONFIG_DRIVER", KconfigType.Tristate, "m", "a module"),
            KconfigSymbol.Bool("CONFIG_DRIVER_FEATURE", true, "needs the driver", "CONFIG_DRIVER"),
        ];

        var config = KconfigResolver.Resolve("generic", schema, []);

        Assert.True(config.IsEnabled("CONFIG_DRIVER_FEATURE"));
        Assert.True(config.IsEnabled("CONFIG_DRIVER"));
    }

    [Fact]
    public void A_schema_that_declares_a_symbol_twice_is_rejected() =>
        Assert.Throws<ArgumentException>(() => KconfigResolver.Resolve("x",
            [KconfigSymbol.Bool("CONFIG_A", true, "a"), KconfigSymbol.Bool("CONFIG_A", false, "again")], []));

    [Fact]
    public void A_schema_that_depends_on_an_undeclared_symbol_is_rejected()
    {
        var e = Assert.Throws<ArgumentException>(() => KconfigResolver.Resolve("x",
            [KconfigSymbol.Bool("CONFIG_A", true, "a", "CONFIG_MISSING")], []));

        Assert.Contains("CONFIG_MISSING", e.Message, StringComparison.Ordinal);
    }
}

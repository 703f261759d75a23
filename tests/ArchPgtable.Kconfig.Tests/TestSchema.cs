namespace ArchPgtable.Kconfig.Tests;

/// <summary>An arm64-like schema: THP, contpte depending on it, a page-size choice, numbers, a string, a chain.</summary>
internal static class TestSchema
{
    public const string Thp = "CONFIG_TRANSPARENT_HUGEPAGE";
    public const string Contpte = "CONFIG_ARM64_CONTPTE";
    public const string Pages4K = "CONFIG_ARM64_4K_PAGES";
    public const string Pages16K = "CONFIG_ARM64_16K_PAGES";
    public const string Pages64K = "CONFIG_ARM64_64K_PAGES";
    public const string VaBits = "CONFIG_ARM64_VA_BITS";
    public const string PhysBase = "CONFIG_PHYS_BASE";
    public const string Cmdline = "CONFIG_CMDLINE";
    public const string Module = "CONFIG_MODULE";
    public const string ChainA = "CONFIG_CHAIN_A";
    public const string ChainB = "CONFIG_CHAIN_B";
    public const string ChainC = "CONFIG_CHAIN_C";
    public const string PageSizeChoice = "ARM64_PAGE_SIZE";

    public static IReadOnlyList<KconfigSymbol> Symbols { get; } =
    [
        // The chain is declared top-down so that one pass is not enough.
        KconfigSymbol.Bool(ChainA, true, "needs B", ChainB),
        KconfigSymbol.Bool(ChainB, true, "needs C", ChainC),
        KconfigSymbol.Bool(ChainC, true, "the root of the chain"),
        KconfigSymbol.Bool(Contpte, true, "contiguous PTEs", Thp),
        KconfigSymbol.Bool(Thp, true, "transparent huge pages"),
        KconfigSymbol.Bool(Pages4K, true, "4K granule") with { Choice = PageSizeChoice },
        KconfigSymbol.Bool(Pages16K, false, "16K granule") with { Choice = PageSizeChoice },
        KconfigSymbol.Bool(Pages64K, false, "64K granule") with { Choice = PageSizeChoice },
        KconfigSymbol.Int(VaBits, 48, "VA bits"),
        new(PhysBase, KconfigType.Hex, "0x40000000", "physical base"),
        new(Cmdline, KconfigType.String, "\"\"", "command line"),
        new(Module, KconfigType.Tristate, "m", "a tristate"),
    ];

    public static EffectiveConfig Resolve(params KernelConfig[] layers) =>
        KconfigResolver.Resolve("arm64", Symbols, layers);

    public static KernelConfig File(string text, string name = "test.config") => KernelConfig.Parse(text, name);

    public static KernelConfig Set(params string[] assignments) => KernelConfig.FromAssignments("--set", assignments);
}

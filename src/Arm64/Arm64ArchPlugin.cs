using System.Globalization;
using ArchPgtable.Generic;
using ArchPgtable.Generic.Contiguous;
using ArchPgtable.Kconfig;
using ArchPgtable.Plugins;

namespace ArchPgtable.Arm64;

/// <summary>
/// The arm64 architecture: 4K/16K/64K granules, 48-bit PA descriptors with the DBM dirty
/// encoding, and the contpte layer when CONFIG_ARM64_CONTPTE is y (and its dependency
/// CONFIG_TRANSPARENT_HUGEPAGE is too).
/// </summary>
/// <remarks>Kernel: arch/arm64/</remarks>
[ArchPlugin(ArchName, Description = "AArch64: DBM dirty encoding, 4K/16K/64K granules, contpte (CONFIG_ARM64_CONTPTE)",
    Symbols = [Arm64Kconfig.Pages4K, Arm64Kconfig.Pages16K, Arm64Kconfig.Pages64K, Arm64Kconfig.VaBits,
        Arm64Kconfig.ContPte, Arm64Kconfig.HwAfdbm, CommonKconfig.TransparentHugepage, CommonKconfig.DebugVm])]
public sealed class Arm64ArchPlugin : IArchPlugin
{
    /// <summary>The architecture name.</summary>
    /// <remarks>Kernel: ARCH=arm64</remarks>
    public const string ArchName = "arm64";

    /// <inheritdoc/>
    /// <remarks>Kernel: ARCH=arm64</remarks>
    public string Arch => ArchName;

    /// <inheritdoc/>
    /// <remarks>Kernel: arch/arm64/Kconfig</remarks>
    public IReadOnlyList<KconfigSymbol> Kconfig => Arm64Kconfig.Symbols;

    /// <summary>
    /// Builds arm64 for <paramref name="config"/>: exactly one granule must be y; the VA width is
    /// CONFIG_ARM64_VA_BITS (48 when unset); the contpte helpers are used when both
    /// CONFIG_ARM64_CONTPTE and CONFIG_TRANSPARENT_HUGEPAGE are y, the raw ones otherwise;
    /// CONFIG_DEBUG_VM turns on the entry-level batch checks. The arch invariants are the Generic layer's
    /// block rules (<see cref="ContiguousInvariants{TEncoding}"/> over <see cref="Arm64ContEncoding"/>, PTE_CONT
    /// the private view bit), declared with or without the contpte layer (without it no entry has PTE_CONT).
    /// </summary>
    /// <exception cref="ArgumentException">The configuration is for another architecture, selects no granule or several, or has an unusable VA width.</exception>
    /// <remarks>Kernel: building arch/arm64 with a .config</remarks>
    public ArchInstance Build(EffectiveConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (config.Arch != ArchName)
        {
            throw new ArgumentException($"The arm64 plugin cannot build ARCH={config.Arch}.", nameof(config));
        }

        var granule = SelectGranule(config);
        var vaBits = ReadVaBits(config);
        var contPte = config.IsEnabled(Arm64Kconfig.ContPte) && config.IsEnabled(CommonKconfig.TransparentHugepage);
        var debugVm = config.IsEnabled(CommonKconfig.DebugVm);
        Arm64PageTableOps ops = contPte
            ? new Arm64ContPteOps(granule, vaBits, debugVm)
            : new Arm64NoContPteOps(granule, vaBits, debugVm);
        return new ArchInstance
        {
            Arch = ArchName,
            Config = config,
            Geometry = ops.Geometry,
            Format = ops.Format,
            Ops = ops,
            Hardware = new Arm64HardwareModel(config.IsEnabled(Arm64Kconfig.HwAfdbm), config.IsEnabled(Arm64Kconfig.HwAfdbm), granule.ContPtes()),
            Invariants = new ContiguousInvariants<Arm64ContEncoding>(new Arm64ContEncoding(ops.Arm64Format), granule.ContPtes(), ops.Format, Arm64PteBits.PTE_CONT),
            PmdOps = new Arm64PmdOps(ops.Arm64Format, ops.Geometry),
            Machines = new Arm64MachineSupport(config.IsEnabled(Arm64Kconfig.HwAfdbm), granule.ContPtes(),
                contPte ? () => new Arm64ContPteOps(granule, vaBits, debugVm, bbml2NoAbort: true) : null),
            Description = string.Create(CultureInfo.InvariantCulture,
                $"arm64, {granule.ShortName()} pages, {vaBits}-bit VA, {(contPte ? "contpte" : "no contpte")}, {(config.IsEnabled(Arm64Kconfig.HwAfdbm) ? "HAFDBS" : "no HAFDBS")}"),
        };
    }

    /// <summary>The one granule that is y.</summary>
    /// <exception cref="ArgumentException">None or several are y.</exception>
    /// <remarks>Kernel: the "Page size" choice</remarks>
    public static Arm64Granule SelectGranule(EffectiveConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        Arm64Granule[] all = [Arm64Granule.Granule4K, Arm64Granule.Granule16K, Arm64Granule.Granule64K];
        var enabled = all.Where(g => config.IsEnabled(g.KconfigSymbol())).ToArray();
        if (enabled.Length == 1)
        {
            return enabled[0];
        }

        var symbols = string.Join(", ", Arm64Kconfig.GranuleSymbols);
        var found = enabled.Length == 0
            ? "none is"
            : string.Join(" and ", enabled.Select(g => g.KconfigSymbol())) + " are";
        throw new ArgumentException(
            $"arm64: exactly one of {symbols} (choice {Arm64Kconfig.PageSizeChoice}) must be y, but {found} set.",
            nameof(config));
    }

    private static int ReadVaBits(EffectiveConfig config)
    {
        if (config.Get(Arm64Kconfig.VaBits) is null)
        {
            return Arm64Kconfig.DefaultVaBits;
        }

        long vaBits;
        try
        {
            vaBits = config.GetInt(Arm64Kconfig.VaBits);
        }
        catch (FormatException e)
        {
            throw new ArgumentException($"arm64: {Arm64Kconfig.VaBits} is not a number.", nameof(config), e);
        }

        if (vaBits is < 36 or > 52)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"arm64: {Arm64Kconfig.VaBits}={vaBits} is outside 36..52."), nameof(config));
        }

        return (int)vaBits;
    }
}

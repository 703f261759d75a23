using ArchPgtable.Hardware;
using ArchPgtable.Kconfig;
using ArchPgtable.Machines;

namespace ArchPgtable.Plugins;

/// <summary>One architecture built for one configuration: what core mm and the host work with.</summary>
/// <remarks>Kernel: a kernel built for ARCH= with a .config.</remarks>
public sealed class ArchInstance
{
    /// <summary>The architecture name.</summary>
    public required string Arch { get; init; }

    /// <summary>The configuration it was built with.</summary>
    public required EffectiveConfig Config { get; init; }

    /// <summary>The page-table geometry.</summary>
    public required ArchGeometry Geometry { get; init; }

    /// <summary>The PTE encoding.</summary>
    public required IPteFormat Format { get; init; }

    /// <summary>The page-table helpers in force.</summary>
    public required IPageTableOps Ops { get; init; }

    /// <summary>The MMU rules (access flag, dirty, contiguous blocks) this build's hardware follows.</summary>
    public required IHardwareModel Hardware { get; init; }

    /// <summary>The validity rules this build's page tables keep between operations (arm64: contiguous blocks
    /// well formed), or null when it declares none. The contract suite checks them after every step.</summary>
    public IArchInvariants? Invariants { get; init; }

    /// <summary>Contract properties this build is known to violate because upstream does (reported as expected
    /// failures, XFAIL); empty for most builds. See <see cref="KnownFinding"/>.</summary>
    public IReadOnlyList<KnownFinding> KnownFindings { get; init; } = [];

    /// <summary>The machines this build can run on (presets, agent capabilities, effective A/D under this
    /// configuration); null for a build that declares none: use <see cref="MachineSupportOrDefault"/>.</summary>
    public MachineSupport? Machines { get; init; }

    /// <summary><see cref="Machines"/>, or a one-CPU machine following <see cref="Hardware"/>.</summary>
    public MachineSupport MachineSupportOrDefault => Machines ?? (_singleCpu ??= MachineSupport.SingleCpu(Hardware));

    private MachineSupport? _singleCpu;

    /// <summary>The same build declaring <paramref name="findings"/> as its known findings (for a machine on which upstream's flaw becomes reachable).</summary>
    public ArchInstance WithKnownFindings(IReadOnlyList<KnownFinding> findings) => Copy(Ops, Description, findings);

    /// <summary>The same build with other helpers in force (and a new description); everything else is shared.</summary>
    public ArchInstance WithOps(IPageTableOps ops, string description) => Copy(ops, description, KnownFindings);

    /// <summary>The same build with other PMD helpers in force (e.g. a deliberately broken override in a test); everything else is shared.</summary>
    public ArchInstance WithPmdOps(PmdOps pmdOps) => new()
    {
        Arch = Arch,
        Config = Config,
        Geometry = Geometry,
        Format = Format,
        Ops = Ops,
        Hardware = Hardware,
        Invariants = Invariants,
        KnownFindings = KnownFindings,
        Machines = Machines,
        PmdOps = pmdOps,
        Description = Description,
    };

    private ArchInstance Copy(IPageTableOps ops, string description, IReadOnlyList<KnownFinding> findings) => new()
    {
        Arch = Arch,
        Config = Config,
        Geometry = Geometry,
        Format = Format,
        Ops = ops,
        Hardware = Hardware,
        Invariants = Invariants,
        KnownFindings = findings,
        Machines = Machines,
        PmdOps = PmdOps,
        Description = description,
    };

    /// <summary>The PMD-level helpers for PMD-mapped THPs (generic defaults plus the arch's overrides); null for a build that has none.</summary>
    public PmdOps? PmdOps { get; init; }

    /// <summary>A one-line description of the build, e.g. <c>arm64, 4K pages, 48-bit VA, contpte</c>.</summary>
    public string Description { get; init; } = "";
}

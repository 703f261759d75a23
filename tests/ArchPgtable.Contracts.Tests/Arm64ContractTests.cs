using ArchPgtable.Arm64;
using ArchPgtable.Contracts.Tests.Support;
using ArchPgtable.Plugins;

namespace ArchPgtable.Contracts.Tests;

// The contract suite on every shipped arm64 configuration: CONFIG_ARM64_CONTPTE on/off,
// each granule, CONFIG_ARM64_HW_AFDBM (FEAT_HAFDBS) on/off.

public sealed class Arm64_4K_ContPte_Hafdbs : ArchContractTests
{
    protected override ArchInstance CreateArch() => Builds.Arm64(Arm64Granule.Granule4K, contPte: true, hafdbs: true);
}

public sealed class Arm64_4K_ContPte_NoHafdbs : ArchContractTests
{
    protected override ArchInstance CreateArch() => Builds.Arm64(Arm64Granule.Granule4K, contPte: true, hafdbs: false);
}

public sealed class Arm64_4K_NoContPte_Hafdbs : ArchContractTests
{
    protected override ArchInstance CreateArch() => Builds.Arm64(Arm64Granule.Granule4K, contPte: false, hafdbs: true);
}

public sealed class Arm64_4K_NoContPte_NoHafdbs : ArchContractTests
{
    protected override ArchInstance CreateArch() => Builds.Arm64(Arm64Granule.Granule4K, contPte: false, hafdbs: false);
}

public sealed class Arm64_16K_ContPte_Hafdbs : ArchContractTests
{
    protected override ArchInstance CreateArch() => Builds.Arm64(Arm64Granule.Granule16K, contPte: true, hafdbs: true);

    protected override int Cases => 150;
}

public sealed class Arm64_16K_ContPte_NoHafdbs : ArchContractTests
{
    protected override ArchInstance CreateArch() => Builds.Arm64(Arm64Granule.Granule16K, contPte: true, hafdbs: false);

    protected override int Cases => 150;
}

public sealed class Arm64_16K_NoContPte_Hafdbs : ArchContractTests
{
    protected override ArchInstance CreateArch() => Builds.Arm64(Arm64Granule.Granule16K, contPte: false, hafdbs: true);

    protected override int Cases => 150;
}

public sealed class Arm64_16K_NoContPte_NoHafdbs : ArchContractTests
{
    protected override ArchInstance CreateArch() => Builds.Arm64(Arm64Granule.Granule16K, contPte: false, hafdbs: false);

    protected override int Cases => 150;
}

public sealed class Arm64_64K_ContPte_Hafdbs : ArchContractTests
{
    protected override ArchInstance CreateArch() => Builds.Arm64(Arm64Granule.Granule64K, contPte: true, hafdbs: true);

    protected override int Cases => 200;
}

public sealed class Arm64_64K_ContPte_NoHafdbs : ArchContractTests
{
    protected override ArchInstance CreateArch() => Builds.Arm64(Arm64Granule.Granule64K, contPte: true, hafdbs: false);

    protected override int Cases => 200;
}

public sealed class Arm64_64K_NoContPte_Hafdbs : ArchContractTests
{
    protected override ArchInstance CreateArch() => Builds.Arm64(Arm64Granule.Granule64K, contPte: false, hafdbs: true);

    protected override int Cases => 200;
}

public sealed class Arm64_64K_NoContPte_NoHafdbs : ArchContractTests
{
    protected override ArchInstance CreateArch() => Builds.Arm64(Arm64Granule.Granule64K, contPte: false, hafdbs: false);

    protected override int Cases => 200;
}

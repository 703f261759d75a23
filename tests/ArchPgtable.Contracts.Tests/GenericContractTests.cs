using ArchPgtable.Contracts.Tests.Support;
using ArchPgtable.Plugins;

namespace ArchPgtable.Contracts.Tests;

/// <summary>The contract suite on the in-box generic reference architecture (pgtable.h defaults only).</summary>
public sealed class GenericContractTests : ArchContractTests
{
    protected override ArchInstance CreateArch() => Builds.Generic();
}

using ArchPgtable.Arm64;

namespace ArchPgtable.Testing.KnownBad;

/// <summary>The v4 override with only bug 2 (first entry cont ⇒ exactly one block cleaned, nr ignored).</summary>
public sealed class V4Bug2Ops(Arm64Granule granule) : V4MkoldCleanOps(granule)
{
    protected override bool Bug1 => false;
}

using ArchPgtable.Arm64;

namespace ArchPgtable.Testing.KnownBad;

/// <summary>The v4 override with only bug 1 (first entry not cont ⇒ the whole range treated as not cont).</summary>
public sealed class V4Bug1Ops(Arm64Granule granule) : V4MkoldCleanOps(granule)
{
    protected override bool Bug2 => false;
}

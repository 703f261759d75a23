namespace ArchPgtable.Arm64.Tests.Support;

/// <summary>Theory data: every arm64 granule.</summary>
public static class Granules
{
    public static TheoryData<Arm64Granule> All => new(Arm64Granule.Granule4K, Arm64Granule.Granule16K, Arm64Granule.Granule64K);
}

namespace ArchPgtable.Generic.Tests;

/// <summary>clear_young_dirty_ptes takes CYDP_CLEAR_YOUNG, CYDP_CLEAR_DIRTY or both; nothing else.</summary>
public class BatchContractFlagsTests
{
    [Theory]
    [InlineData(0, true)]
    [InlineData(4, true)]
    [InlineData(5, true)]
    [InlineData(7, false)]
    [InlineData(-1, false)]
    public void Invalid_flags_are_rejected_before_anything_is_touched(int flags, bool debugVm)
    {
        var rig = new GenericRig(debugVm).SeedStandardBatch();

        ContractRejection.Assert(rig, "clear_young_dirty_ptes",
            () => rig.Ops.ClearYoungDirtyPtes(rig.Mm, GenericRig.Addr(8), rig.Ptep(8), 4, (CydpFlags)flags),
            "flags must be CYDP_CLEAR_YOUNG, CYDP_CLEAR_DIRTY or both", $"(got {flags})");
    }
}

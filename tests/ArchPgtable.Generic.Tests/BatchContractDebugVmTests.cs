namespace ArchPgtable.Generic.Tests;

/// <summary>
/// With CONFIG_DEBUG_VM=y the entry-level rules are checked too: batches of present entries only,
/// and set_ptes with nr &gt; 1 only onto not-present targets with a present new entry.
/// </summary>
public class BatchContractDebugVmTests
{
    public static TheoryData<string> PresentBatchHelpers => HelperCalls.PresentBatchHelpers;

    [Theory]
    [MemberData(nameof(PresentBatchHelpers))]
    public void A_none_entry_inside_the_batch_is_rejected(string helper)
    {
        var rig = new GenericRig(debugVm: true).SeedStandardBatch().Seed((10, 0));

        ContractRejection.Assert(rig, helper,
            () => HelperCalls.Call(rig.Ops, rig.Mm, helper, GenericRig.Addr(8), rig.Ptep(8), 4),
            "entry 2 of the batch (PTE index 10) is not present (none)");
    }

    [Theory]
    [MemberData(nameof(PresentBatchHelpers))]
    public void A_non_present_swap_like_entry_at_the_end_of_the_batch_is_rejected(string helper)
    {
        // 0x5000: pfn 5, PRESENT clear — not none, not present.
        var rig = new GenericRig(debugVm: true).SeedStandardBatch().Seed((11, 0x5000));

        ContractRejection.Assert(rig, helper,
            () => HelperCalls.Call(rig.Ops, rig.Mm, helper, GenericRig.Addr(8), rig.Ptep(8), 4),
            "entry 3 of the batch (PTE index 11) is not present (pfn=0x5)");
    }

    [Theory]
    [MemberData(nameof(PresentBatchHelpers))]
    public void A_non_present_first_entry_is_rejected_even_for_a_batch_of_one(string helper)
    {
        var rig = new GenericRig(debugVm: true).SeedStandardBatch();

        ContractRejection.Assert(rig, helper,
            () => HelperCalls.Call(rig.Ops, rig.Mm, helper, GenericRig.Addr(100), rig.Ptep(100), 1),
            "entry 0 of the batch (PTE index 100) is not present (none)");
    }

    [Fact]
    public void SetPtes_of_several_entries_onto_a_present_target_is_rejected()
    {
        // Only entry 22 is present: PRESENT|USER, pfn 0x1209.
        var rig = new GenericRig(debugVm: true).Seed((22, 0x1209011));

        ContractRejection.Assert(rig, "set_ptes",
            () => rig.Ops.SetPtes(rig.Mm, GenericRig.Addr(20), rig.Ptep(20), new Pte(0x1208013), 4),
            "with nr=4 every target must start not present, but entry 2 (PTE index 22) is PRESENT|USER pfn=0x1209");
    }

    [Fact]
    public void SetPtes_of_several_entries_with_a_non_present_new_entry_is_rejected()
    {
        var rig = new GenericRig(debugVm: true);

        // 0x1208012: WRITE(2)|USER(0x10), PRESENT clear.
        ContractRejection.Assert(rig, "set_ptes",
            () => rig.Ops.SetPtes(rig.Mm, GenericRig.Addr(20), rig.Ptep(20), new Pte(0x1208012), 4),
            "with nr=4 the new entry must be present (WRITE|USER pfn=0x1208)");
    }

    [Fact]
    public void SetPtes_of_one_entry_may_overwrite_a_present_entry()
    {
        var rig = new GenericRig(debugVm: true).SeedStandardBatch();

        rig.Ops.SetPtes(rig.Mm, GenericRig.Addr(9), rig.Ptep(9), new Pte(0x1209013), 1);

        Assert.Equal(0x1209013UL, rig.Word(9));
    }
}

namespace ArchPgtable.Generic.Tests;

/// <summary>
/// The structural rules of the batch contract (nr ≥ 1, one PTE table, a page-aligned address that
/// matches ptep) are enforced with or without CONFIG_DEBUG_VM, before any entry is touched.
/// </summary>
public class BatchContractStructuralTests
{
    public static TheoryData<string> BatchHelpers => HelperCalls.BatchHelpers;

    public static TheoryData<string> AddressedHelpers => HelperCalls.AddressedHelpers;

    private static GenericRig Rig(bool debugVm) => new GenericRig(debugVm).SeedStandardBatch().Seed((510, 0x1300013), (511, 0x1301013));

    [Theory]
    [MemberData(nameof(BatchHelpers))]
    public void Nr_zero_is_rejected(string helper)
    {
        foreach (var debugVm in new[] { true, false })
        {
            var rig = Rig(debugVm);

            var ex = ContractRejection.Assert(rig, helper,
                () => HelperCalls.Call(rig.Ops, rig.Mm, helper, GenericRig.Addr(8), rig.Ptep(8), 0),
                "nr must be at least 1 (got 0)");
            Assert.IsType<ArgumentOutOfRangeException>(ex);
        }
    }

    [Theory]
    [MemberData(nameof(BatchHelpers))]
    public void Negative_nr_is_rejected(string helper)
    {
        var rig = Rig(true);

        ContractRejection.Assert(rig, helper,
            () => HelperCalls.Call(rig.Ops, rig.Mm, helper, GenericRig.Addr(8), rig.Ptep(8), -1),
            "nr must be at least 1 (got -1)");
    }

    [Theory]
    [MemberData(nameof(BatchHelpers))]
    public void A_batch_crossing_the_end_of_the_PTE_table_is_rejected(string helper)
    {
        foreach (var debugVm in new[] { true, false })
        {
            var rig = Rig(debugVm);

            // Entries 510 and 511 are present; 510 + 4 runs two entries into the next PMD's table.
            ContractRejection.Assert(rig, helper,
                () => HelperCalls.Call(rig.Ops, rig.Mm, helper, GenericRig.Addr(510), rig.Ptep(510), 4),
                "nr=4 from PTE index 510 crosses the PTE table boundary (512 entries)");
        }
    }

    [Theory]
    [MemberData(nameof(BatchHelpers))]
    public void A_batch_ending_exactly_at_the_table_end_is_accepted(string helper)
    {
        var rig = new GenericRig().Seed((510, 0x1300013), (511, 0x1301013));
        if (helper == "set_ptes")
        {
            rig.Seed((510, 0), (511, 0));
        }

        HelperCalls.Call(rig.Ops, rig.Mm, helper, GenericRig.Addr(510), rig.Ptep(510), 2);

        Assert.NotEqual(0, rig.Mm.Cost.PteWrites + rig.Mm.Cost.PteReads);
    }

    [Theory]
    [MemberData(nameof(AddressedHelpers))]
    public void An_unaligned_address_is_rejected(string helper)
    {
        foreach (var debugVm in new[] { true, false })
        {
            var rig = Rig(debugVm);

            // Addr(8) + 0x10 = 0x7f0000208010: inside the right page, but not its start.
            ContractRejection.Assert(rig, helper,
                () => HelperCalls.Call(rig.Ops, rig.Mm, helper, GenericRig.Addr(8) + 0x10, rig.Ptep(8), 1),
                "addr 0x7f0000208010 is not aligned to the 4096-byte page size");
        }
    }

    [Theory]
    [MemberData(nameof(AddressedHelpers))]
    public void An_address_whose_PTE_index_does_not_match_ptep_is_rejected(string helper)
    {
        foreach (var debugVm in new[] { true, false })
        {
            var rig = Rig(debugVm);

            // Addr(9) = 0x7f0000209000 is entry 9; ptep is entry 8.
            ContractRejection.Assert(rig, helper,
                () => HelperCalls.Call(rig.Ops, rig.Mm, helper, GenericRig.Addr(9), rig.Ptep(8), 1),
                "addr 0x7f0000209000 maps PTE index 9 but ptep points at index 8");
        }
    }

    [Theory]
    [MemberData(nameof(AddressedHelpers))]
    public void The_null_pointer_is_rejected(string helper)
    {
        var rig = Rig(true);

        ContractRejection.Assert(rig, helper,
            () => HelperCalls.Call(rig.Ops, rig.Mm, helper, GenericRig.Addr(8), default, 1),
            "ptep is a null PTE pointer");
    }

    [Theory]
    [MemberData(nameof(AddressedHelpers))]
    public void A_null_mm_is_rejected(string helper)
    {
        var rig = Rig(true);
        var before = rig.Words();

        Assert.Throws<ArgumentNullException>(() => HelperCalls.Call(rig.Ops, null!, helper, GenericRig.Addr(8), rig.Ptep(8), 1));

        Assert.Equal(before, rig.Words());
    }
}

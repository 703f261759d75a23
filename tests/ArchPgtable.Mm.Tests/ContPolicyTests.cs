using ArchPgtable.Mm.Hardware;

namespace ArchPgtable.Mm.Tests;

/// <summary>
/// Which entry of a contiguous block the hardware updates (ContPolicy): the first, the accessed
/// one, or a seeded random one — always exactly one entry, always inside the block, and the
/// gathered ptep_get() view reports young on every entry of the block either way.
/// </summary>
public sealed class ContPolicyTests
{
    private const int Accessed = 5;

    /// <summary>Maps one 64K folio (a folded 16-entry block on arm64 4K), ages it, drops the TLB, then reads page <see cref="Accessed"/>.</summary>
    private static (int[] Young, bool[] GatheredYoung) ReadAfterAging(ContPolicy policy, int seed)
    {
        var arch = Machines.Build("arm64-4k");
        var (sys, mm) = Machines.Create(arch, 64 << 10, folioOrder: 4, policy, seed);
        Machines.WriteAll(sys, mm, Machines.Base, 64 << 10);
        var ptep = mm.PageTable.PtePointer(Machines.Base);
        arch.Ops.ClearYoungDirtyPtes(mm, Machines.Base, ptep, 16, CydpFlags.Young);
        mm.Tlb.FlushAll();

        sys.Mmu.Read(mm, Machines.Base + (Accessed * 4096UL));

        var young = Enumerable.Range(0, 16).Where(i => arch.Format.Young((ptep + i).Peek())).ToArray();
        var gathered = Enumerable.Range(0, 16).Select(i => arch.Format.Young(arch.Ops.PtepGet(ptep + i))).ToArray();
        return (young, gathered);
    }

    [Theory]
    [InlineData(ContPolicy.First, 0)]
    [InlineData(ContPolicy.Accessed, Accessed)]
    public void The_access_flag_lands_on_the_entry_the_policy_names(ContPolicy policy, int expected)
    {
        var (young, gathered) = ReadAfterAging(policy, seed: 1);

        Assert.Equal([expected], young);
        Assert.All(gathered, Assert.True);
    }

    [Fact]
    public void Random_lands_on_one_entry_of_the_block_chosen_by_the_seed()
    {
        var landed = new HashSet<int>();
        for (var seed = 1; seed <= 24; seed++)
        {
            var (young, gathered) = ReadAfterAging(ContPolicy.Random, seed);
            var entry = Assert.Single(young);
            Assert.InRange(entry, 0, 15);
            Assert.All(gathered, Assert.True);
            Assert.Equal(young, ReadAfterAging(ContPolicy.Random, seed).Young);
            landed.Add(entry);
        }

        Assert.True(landed.Count >= 4, $"24 seeds landed on only {landed.Count} distinct entries");
    }

    [Fact]
    public void A_landing_entry_outside_the_block_falls_back_to_the_accessed_entry_as_a_page()
    {
        var arch = Machines.Build("arm64-4k");
        var (sys, mm) = Machines.Create(arch, 64 << 10, folioOrder: 4);
        Machines.WriteAll(sys, mm, Machines.Base, 64 << 10);
        var ptep = mm.PageTable.PtePointer(Machines.Base);
        arch.Ops.ClearYoungDirtyPtes(mm, Machines.Base, ptep, 16, CydpFlags.Young);
        // Entry 9 leaves the block (a raw write of its non-contiguous form, as a broken helper might).
        var table = ptep.Table;
        var nine = table.Peek(ptep.Index + 9);
        table.Write(ptep.Index + 9, new Pte(nine.Value & ~Arm64.Arm64PteBits.PTE_CONT));

        var step = DescriptorWalk.Step(table, ptep.Index + Accessed, landing: 9, arch.Hardware, ArchPgtable.Hardware.MemoryAccess.Read);

        Assert.Equal(ptep.Index + Accessed, step.Target);
        Assert.Equal(1, step.Block);
        Assert.True(step.Updated);
        Assert.True(arch.Format.Young(table.Peek(ptep.Index + Accessed)));
    }
}

namespace ArchPgtable.Generic.Contiguous;

/// <summary>
/// The helpers of an architecture with contiguous blocks, all routed through <see cref="ContiguousBlocks{TEncoding}"/>:
/// derive, pass your encoding struct, and every helper a contpte architecture overrides is block-aware (the rest stay the
/// pgtable.h defaults of <see cref="GenericPageTableOps"/>). Override a <c>…Core</c> member again where your architecture
/// differs. Setters strip the encoding from incoming values (<see cref="IContiguousEncoding.Plain"/>). The batched young
/// helpers of 2026 mainline (<c>contpte_test_and_clear_young_ptes()</c>, <c>contpte_clear_flush_young_ptes()</c>) stay the
/// pgtable.h defaults here, as on riscv; an arch that has them routes them to <see cref="ContiguousBlocks{TEncoding}.TestAndClearYoungPtes"/>
/// and <see cref="ContiguousBlocks{TEncoding}.ClearFlushYoungPtes"/> (arm64 does).
/// </summary>
/// <typeparam name="TEncoding">The architecture's hook set.</typeparam>
/// <remarks>Kernel: the CONFIG_ARM64_CONTPTE branch of arch/arm64/include/asm/pgtable.h, for any encoding.</remarks>
public abstract class ContiguousPageTableOps<TEncoding> : GenericPageTableOps
    where TEncoding : struct, IContiguousEncoding
{
    /// <summary>Creates the helpers.</summary>
    /// <param name="format">The PTE encoding core mm uses.</param>
    /// <param name="geometry">The geometry; <see cref="ArchGeometry.ContPtes"/> is the block size.</param>
    /// <param name="encoding">The block hooks.</param>
    /// <param name="debugVm">Check entry-level batch preconditions (CONFIG_DEBUG_VM).</param>
    /// <param name="blockNoun">What the architecture calls a block, for messages (e.g. <c>NAPOT range</c>).</param>
    /// <remarks>Kernel: an architecture built with its contiguous-PTE layer.</remarks>
    protected ContiguousPageTableOps(IPteFormat format, ArchGeometry geometry, TEncoding encoding, bool debugVm = true, string blockNoun = "contiguous block")
        : base(format, geometry, debugVm)
    {
        ArgumentNullException.ThrowIfNull(geometry);
        Blocks = new ContiguousBlocks<TEncoding>(encoding, geometry.PageShift, geometry.ContPtes);
        _blockNoun = blockNoun;
        _misprogrammed = "misprogrammed " + blockNoun;
    }

    private readonly string _blockNoun;
    private readonly string _misprogrammed;

    /// <summary>The layer the helpers route through.</summary>
    protected ContiguousBlocks<TEncoding> Blocks { get; }

    /// <inheritdoc/>
    [KernelHelper("contpte_ptep_get")]
    protected override Pte PtepGetCore(PtePointer ptep) => Blocks.PtepGet(ptep);

    /// <inheritdoc/>
    [KernelHelper("contpte_ptep_get_lockless")]
    protected override Pte PtepGetLocklessCore(PtePointer ptep) => Blocks.PtepGetLockless(ptep, _blockNoun, _misprogrammed);

    /// <inheritdoc/>
    [KernelHelper("contpte_set_ptes")]
    protected override void SetPtesCore(IMmContext mm, ulong addr, PtePointer ptep, Pte pte, int nr) =>
        Blocks.SetPtes(mm, addr, ptep, Blocks.Encoding.Plain(pte, 0), nr);

    /// <inheritdoc/>
    [KernelHelper("ptep_get_and_clear")]
    protected override Pte PtepGetAndClearCore(IMmContext mm, ulong addr, PtePointer ptep) => Blocks.PtepGetAndClear(mm, addr, ptep);

    /// <inheritdoc/>
    [KernelHelper("contpte_get_and_clear_full_ptes")]
    protected override Pte GetAndClearFullPtesCore(IMmContext mm, ulong addr, PtePointer ptep, int nr, bool full) =>
        Blocks.GetAndClearFullPtes(mm, addr, ptep, nr);

    /// <inheritdoc/>
    [KernelHelper("contpte_clear_full_ptes")]
    protected override void ClearFullPtesCore(IMmContext mm, ulong addr, PtePointer ptep, int nr, bool full) =>
        Blocks.ClearFullPtes(mm, addr, ptep, nr);

    /// <inheritdoc/>
    [KernelHelper("contpte_ptep_test_and_clear_young")]
    protected override bool PtepTestAndClearYoungCore(IMmContext vma, ulong addr, PtePointer ptep) => Blocks.PtepTestAndClearYoung(ptep);

    /// <inheritdoc/>
    [KernelHelper("contpte_ptep_clear_flush_young")]
    protected override bool PtepClearFlushYoungCore(IMmContext vma, ulong addr, PtePointer ptep) => Blocks.PtepClearFlushYoung(vma, addr, ptep);

    /// <inheritdoc/>
    [KernelHelper("ptep_set_wrprotect")]
    protected override void PtepSetWrprotectCore(IMmContext mm, ulong addr, PtePointer ptep) => Blocks.WrprotectPtes(mm, addr, ptep, 1);

    /// <inheritdoc/>
    [KernelHelper("contpte_wrprotect_ptes")]
    protected override void WrprotectPtesCore(IMmContext mm, ulong addr, PtePointer ptep, int nr) => Blocks.WrprotectPtes(mm, addr, ptep, nr);

    /// <inheritdoc/>
    [KernelHelper("contpte_ptep_set_access_flags")]
    protected override bool PtepSetAccessFlagsCore(IMmContext vma, ulong addr, PtePointer ptep, Pte entry, bool dirty) =>
        Blocks.PtepSetAccessFlags(vma, addr, ptep, Blocks.Encoding.Plain(entry, 0), dirty);

    /// <inheritdoc/>
    [KernelHelper("contpte_clear_young_dirty_ptes")]
    protected override void ClearYoungDirtyPtesCore(IMmContext vma, ulong addr, PtePointer ptep, int nr, CydpFlags flags) =>
        Blocks.ClearYoungDirtyPtes(addr, ptep, nr, flags);

    /// <inheritdoc/>
    [KernelHelper("contpte_mkold_clean_ptes")]
    protected override void MkoldCleanPtesCore(IMmContext vma, ulong addr, PtePointer ptep, int nr) =>
        Blocks.ClearYoungDirtyPtes(addr, ptep, nr, CydpFlags.Young | CydpFlags.Dirty);

    /// <inheritdoc/>
    [KernelHelper("pte_batch_hint")]
    protected override int PteBatchHintCore(PtePointer ptep, Pte pte) => Blocks.PteBatchHint(ptep, pte);
}

namespace ArchPgtable.Mm.Rendering;

/// <summary>One entry of a rendered PTE range: the raw descriptor a walker evaluates and the core-mm view.</summary>
/// <param name="Index">The entry's index in its PTE table.</param>
/// <param name="Va">The virtual address it maps.</param>
/// <param name="Raw">The raw descriptor word.</param>
/// <param name="Present">pte_present() of the raw word.</param>
/// <param name="Swap">The entry is a swap entry.</param>
/// <param name="Pfn">pte_pfn(ptep_get()) when present: the page this entry maps (a riscv NAPOT entry's raw PPN names its block).</param>
/// <param name="Young">pte_young() of the raw word: what a walker landing on this entry sees.</param>
/// <param name="Dirty">pte_dirty() of the raw word.</param>
/// <param name="Write">pte_write() of the raw word.</param>
/// <param name="ViewYoung">pte_young(ptep_get()): the core-mm view, gathered over a contiguous block.</param>
/// <param name="ViewDirty">pte_dirty(ptep_get()).</param>
/// <param name="ViewWrite">pte_write(ptep_get()).</param>
/// <param name="BlockStart">The first index of the contiguous block (arm64 PTE_CONT, riscv NAPOT) the hardware treats this entry as part of; the entry's own index when none.</param>
/// <param name="BlockEntries">Entries in that block; 1 when the entry is not part of one.</param>
/// <param name="Run">The PFN run: entries that map consecutive PFNs share a run number (0, 1, …); -1 when not present.</param>
/// <param name="RunOffset">The entry's page within its run.</param>
/// <param name="Description">The arch's decoding of the raw word.</param>
public readonly record struct PteCell(
    int Index, ulong Va, ulong Raw, bool Present, bool Swap, ulong Pfn,
    bool Young, bool Dirty, bool Write, bool ViewYoung, bool ViewDirty, bool ViewWrite,
    int BlockStart, int BlockEntries, int Run, int RunOffset, string Description)
{
    /// <summary>True when the entry is part of a contiguous block.</summary>
    public bool InBlock => BlockEntries > 1;

    /// <summary>True when a walker evaluating this entry sees other young/dirty/write bits than ptep_get() reports.</summary>
    public bool WalkerDiffers => Present && (Young != ViewYoung || Dirty != ViewDirty || Write != ViewWrite);
}
